"""Glossary files: reading, validation errors (also on the command line), writing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.errors import InputError
from checker.terminology.glossary_file import DEFAULT_GLOSSARY, Glossary, GlossaryEntry, load_glossary, write_glossary
from checker.terminology.keys import en_key, ko_key
from tests.terminology.texts import RUST

HEADER = "en,ko,status,count,files,note\n"
MALFORMED = [
    ("en,ko,stat\nattention,어텐션,preferred\n", "line 1: unknown column 'stat'"),
    ("en,status\nattention,preferred\n", "line 1: missing column 'ko'"),
    (HEADER + "attention,어텐션,preferred,,,\nfine-tuning,미세 조정,prefered,,,\n", "line 3: status 'prefered'"),
    (HEADER + "attention,,preferred,,,\n", "line 2: ko '' has no Korean letters"),
    (HEADER + "어텐션,어텐션,preferred,,,\n", "line 2: en '어텐션' is not an English term"),
    (HEADER + "attention,어텐션,preferred\n", "line 2: 3 fields, the header has 6"),
    (HEADER + "attention,어텐션,preferred,,,\nattention,어텐션,allowed,,,\n", "line 3: 'attention' -> '어텐션' is already on line 2"),
    (HEADER + "attention,어텐션,preferred,,,\nAttention,주의,preferred,,,\n", "line 3: a second preferred rendering"),
    (HEADER + "attention,어텐션,preferred,many,,\n", "line 2: count 'many' is not a whole number"),
    (HEADER + '\n\nattention,"어텐션,preferred\n', "line 4: not valid CSV (unexpected end of data: a quote is not closed)"),
    (HEADER + '"attention,어텐션,preferred,,,\nloss,손실,preferred,,,\n', "line 2: not valid CSV (unexpected end of data"),
    (HEADER + 'attention,"어텐션\n손실",preferred,,,\nloss,손실,allowed,,,\n', "line 2: a quoted field runs on to line 3"),
    (HEADER + 'attention,어텐션,"pre"ferred,,,\n', "line 2: not valid CSV (',' expected after '\"')"),
    ("", "line 1: empty glossary"),
]


@pytest.mark.parametrize("content, message", MALFORMED, ids=[m[1] for m in MALFORMED])
def test_a_malformed_glossary_names_its_line(tmp_path, content, message):
    path = tmp_path / "g.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_glossary(path)
    assert str(error.value).startswith(f"{path}: ") and message in str(error.value)


def test_a_glossary_may_have_a_bom_blank_lines_quotes_and_no_optional_columns(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes('\ufeffen,ko,status\n\n"attention, self",셀프 어텐션,preferred\n'.encode())
    [entry] = load_glossary(path).entries
    assert (entry.en, entry.ko, entry.status, entry.line, entry.count) == ("attention, self", "셀프 어텐션", "preferred", 3, None)


def test_a_glossary_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes("en,ko,status\nattention,어텐션,preferred\n".encode("cp949"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_glossary(path)


def test_the_bundled_glossary_is_sound():
    glossary = load_glossary(DEFAULT_GLOSSARY)
    assert len(glossary.entries) >= 150
    concepts = {en_key(e.en) for e in glossary.entries}
    assert set(glossary.preferred) == concepts  # every term has one preferred rendering
    forbidden = {ko_key(e.ko): e for e in glossary.entries if e.status == "forbidden"}
    assert {"전력분포", "변압기", "중퇴"} <= set(forbidden)
    assert all(e.note for e in forbidden.values())  # every forbidden rendering says why


def test_later_glossaries_override_earlier_ones():
    first = GlossaryEntry("baseline", "베이스라인", "preferred", source="a.csv", line=2)
    second = GlossaryEntry("baseline", "기준선", "preferred", source="b.csv", line=2)
    demoted = GlossaryEntry("baseline", "베이스라인", "allowed", source="b.csv", line=3)
    assert Glossary((first, second, demoted)).preferred["baseline"].ko == "기준선"
    assert Glossary((first, demoted)).preferred == {}
    assert Glossary((first,)).user_words() == ("베이스라인",)


def test_written_glossaries_read_back(tmp_path):
    entries = [GlossaryEntry("owner", "소유자", "preferred", 7, ("a.md", "b.md"), "most used")]
    write_glossary(entries, tmp_path / "out" / "g.csv")
    [entry] = load_glossary(tmp_path / "out" / "g.csv").entries
    assert (entry.en, entry.ko, entry.status, entry.count, entry.files, entry.note) == (
        "owner", "소유자", "preferred", 7, ("a.md", "b.md"), "most used"
    )


@pytest.mark.parametrize("command", [["lint", RUST[0]], ["glossary", "learn", RUST[0], "-o", "out.csv"]])
def test_a_malformed_glossary_is_exit_2_naming_the_line(tmp_path, command):
    glossary = tmp_path / "bad.csv"
    glossary.write_text(HEADER + "attention,어텐션,preferred,,,\nfine-tuning,미세 조정,maybe,,,\n", encoding="utf-8")
    result = CliRunner().invoke(main, command + ["--glossary", str(glossary), "--out" if command[0] == "lint" else "-o",
                                                 str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == (
        f"checker: error: {glossary}: line 3: status 'maybe' is not one of preferred|allowed|forbidden"
    )
