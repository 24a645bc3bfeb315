"""Numeric facts in technical Korean (and English) text, read and compared as values.

Digit-matching QA tools flag ``SAM-base(80M)`` against ``SAM-base(8천만 매개변수)``
and know nothing of 만/억/조.  This module reads numbers the way a reader does --
``80M``, ``8천만``, ``8000만`` and ``80,000,000`` are one value -- and compares the
values of one aligned sentence pair.

Extraction (:func:`extract_numbers`) works on an NFKC-folded copy of the text
(full-width digits, ``％``, dashes and tildes folded) whose every character remembers
where it came from, so spans always point into the original string.  Phases run in
order and each claims its spans, so a later phase never re-reads them:

1. name-like numbers: list numbers (``3.`` opening a line), dates, resolutions
   (``1024x1024``), formulas (``n×100+256``) and settings (``B=192``, ``k>1``);
2. identifiers: words mixing letters and digits (``GPT-4``, ``Qwen2.5-Math-7B``,
   ``A100-40G``, ``AIME-2025``) and a version after a name (``Claude 3.5``);
3. values: Arabic and Sino-Korean numerals with 십/백/천 and 만/억/조 (``3억 5천만``),
   native words before a counter (``두 배``, ``세 가지``), English scales (``80M``,
   ``1 trillion``), ranges (``1-10M``, ``10배에서 20배``), kinds, counters and
   qualifiers.

Kinds (``NumericFact.kind``):

* value kinds carry ``low``/``high`` (equal unless a range) as written, before any
  unit conversion: ``quantity`` (plain or counted: ``unit`` names the counter),
  ``score`` (점, points), ``percent``, ``percent_point`` (%p), ``permille``,
  ``multiplier`` (배, x, ×, -fold), ``duration`` (``unit``: ms, s, min, h, day),
  ``size`` (``unit``: KB ... TiB) and ``setting`` (``canonical`` holds the name);
* name kinds have ``low``/``high`` None and compare by ``canonical`` only:
  ``identifier``, ``list_number``, ``date``, ``resolution``, ``formula``.

Qualifiers are flags, never part of the value or the span: ``approx`` (약, 가량,
정도, ~, about), ``min`` (이상, 초과, 최소, over, at least, +) and ``max`` (이하,
미만, 이내, 최대, up to, less than).

Comparison (:func:`compare_numbers`) pairs equal values first, in any order, then
pairs the leftovers of each kind in order of position -- but only where both sides
have the same number of leftovers of that kind, since otherwise there is no telling
which one was changed.  A paired leftover is an error, or a warning where one value
is the other rounded.  Unpaired facts are left to the omission and addition checks.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from .text import HANGUL

__all__ = [
    "NAME_KINDS",
    "NumberMismatch",
    "NumericFact",
    "VALUE_KINDS",
    "compare_numbers",
    "extract_numbers",
    "same_quantity",
]

VALUE_KINDS = frozenset(
    {"quantity", "score", "percent", "percent_point", "permille", "multiplier", "duration", "size", "setting"}
)
NAME_KINDS = frozenset({"identifier", "list_number", "date", "resolution", "formula"})


@dataclass(frozen=True)
class NumericFact:
    """One number as written, with its value; ``text == original[start:end]``."""

    start: int
    end: int
    text: str
    kind: str  # one of VALUE_KINDS or NAME_KINDS
    low: float | None  # None for name kinds
    high: float | None
    qualifiers: frozenset[str] = frozenset()  # "approx", "min", "max"
    unit: str | None = None  # counter or unit: "page", "token", "param", "item", "s", "GB", ...
    canonical: str = ""  # name kinds: the key compared; settings: the parameter name
    precision: float | None = None  # place value of the last written digit: 0.01 for 8.84, 1e7 for 3억 5천만

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.low != self.high


@dataclass(frozen=True)
class NumberMismatch:
    """A rendering's number that differs from the reference's number in its place."""

    rendering: NumericFact
    reference: NumericFact
    severity: str  # "error" or "warning"
    reason: str


# --------------------------------------------------------------------------- folding

_FOLD_TABLE = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63", "-"),
        **dict.fromkeys("\u301c\u223c\u2053", "~"),
    }
)
# NFKC would read "10²" as "102" and "½" as "1⁄2": such characters stay as they are.
_UNFOLDED_DECOMPOSITIONS = ("<super>", "<sub>", "<fraction>")


@dataclass(frozen=True)
class _Folded:
    """NFKC-folded text; character k came from ``original[starts[k]:ends[k]]``."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]


def _fold(text: str) -> _Folded:
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in _clusters(text):
        piece = _fold_cluster(text[start:end])
        pieces.append(piece)
        starts.extend([start] * len(piece))
        ends.extend([end] * len(piece))
    return _Folded("".join(pieces), tuple(starts), tuple(ends))


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """Spans of a base character and what combines with it (marks, Hangul vowel and final jamo)."""
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not _combines(text[i]):
            yield start, i
            start = i


