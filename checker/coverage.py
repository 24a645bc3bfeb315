"""Clause coverage: the parts of a source sentence its rendering does not carry, and the parts of a
rendering that its source does not say.

A source sentence and the rendering sentence(s) the alignment pairs with it are cut into parts:

- English: clauses and phrases, cut at punctuation and before conjunctions, relative pronouns and
  prepositions (``english_parts``); Korean: phrases cut after connective endings (EC), adverbial
  particles (JKB) and punctuation, by Kiwi's morphemes, plus each modifier word (an adverb, a word
  ending in an adnominal ending or in 의) as its own part (``korean_parts``);
- anchors that must survive whole (``english_anchors``, ``korean_anchors``): numbers (compared by
  value: 20 thousand = 2만; labels of figures and listings left out), names a translation keeps in
  Latin script (GPT-4, LoRA), handles, hashtags and addresses, glossary terms, and negation and
  quantity qualifiers (only, up to, at least, not, every, ...) looked up on the other side in a
  small bilingual table of their usual markers (``QUALIFIERS``, ``KO_QUALIFIERS``).

The score is one per sentence: a logistic of the weighted ``FEATURES`` (``Model``), fitted by
``bench/eval_mqm.py --fit`` on the fit two thirds of the MQM English-Korean development rows (a
sentence is positive where annotators marked an Accuracy/omission, or addition, in its row):

- ``drop``: the least, over the parts, of the other side's cosine to the sentence less its cosine
  to the sentence without the part (a part whose removal does not lower it was not translated);
- ``alone``: the least cosine of a part by itself to the other side;
- ``lost``: a number or name has no counterpart; ``qualifier``: a negation, qualifier or glossary
  term has none;
- ``ratio``: log of the pair's length ratio (Korean / English characters) less its usual value;
- ``cosine``: the pair's cosine; ``parts``: how many parts; ``relative_drop``: the least drop per
  character share.

Each kind of evidence has its own threshold (``EVIDENCE``): a number or name lost, a qualifier
lost, or only the encoder's word. The bench sets each to the best F1 on the fit rows among those
with a precision of 0.6 or more (five rows flagged at least), and to ``OFF`` where none reaches
it. For omission a lost number or name reached it; a lost qualifier did not; the encoder alone
reached it on a handful of rows only, and is off anyway: the per-part signals scored an AUC near
0.5, the score flagged 28 of 592 sentences of faithful Rust-book translations at 0.40, and it
needs every sentence encoded. For addition nothing held (see ``ADDITION``). A sentence whose
evidence has no threshold is neither cut into parts nor encoded (the encoder is the cost of this
stage).

The part reported is the smallest one holding the gravest lost anchor (number or name before
negation before qualifier), else the clause that lowers the similarity least for its size
(``Judged.strongest``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .kiwi import kiwi
from .models import Severity
from .numbers import extract_numbers
from .text import facts, plain, without_labels

FEATURES = ("bias", "drop", "alone", "lost", "qualifier", "ratio", "cosine", "parts", "relative_drop")


# What a sentence's evidence is, strongest first: a number or name without a counterpart; a negation,
# qualifier or glossary term without one (translators choose synonyms: the glossary check judges the
# term itself); neither (only the encoder says a clause is not carried).
EVIDENCE = ("lost", "qualifier", "clause")
HARD = ("number", "name")
OFF = 1.01  # a threshold no score reaches


@dataclass(frozen=True)
class Model:
    """A logistic score over ``FEATURES``, and the score from which a sentence is reported, by its
    evidence (``EVIDENCE``): a threshold that reached no precision of 0.6 on the development rows
    is ``OFF``."""

    weights: tuple[float, ...]
    thresholds: tuple[float, float, float]

    def threshold(self, evidence: str) -> float:
        return self.thresholds[EVIDENCE.index(evidence)]


    def score(self, features: Sequence[float]) -> float:
        z = float(np.dot(self.weights, features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# Fitted by bench/eval_mqm.py --fit on the development part of the MQM rows (see the module docstring);
# the fit set the clause threshold to 0.431, off here (see the module docstring).
OMISSION = Model(weights=(-1.163, -0.217, 0.292, 0.799, 0.272, -1.182, -0.558, 0.075, -0.621), thresholds=(0.427, OFF, OFF))
# The fit rows set the qualifier threshold to 0.227 (precision 0.62 on 8 fit rows), but it kept 1
# of 3 on the rest rows and added 9 warnings to faithful Rust-book translations against their own
# English (bench/eval_real.py): off.
ADDITION = Model(weights=(-2.852, -0.38, -0.5, -0.227, 0.464, 1.323, -0.932, 0.122, -0.983), thresholds=(OFF, OFF, OFF))
# Korean characters per English character (both without spaces) of a faithful translation: the
# median of the MQM reference translations.
USUAL_RATIO = 0.42
# A part's drop is compared per character share, a share under this counting as this much.
_SMALLEST_SHARE = 0.05


@dataclass(frozen=True)
class Part:
    """A stretch of one sentence: offsets into the sentence's text."""

    start: int
    end: int
    text: str
    kind: str  # clause, modifier, number, name, term, negation, qualifier
    rule: int = -1  # a qualifier's row in QUALIFIERS (English) or KO_QUALIFIERS (Korean)

    @property
    def is_anchor(self) -> bool:
        return self.kind not in ("clause", "modifier")

    def within(self, other: Part) -> bool:
        return other.start <= self.start and self.end <= other.end


