"""addition on constructed edits of a real rendering, and of a translation against its English:
exact findings. Each row says every omission and addition."""

from __future__ import annotations

import pytest

from checker.config import Settings
from checker.pipeline import run
from tests.checks.helpers import (
    EN,
    FACTUAL,
    GENERIC,
    INVENTED_KO,
    ITEMS,
    KO,
    TEXT,
    baseline,
    consensus_findings,
    coverage_findings,
    coverage_rows,
    coverage_set,
    edited_book,
    edits,
    write_items,
)


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    return write_items(tmp_path_factory)


# ITEMS edited one way (rendering.txt), against ITEMS as the source.
CASES = [
    pytest.param("insert factual", [("addition", "error", "rendering.txt", FACTUAL, "")],
                 id="an inserted claim with a number is an error"),
    pytest.param("insert generic", [("addition", "warning", "rendering.txt", GENERIC, "")],
                 id="an inserted generic sentence is a warning"),
    pytest.param("paraphrase", [], id="a paraphrase"),
    pytest.param("loose paraphrase", [], id="a loose paraphrase, each the other's best match"),
]


@pytest.mark.parametrize("kind, expected", CASES)
def test_against_a_source(kind, expected, tmp_path, source, encoder):
    assert coverage_rows(coverage_findings(tmp_path, source, encoder, kind)) == expected


def test_consensus_of_three_renderings(tmp_path, encoder):
    """Without a source: added in one of three is an addition there (the omission is in test_omission)."""
    found = sorted(
        (f.check, f.file.rsplit("/", 1)[-1], f.text or f.expected)
        for f in consensus_findings(tmp_path, encoder)
        if f.check == "addition"
    )
    assert found == [("addition", "c.txt", GENERIC)]


def test_two_renderings_without_source_name_both_sides(tmp_path, encoder):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ITEMS, encoding="utf-8")
    b.write_text(edits("insert factual"), encoding="utf-8")
    result = run(Settings([str(a), str(b)]), encoder)
    found = [f for f in result.findings if f.check in ("omission", "addition")]
    assert [(f.check, f.severity.value, f.file, f.text) for f in found] == [("addition", "warning", str(b), FACTUAL)]
    assert "either this one added it or the other dropped it" in found[0].message


def test_a_header_line_only_one_rendering_has_is_a_note(tmp_path, encoder):
    """Lines above a digest's first item (title, author, URL) are worded freely: info, not warning."""
    paths = []
    for name, header in (("a.txt", "Author: Elvis Saravia\n\n"), ("b.txt", ""), ("c.txt", "")):
        path = tmp_path / name
        path.write_text(header + TEXT.split("\n\n", 1)[1], encoding="utf-8")
        paths.append(str(path))
    result = run(Settings(paths), encoder)
    found = [(f.check, f.severity.value, f.text) for f in result.findings if f.check in ("omission", "addition")]
    assert found == [("addition", "info", "Author: Elvis Saravia")]


ENGLISH_SOURCE = [
    pytest.param("insert a claim", {("addition", INVENTED_KO)}, id="insert a claim"),
]


@pytest.mark.parametrize("edit, expected", ENGLISH_SOURCE)
def test_against_an_english_source(edit, expected, tmp_path, encoder):
    """Between languages only meaning counts: a translated sentence is supported, an invented one
    an addition. Findings of the text as written (loose translations, real differences) are the baseline."""
    rendering = tmp_path / "ko.md"
    rendering.write_text(edited_book(edit), encoding="utf-8")
    assert coverage_set(rendering, EN, encoder) - baseline(KO, EN, encoder) == expected


def test_a_faithful_translation_is_mostly_supported(encoder):
    """rust-kr translates every sentence of its source: most of its 203 sentences find their English."""
    assert len(baseline(KO, EN, encoder)) < 60