def _combines(ch: str) -> bool:
    return unicodedata.combining(ch) != 0 or "\u1160" <= ch <= "\u11ff" or "\ud7b0" <= ch <= "\ud7ff"


def _fold_cluster(cluster: str) -> str:
    if any(unicodedata.decomposition(ch).startswith(_UNFOLDED_DECOMPOSITIONS) for ch in cluster):
        return cluster.translate(_FOLD_TABLE)
    return unicodedata.normalize("NFKC", cluster).translate(_FOLD_TABLE)


def _mask(text: str, facts: Sequence[NumericFact]) -> str:
    """Blank out claimed spans so later phases cannot read them again."""
    chars = list(text)
    for fact in facts:
        chars[fact.start : fact.end] = "\0" * (fact.end - fact.start)
    return "".join(chars)


def _to_original(fact: NumericFact, folded: _Folded, original: str) -> NumericFact:
    start, end = folded.starts[fact.start], folded.ends[fact.end - 1]
    return replace(fact, start=start, end=end, text=original[start:end])


# --------------------------------------------------------------------------- word ends

_HANGUL_RUN = re.compile(r"[가-힣]*")
# What may follow a number word without making it part of a longer noun:
# "배에서" and "개의" end the number, "배치" and "점수" do not.
_PARTICLES = re.compile(
    r"(?:의|을|를|이|가|은|는|도|만|와|과|로|으로|에|에서|에게|께|까지|부터|보다|만큼|씩|당|마다|간|"
    r"이나|나|이며|며|이고|고|이다|다|인|이라는|라는|이라고|라고|에는|에도|조차|뿐|밖에|로서|로써|"
    r"이지만|지만|입니다|이었다|였다|였으며|이었으며|인데|이면|면|쯤|가량|정도|여|이상|이하|미만|초과|이내|내외|안팎|남짓)+"
)
_MAX_PARTICLE_RUN = 12


def _ends_word(s: str, pos: int) -> bool:
    run = _HANGUL_RUN.match(s, pos).group()
    return not run or (len(run) <= _MAX_PARTICLE_RUN and _PARTICLES.fullmatch(run) is not None)


def _is_hangul(s: str, pos: int) -> bool:
    return 0 <= pos < len(s) and HANGUL.match(s[pos]) is not None


# --------------------------------------------------------------------------- name-like numbers

_LIST_NUMBER = re.compile(r"^[ \t]*([0-9]{1,3})\.(?=[ \t])", re.M)
_DATE = re.compile(r"(?<![0-9.])([0-9]{4})[-./]([0-9]{1,2})[-./]([0-9]{1,2})(?![0-9])")
_RESOLUTION = re.compile(r"(?<![A-Za-z0-9.])[0-9]+(?:(?: × |[×xX])[0-9]+)+(?![A-Za-z0-9]|\.[0-9])")
_FORMULA = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Za-z] ?[×*] ?[0-9]+|[0-9]+ ?[×*] ?[A-Za-z](?![A-Za-z]))"
    r"(?: ?[-+] ?(?:[0-9]+|[A-Za-z](?![A-Za-z])))*"
)
_SETTING = re.compile(
    r"(?<![A-Za-z0-9_])(?P<name>[A-Za-zΑ-Ωα-ω][A-Za-z0-9_]*) ?(?P<op>>=|<=|[=<>≤≥]) ?"
    r"(?P<value>[0-9]+(?:\.[0-9]+)?)(?![0-9]|\.[0-9])"
)
_SETTING_QUALIFIERS = {">": "min", ">=": "min", "≥": "min", "<": "max", "<=": "max", "≤": "max"}


def _name_fact(start: int, end: int, kind: str, canonical: str) -> NumericFact:
    return NumericFact(start, end, "", kind, None, None, canonical=canonical)


def _find_list_numbers(s: str) -> list[NumericFact]:
    return [_name_fact(m.start(1), m.end(), "list_number", m.group(1)) for m in _LIST_NUMBER.finditer(s)]


def _find_dates(s: str) -> list[NumericFact]:
    return [
        _name_fact(m.start(), m.end(), "date", "{}-{:02d}-{:02d}".format(*map(int, m.groups())))
        for m in _DATE.finditer(s)
    ]


def _find_resolutions(s: str) -> list[NumericFact]:
    return [
        _name_fact(m.start(), m.end(), "resolution", "×".join(re.findall("[0-9]+", m.group())))
        for m in _RESOLUTION.finditer(s)
    ]


def _find_formulas(s: str) -> list[NumericFact]:
    return [
        _name_fact(m.start(), m.end(), "formula", re.sub(" ", "", m.group()).replace("*", "×"))
        for m in _FORMULA.finditer(s)
    ]


def _find_settings(s: str) -> list[NumericFact]:
    facts = []
    for m in _SETTING.finditer(s):
        value = Decimal(m["value"])
        qualifier = _SETTING_QUALIFIERS.get(m["op"])
        facts.append(
            NumericFact(
                m.start(), m.end(), "", "setting", float(value), float(value),
                qualifiers=frozenset({qualifier} if qualifier else ()),
                canonical=m["name"],
                precision=float(_place_of(m["value"])),
            )
        )
    return facts