@dataclass(frozen=True)
class Scored:
    """A part with what the encoder and the anchors say of it."""

    part: Part
    drop: float  # the other side's cosine to this side, less its cosine to this side without the part
    alone: float  # the part's own cosine to the other side
    share: float  # of the sentence's characters
    lost: tuple[Part, ...]  # its anchors with no counterpart on the other side

    @property
    def relative_drop(self) -> float:
        """The drop per character share: a carried part lowers the similarity in proportion to its
        size, an untranslated one does not lower it at all."""
        return self.drop / max(self.share, _SMALLEST_SHARE)


@dataclass(frozen=True)
class Judged:
    """One sentence against its counterpart: its parts, the sentence's features and its score."""

    parts: tuple[Scored, ...]
    features: tuple[float, ...]
    score: float
    evidence: str  # one of EVIDENCE
    flagged: bool  # the score reaches the model's threshold for the evidence

    @property
    def strongest(self) -> Scored | None:
        """The part to report: an anchor without a counterpart first (a number, a name, a negation
        before a qualifier), else the clause whose removal lowers the similarity least for its size."""
        if not self.parts:
            return None
        order = {"number": 0, "name": 0, "negation": 0, "term": 1, "qualifier": 2}
        lost = [p for p in self.parts if p.lost]
        if lost:
            # the smallest part that holds the gravest anchor: the anchor itself, or a modifier word
            # that is all of it (모든)
            return min(lost, key=lambda p: (min(order.get(a.kind, 3) for a in p.lost), p.part.end - p.part.start, p.part.start))
        return min(self.parts, key=lambda p: p.relative_drop)


# ------------------------------------------------------------------------------------------ parts

_WORD = re.compile(r"[@#]?[A-Za-z0-9][\w'’@#.\-/:]*")
# A part starts before these words: conjunctions, relative pronouns, subordinators, prepositions.
_OPENERS = frozenset(
    """and but or nor because while although though whereas when whenever where which who whom whose
    if unless since after before until so as than in on at for with by from to during into about
    through over under against without including according despite via among between across""".split()
)
# ... but not where the word before makes one phrase with it (up to, according to, more than).
_BOUND_BEFORE = frozenset("up according due thanks more less rather fewer as such".split())
_BREAK = re.compile(r"[,;:()\[\]\"“”—–]|\s-\s")


