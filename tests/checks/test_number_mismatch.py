"""number-mismatch on aligned renderings: real changes found, equivalent rewrites never flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import Settings
from checker.pipeline import run
from tests.checks.helpers import ITEMS, write_items


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    return write_items(tmp_path_factory)


def _mismatches(tmp_path, encoder, text, source=None, others=()):
    rendering = tmp_path / "rendering.txt"
    rendering.write_text(text, encoding="utf-8")
    paths = [str(rendering)]
    for i, other in enumerate(others):
        extra = tmp_path / f"other{i}.txt"
        extra.write_text(other, encoding="utf-8")
        paths.append(str(extra))
    result = run(Settings(paths, source=str(source) if source else None), encoder)
    return [f for f in result.findings if f.check == "number-mismatch"]


def _mismatch(severity: str, text: str, expected: str) -> tuple[str, str, str, str, str]:
    return ("number-mismatch", severity, "rendering.txt", text, expected)


# ITEMS with `old` replaced by `new`, against ITEMS as the source.
CASES = [
    pytest.param("SAM-base(80M)", "SAM-base(30M)", [_mismatch("error", "30M", "80M")], id="a changed count"),
    pytest.param("89%의 성능 저하를 유발", "85%의 성능 저하를 유발", [_mismatch("error", "85%", "89%")],
                 id="a changed percentage"),
    pytest.param("10-20배의 압축률", "10-30배의 압축률", [_mismatch("error", "10-30배", "10-20배")],
                 id="a changed range"),
    pytest.param("하루 20만 페이지", "하루 2만 페이지", [_mismatch("error", "2만", "20만")], id="a changed Korean unit"),
    pytest.param("SAM-base(80M)", "SAM-base(8천만 매개변수)", [], id="80M as 8천만"),
    pytest.param("SAM-base(80M)", "SAM-base(80,000,000)", [], id="80M written out"),
    pytest.param("CLIP-large(300M)", "CLIP-large(3억)", [], id="300M as 3억"),
    pytest.param("10-20배의 압축률", "10배에서 20배의 압축률", [], id="a range in words"),
    pytest.param("(1-10M 슬롯)", "(1백만에서 1천만 개 슬롯)", [], id="a range of millions in Korean units"),
    pytest.param("(1-10M 슬롯)", "(100만~1,000만 슬롯)", [], id="a range with a tilde"),
    pytest.param("89%의 성능 저하를 유발", "약 89%의 성능 저하를 유발", [], id="an approximation added"),
    pytest.param("16배 컨볼루션", "16x 컨볼루션", [], id="배 as x"),
    pytest.param("A100-40G", "A100-80G", [_mismatch("error", "A100-80G", "A100-40G")], id="a changed model name"),
]


@pytest.mark.parametrize("old, new, expected", CASES)
def test_against_a_source(old, new, expected, tmp_path, source, encoder):
    assert old in ITEMS
    found = _mismatches(tmp_path, encoder, ITEMS.replace(old, new, 1), source=source)
    assert [(f.check, f.severity.value, Path(f.file).name, f.text, f.expected) for f in found] == expected
    for f in found:
        assert f.evidence and f.expected in f.evidence[0].text


def test_the_odd_one_out_of_three(tmp_path, encoder):
    changed = ITEMS.replace("89%의 성능 저하를 유발", "98%의 성능 저하를 유발", 1)
    found = _mismatches(tmp_path, encoder, changed, others=(ITEMS, ITEMS.replace("SAM-base(80M)", "SAM-base(8천만)")))
    assert [(f.file.rsplit("/", 1)[-1], f.severity.value, f.text, f.expected) for f in found] == [
        ("rendering.txt", "error", "98%", "89%")
    ]


def test_two_renderings_disagree_on_both_sides(tmp_path, encoder):
    changed = ITEMS.replace("SAM-base(80M)", "SAM-base(30M)", 1)
    found = _mismatches(tmp_path, encoder, changed, others=(ITEMS,))
    assert sorted((f.file.rsplit("/", 1)[-1], f.severity.value, f.text, f.expected) for f in found) == [
        ("other0.txt", "warning", "80M", "30M"),
        ("rendering.txt", "warning", "30M", "80M"),
    ]


# The Rust-book chapter 4.1 translations against their own English: faithful, so silent as written;
# an edit made in a copy is found, with a label's renumbering a warning and a changed count an error.
BOOK = Path(__file__).resolve().parent.parent.parent / "examples" / "rust-book-ch04-01"
RUST_KR = ("ko.rust-kr-doc.rust-kr.org-1d07d28a.md", "en.upstream-21cf8408.md")
KERNALIX = ("ko.Kernalix7-2f5cfbe3.md", "en.upstream-3e9dc46a.md")
RINTHEL = ("ko.rinthel-second-edition-776d8600.md", "en.second-edition-6d4ef020.md")

BOOK_CASES = [
    pytest.param(RUST_KR, None, None, [], id="rust-kr as written"),
    pytest.param(KERNALIX, None, None, [], id="kernalix7 as written"),
    pytest.param(RINTHEL, None, None, [], id="rinthel as written"),
    pytest.param(RUST_KR, "예제 4-5: 매개변수의", "예제 4-6: 매개변수의", [("warning", "예제 4-6", "Listing 4-5")],
                 id="a listing renumbered"),
    pytest.param(RUST_KR, "설명하려면 3장의", "설명하려면 4장의", [("warning", "4장", "Chapter 3")],
                 id="a chapter renumbered"),
    pytest.param(RUST_KR, "세 부분으로 이루어져", "네 부분으로 이루어져", [("error", "네", "three")],
                 id="a count changed"),
]


@pytest.mark.parametrize("files, old, new, expected", BOOK_CASES)
def test_a_translation_against_its_own_english(files, old, new, expected, tmp_path, encoder):
    rendering, source = BOOK / files[0], BOOK / files[1]
    if old is not None:
        text = rendering.read_text(encoding="utf-8")
        assert old in text
        rendering = tmp_path / files[0]
        rendering.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = run(Settings([str(rendering)], source=str(source)), encoder)
    found = [(f.severity.value, f.text, f.expected) for f in result.findings if f.check == "number-mismatch"]
    assert found == expected
