"""Numeric facts in technical Korean (and English) text, read and compared as values.

Digit-matching QA tools flag ``SAM-base(80M)`` against ``SAM-base(8천만 매개변수)``
and know nothing of 만/억/조.  This module reads numbers the way a reader does --
``80M``, ``8천만``, ``8000만`` and ``80,000,000`` are one value -- and compares the
values of one aligned sentence pair.

Extraction (:func:`extract_numbers`) works on an NFKC-folded copy of the text
(full-width digits, ``％``, dashes and tildes folded) whose every character remembers
where it came from, so spans always point into the original string.  Phases run in
order and each claims its spans, so a later phase never re-reads them:

0. inline code with a digit is one identifier (```let y = 6;```);
1. name-like numbers: list numbers (``3.`` opening a line), labels (``Listing 4-7`` =
   ``예제 4-7``, ``Chapter 13`` = ``13장``, ``Appendix B`` = ``부록 B``), dates (``2025-10-22``,
   ``October 22, 2012`` = ``2012년 10월 22일``, ``August 22`` = ``8월 22일``), resolutions
   (``1024x1024``), formulas (``n×100+256``) and settings (``B=192``, ``k>1``);
2. identifiers: Rust ranges (``6..11``), words mixing letters and digits (``GPT-4``,
   ``Qwen2.5-Math-7B``, ``A100-40G``, ``AIME-2025``) and a version after a name (``Claude 3.5``);
3. ordinals (``6번째`` = ``여섯 번째`` = ``sixth`` = ``6th``), then values: Arabic and
   Sino-Korean numerals with 십/백/천 and 만/억/조 (``3억 5천만``, ``10 억``), native words
   before a counter (``두 배``, ``세 가지``) or alone (``둘 중 하나``), English words
   (``forty``, ``twenty-five``, ``a hundred``) and scales (``80M``, ``20 thousand``), ranges
   (``1-10M``, ``10배에서 20배``, ``1992년~1995년``), kinds, counters and units (``586 km``,
   ``$620,000``) and qualifiers.

Kinds (``NumericFact.kind``):

* value kinds carry ``low``/``high`` (equal unless a range) as written, before any
  unit conversion: ``quantity`` (plain or counted: ``unit`` names the counter),
  ``score`` (점, points), ``percent``, ``percent_point`` (%p), ``permille``,
  ``multiplier`` (배, x, ×, -fold), ``duration`` (``unit``: ms, s, min, h, day),
  ``size`` (``unit``: KB ... TiB), ``ordinal`` and ``setting`` (``canonical`` holds the name);
* name kinds have ``low``/``high`` None and compare by ``canonical`` only:
  ``identifier``, ``label`` (``listing:4-7``: only with a label of its kind), ``list_number``,
  ``date`` (``2012-10-22``, ``????-08-22``: equal where both state a field), ``resolution``,
  ``formula``.

Qualifiers are flags, never part of the value or the span: ``approx`` (약, 가량,
정도, ~, about), ``min`` (이상, 초과, 최소, over, at least, +) and ``max`` (이하,
미만, 이내, 최대, up to, less than).

Comparison (:func:`compare_numbers`) pairs equal values first, in any order, then
pairs the leftovers of each kind in order of position -- but only where both sides
have the same number of leftovers of that kind, since otherwise there is no telling
which one was changed; a number with a unit takes the place only of the same unit or
of a bare number, and a spelled-out one (``한 가지``, ``one``) or a noun numeral (``둘 다``)
pairs only when equal.  A paired leftover is an error, or a warning where one value
is the other rounded or where it is a label (editions renumber listings).  Unpaired facts are left to the omission and addition checks.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from .text import CODE_SPAN, HANGUL

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
    {"quantity", "score", "percent", "percent_point", "permille", "multiplier", "duration", "size", "setting",
     "ordinal"}
)
NAME_KINDS = frozenset({"identifier", "label", "list_number", "date", "resolution", "formula"})


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
    text = original[start:end]
    if fact.kind == "label":
        text = " ".join(text.split())  # "Chapter\n2" of a hard-wrapped line, as a reader sees it
    return replace(fact, start=start, end=end, text=text)


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


# --------------------------------------------------------------------------- labels, code, dates

# A label names a listing, a figure or a chapter; its number is no quantity, and "4-7" in
# "Listing 4-7" or "예제 4-7의" is listing seven of chapter four, never the range 4..7.
_LABEL_KINDS = {
    "listing": "listing", "figure": "figure", "fig.": "figure", "table": "table", "chapter": "chapter",
    "appendix": "appendix", "section": "section",
    "예제": "listing", "리스트": "listing", "목록": "listing", "코드": "listing", "항목": "listing",
    "그림": "figure", "표": "table", "부록": "appendix",
}
_LABEL_NUMBER = r"(?:[0-9]+(?:[-.][0-9]+)*|[A-Z])(?![A-Za-z0-9]|[-.][0-9])"
_EN_LABEL = re.compile(
    r"(?<![A-Za-z])(?P<word>(?i:listing|figure|table|chapter|section|appendix)(?:s|es)?|(?i:fig\.))[ \n]"
    rf"(?P<numbers>{_LABEL_NUMBER}(?:(?:,? (?:and|or|to|through) |, ){_LABEL_NUMBER}(?! ?[장절]))*)"
)
# 코드 and 항목 are everyday words too: they are labels only before a chapter-number pair (항목 3-3).
_KO_LABEL = re.compile(
    r"(?<![가-힣])(?P<word>예제|리스트|목록|그림|표|부록|코드|항목) ?"
    rf"(?P<numbers>{_LABEL_NUMBER}(?:(?:, ?|과 |와 | ?및 |~ ?){_LABEL_NUMBER})*)"
)
_KO_CHAPTER = re.compile(r"(?<![0-9A-Za-z.\-])(?:제 ?)?(?P<number>[0-9]+(?:\.[0-9]+)*) ?(?P<unit>장|절)")
_ONE_LABEL = re.compile(_LABEL_NUMBER)
# What 장 counts rather than names a chapter of: 사진 2장, 이미지 3장
_SHEET_NOUN = re.compile(r"(?:그림|사진|이미지|종이|카드|슬라이드|표|페이지) ?$")


def _find_labels(s: str) -> list[NumericFact]:
    facts = []
    for pattern in (_EN_LABEL, _KO_LABEL):
        for m in pattern.finditer(s):
            word = m["word"].lower()
            kind = _LABEL_KINDS.get(word) or _LABEL_KINDS.get(word.removesuffix("es")) or _LABEL_KINDS[word[:-1]]
            if word in ("코드", "항목") and not re.fullmatch(r"[0-9]+-[0-9]+", _ONE_LABEL.match(m["numbers"]).group()):
                continue
            first = True
            for n in _ONE_LABEL.finditer(s, m.start("numbers"), m.end("numbers")):
                if n.group().isalpha() and kind != "appendix":
                    break  # "Table A" is rare, "Chapter I" roman: only appendices are lettered
                if _read_counter(s, n.end()) or _read_kind(s, n.end()):
                    break  # "표 3개", "그림 2장": three tables, two pictures
                facts.append(_name_fact(m.start() if first else n.start(), n.end(), "label", f"{kind}:{n.group()}"))
                first = False
    for m in _KO_CHAPTER.finditer(s):
        if m["unit"] == "장" and _SHEET_NOUN.search(s, 0, m.start()):
            continue  # "사진 2장" counts sheets
        if _ends_word(s, m.end()) and not _overlaps(facts, m.start(), m.end()):
            kind = "chapter" if m["unit"] == "장" else "section"
            facts.append(_name_fact(m.start(), m.end(), "label", f"{kind}:{m['number']}"))
    return _disjoint(facts)


def _overlaps(facts: Sequence[NumericFact], start: int, end: int) -> bool:
    return any(f.start < end and start < f.end for f in facts)


def _disjoint(facts: list[NumericFact]) -> list[NumericFact]:
    kept: list[NumericFact] = []
    for fact in sorted(facts, key=lambda f: (f.start, -f.end)):
        if not _overlaps(kept, fact.start, fact.end):
            kept.append(fact)
    return kept


def _find_code_spans(s: str) -> list[NumericFact]:
    """Inline code with a digit is one identifier: `let y = 6;` is code, not six of anything."""
    facts = []
    for m in CODE_SPAN.finditer(s):  # a span may run over a hard-wrapped line
        code = m.group()[len(m.group(1)) : -len(m.group(1))]
        if re.search("[0-9]", code):
            facts.append(_name_fact(m.start(), m.end(), "identifier", "`" + _canonical_name(code)))
    return facts


_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_YEAR = r"(?P<year>[12][0-9]{3})(?![0-9])"
_DAY = r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?(?![0-9A-Za-z])"
_ENGLISH_DATES = (
    re.compile(rf"(?<![A-Za-z]){_MONTH} {_DAY}(?:,? {_YEAR})?"),  # August 22, Dec 22, October 22, 2012
    re.compile(rf"(?<![0-9]){_DAY} (?:of )?{_MONTH}(?![A-Za-z])(?:,? {_YEAR})?"),  # 22 August 2012
    re.compile(rf"(?<![A-Za-z]){_MONTH},? {_YEAR}"),  # October 2012
    # a month alone, spelled out ("in August"); "May" is too often the verb
    re.compile(r"(?<![A-Za-z])(?P<month>January|February|March|April|June|July|August|September|October|November"
               r"|December)(?![A-Za-z])"),
)
_KOREAN_DATE = re.compile(
    r"(?<![0-9])(?:(?P<year>[12][0-9]{3}) ?년 ?)?(?P<month>[0-9]{1,2}) ?월(?: ?(?P<day>[0-9]{1,2}) ?일)?"
)


def _date_fact(start: int, end: int, year: str | None, month: int, day: str | None) -> NumericFact | None:
    if not 1 <= month <= 12 or (day is not None and not 1 <= int(day) <= 31):
        return None
    canonical = "{}-{:02d}-{}".format(year or "????", month, f"{int(day):02d}" if day else "??")
    return _name_fact(start, end, "date", canonical)


def _find_dates(s: str) -> list[NumericFact]:
    """One date fact per date however written: 2025-10-22, October 22, 2012, 2012년 10월 22일, 8월."""
    facts = [
        _name_fact(m.start(), m.end(), "date", "{}-{:02d}-{:02d}".format(*map(int, m.groups())))
        for m in _DATE.finditer(s)
    ]
    for pattern in _ENGLISH_DATES:
        for m in pattern.finditer(s):
            groups = m.groupdict()
            month = _MONTHS[m["month"].rstrip(".").lower()]
            fact = _date_fact(m.start(), m.end(), groups.get("year"), month, groups.get("day"))
            if fact is not None and not _overlaps(facts, fact.start, fact.end):
                facts.append(fact)
    for m in _KOREAN_DATE.finditer(s):
        # the last unit ends the word: "8월에" is a month, "8월등" is not read
        fact = _date_fact(m.start(), m.end(), m["year"], int(m["month"]), m["day"])
        if fact is not None and _ends_word(s, m.end()) and not _overlaps(facts, fact.start, fact.end):
            facts.append(fact)
    return _disjoint(facts)


def _dates_agree(a: NumericFact, b: NumericFact) -> bool:
    """Fields both dates state are equal: "August 22" is "2012년 8월 22일" with the year left out."""
    fields = list(zip(a.canonical.split("-"), b.canonical.split("-")))
    return all(x == y or "?" in x or "?" in y for x, y in fields) and any(
        x == y and "?" not in x for x, y in fields
    )


# --------------------------------------------------------------------------- identifiers

_WORD = re.compile(r"(?<![A-Za-z0-9.,_\-])[A-Za-z0-9]+(?:[.\-_][A-Za-z0-9]+)*\+*")
_NUMBER_LED = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:-[0-9]+(?:\.[0-9]+)?)?")
# Letters that may follow digits in a number rather than a name: 80M, 10x, 100ms, 40GB.
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})  # 6th is a position, not a name
_NUMBER_LETTERS = frozenset("K k M B b T x X ms sec min h hr KB MB GB TB KiB MiB GiB TiB km kg cm mm ft mi lb lbs".split())

_VERSION = re.compile(
    r"(?<![A-Za-z0-9.\-])(?P<name>[A-Z][A-Za-z]*(?:-[A-Za-z]+)+|[A-Z][A-Za-z]+)"
    r" (?P<version>[0-9](?:\.[0-9])?)(?![0-9]|[.,][0-9])"
)
# Capitalised words that precede a quantity, not a version: "Over 200K", "Top 5".
_NOT_NAMES = frozenset(
    "In On At Of To For By With From Over Under About Around Up Than Only Just Nearly Almost "
    "Approximately Roughly Top The And Or But Below Above Within Across Into After Before Since Until".split()
)


# Rust ranges (0..5, 6..11, ..=9) outside backticks, as a wrapped line leaves them: code, not numbers.
_CODE_RANGE = re.compile(r"(?<![A-Za-z0-9_.])(?:[0-9]*\.\.=?[0-9]+|[0-9]+\.\.)(?![0-9.])")


def _find_code_ranges(s: str) -> list[NumericFact]:
    return [_name_fact(m.start(), m.end(), "identifier", m.group()) for m in _CODE_RANGE.finditer(s)]


_ORDINAL_WORDS = {
    "first": 1, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}
_NATIVE_ORDINALS = {
    "첫": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8,
    "아홉": 9, "열": 10,
}
_ORDINALS = re.compile(
    r"(?<![0-9.])(?P<digits>[0-9]+)(?: ?번째|째|(?:st|nd|rd|th)(?![A-Za-z]))"
    r"|(?<![가-힣])제 ?(?P<je>[0-9]+)(?![0-9.,])"
    r"|(?<![가-힣])(?P<native>첫|둘|셋|넷|다섯|여섯|일곱|여덟|아홉|열|두|세|네) ?(?:번)?째"
    rf"|(?<![A-Za-z_])(?P<word>(?i:{'|'.join(_ORDINAL_WORDS)}))(?![A-Za-z_])"
)


def _find_ordinals(s: str) -> list[NumericFact]:
    """6번째, 여섯 번째, 6th and sixth are one ordinal: a position, compared only with positions."""
    facts = []
    for m in _ORDINALS.finditer(s):
        if m["digits"] or m["je"]:
            value = int(m["digits"] or m["je"])
        elif m["native"]:
            value = _NATIVE_ORDINALS[m["native"]]
        else:
            value = _ORDINAL_WORDS[m["word"].lower()]
        facts.append(NumericFact(m.start(), m.end(), "", "ordinal", float(value), float(value), precision=1.0))
    return facts


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
    return not (rest.startswith("-") or rest.split("-", 1)[0] in _NUMBER_LETTERS | _ORDINAL_SUFFIXES)


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
_ENGLISH_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
_ENGLISH_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_ENGLISH_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_ENGLISH_WORD_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
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
    r"(?P<suffix>[KkMBbT])(?![A-Za-z0-9])| (?P<word>(?i:thousand|million|billion|trillion))s?(?![A-Za-z])"
)
_NATIVE_NUMBER = re.compile(r"(?<![가-힣])(다섯|여섯|일곱|여덟|아홉|스무|한|두|세|네|열)(?= )")
# 하나, 둘, 셋, 넷 stand alone as nouns: "둘 중 하나" (one of two), "셋 모두"
_NATIVE_NOUN = re.compile(r"(?<![가-힣])(하나|둘|셋|넷)")
_NATIVE_NOUNS = {"하나": 1, "둘": 2, "셋": 3, "넷": 4}
_ENGLISH_NUMBER_WORDS = (
    "|".join([*_ENGLISH_UNITS, *_ENGLISH_TEENS, *_ENGLISH_TENS]) + "|hundred|" + "|".join(_ENGLISH_WORD_SCALES)
)
_ENGLISH_WORD = re.compile(rf"(?i:{_ENGLISH_NUMBER_WORDS}|and|a)(?![A-Za-z])")
_ENGLISH_WORD_GAP = re.compile(r"[ \-]")
_ENGLISH_NUMBER_START = (
    rf"(?<![A-Za-z\-])(?i:twice|{'|'.join([*_ENGLISH_UNITS, *_ENGLISH_TEENS, *_ENGLISH_TENS])}"
    rf"|a(?= (?:hundred|thousand|million|billion)))(?![A-Za-z])"
)
_ENGLISH_START = re.compile(_ENGLISH_NUMBER_START)
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


_SPACED_BIG_UNIT = re.compile(r" ([만억조])")


def _read_digit_numeral(s: str, i: int) -> _Numeral | None:
    if not "0" <= s[i] <= "9":
        return None
    numeral = _longest_korean_numeral(s, i)
    if numeral is not None and numeral.scale == 1:
        # "10 억" is 10억: the unit ends its word ("10 억 달러", "10 억이"), unlike "10 조건" or "10 만들기"
        big = _SPACED_BIG_UNIT.match(s, numeral.end)
        if big and _ends_word(s, big.end()):
            factor = Decimal(_BIG_UNITS[big.group(1)])
            return _Numeral(big.end(), numeral.value * factor, numeral.precision * factor, factor)
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
    m = _NATIVE_NOUN.match(s, i)
    if m is not None and _ends_word(s, m.end()) and not s.startswith("째", m.end()):
        return _Numeral(m.end(), Decimal(_NATIVE_NOUNS[m.group(1)]), Decimal(1), Decimal(1))
    m = _NATIVE_NUMBER.match(s, i)
    if m is None or _ORDINAL.match(s, m.end()):
        return None
    word = m.group(1)
    counted = _read_kind(s, m.end()) or _read_counter(s, m.end())
    if counted is None and (word in _NATIVE_NEEDING_COUNTER or not _is_hangul(s, m.end() + 1)):
        return None
    return _Numeral(m.end(), Decimal(_NATIVE_NUMBERS[word]), Decimal(1), Decimal(1))


def _read_english_numeral(s: str, i: int) -> _Numeral | None:
    m = _ENGLISH_START.match(s, i)
    if m is None:
        return None
    if m.group().lower() == "twice":
        return _Numeral(m.end(), Decimal(2), Decimal(1), Decimal(1), kind="multiplier")
    parsed = _parse_english_words(s, i)
    if parsed is None:
        return None
    end, value, precision, scale = parsed
    numeral = _Numeral(end, Decimal(value), Decimal(precision), Decimal(scale))
    # "one" alone is a pronoun as often as a number ("the first one"): it needs a counter or a scale
    if value == 1 and not (_read_kind(s, end) or _read_counter(s, end)):
        return None
    return numeral


def _is_letter(s: str, pos: int) -> bool:
    return 0 <= pos < len(s) and s[pos].isascii() and s[pos].isalpha()


def _parse_english_words(s: str, i: int) -> tuple[int, int, int, int] | None:
    """(end, value, precision, scale) of "forty", "twenty-five", "a hundred", "two thousand three hundred"."""
    total, group, scale, precision = 0, 0, 1, 1
    last_scale = None  # the last scale word (thousand ...) taken; the next must be smaller
    end, pos, state = None, i, "start"  # state: what the last word was
    while True:
        m = _ENGLISH_WORD.match(s, pos)
        if m is None:
            break
        word = m.group().lower()
        if word == "a":
            if state != "start":
                break
            group, state = 1, "a"
        elif word == "and":
            if state not in ("hundred", "scale"):
                break
            state = "and"
        elif word in _ENGLISH_UNITS:
            if state not in ("start", "tens", "hundred", "and", "scale"):
                break
            group, precision, state = group + _ENGLISH_UNITS[word], 1, "unit"
        elif word in _ENGLISH_TEENS or word in _ENGLISH_TENS:
            if state not in ("start", "hundred", "and", "scale"):
                break
            group += _ENGLISH_TEENS.get(word) or _ENGLISH_TENS[word]
            precision = 1 if word in _ENGLISH_TEENS else 10
            state = "teen" if word in _ENGLISH_TEENS else "tens"
        elif word == "hundred":
            if state not in ("unit", "a") or group >= 10:
                break
            group, precision, state = group * 100, 100, "hundred"
        else:  # thousand, million, ...
            factor = _ENGLISH_WORD_SCALES[word]
            if state in ("start", "and", "scale") or group == 0 or (last_scale is not None and factor >= last_scale):
                break
            total, group, last_scale, precision, state = total + group * factor, 0, factor, factor, "scale"
            scale = factor
        if state != "and" and state != "a":
            end = m.end()
        gap = _ENGLISH_WORD_GAP.match(s, m.end())
        if gap is None:
            break
        pos = gap.end()
    if end is None:
        return None
    value = total + group
    return end, value, precision, scale if total and not group else 1


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
    # measures and things counted that a number must not trade places with (586킬로미터, 두 나라)
    "킬로미터": "km", "미터": "m", "센티미터": "cm", "밀리미터": "mm", "마일": "mile", "피트": "ft", "인치": "inch",
    "킬로그램": "kg", "그램": "g", "톤": "ton", "파운드": "lb", "달러": "USD", "위안": "CNY", "유로": "EUR",
    "엔": "JPY", "원": "KRW", "나라": "country", "국가": "country", "도시": "city",
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
            "kilometer": "km", "kilometre": "km", "meter": "m", "metre": "m", "centimeter": "cm",
            "millimeter": "mm", "mile": "mile", "inch": "inch", "kilogram": "kg", "gram": "g", "ton": "ton",
            "tonne": "ton", "dollar": "USD", "euro": "EUR", "person": "person", "city": "city",
        }.items()
        for form in (word, word + "s")
    },
    "query": "query", "queries": "query", "fps": "fps", "people": "person", "countries": "country",
    "country": "country", "cities": "city", "feet": "ft", "foot": "ft", "inches": "inch", "yuan": "CNY",
    "km": "km", "kg": "kg", "cm": "cm", "mm": "mm", "ft": "ft", "mi": "mile", "lb": "lb", "lbs": "lb",
}
# Units written against the number: 586km, 9.1km, 70kg.
_ATTACHED_UNIT = re.compile(r"(km|kg|cm|mm|ft|mi|lbs?)(?![A-Za-z0-9])")
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
_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW"}
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
    m = _ENGLISH_COUNTER.match(s, pos) or _ATTACHED_UNIT.match(s, pos)
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
    r"[0-9]|(?<![가-힣])(?:[일이삼사오육칠팔구십백천]|다섯|여섯|일곱|여덟|아홉|스무|한|두|세|네|열|하나|둘|셋|넷)"
    rf"|{_ENGLISH_NUMBER_START}"
)
_RANGE_JOIN = re.compile(r" ?[-~] ?| ?(?:에서부터|에서|부터) | (?i:to) ")


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
    if suffix is None and start and s[start - 1] in _CURRENCY_SIGNS:  # $620,000
        unit = _CURRENCY_SIGNS[s[start - 1]]
    if suffix is None and unit is None:
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
    """``1-10M``, ``10-20배``, ``10배에서 20배``, ``100만~1,000만``, ``1992년~1995년``: ascending, one kind."""
    join = _RANGE_JOIN.match(s, first_suffix.end if first_suffix else first.end)
    counter = None
    if join is None and first_suffix is None and (counter := _read_counter(s, first.end)) is not None:
        join = None if s.startswith(" ", first.end) else _RANGE_JOIN.match(s, counter.end)
    if join is None or join.end() >= len(s):
        return None
    second = _read_digit_numeral(s, join.end())
    if second is None:
        return None
    suffix = _read_kind(s, second.end)
    if counter is not None:  # the counter written on both ends: 1992년~1995년, 3개에서 5개
        again = _read_counter(s, second.end)
        if suffix is not None or again is None or again.unit != counter.unit or s.startswith(" ", second.end):
            return None
        suffix = _Suffix("quantity", counter.unit, again.end)
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
    _find_code_spans,
    _find_list_numbers,
    _find_labels,
    _find_dates,
    _find_resolutions,
    _find_formulas,
    _find_settings,
    _find_code_ranges,
    _find_word_identifiers,
    _find_versions,
    _find_ordinals,
    _find_values,
)


def extract_numbers(text: str) -> list[NumericFact]:
    """Every numeric fact in ``text``, sorted by start, spans never overlapping."""
    folded = _fold(text)
    # code without a digit says no number: `first_word` and `two_sum` are names
    masked = CODE_SPAN.sub(lambda m: m.group() if re.search("[0-9]", m.group()) else "\0" * len(m.group()), folded.text)
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
    if a.kind == "date":
        return _dates_agree(a, b)
    if a.low is None or b.low is None:
        return a.canonical == b.canonical
    return all(math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12) for x, y in zip(_base_values(a), _base_values(b)))


def compare_numbers(reference: Sequence[NumericFact], rendering: Sequence[NumericFact]) -> list[NumberMismatch]:
    """Mismatches of one aligned sentence pair (or small group), in rendering order."""
    pairs, reference_left, rendering_left = _pair_equal(reference, rendering)
    findings = [conflict for ref, ren in pairs if (conflict := _bound_conflict(ref, ren)) is not None]
    for group in dict.fromkeys(map(_group, rendering_left)):
        refs = [fact for fact in reference_left if _group(fact) == group and not _is_weak(fact)]
        rens = [fact for fact in rendering_left if _group(fact) == group and not _is_weak(fact)]
        if len(refs) != len(rens):  # there is no telling which one was changed
            continue
        pairs = list(zip(refs, rens))
        if all(_units_compatible(ref, ren) for ref, ren in pairs):  # "586 km" is not in the place of "두 나라"
            findings.extend(_mismatch(ref, ren) for ref, ren in pairs)
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


# Counters that say nothing of what is counted (개, 가지, 번, 장, 건): they fit any unit.
_GENERIC_UNITS = frozenset({"item", "kind", "time", "sheet", "case"})


def _units_compatible(a: NumericFact, b: NumericFact) -> bool:
    """A number with a unit stands only in the place of the same unit or of a bare number."""
    if a.kind not in ("quantity", "score"):
        return True  # durations and sizes are their own kinds, compared in base units
    units = {a.unit, b.unit} - {None} - _GENERIC_UNITS
    return len(units) <= 1


def _is_weak(fact: NumericFact) -> bool:
    """Never paired by place, only when equal: a spelled-out one ("한 가지", "one", "first") is an article as
    often as a count, and 하나/둘/셋/넷 standing alone are idioms as often ("둘 다" is "both")."""
    if fact.kind not in ("quantity", "ordinal") or fact.text[:1].isdigit():
        return False
    return fact.low == fact.high == 1 or fact.text in _NATIVE_NOUNS


def _group(fact: NumericFact) -> str:
    """Facts that may stand in each other's place."""
    if fact.kind == "label":
        return "label:" + fact.canonical.partition(":")[0]  # a listing only ever stands for a listing
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
    if ren.kind == "label":  # a renumbered listing is most often another edition's numbering
        reason = f"{ren.text} where the reference has {ref.text} (a label: the numbering may differ between editions)"
        return NumberMismatch(ren, ref, "warning", reason)
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
_KIND_SIGNS = {"ordinal": " (ordinal)", "percent": "%", "percent_point": " pp", "permille": "‰", "multiplier": "×", "score": " points"}


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