def english_parts(text: str) -> list[Part]:
    """Clauses and phrases of an English sentence, cut at punctuation and before connecting words;
    a part of one word joins the part after it (the last one the part before it)."""
    cuts = {0, len(text)}
    for m in _BREAK.finditer(text):
        cuts.update((m.start(), m.end()))
    previous = ""
    for m in _WORD.finditer(text):
        word = m.group().lower()
        if word in _OPENERS and previous not in _BOUND_BEFORE:
            cuts.add(m.start())
        previous = word
    chunks = []
    ordered = sorted(cuts)
    for a, b in zip(ordered, ordered[1:]):
        words = list(_WORD.finditer(text, a, b))
        if words:
            chunks.append([words[0].start(), words[-1].end(), len(words)])
    merged: list[list[int]] = []
    for chunk in chunks:
        if merged and merged[-1][2] < 2:
            merged[-1] = [merged[-1][0], chunk[1], merged[-1][2] + chunk[2]]
        else:
            merged.append(chunk)
    if len(merged) > 1 and merged[-1][2] < 2:
        last = merged.pop()
        merged[-1] = [merged[-1][0], last[1], merged[-1][2] + last[2]]
    return [Part(a, b, text[a:b], "clause") for a, b, _ in merged]


# A phrase of a Korean sentence ends after these: connective endings, adverbial particles, punctuation.
_KO_BREAK_TAGS = ("EC", "JKB", "SF", "SP", "SS", "SE")
_KO_MODIFIER_END = ("ETM", "JKG", "MAG")


def korean_parts(text: str) -> list[Part]:
    """Phrases of a Korean sentence, and each modifier word in a phrase of several words."""
    tokens = kiwi().tokenize(text)
    words: list[tuple[int, int, list]] = []  # (start, end, tokens) of each space-separated word
    for token in tokens:
        start, end = token.start, token.start + token.len
        if words and start <= words[-1][1]:  # contracted morphemes (이+ㄴ = 인) overlap their neighbour
            words[-1] = (words[-1][0], max(end, words[-1][1]), words[-1][2] + [token])
        else:
            words.append((start, end, [token]))
    parts: list[Part] = []
    phrase: list[tuple[int, int, list]] = []

    def close():
        if phrase:
            a, b = phrase[0][0], phrase[-1][1]
            parts.append(Part(a, b, text[a:b], "clause"))
            if len(phrase) > 1:
                for w in phrase:
                    if _is_modifier(w[2]):
                        parts.append(Part(w[0], w[1], text[w[0] : w[1]], "modifier"))
            phrase.clear()

    for word in words:
        phrase.append(word)
        if any(t.tag.split("-")[0] in _KO_BREAK_TAGS for t in word[2][-2:]):
            close()
    close()
    return [p for p in parts if re.search(r"\w", p.text)]


def _is_modifier(tokens: list) -> bool:
    tags = [t.tag.split("-")[0] for t in tokens if t.tag[0] != "S"]
    if not tags:
        return False
    # 궁극적으로, 결과적으로: a noun made an adverb by 적 and 으로
    return tags[-1] in _KO_MODIFIER_END or tags[0] == "MAG" or tags[-2:] == ["XSN", "JKB"]


# ---------------------------------------------------------------------------------------- anchors