# --------------------------------------------------------------------------- identifiers

_WORD = re.compile(r"(?<![A-Za-z0-9.,_\-])[A-Za-z0-9]+(?:[.\-_][A-Za-z0-9]+)*\+*")
_NUMBER_LED = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:-[0-9]+(?:\.[0-9]+)?)?")
# Letters that may follow digits in a number rather than a name: 80M, 10x, 100ms, 40GB.
_NUMBER_LETTERS = frozenset("K k M B b T x X ms sec min h hr KB MB GB TB KiB MiB GiB TiB".split())

_VERSION = re.compile(
    r"(?<![A-Za-z0-9.\-])(?P<name>[A-Z][A-Za-z]*(?:-[A-Za-z]+)+|[A-Z][A-Za-z]+)"
    r" (?P<version>[0-9](?:\.[0-9])?)(?![0-9]|[.,][0-9])"
)
# Capitalised words that precede a quantity, not a version: "Over 200K", "Top 5".
_NOT_NAMES = frozenset(
    "In On At Of To For By With From Over Under About Around Up Than Only Just Nearly Almost "
    "Approximately Roughly Top The And Or But Below Above Within Across Into After Before Since Until".split()
)


def _find_word_identifiers(s: str) -> list[NumericFact]:
    return [
        _name_fact(m.start(), m.end(), "identifier", _canonical_name(m.group()))
        for m in _WORD.finditer(s)
        if _is_identifier_word(m.group())
    ]


def _is_identifier_word(word: str) -> bool:
    if not (re.search("[0-9]", word) and re.search("[A-Za-z]", word)):
        return False
    if word[0].isalpha():
        return True
    rest = word[_NUMBER_LED.match(word).end() :]
    return not (rest.startswith("-") or rest.split("-", 1)[0] in _NUMBER_LETTERS)


def _find_versions(s: str) -> list[NumericFact]:
    """A one-digit version after a name: "Claude 3.5 Haiku", "Dreamer 4는" (but not "GPU 8개").

    Reading a quantity as a name only loses a comparison; reading a version as a
    quantity can pair it with the wrong number, so doubtful cases are names.
    """
    facts = []
    for m in _VERSION.finditer(s):
        name = m["name"]
        if name not in _NOT_NAMES and not _reads_as_unit(s, m.end()):
            facts.append(_name_fact(m.start(), m.end(), "identifier", _canonical_name(m.group())))
    return facts


def _reads_as_unit(s: str, pos: int) -> bool:
    return bool(_ENGLISH_SCALE.match(s, pos) or _read_kind(s, pos) or _read_counter(s, pos) or s.startswith("+", pos))


def _canonical_name(text: str) -> str:
    """Case and separators do not make another name: GPT-4 = GPT 4 = gpt4."""
    return re.sub(r"[\s\-_]", "", text).casefold()


def _name_stem(canonical: str) -> str:
    """The letters before the first digit: only names sharing them can be mistaken for each other."""
    return re.match(r"[^0-9]*", canonical).group()


# --------------------------------------------------------------------------- numerals

_SMALL_UNITS = {"십": 10, "백": 100, "천": 1000}
_BIG_UNITS = {"만": 10**4, "억": 10**8, "조": 10**12}
_HANJA_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_NATIVE_NUMBERS = {
    "한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "스무": 20,
}
# "한 모델" is "a model" and 열 is also heat and column: these count only before a counter.
_NATIVE_NEEDING_COUNTER = frozenset({"한", "열", "스무"})
_ENGLISH_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "twice": 2,
}
_ENGLISH_SCALES = {
    "k": 10**3, "m": 10**6, "b": 10**9, "t": 10**12,
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
}

_KOREAN_NUMERAL = re.compile(
    r"[0-9일이삼사오육칠팔구십백천][0-9,.일이삼사오육칠팔구십백천만억조]*"
    r"(?:(?<=[만억조]) [0-9일이삼사오육칠팔구십백천][0-9,.일이삼사오육칠팔구십백천만억조]*)*"
)
_KOREAN_NUMERAL_TOKEN = re.compile(
    r"(?P<number>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<digit>[일이삼사오육칠팔구])|(?P<small>[십백천])|(?P<big>[만억조])|(?P<space> )"
)
_ENGLISH_SCALE = re.compile(
    r"(?P<suffix>[KkMBbT])(?![A-Za-z0-9])| (?P<word>(?i:thousand|million|billion|trillion))(?![A-Za-z])"
)
_NATIVE_NUMBER = re.compile(r"(?<![가-힣])(다섯|여섯|일곱|여덟|아홉|스무|한|두|세|네|열)(?= )")
_ENGLISH_NUMBER = re.compile(
    r"(?<![A-Za-z])(?i:(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twice))(?![A-Za-z])"
)
_ORDINAL = re.compile(r" [가-힣]*째")  # 세 번째 is "third", not three of anything


