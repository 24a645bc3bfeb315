"""Variants from the alignment: a noun phrase that takes a known term's place in the aligned
sentence of another file renders the same concept."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from ..models import Analysis, Sentence
from ..text import HANGUL, prose
from .keys import display, ko_key
from .pairs import NOT_IN_TERMS, Token, tokens_at

# Sentence links at least this close (encoder cosine) render the same sentence.
_ALIGNED_COSINE = 0.75
_DIFF_TAGS = frozenset({"NNG", "NNP", "NR", "SL", "SH", "XSN", "XPN", "XR"})
_IGNORED_TAGS = frozenset({"SW", "SF", "SP", "SS", "SSO", "SSC", "SE", "SO"})
_PHRASE = re.compile(r"[가-힣A-Za-z0-9]+(?: [가-힣A-Za-z0-9]+)*")


@dataclass(frozen=True)
class AlignedVariant:
    """A noun phrase that takes the place of a known term in the aligned sentence of another file."""

    concept: str
    variant: str  # the noun phrase, as written
    path: str
    start: int
    end: int


class KnownTerms(Protocol):
    """What the alignment asks of the vocabulary being collected (vocabulary._Vocabulary)."""

    def concepts_of(self, variant: str) -> list[str]: ...

    def is_specific(self, concept: str, variant: str, path: str) -> bool: ...


@dataclass(frozen=True)
class AlignedPair:
    """Two Korean sentences of different files linked one to one (cosine >= 0.75), with Kiwi's
    tokens of each at file offsets, and the prose of both files (what the tokens index)."""

    a: Sentence
    b: Sentence
    tokens_a: list[Token]
    tokens_b: list[Token]
    texts: dict[str, str]


def aligned_pairs(analysis: Analysis, kiwi) -> Iterator[AlignedPair]:
    """The linked sentences, each tokenized once for every reader (variants and spellings), and
    one pair at a time: a long file's tokens are not all held at once."""
    korean = {p for p in analysis.compared if analysis.by_path[p].document.lang == "ko"}
    links = [
        link
        for unit in analysis.units
        for link in unit.sentence_links
        if link.a in korean and link.b in korean and link.a != link.b
        and len(link.a_sentences) == 1 == len(link.b_sentences) and (link.similarity or 0.0) >= _ALIGNED_COSINE
    ]
    if not links:
        return
    texts = {path: prose(analysis.by_path[path].document.text) for path in korean}
    sentences = [
        analysis.by_path[path].sentences[index]
        for link in links
        for path, index in ((link.a, link.a_sentences[0]), (link.b, link.b_sentences[0]))
    ]
    analysed = iter(kiwi.tokenize([texts[s.doc][s.start : s.end] for s in sentences]))
    for a, b in zip(sentences[::2], sentences[1::2]):
        yield AlignedPair(a, b, tokens_at(next(analysed), a.start), tokens_at(next(analysed), b.start), texts)


def variants_in(pair: AlignedPair, vocabulary: KnownTerms) -> list[AlignedVariant]:
    """Noun phrases of the pair that take a known term's place in the other sentence.

    ```String`은 문자열 리터럴 대신 쓰입니다`` beside ```String`은 스트링 리터럴 대신 쓰입니다``:
    스트링 리터럴 renders the concept that 문자열 리터럴 renders. The two phrases must sit between
    the same words (one morpheme at least on each side), be nouns only, and the known term must
    render exactly one concept and be specific (two words, three syllables, or curated). A phrase
    that already renders a concept, or that holds the known term (``힙`` / ``힙 영역``), is
    not a new variant.
    """
    a, b, texts = pair.a, pair.b, pair.texts
    found = []
    for slot in _noun_slots(_content(pair.tokens_a), _content(pair.tokens_b), texts[a.doc], texts[b.doc]):
        variant = _variant_in_slot(vocabulary, slot, a.doc, b.doc, texts)
        if variant is not None:
            found.append(variant)
    return found