# English negation and quantity qualifiers, with the Korean that usually carries each.
QUALIFIERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("negation", r"\b(?:not|never|no|none|nothing|nobody|neither|nor|cannot|without)\b|n't\b",
     ("않", "못", "없", "아니", "아닌", "말", "안 ", "금지", "불가", "거부", "결코", "전혀", "무시", "거절", "반대")),
    ("qualifier", r"\bonly\b|\bjust\b|\bmerely\b|\bsolely\b", ("만", "뿐", "오직", "단지", "유일", "오로지", "불과", "밖에")),
    ("qualifier", r"\bup to\b|\bat most\b|\bmaximum\b", ("최대", "까지", "이하", "최고")),
    ("qualifier", r"\bat least\b|\bminimum\b", ("최소", "적어도", "이상", "최저")),
    ("qualifier", r"\bmore than\b|\bover\b(?= \d)|\bexceed", ("이상", "넘", "초과", "많")),
    ("qualifier", r"\b(?:less|fewer) than\b|\bunder\b(?= \d)", ("미만", "이하", "적", "못")),
    ("qualifier", r"\b(?:about|around|approximately|roughly|nearly|almost)\b(?= \d| [a-z]+ (?:thousand|hundred|million))",
     ("약", "정도", "쯤", "가량", "대략", "거의", "여", "남짓", "근")),
    ("qualifier", r"\b(?:all|every|each|entire|whole)\b", ("모든", "모두", "전체", "전부", "매", "각", "전", "온", "다 ")),
    ("qualifier", r"\b(?:even)\b", ("조차", "심지어", "까지", "도", "마저")),
    ("qualifier", r"\b(?:still)\b", ("여전히", "아직", "계속", "그래도")),
    ("qualifier", r"\b(?:already)\b", ("이미", "벌써")),
    ("qualifier", r"\bin particular\b|\bparticularly\b|\bespecially\b", ("특히", "특별히")),
    ("qualifier", r"\b(?:first|last)\b", ("첫", "처음", "최초", "먼저", "마지막", "지난", "최근", "최후")),
)
# Korean qualifiers a machine translation likes to add, with the English that licenses each.
KO_QUALIFIERS: tuple[tuple[str, str], ...] = (
    (r"궁극적으로|결국", r"\b(?:ultimate|eventual|final|end|in the end)"),
    (r"결과적으로|그 결과", r"\b(?:result|consequen|thus|so|therefore|making|leading)"),
    (r"특히", r"\b(?:particular|especially|specific|notabl)"),
    (r"실제로", r"\b(?:actual|fact|real|indeed|true)"),
    (r"매우|아주|상당히|상당한|굉장히", r"\b(?:very|extreme|highly|really|quite|so|great|much|significant|considerabl|huge|strong)"),
    (r"오직|단지|뿐", r"\b(?:only|just|merely|solely)\b"),
    (r"최대", r"\b(?:up to|maximum|most|max)\b"),
    (r"이미", r"\balready\b"),
    (r"여전히", r"\b(?:still|remain)"),
    (r"모든|모두", r"\b(?:all|every|each|entire|whole|both|any)\b"),
    (r"포괄적", r"\b(?:comprehensive|overall|broad|general|all)"),
)
_HANDLE = re.compile(r"(?<![\w@#&])[@#][A-Za-z0-9_]+|https?://[\x21-\x7e]+")
_LATIN_NAME = re.compile(r"(?<![\w@#&])[A-Za-z][A-Za-z0-9]*(?:[-.'’][A-Za-z0-9]+)*")


def english_anchors(text: str, terms: dict[str, tuple[str, ...]] | None = None) -> list[Part]:
    """Numbers, names, handles, glossary terms and qualifiers of an English sentence."""
    found: list[Part] = []
    found += _numbers(text)
    for m in _HANDLE.finditer(text):
        found.append(Part(m.start(), m.end(), m.group(), "name"))
    named = facts(text)
    for m in _LATIN_NAME.finditer(text):
        if m.group().lower() in named and _kept_in_latin(m.group()):
            found.append(Part(m.start(), m.end(), m.group(), "name"))
    for rule, (kind, pattern, _) in enumerate(QUALIFIERS):
        for m in re.finditer(pattern, text, re.IGNORECASE):
            found.append(Part(m.start(), m.end(), m.group(), kind, rule))
    for term in terms or {}:
        for m in re.finditer(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text, re.IGNORECASE):
            found.append(Part(m.start(), m.end(), m.group(), "term"))
    return _disjoint(found)


def korean_anchors(text: str) -> list[Part]:
    """Numbers, Latin-script names, handles and the qualifiers of ``KO_QUALIFIERS`` of a Korean sentence."""
    # 1 is often the rendering of "a" (a year ago: 1년 전)
    found = [n for n in _numbers(text) if _values(n.text) != [1.0]]
    found += [Part(m.start(), m.end(), m.group(), "name") for m in _HANDLE.finditer(text)]
    found += [Part(m.start(), m.end(), m.group(), "name") for m in _LATIN_NAME.finditer(text) if len(m.group()) > 1]
    for rule, (pattern, _) in enumerate(KO_QUALIFIERS):
        found += [Part(m.start(), m.end(), m.group(), "qualifier", rule) for m in re.finditer(pattern, text)]
    return _disjoint(found)