@dataclass(frozen=True)
class _Numeral:
    """A number as read, before its kind, range and qualifiers."""

    end: int
    value: Decimal
    precision: Decimal  # place value of the last written digit
    scale: Decimal | None  # 10**6 for 80M and 1천만 (which a bare range start inherits); 1 if none; None if compound
    kind: str | None = None  # "twice" is a multiplier by itself


def _read_numeral(s: str, i: int) -> _Numeral | None:
    for reader in (_read_native_numeral, _read_english_numeral, _read_digit_numeral, _read_hanja_numeral):
        numeral = reader(s, i)
        if numeral is not None:
            return numeral
    return None


def _read_digit_numeral(s: str, i: int) -> _Numeral | None:
    if not "0" <= s[i] <= "9":
        return None
    numeral = _longest_korean_numeral(s, i)
    if numeral is not None and numeral.scale == 1:
        return _with_english_scale(s, numeral)
    return numeral


def _read_hanja_numeral(s: str, i: int) -> _Numeral | None:
    """Sino-Korean words such as 십만, 오백억 -- never inside a word (구조, 수십억, 천천히)."""
    if s[i] not in _HANJA_DIGITS and s[i] not in _SMALL_UNITS or _is_hangul(s, i - 1):
        return None
    numeral = _longest_korean_numeral(s, i)
    if numeral is None or numeral.end - i < 2 or not re.search("[십백천]", s[i : numeral.end]):
        return None
    if not (_ends_word(s, numeral.end) or _read_counter(s, numeral.end) or _read_kind(s, numeral.end)):
        return None
    return numeral


def _read_native_numeral(s: str, i: int) -> _Numeral | None:
    m = _NATIVE_NUMBER.match(s, i)
    if m is None or _ORDINAL.match(s, m.end()):
        return None
    word = m.group(1)
    counted = _read_kind(s, m.end()) or _read_counter(s, m.end())
    if counted is None and (word in _NATIVE_NEEDING_COUNTER or not _is_hangul(s, m.end() + 1)):
        return None
    return _Numeral(m.end(), Decimal(_NATIVE_NUMBERS[word]), Decimal(1), Decimal(1))


def _read_english_numeral(s: str, i: int) -> _Numeral | None:
    m = _ENGLISH_NUMBER.match(s, i)
    if m is None:
        return None
    word = m.group(1).lower()
    numeral = _Numeral(m.end(), Decimal(_ENGLISH_NUMBERS[word]), Decimal(1), Decimal(1))
    if word == "twice":
        return replace(numeral, kind="multiplier")
    return _with_english_scale(s, numeral, words_only=True)


def _with_english_scale(s: str, numeral: _Numeral, words_only: bool = False) -> _Numeral:
    m = _ENGLISH_SCALE.match(s, numeral.end)
    if m is None or (words_only and m["suffix"]):
        return numeral
    factor = Decimal(_ENGLISH_SCALES[(m["suffix"] or m["word"]).lower()])
    return _Numeral(m.end(), numeral.value * factor, numeral.precision * factor, factor)


def _longest_korean_numeral(s: str, i: int) -> _Numeral | None:
    candidate = _KOREAN_NUMERAL.match(s, i).group()
    for length in range(len(candidate), 0, -1):  # "1,000." and "7억이" end before the stray character
        numeral = _parse_korean_numeral(candidate[:length])
        if numeral is not None:
            return replace(numeral, end=i + length)
    return None


def _parse_korean_numeral(text: str) -> _Numeral | None:
    """Value of 1,200 / 8천만 / 3억 5천만 / 십만 / 2.5억; None unless well formed."""
    tokens = _tokenize_korean_numeral(text)
    if tokens is None:
        return None
    parser = _KoreanNumeralParser()
    steps = {"number": parser.number, "digit": parser.hanja_digit, "small": parser.small_unit,
             "big": parser.big_unit, "space": parser.space}
    if not all(steps[kind](token) for kind, token in tokens) or not parser.finish():
        return None
    # 8천만 and 80 have one number times units, a scale a bare range start can take on
    single_term = parser.numbers == 0 or (parser.numbers == 1 and tokens[0][0] == "number")
    return _Numeral(len(text), parser.total, parser.place, parser.units if single_term else None)