def _variant_in_slot(vocabulary: KnownTerms, slot: _Slot, path_a: str, path_b: str, texts: dict[str, str]):
    """The first reading of a slot, narrowest first, in which one side is a known term."""
    for region_a, region_b in ((slot.a, slot.b), (slot.wide_a, slot.wide_b)):
        phrase_a = _phrase(path_a, region_a, texts[path_a])
        phrase_b = _phrase(path_b, region_b, texts[path_b])
        for known, other in ((phrase_a, phrase_b), (phrase_b, phrase_a)):
            variant = _new_variant(vocabulary, known, other)
            if variant is not None:
                return variant
    return None


@dataclass(frozen=True)
class _Phrase:
    path: str
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return ko_key(self.text)


def _phrase(path: str, region: list[Token], text: str) -> _Phrase:
    start, end = region[0].start, region[-1].end
    return _Phrase(path, start, end, display(text[start:end]))


def _content(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.tag not in _IGNORED_TAGS]


@dataclass(frozen=True)
class _Slot:
    """Two noun phrases that replace each other between identical words: as changed, and
    widened to the nouns around them (컬렉터 / 콜렉터 is read as 가비지 컬렉터 / 가비지 콜렉터)."""

    a: list[Token]
    b: list[Token]
    wide_a: list[Token]
    wide_b: list[Token]


def _noun_slots(a: list[Token], b: list[Token], text_a: str, text_b: str) -> Iterator[_Slot]:
    """Replaced noun phrases with identical morphemes right before and after them."""
    matcher = difflib.SequenceMatcher(None, [(t.form, t.tag) for t in a], [(t.form, t.tag) for t in b], autojunk=False)
    opcodes = matcher.get_opcodes()
    for before, (tag, i1, i2, j1, j2), after in zip(opcodes, opcodes[1:], opcodes[2:]):
        if tag != "replace" or before[0] != "equal" or after[0] != "equal":
            continue
        if not (_is_phrase(a[i1:i2], text_a) and _is_phrase(b[j1:j2], text_b)):
            continue
        wide_a, wide_b = _widen(a, i1, i2, text_a), _widen(b, j1, j2, text_b)
        yield _Slot(a[i1:i2], b[j1:j2], wide_a, wide_b)


def _is_phrase(region: list[Token], text: str) -> bool:
    """Nouns only, written as plain words (no code, markup or punctuation between them)."""
    if not region or any(t.tag not in _DIFF_TAGS for t in region):
        return False
    written = display(text[region[0].start : region[-1].end])
    return bool(HANGUL.search(written)) and bool(_PHRASE.fullmatch(written))


def _widen(tokens: list[Token], i1: int, i2: int, text: str) -> list[Token]:
    """The region plus the nouns written next to it, up to a word that opens no term."""

    def joins(left: Token, right: Token) -> bool:
        return not text[left.end : right.start].strip() and left.form not in NOT_IN_TERMS

    start, end = i1, i2
    while start > 0 and tokens[start - 1].tag in _DIFF_TAGS and joins(tokens[start - 1], tokens[start]):
        start -= 1
    while end < len(tokens) and tokens[end].tag in _DIFF_TAGS and joins(tokens[end - 1], tokens[end]):
        end += 1
    return tokens[start:end] if _is_phrase(tokens[start:end], text) else tokens[i1:i2]


def _new_variant(vocabulary: KnownTerms, known: _Phrase, other: _Phrase) -> AlignedVariant | None:
    owners = vocabulary.concepts_of(known.key)
    if len(owners) != 1 or not vocabulary.is_specific(owners[0], known.key, known.path):
        return None
    if vocabulary.concepts_of(other.key) or known.key in other.key or other.key in known.key:
        return None
    return AlignedVariant(concept=owners[0], variant=other.text, path=other.path, start=other.start, end=other.end)