def _kept_in_latin(name: str) -> bool:
    """Does a translation keep the name in Latin script? One with a digit, or a capital after its first
    letter without being all capitals (GPT-4, LoRA, IXcellerate); a hyphenated word (sensor-controlled,
    Geun-hye, non-Boolean) or a word in capitals (PHOTO) is translated or transliterated."""
    if re.search(r"\d", name):
        return True
    if "-" in name and not all(piece[:1].isupper() for piece in name.split("-")):
        return False  # non-Boolean, sensor-controlled: words; DeepSeek-OCR: a name
    return bool(re.search(r"(?<=.)[A-Z]", name)) and not name.isupper()


def _numbers(text: str) -> list[Part]:
    """Numbers with a value and a digit (an ordinal word, "first", is a qualifier here), outside the
    labels of figures and listings (editions renumber them; the number check reads those)."""
    return [
        Part(f.start, f.end, text[f.start : f.end], "number")
        for f in extract_numbers(without_labels(text))
        if f.low is not None and re.search(r"\d", f.text) and not re.fullmatch(r"\d0s", f.text)
        and text[max(0, f.start - 2) : f.start] != "&#"  # an HTML entity
    ]


def _disjoint(parts: list[Part]) -> list[Part]:
    kept: list[Part] = []
    for part in sorted(parts, key=lambda p: (p.start, -(p.end - p.start))):
        if not kept or part.start >= kept[-1].end:
            kept.append(part)
    return kept


def _values(text: str) -> list[float]:
    return [f.low for f in extract_numbers(text) if f.low is not None]


def english_anchor_kept(anchor: Part, korean: str, terms: dict[str, tuple[str, ...]] | None = None) -> bool:
    """Does the Korean carry the English anchor?"""
    if anchor.kind == "number":
        value = next(iter(_values(anchor.text)), None)
        return value is None or any(math.isclose(value, v, rel_tol=1e-6) for v in _values(korean))
    if anchor.kind == "name":
        return anchor.text.lower().lstrip("@#") in korean.lower()
    if anchor.kind == "term":
        renderings = next((v for k, v in (terms or {}).items() if k.lower() == anchor.text.lower()), ())
        return not renderings or any(r in korean for r in renderings)
    return any(marker in korean for marker in QUALIFIERS[anchor.rule][2])


def korean_anchor_licensed(anchor: Part, english: str) -> bool:
    """Does the English say what the Korean anchor says?"""
    if anchor.kind == "number":
        value = next(iter(_values(anchor.text)), None)
        return value is None or any(math.isclose(value, v, rel_tol=1e-6) for v in _values(english))
    if anchor.kind == "name":
        return anchor.text.lower().lstrip("@#") in english.lower()
    return re.search(KO_QUALIFIERS[anchor.rule][1], english, re.IGNORECASE) is not None


# ---------------------------------------------------------------------------------------- scoring


def length(text: str) -> int:
    return len(re.sub(r"\s+", "", text))