class _KoreanNumeralParser:
    """Adds up a Korean numeral token by token; a step returns False on a malformed numeral.

    Well formed: units descend (천 before 백, 억 before 만), a section below a big
    unit stays below it (1억 20000만 is not), a Sino-Korean digit is followed by
    its unit (7억이 is 7억 and a particle), and a part after a space carries a unit.
    """

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.section = Decimal(0)  # the part below the next big unit
        self.place = Decimal(1)  # place value of the last term
        self.section_place: Decimal | None = None
        self.pending: Decimal | None = None  # a number waiting for its unit
        self.pending_place = Decimal(1)
        self.pending_is_hanja = False
        self.last_small: int | None = None
        self.last_big: int | None = None
        self.after_space = False
        self.units = Decimal(1)
        self.numbers = 0

    def number(self, token: str) -> bool:
        return self._take(Decimal(token.replace(",", "")), _place_of(token), is_hanja=False)

    def hanja_digit(self, token: str) -> bool:
        return self._take(Decimal(_HANJA_DIGITS[token]), Decimal(1), is_hanja=True)

    def _take(self, value: Decimal, place: Decimal, is_hanja: bool) -> bool:
        if self.pending is not None:
            return False
        self.pending, self.pending_place, self.pending_is_hanja = value, place, is_hanja
        self.numbers += 1
        return True

    def small_unit(self, token: str) -> bool:
        unit = _SMALL_UNITS[token]
        if self.last_small is not None and unit >= self.last_small:
            return False
        if self.pending is not None and self.pending >= 10:  # 8천, never 12천
            return False
        multiplier, place = (1, 1) if self.pending is None else (self.pending, self.pending_place)
        self.section += multiplier * unit
        self.section_place = place * unit
        self.last_small, self.pending, self.after_space = unit, None, False
        self.units *= unit
        return True

    def big_unit(self, token: str) -> bool:
        unit = _BIG_UNITS[token]
        if self.last_big is not None and unit >= self.last_big:
            return False
        if self.pending is not None and not self._close_pending():
            return False
        if self.section == 0 or (self.last_big is not None and self.section * unit >= self.last_big):
            return False
        self.total += self.section * unit
        self.place = self.section_place * unit
        self.section, self.section_place, self.last_small, self.last_big = Decimal(0), None, None, unit
        self.after_space = False
        self.units *= unit
        return True

    def space(self, token: str) -> bool:
        if self.last_big is None or self.section or self.pending is not None:
            return False  # a space only separates big-unit sections: 3억 5천만
        self.after_space = True
        return True

    def finish(self) -> bool:
        if self.after_space:
            return False
        if self.pending is not None and (self.pending_is_hanja or not self._close_pending()):
            return False
        if self.section_place is not None:
            if self.last_big is not None and self.section >= self.last_big:
                return False
            self.total += self.section
            self.place = self.section_place
        return True

    def _close_pending(self) -> bool:
        """A number ends its section: 3천200 (200 below 천), 8000만."""
        if self.last_small is not None and self.pending >= self.last_small:
            return False
        self.section += self.pending
        self.section_place = self.pending_place
        self.pending = None
        return True


def _tokenize_korean_numeral(text: str) -> list[tuple[str, str]] | None:
    tokens = []
    pos = 0
    while pos < len(text):
        m = _KOREAN_NUMERAL_TOKEN.match(text, pos)
        if m is None:
            return None
        tokens.append((m.lastgroup, m.group()))
        pos = m.end()
    return tokens


def _place_of(number: str) -> Decimal:
    decimals = len(number.partition(".")[2])
    return Decimal(1).scaleb(-decimals)


# --------------------------------------------------------------------------- kinds, counters, qualifiers


@dataclass(frozen=True)
class _Suffix:
    """What follows a numeral and says what it counts: %, 배, 초, 페이지 ..."""

    kind: str
    unit: str | None
    end: int


_KIND_SUFFIXES = (
    ("percent_point", re.compile(r" ?(?:%p|% ?포인트|퍼센트 ?포인트)(?![A-Za-z])| (?i:percentage points?|pp)(?![A-Za-z])")),
    ("percent", re.compile(r" ?(?:%|퍼센트)| (?i:percent|per cent)(?![A-Za-z])")),
    ("permille", re.compile(r" ?(?:‰|퍼밀)| (?i:per mille|permille)(?![A-Za-z])")),
    (
        "multiplier",
        re.compile(
            r" ?배|[xX×](?![A-Za-z0-9])|-?(?i:fold)(?![A-Za-z])"
            r"| (?i:times)(?= (?i:faster|slower|more|fewer|less|larger|smaller|higher|lower|longer|shorter|as)\b)"
        ),
    ),
    ("score", re.compile(r" ?점| (?i:points?|pts?)(?![A-Za-z])")),
)
_DURATION = re.compile(
    r" ?(?P<ko>밀리초|초|분(?!의)|시간|일)|(?P<attached>ms|sec|min|hr|h)(?![A-Za-z])"
    r"| (?P<spaced>ms|secs?|seconds?|mins?|minutes?|hrs?|hours?|days?)(?![A-Za-z])"
)
_DURATION_UNITS = {
    "밀리초": "ms", "ms": "ms", "초": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "분": "min", "min": "min", "mins": "min", "minute": "min", "minutes": "min",
    "시간": "h", "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h", "일": "day", "day": "day", "days": "day",
}
_SIZE = re.compile(r" ?(KB|MB|GB|TB|KiB|MiB|GiB|TiB)(?![A-Za-z])")
# Seconds and bytes: "90분" and "1.5시간" are one duration.
_BASE_UNITS = {
    "ms": 0.001, "s": 1, "min": 60, "h": 3600, "day": 86400,
    "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "KiB": 2.0**10, "MiB": 2.0**20, "GiB": 2.0**30, "TiB": 2.0**40,
}

