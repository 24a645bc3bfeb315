"""Digest groups at the scale of a book: files pair by relative path, else by content, and
every group is aligned and checked on its own."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker import align
from checker.cli import main
from checker.config import Settings
from checker.load import paired_by_path
from checker.models import Paragraph, Segmented, Sentence
from checker.pipeline import run
from tests.book import TRANSLATORS, write_book
from tests.paths import EXAMPLES, FREE, OTHER_DIGEST


def _names(paths) -> tuple[str, ...]:
    return tuple(str(Path(p).relative_to(Path(p).parent.parent)) for p in paths)


def test_folders_pair_by_relative_path(tmp_path):
    for translator in TRANSLATORS:
        for n in range(1, 101):
            path = tmp_path / translator / "part" / f"ch{n:03d}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"{translator} {n}\n", encoding="utf-8")
    (tmp_path / "ko-a" / "part" / "only-here.md").write_text("alone\n", encoding="utf-8")
    pairs = paired_by_path([str(tmp_path / t) for t in TRANSLATORS], None)
    assert len(pairs) == 100
    assert pairs[4] == tuple(str(tmp_path / t / "part" / "ch005.md") for t in TRANSLATORS)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    root = tmp_path_factory.mktemp("book")
    folders = write_book(root, 16)
    # One file of ko-c renders another digest than its section: it is reported, not compared.
    (folders[2] / "s16.md").write_text(OTHER_DIGEST.read_text(encoding="utf-8"), encoding="utf-8")
    return folders


@pytest.fixture(scope="module")
def book_run(book, encoder):
    return run(Settings([str(f) for f in book]), encoder)


def test_a_book_of_three_folders_is_sixteen_groups_each_checked(book, book_run):
    analysis = book_run.analysis
    checked = [g for g in analysis.groups if g.checked]
    assert [tuple(Path(p).name for p in g.paths) for g in checked] == [
        (f"s{n:02d}.md",) * (3 if n < 16 else 2) for n in range(1, 17)
    ]
    odd = str(book[2] / "s16.md")
    assert [g.paths for g in analysis.groups if not g.checked] == [(odd,)]
    assert set(analysis.compared) == {p for g in checked for p in g.paths}
    mismatches = [f for f in book_run.findings if f.check == "digest-mismatch"]
    assert [f.file for f in mismatches] == [odd]
    assert str(book[0] / "s16.md") in mismatches[0].message


def test_links_stay_inside_their_group(book_run):
    analysis = book_run.analysis
    group_of = {p: g.id for g in analysis.groups for p in g.paths}
    assert len({u.id for u in analysis.units}) == len(analysis.units)
    for unit in analysis.units:
        assert len({group_of[p] for p in unit.paragraphs}) == 1
        assert all(group_of[link.a] == group_of[link.b] == group_of[next(iter(unit.paragraphs))]
                   for link in unit.sentence_links)
        assert unit.id.startswith(f"g{group_of[next(iter(unit.paragraphs))]}-")
    # every checked file was aligned and checked: findings come from files of many groups
    checked_files = {f.file for f in book_run.findings if f.check != "digest-mismatch"}
    assert len({group_of[p] for p in checked_files}) > 8


def test_content_grouping_does_not_chain_a_book_into_one_digest(tmp_path, encoder):
    (folder,) = write_book(tmp_path, 16, flat=True)
    analysis = run(Settings([str(folder)], select=("digest-mismatch",)), encoder).analysis
    groups = sorted(tuple(sorted(Path(p).name for p in g.paths)) for g in analysis.groups)
    assert groups == [tuple(f"s{n:02d}-{t}.md" for t in TRANSLATORS) for n in range(1, 17)]
    assert all(g.checked for g in analysis.groups)


def _repeated(doc: Segmented, times: int) -> Segmented:
    """The file's text ``times`` over, as segmented: the same paragraphs and sentences at shifted offsets."""
    text = doc.document.text.rstrip("\n") + "\n\n"
    paragraphs, sentences = [], 0
    for copy in range(times):
        shift = copy * len(text)
        for p in doc.paragraphs:
            moved = tuple(
                dataclasses.replace(s, index=sentences + k, paragraph=len(paragraphs), start=s.start + shift, end=s.end + shift)
                for k, s in enumerate(p.sentences)
            )
            sentences += len(moved)
            paragraphs.append(dataclasses.replace(p, index=len(paragraphs), start=p.start + shift, end=p.end + shift,
                                                  sentences=moved))
    document = dataclasses.replace(doc.document, path="long.txt", text=text * times)
    document = dataclasses.replace(document, decoded=dataclasses.replace(doc.document.decoded, text=text * times,
                                                                          original=text * times))
    return Segmented(document, tuple(paragraphs))