class Coverage:
    """Scores the parts of sentence pairs with one encoder, every variant text encoded in one batch."""

    def __init__(self, encoder, terms: dict[str, tuple[str, ...]] | None = None, complete: bool = False):
        self.encoder = encoder
        self.terms = terms or {}
        self.complete = complete  # judge every sentence, even those that cannot be reported (for fitting)

    def omissions(self, pairs: Iterable[tuple[str, str]]) -> list[Judged]:
        """(English source sentence, its Korean rendering) -> the source sentence judged, part by part."""
        sides = []
        for source, rendering in pairs:
            lost = [a for a in english_anchors(source, self.terms) if not english_anchor_kept(a, rendering, self.terms)]
            sides.append(self._side(source, rendering, english_parts, lost, OMISSION))
        return self._scored(sides, OMISSION)

    def additions(self, pairs: Iterable[tuple[str, str]]) -> list[Judged]:
        """(Korean rendering sentence, its English source) -> the rendering sentence judged, part by part."""
        sides = []
        for rendering, source in pairs:
            new = [a for a in korean_anchors(rendering) if not korean_anchor_licensed(a, source)]
            sides.append(self._side(rendering, source, korean_parts, new, ADDITION))
        return self._scored(sides, ADDITION)

    def _side(self, text: str, other: str, split, unmatched: list[Part], model: Model) -> _Side | None:
        """The side to judge; None for a sentence that cannot be reported (the threshold for its
        evidence is OFF: every anchor has its counterpart, say): it is neither cut into parts nor
        encoded, since most sentences of a faithful translation keep every anchor, and Kiwi and
        the encoder are the cost of this stage."""
        if model.threshold(evidence_of(unmatched)) >= OFF and not self.complete:
            return None
        english, korean = (text, other) if split is english_parts else (other, text)
        return _Side(text, other, _with_anchors(split(text), unmatched), unmatched, _ratio(english, korean))

    def _scored(self, sides: list[_Side | None], model: Model) -> list[Judged]:
        texts = list(dict.fromkeys(t for side in sides if side is not None for t in side.texts()))
        vectors = dict(zip(texts, self.encoder.encode(texts))) if texts else {}
        return [side.judged(vectors, model) if side is not None else _UNJUDGED for side in sides]


def clause_severity(best: Scored) -> Severity:
    """A number, a name or a negation lost or added is an error; a qualifier, a modifier or a clause a warning."""
    return Severity.ERROR if any(a.kind in ("number", "name", "negation") for a in best.lost) else Severity.WARNING


_UNJUDGED = Judged((), (), 0.0, "clause", False)


def _with_anchors(parts: list[Part], anchors: list[Part]) -> list[Part]:
    """The parts and, as parts of their own, the anchors that are not already one."""
    spans = {(p.start, p.end) for p in parts}
    return parts + [a for a in anchors if (a.start, a.end) not in spans]


def _ratio(english: str, korean: str) -> float:
    return math.log(max(1, length(korean)) / max(1, length(english))) - math.log(USUAL_RATIO)


@dataclass(frozen=True)
class _Side:
    """One side of a pair: its text, the other side's, its parts, its anchors without a counterpart."""

    text: str
    other: str
    parts: list[Part]
    unmatched: list[Part]
    ratio: float

    def without(self, part: Part) -> str:
        return plain(self.text[: part.start] + " " + self.text[part.end :])

    def texts(self) -> list[str]:
        return [plain(self.text), plain(self.other)] + [self.without(p) for p in self.parts] + [plain(p.text) for p in self.parts]

    def judged(self, vectors: dict, model: Model) -> Judged:
        here, there = vectors[plain(self.text)], vectors[plain(self.other)]
        cosine = float(here @ there)
        total = max(1, length(self.text))
        parts = tuple(
            Scored(
                part,
                cosine - float(vectors[self.without(part)] @ there),
                float(vectors[plain(part.text)] @ there),
                length(part.text) / total,
                tuple(a for a in self.unmatched if a.within(part)),
            )
            for part in self.parts
        )
        features = (
            1.0,
            min((p.drop for p in parts), default=0.0),
            min((p.alone for p in parts), default=0.0),
            float(any(a.kind in HARD for a in self.unmatched)),
            float(any(a.kind not in HARD for a in self.unmatched)),
            self.ratio,
            cosine,
            float(len(parts)),
            min((p.relative_drop for p in parts), default=0.0),
        )
        score = model.score(features)
        evidence = evidence_of(self.unmatched)
        return Judged(parts, features, score, evidence, score >= model.threshold(evidence))


def evidence_of(unmatched: Sequence[Part]) -> str:
    """What a sentence's anchors without a counterpart make of it (one of ``EVIDENCE``)."""
    if any(a.kind in HARD for a in unmatched):
        return "lost"
    return "qualifier" if unmatched else "clause"