_KOREAN_COUNTERS = {
    "개국": "country", "개월": "month", "매개변수": "param", "파라미터": "param", "페이지": "page", "레이어": "layer",
    "단계": "step", "가지": "kind", "슬롯": "slot", "토큰": "token", "언어": "language", "작업": "task",
    "샘플": "sample", "에폭": "epoch", "차원": "dimension", "계층": "layer", "개": "item", "명": "person", "회": "time",
    "번": "time", "장": "sheet", "건": "case", "년": "year", "월": "month", "층": "layer", "종": "kind",
}
_ENGLISH_COUNTERS = {
    **{
        form: unit
        for word, unit in {
            "token": "token", "page": "page", "parameter": "param", "param": "param", "slot": "slot",
            "task": "task", "call": "call", "language": "language", "layer": "layer", "step": "step",
            "sample": "sample", "example": "example", "gpu": "gpu", "dataset": "dataset",
            "benchmark": "benchmark", "expert": "expert", "epoch": "epoch", "year": "year", "month": "month",
            "week": "week", "item": "item", "word": "word", "image": "image", "document": "document",
        }.items()
        for form in (word, word + "s")
    },
    "query": "query", "queries": "query", "fps": "fps",
}
_KOREAN_COUNTER = re.compile(" ?(" + "|".join(sorted(_KOREAN_COUNTERS, key=len, reverse=True)) + ")")
_ENGLISH_COUNTER = re.compile(
    r" (?i:(" + "|".join(sorted(_ENGLISH_COUNTERS, key=len, reverse=True)) + r"))(?![A-Za-z])"
)

_QUALIFIER_FLAGS = {
    **dict.fromkeys(["약", "대략", "거의", "가량", "정도", "내외", "안팎", "쯤", "남짓", "여", "~", "≈"], "approx"),
    **dict.fromkeys(["about", "approximately", "approx.", "around", "roughly", "nearly", "almost"], "approx"),
    **dict.fromkeys(["최소", "이상", "초과", "+", ">", "≥"], "min"),
    **dict.fromkeys(["over", "more than", "at least", "above", "greater than", "upwards of"], "min"),
    **dict.fromkeys(["or more", "or greater", "or above", "and up", "and above"], "min"),
    **dict.fromkeys(["최대", "이하", "미만", "이내", "<", "≤"], "max"),
    **dict.fromkeys(["up to", "at most", "less than", "fewer than", "under", "below"], "max"),
    **dict.fromkeys(["or less", "or fewer", "or below"], "max"),
}
_LEADING_QUALIFIER = re.compile(
    r"(?:(?<![가-힣])(약|대략|거의|최대|최소)|(?<![A-Za-z])((?i:about|approximately|approx\.|around|roughly|nearly|almost"
    r"|up to|at most|at least|over|more than|less than|fewer than|under|below|above|greater than|upwards of))"
    r"|([~≈<>≤≥])) ?$"
)
_LEADING_WINDOW = 16
_TRAILING_QUALIFIER = re.compile(
    r" ?(이상|초과|이하|미만|이내|가량|정도|내외|안팎|쯤|남짓)"
    r"| ((?i:or more|or greater|or above|and up|and above|or less|or fewer|or below))(?![A-Za-z])"
)
_PLUS = re.compile(r"\+(?![0-9+])")


def _read_kind(s: str, pos: int) -> _Suffix | None:
    for kind, pattern in _KIND_SUFFIXES:
        m = pattern.match(s, pos)
        if m and (not _is_hangul(s, m.end() - 1) or _ends_word(s, m.end())):
            return _Suffix(kind, None, m.end())
    m = _DURATION.match(s, pos)
    if m and (not m["ko"] or _ends_word(s, m.end())):
        unit = _DURATION_UNITS[(m["ko"] or m["attached"] or m["spaced"]).lower()]
        return _Suffix("duration", unit, m.end())
    m = _SIZE.match(s, pos)
    if m:
        return _Suffix("size", m.group(1), m.end())
    return None


def _read_counter(s: str, pos: int) -> _Suffix | None:
    m = _KOREAN_COUNTER.match(s, pos)
    if m and _ends_word(s, m.end()):
        return _Suffix("quantity", _KOREAN_COUNTERS[m.group(1)], m.end())
    m = _ENGLISH_COUNTER.match(s, pos)
    if m:
        return _Suffix("quantity", _ENGLISH_COUNTERS[m.group(1).lower()], m.end())
    return None


def _leading_qualifiers(s: str, pos: int) -> set[str]:
    m = _LEADING_QUALIFIER.search(s, max(0, pos - _LEADING_WINDOW), pos)
    if m is None:
        return set()
    word = next(group for group in m.groups() if group)
    return {_QUALIFIER_FLAGS[word.lower()]}


