"""Spellings of one loanword: 메소드 / 메서드, 트레잇 / 트레이트, 콜렉터 / 컬렉터.

Translators transliterate the same English word differently, and each keeps to their own
spelling; no inline ``한국어(English)`` pair need name it. Two nouns are taken for one word
when they sit in aligned sentences of two files, their letters (jamo) differ by the edits
transliteration makes (a vowel, a consonant of the same family, a silent 으) and no more, and
each file uses its own spelling and never the other's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..models import Analysis
from ..text import prose
from .keys import ko_key, without_particles
from .matcher import TermMatcher
from .aligned import AlignedPair
from .pairs import Token, _eojeols, _noun_part

# Loanwords of fewer syllables collide with Sino-Korean words (정수 / 점수).
_MIN_SYLLABLES = 3
# The edits two spellings of one loanword may differ by, in all.
_MAX_COST = 2.0
_PUNCTUATION = frozenset({"SF", "SP", "SS", "SSO", "SSC", "SE", "SO", "SW"})
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
# Consonants one English sound is written with: 트레잇 / 트레이트 (final ㅅ for t), 스레드 / 쓰레드.
_FAMILIES = ("ㄱㄲㅋ", "ㄷㄸㅌㅅㅆ", "ㅂㅃㅍ", "ㅈㅉㅊ", "ㄹ", "ㅁ", "ㄴ", "ㅇ", "ㅎ")


@dataclass(frozen=True)
class Spelling:
    """A noun in an aligned sentence of one file, and the other file's spelling in its place."""

    written: str
    path: str
    other: str
    other_path: str


def jamo(word: str) -> list[tuple[str, str]]:
    """The letters of a Hangul word, each with its place: (I)nitial, (M)edial vowel, (F)inal."""
    letters = []
    for ch in word:
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            return []
        letters.append(("I", _INITIALS[code // 588]))
        letters.append(("M", _MEDIALS[code % 588 // 28]))
        if code % 28:
            letters.append(("F", _FINALS[code % 28]))
    return letters


def _family(letter: str) -> int:
    return next((i for i, family in enumerate(_FAMILIES) if letter in family), -1)


def _substitution(a: tuple[str, str], b: tuple[str, str]) -> float:
    if a == b:
        return 0.0
    vowel_a, vowel_b = a[0] == "M", b[0] == "M"
    if vowel_a and vowel_b:
        return 1.0  # 메소드 / 메서드
    if not vowel_a and not vowel_b and _family(a[1]) == _family(b[1]) >= 0:
        return 1.0  # 잇 / 이트, 스 / 쓰
    return 3.0  # a different sound: another word


def _indel(letter: tuple[str, str]) -> float:
    # 으 is what Korean adds to a consonant English ends a syllable with (트 in 트레이트)
    return 1.0 if letter == ("M", "ㅡ") else 2.0


def spelling_cost(a: str, b: str) -> float:
    """Weighted edit distance over the jamo of two Hangul words (inf when either is not Hangul)."""
    x, y = jamo(a), jamo(b)
    if not x or not y:
        return float("inf")
    row = [0.0]
    for letter in y:
        row.append(row[-1] + _indel(letter))
    for letter_x in x:
        previous, row = row, [row[0] + _indel(letter_x)]
        for j, letter_y in enumerate(y, 1):
            row.append(min(previous[j] + _indel(letter_x), row[j - 1] + _indel(letter_y),
                           previous[j - 1] + _substitution(letter_x, letter_y)))
    return row[-1]


def are_spellings(a: str, b: str) -> bool:
    """Two spellings of one loanword: three syllables or more, one syllable apart at most,
    and within the edits transliteration makes."""
    if a == b or a in b or b in a or abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < _MIN_SYLLABLES:
        return False
    return spelling_cost(a, b) <= _MAX_COST


def spelling_candidates(pair: AlignedPair) -> set[tuple[str, str, str, str]]:
    """Nouns of two aligned sentences, (x, its file, y, its file), that may be two spellings of
    one loanword."""
    nouns_a, nouns_b = _nouns(pair.tokens_a, pair.texts[pair.a.doc]), _nouns(pair.tokens_b, pair.texts[pair.b.doc])
    return {(x, pair.a.doc, y, pair.b.doc) for x in nouns_a - nouns_b for y in nouns_b - nouns_a if are_spellings(x, y)}


def aligned_spellings(analysis: Analysis, candidates: set[tuple[str, str, str, str]]) -> list[Spelling]:
    """The candidate pairs of spellings (from sentences of two Korean files linked one to one)
    where each file keeps to its own: it writes its spelling and never the other's."""
    if not candidates:
        return []
    korean = [p for p in analysis.compared if analysis.by_path[p].document.lang == "ko"]
    words = {w for x, _, y, _ in candidates for w in (x, y)}
    matcher = TermMatcher(words)
    used = {path: {m.key for m in matcher.find(prose(analysis.by_path[path].document.text))} for path in korean}
    found = []
    for x, path_x, y, path_y in sorted(candidates):
        kx, ky = ko_key(x), ko_key(y)
        if kx in used[path_x] and ky not in used[path_x] and ky in used[path_y] and kx not in used[path_y]:
            found.append(Spelling(x, path_x, y, path_y))
    return found


def _nouns(tokens: list[Token], text: str) -> set[str]:
    """The Hangul nouns of a sentence, without their particles (a loanword Kiwi does not know
    is cut at its particle)."""
    found = set()
    for word in _eojeols(tokens):
        # 컬렉터(collector)가: the word ends where its gloss or punctuation starts
        cut = next((i for i, t in enumerate(word) if t.tag in _PUNCTUATION), len(word))
        part = _noun_part(word[:cut], text) if cut else None
        if not part:
            continue
        for noun in _runs(part):
            if all("가" <= ch <= "힣" for ch in noun):
                # Kiwi reads an unknown loanword with its particle as one noun (콜렉터가)
                found |= {noun, without_particles(noun)}
    return found


def _runs(part: list[Token]) -> Iterator[str]:
    """Each noun of a word, and the word's nouns together (가비지컬렉터 is one word)."""
    for token in part:
        yield token.form
    if len(part) > 1:
        yield "".join(t.form for t in part)