def test_a_long_rendering_is_the_same_digest_as_the_items_it_repeats(segment, encoder):
    short = segment(FREE)
    long = _repeated(short, 500)
    assert sum(1 for p in long.paragraphs if p.is_title or p.item) >= 5000
    assert isinstance(long.paragraphs[-1].sentences[0], Sentence) and isinstance(long.paragraphs[0], Paragraph)
    grouping = align.group_digests([long, short], encoder)
    assert [(g.paths, g.checked) for g in grouping.groups] == [(("long.txt", str(FREE)), True)]


def _findings(paths, out: Path, *options: str) -> list[dict]:
    result = CliRunner().invoke(main, ["lint", *paths, "--out", str(out), "--format", "json", *options])
    assert result.exit_code in (0, 1), result.output
    return json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]


def test_findings_are_the_same_with_one_or_two_jobs_and_with_or_without_the_cache(tmp_path):
    folders = [str(f) for f in write_book(tmp_path / "in", 4)]
    cache = tmp_path / "cache"
    plain = _findings(folders, tmp_path / "a", "--jobs", "1", "--no-cache")
    assert plain
    assert _findings(folders, tmp_path / "b", "--jobs", "2", "--cache-dir", str(cache)) == plain  # cold cache
    assert list(cache.glob("vectors-*.sqlite"))
    assert _findings(folders, tmp_path / "c", "--jobs", "2", "--cache-dir", str(cache)) == plain  # warm cache
    assert _findings(folders, tmp_path / "d", "--jobs", "1", "--cache-dir", str(cache)) == plain
    # One section edited: its group is computed again, the others are read back, and the
    # findings are those of a run without any cache.
    edited = Path(folders[1]) / "s02.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("니다.", "니다!", 1) + "\n추가된 문장입니다.\n",
                      encoding="utf-8")
    fresh = _findings(folders, tmp_path / "e", "--jobs", "1", "--no-cache")
    assert fresh != plain
    assert _findings(folders, tmp_path / "f", "--jobs", "2", "--cache-dir", str(cache)) == fresh


def test_a_source_folder_pairs_with_the_renderings_by_path(tmp_path, encoder):
    folders = write_book(tmp_path, 2)
    english = tmp_path / "en"
    english.mkdir()
    (english / "s01.md").write_text(_ENGLISH_INTRO, encoding="utf-8")
    (english / "s99.md").write_text("# Appendix\n\nNo rendering of this page was given, so nothing is compared with it.\n",
                                    encoding="utf-8")
    result = run(Settings([str(f) for f in folders], source=str(english)), encoder)
    analysis = result.analysis
    first = next(g for g in analysis.groups if str(english / "s01.md") in g.paths)
    assert first.checked and {Path(p).name for p in first.paths} == {"s01.md"} and len(first.paths) == 4
    assert any(str(english / "s01.md") in u.paragraphs for u in analysis.units)
    assert analysis.excluded[str(english / "s99.md")] == "no rendering of it was given"
    assert not [f for f in result.findings if f.check == "digest-mismatch"]


# The English of the first section of Rust-book chapter 4.1 (rust-kr's edition), up to its first ### heading.
_ENGLISH_INTRO = (EXAMPLES.parent / "rust-book-ch04-01" / "en.upstream-21cf8408.md").read_text(encoding="utf-8").split("\n### ")[0] + "\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_check_that_raises_in_a_group_names_the_check_and_the_file_with_any_number_of_jobs(tmp_path, monkeypatch,
                                                                                           jobs):
    from checker import checks
    from checker.checks import Check

    folders = write_book(tmp_path / "in", 3)
    broken = str(folders[1] / "s02.md")

    def boom(context):
        for path in context.each(context.renderings):
            if path == broken:
                raise ZeroDivisionError("division by zero")
        yield from ()

    monkeypatch.setitem(checks.CHECKS, "number-mismatch", Check("number-mismatch", boom))
    result = CliRunner().invoke(main, ["lint", *map(str, folders), "--out", str(tmp_path / "out"), "--format", "json",
                                       "--jobs", jobs, "--no-cache"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"checker: internal error in check number-mismatch while reading {broken}: ZeroDivisionError: division by zero"
    ]
    assert not (tmp_path / "out" / "findings.json").exists()


def test_a_books_glossary_counts_the_terms_of_every_section(tmp_path, encoder):
    folders = write_book(tmp_path, 3)
    result = run(Settings(paths=tuple(map(str, folders))), encoder)
    checked = [g for g in result.analysis.groups if g.checked]
    assert len(checked) == 3
    counted = {path for term in result.analysis.terms for path in term.counts}
    assert all(counted & set(g.paths) for g in checked)  # every section's files, not the first group's alone
    assert len({(t.en, t.ko) for t in result.analysis.terms}) == len(result.analysis.terms)  # one row per rendering