def _trailing_qualifiers(s: str, pos: int) -> set[str]:
    m = _TRAILING_QUALIFIER.match(s, pos)
    if m is None or (m.group(1) and not _ends_word(s, m.end())):
        return set()
    return {_QUALIFIER_FLAGS[(m.group(1) or m.group(2)).lower()]}


# --------------------------------------------------------------------------- values

_VALUE_START = re.compile(
    r"[0-9]|(?<![가-힣])(?:[일이삼사오육칠팔구십백천]|다섯|여섯|일곱|여덟|아홉|스무|한|두|세|네|열)"
    r"|(?<![A-Za-z])(?i:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twice)(?![A-Za-z])"
)
_RANGE_JOIN = re.compile(r" ?[-~] ?| ?(?:에서|부터) | (?i:to) ")


@dataclass(frozen=True)
class _Range:
    low: Decimal
    high: Decimal
    precision: Decimal
    suffix: _Suffix | None
    end: int


def _find_values(s: str) -> list[NumericFact]:
    facts = []
    pos = 0
    while (m := _VALUE_START.search(s, pos)) is not None:
        fact = _read_value(s, m.start())
        if fact is None:
            pos = m.start() + 1
        else:
            facts.append(fact)
            pos = fact.end
    return facts


def _read_value(s: str, start: int) -> NumericFact | None:
    first = _read_numeral(s, start)
    if first is None:
        return None
    qualifiers = _leading_qualifiers(s, start)
    suffix = _Suffix(first.kind, None, first.end) if first.kind else _read_kind(s, first.end)
    low = high = first.value
    precision = first.precision
    end = suffix.end if suffix else first.end
    after = end  # where a counter and a trailing qualifier may follow
    plus = None if suffix else _PLUS.match(s, end)  # "20+ FPS", "3,000+ datasets"
    if plus:
        qualifiers.add("min")
        after = plus.end()
    elif (span := _read_range(s, first, suffix)) is not None:
        low, high, precision, suffix, end = span.low, span.high, span.precision, span.suffix, span.end
        after = end
    kind, unit = (suffix.kind, suffix.unit) if suffix else ("quantity", None)
    if suffix is None:
        if s.startswith("여", after) and _read_counter(s, after + 1):  # "100여 개": a hundred odd
            qualifiers.add("approx")
            after += 1
        counter = _read_counter(s, after)
        if counter is not None:
            if after == end and not s.startswith(" ", end):  # an attached counter is part of the number: 1,000개
                end = counter.end
            unit, after = counter.unit, counter.end
    return NumericFact(
        start, end, "", kind, float(low), float(high),
        qualifiers=frozenset(qualifiers | _trailing_qualifiers(s, after)), unit=unit, precision=float(precision),
    )


def _read_range(s: str, first: _Numeral, first_suffix: _Suffix | None) -> _Range | None:
    """``1-10M``, ``10-20배``, ``10배에서 20배``, ``100만~1,000만``: ascending, one kind."""
    join = _RANGE_JOIN.match(s, first_suffix.end if first_suffix else first.end)
    if join is None or join.end() >= len(s):
        return None
    second = _read_digit_numeral(s, join.end())
    if second is None:
        return None
    suffix = _read_kind(s, second.end)
    if first_suffix and (suffix is None or (suffix.kind, suffix.unit) != (first_suffix.kind, first_suffix.unit)):
        return None
    low, low_precision = first.value, first.precision
    if first_suffix is None and first.scale == 1 and second.scale not in (None, 1):
        scaled = first.value * second.scale  # the written scale covers both ends: 1-10M, 5~10만
        if scaled < second.value:
            low, low_precision = scaled, first.precision * second.scale
    if not low < second.value:
        return None  # "2025-10", "100개에서 20개로": not a range
    end = suffix.end if suffix else second.end
    return _Range(low, second.value, max(low_precision, second.precision), suffix, end)


# --------------------------------------------------------------------------- extraction

_PHASES = (
    _find_list_numbers,
    _find_dates,
    _find_resolutions,
    _find_formulas,
    _find_settings,
    _find_word_identifiers,
    _find_versions,
    _find_values,
)


def extract_numbers(text: str) -> list[NumericFact]:
    """Every numeric fact in ``text``, sorted by start, spans never overlapping."""
    folded = _fold(text)
    masked = folded.text
    facts: list[NumericFact] = []
    for phase in _PHASES:
        found = phase(masked)
        facts.extend(found)
        masked = _mask(masked, found)
    return sorted((_to_original(fact, folded, text) for fact in facts), key=lambda fact: fact.start)


# --------------------------------------------------------------------------- comparison


def same_quantity(a: NumericFact, b: NumericFact) -> bool:
    """Equal values of compatible kinds (80M = 8천만, 10x = 10배), or equal names."""
    if _group(a) != _group(b):
        return False
    if a.low is None or b.low is None:
        return a.canonical == b.canonical
    return all(math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12) for x, y in zip(_base_values(a), _base_values(b)))


