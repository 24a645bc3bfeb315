"""Spellings of one loanword (메소드 / 메서드): the jamo distance, and what the term checks make
of two translators who each keep to their own."""

from __future__ import annotations

import pytest

from checker.models import SentenceLink, Unit
from checker.terminology.spelling import are_spellings
from tests.checks.helpers import term_context, term_rows

SPELLINGS = [
    ("메소드", "메서드", True),  # a vowel
    ("콜렉션", "컬렉션", True),
    ("트레잇", "트레이트", True),  # final ㅅ for t, and the silent 으
    ("스레드", "쓰레드", True),  # a consonant of the same family
    ("디렉토리", "디렉터리", True),
    ("정수값", "정숫값", True),  # the 사이시옷
    ("구조체", "구조화", False),  # another word: another sound
    ("함수형", "함수명", False),
    ("프로그래머", "프로그램", False),
    ("스트럭트", "구조체", False),  # a translation, not a spelling
    ("정수", "점수", False),  # two syllables: Sino-Korean words collide
    ("가비지", "가비지 컬렉터", False),
    ("메서드", "메서드", False),
]


@pytest.mark.parametrize("a, b, same", SPELLINGS, ids=[f"{a}/{b}" for a, b, _ in SPELLINGS])
def test_are_spellings(a, b, same):
    assert are_spellings(a, b) is same


def _linked(*pairs: tuple[str, str, int, int, float]) -> tuple[Unit, ...]:
    links = tuple(SentenceLink(a, b, (i,), (j,), cosine) for a, b, i, j, cosine in pairs)
    paths = sorted({p for a, b, *_ in pairs for p in (a, b)})
    return (Unit(id="1", paragraphs={p: (0,) for p in paths}, similarity=(), sentence_links=links),)


THREE = {
    "a.md": "구조체에 메서드를 정의한다. 메서드는 self를 받는다.",
    "b.md": "구조체에 메서드를 정의합니다. 메서드가 self를 받습니다.",
    "c.md": "구조체에 메소드를 정의한다. 메소드는 self를 받는다.",
}

CASES = [
    pytest.param(
        THREE, _linked(("a.md", "c.md", 0, 0, 0.9)),
        [("term-inconsistent", "warning", "c.md", "메소드", "메서드", 2)],
        id="two spellings in aligned sentences: the majority's is expected, one finding for the file",
    ),
    pytest.param(THREE, (), [], id="never aligned: no concept"),
    pytest.param(THREE, _linked(("a.md", "c.md", 0, 0, 0.6)), [], id="weakly aligned: no concept"),
    pytest.param(
        {**THREE, "c.md": "구조체에 메소드를 정의한다. 메서드는 self를 받는다."},
        _linked(("a.md", "c.md", 0, 0, 0.9)), [],
        id="a file that writes both spellings keeps to neither: not learned",
    ),
    pytest.param(
        {"a.md": "값을 콜렉션에 모은다. 콜렉션은 크다.", "b.md": "값을 컬렉션에 모은다. 컬렉션이 크다."},
        _linked(("a.md", "b.md", 0, 0, 0.9)),
        [("term-inconsistent", "warning", "a.md", "콜렉션", "컬렉션", 2)],
        id="two files, a tie: the spelling first in Unicode order (not the first file's), each file's use one finding",
    ),
]


@pytest.mark.parametrize("texts, units, expected", CASES)
def test_spellings_of_a_loanword(segmenter, tmp_path, texts, units, expected):
    context = term_context(segmenter, tmp_path, texts, None, units=units)
    assert term_rows(context) == sorted(expected)


def test_a_spelling_joins_the_concept_its_other_spelling_renders(segmenter, tmp_path):
    texts = {
        "a.md": "러스트에서는 컬렉터(collector)가 값을 치우지 않는다. 컬렉터가 없다.",
        "b.md": "러스트에서는 콜렉터가 값을 치우지 않는다.",
    }
    context = term_context(segmenter, tmp_path, texts, None, units=_linked(("a.md", "b.md", 0, 0, 0.9)))
    assert term_rows(context) == [("term-inconsistent", "warning", "b.md", "콜렉터", "컬렉터", 1)]
    assert context.terminology.concepts["collector"].variants == {"컬렉터": "컬렉터", "콜렉터": "콜렉터"}