def compare_numbers(reference: Sequence[NumericFact], rendering: Sequence[NumericFact]) -> list[NumberMismatch]:
    """Mismatches of one aligned sentence pair (or small group), in rendering order."""
    pairs, reference_left, rendering_left = _pair_equal(reference, rendering)
    findings = [conflict for ref, ren in pairs if (conflict := _bound_conflict(ref, ren)) is not None]
    for group in dict.fromkeys(map(_group, rendering_left)):
        refs = [fact for fact in reference_left if _group(fact) == group]
        rens = [fact for fact in rendering_left if _group(fact) == group]
        if len(refs) == len(rens):  # otherwise there is no telling which one was changed
            findings.extend(_mismatch(ref, ren) for ref, ren in zip(refs, rens))
    return sorted(findings, key=lambda finding: (finding.rendering.start, finding.rendering.end))


def _pair_equal(
    reference: Sequence[NumericFact], rendering: Sequence[NumericFact]
) -> tuple[list[tuple[NumericFact, NumericFact]], list[NumericFact], list[NumericFact]]:
    unpaired = list(reference)
    pairs = []
    rendering_left = []
    for ren in rendering:
        index = next((k for k, ref in enumerate(unpaired) if same_quantity(ref, ren)), None)
        if index is None:
            rendering_left.append(ren)
        else:
            pairs.append((unpaired.pop(index), ren))
    return pairs, unpaired, rendering_left


def _group(fact: NumericFact) -> str:
    """Facts that may stand in each other's place."""
    if fact.kind in ("quantity", "score"):
        return "amount"
    if fact.kind == "setting":
        return "setting:" + fact.canonical
    if fact.kind == "identifier":
        return "identifier:" + _name_stem(fact.canonical)
    return fact.kind


def _base_values(fact: NumericFact) -> tuple[float, float]:
    factor = _base_factor(fact)
    return fact.low * factor, fact.high * factor


def _base_factor(fact: NumericFact) -> float:
    return _BASE_UNITS.get(fact.unit, 1) if fact.kind in ("duration", "size") else 1


def _bound_conflict(ref: NumericFact, ren: NumericFact) -> NumberMismatch | None:
    """Equal values, opposite bounds: "over 6,000" rendered as "6,000개 미만"."""
    ref_bound = ref.qualifiers & {"min", "max"}
    ren_bound = ren.qualifiers & {"min", "max"}
    if len(ref_bound) != 1 or len(ren_bound) != 1 or ref_bound == ren_bound:
        return None
    reason = f"{ren.text} ({_describe(ren)}) bounds the other way from the reference's {ref.text} ({_describe(ref)})"
    return NumberMismatch(ren, ref, "error", reason)


def _mismatch(ref: NumericFact, ren: NumericFact) -> NumberMismatch:
    if ren.low is None:
        return NumberMismatch(ren, ref, "error", f"{ren.text} where the reference has {ref.text}")
    if _is_rounding(ref, ren):
        reason = (
            f"{ren.text} ({_describe(ren)}) differs from the reference's {ref.text} ({_describe(ref)}) only by rounding"
        )
        return NumberMismatch(ren, ref, "warning", reason)
    reason = f"{ren.text} ({_describe(ren)}) where the reference has {ref.text} ({_describe(ref)})"
    return NumberMismatch(ren, ref, "error", reason)


def _is_rounding(a: NumericFact, b: NumericFact) -> bool:
    """One value is the other rounded to its last written digit (8.8 for 8.84; 약 60 for 61)."""
    step = max(_rounding_step(a), _rounding_step(b))
    if step == 0:
        return False
    return all(abs(x - y) <= step / 2 * (1 + 1e-9) for x, y in zip(_base_values(a), _base_values(b)))


def _rounding_step(fact: NumericFact) -> float:
    if not fact.precision:
        return 0.0
    step = fact.precision * _base_factor(fact)
    if "approx" in fact.qualifiers:  # "약 60%" claims tens, "약 500억" ten-billions
        digits = round(fact.high / fact.precision)
        while digits and digits % 10 == 0:
            digits //= 10
            step *= 10
    return step


_QUALIFIER_WORDS = (("approx", "about "), ("min", "at least "), ("max", "at most "))
_KIND_SIGNS = {"percent": "%", "percent_point": " pp", "permille": "‰", "multiplier": "×", "score": " points"}


def _describe(fact: NumericFact) -> str:
    """The value in plain words for a reason: "80,000,000", "about 8.8×", "1,000,000–10,000,000"."""
    number = _format(fact.low) if not fact.is_range else f"{_format(fact.low)}–{_format(fact.high)}"
    if fact.kind == "setting":
        number = f"{fact.canonical}={number}"
    sign = _KIND_SIGNS.get(fact.kind, f" {fact.unit}" if fact.kind in ("duration", "size") else "")
    prefix = next((word for flag, word in _QUALIFIER_WORDS if flag in fact.qualifiers), "")
    return f"{prefix}{number}{sign}"


def _format(value: float) -> str:
    if abs(value - round(value)) <= 1e-9 * max(1.0, abs(value)):
        return f"{round(value):,}"
    return f"{value:,.12g}"
