"""The terminology of a run: concepts, keyed by English term, and the Korean variants that
render them, from the curated glossaries, the inline pairs and the alignment."""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..models import Analysis, Segmented
from ..text import HANGUL, prose
from .aligned import AlignedVariant, aligned_pairs, variants_in
from .glossary_file import Glossary
from .keys import display, en_key, is_acronym, ko_key, without_particles
from .matcher import TermMatcher
from .pairs import TermPair, extract_pairs
from .spelling import Spelling, aligned_spellings, spelling_candidates

# The key of a concept learned from two spellings alone (no English names it).
SPELLING_PREFIX = "spelling:"


@dataclass(frozen=True)
class Concept:
    """One English term and the Korean variants known to render it."""

    key: str  # en_key
    en: str  # as most often written
    variants: dict[str, str]  # ko_key -> the variant as most often written
    curated: frozenset[str] = frozenset()  # ko_keys a curated glossary lists for it


@dataclass(frozen=True)
class Occurrence:
    """A place where a Korean variant renders a concept."""

    concept: str
    variant: str  # ko_key
    path: str
    start: int
    end: int
    inline: bool  # written with its English in parentheses
    aligned: bool = False  # found by comparing aligned sentences


@dataclass(frozen=True)
class Terminology:
    concepts: dict[str, Concept]
    occurrences: tuple[Occurrence, ...]
    glossary: Glossary


# A variant found bare (without its English) counts only when it cannot mean something
# else: short Sino-Korean words (추론, 작업, 주의) have several senses, so a learned variant
# needs three syllables or two words; a curated one was checked by a person.
_MIN_BARE_SYLLABLES = 3


def build_terminology(
    docs: Iterable[Segmented], glossary: Glossary, kiwi, analysis: Analysis | None = None
) -> Terminology:
    """Concepts and their occurrences in the Korean documents given.

    With ``analysis``, aligned sentences of its compared files add variants too.
    """
    docs = [d for d in docs if d.document.lang == "ko"]
    texts = {d.path: d.document.text for d in docs}
    vocabulary = _Vocabulary(glossary)
    pairs = vocabulary.add_pairs([p for d in docs for p in extract_pairs(d.document, kiwi)], texts)
    aligned: list[AlignedVariant] = []
    spellings: set[tuple[str, str, str, str]] = set()
    for pair in aligned_pairs(analysis, kiwi) if analysis is not None else ():
        aligned += variants_in(pair, vocabulary)
        spellings |= spelling_candidates(pair)
    for variant in aligned:
        vocabulary.add(variant.concept, "", variant.variant)
    if analysis is not None:
        vocabulary.add_spellings(aligned_spellings(analysis, spellings))
    vocabulary.fold_particles()
    matcher = vocabulary.matcher()
    occurrences = [o for d in docs for o in vocabulary.occurrences(d, pairs, aligned, matcher)]
    return Terminology(vocabulary.concepts(), tuple(occurrences), glossary)


class _Vocabulary:
    """Concepts being collected: from the glossary, then inline pairs, then the alignment."""

    def __init__(self, glossary: Glossary):
        self.en_forms: dict[str, Counter[str]] = defaultdict(Counter)
        self.ko_forms: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
        self.curated: dict[str, set[str]] = defaultdict(set)
        self.pair_concept: dict[tuple[str, int], str] = {}
        self.paired_in: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.curated_en: dict[str, str] = {}
        self.folded: dict[tuple[str, str], str] = {}
        self.spelled: set[tuple[str, str]] = set()  # (concept, variant) learned as a spelling  # (concept, variant with a particle) -> variant
        for entry in glossary.entries:
            key = en_key(entry.en)
            self.add(key, entry.en, entry.ko)
            self.curated[key].add(ko_key(entry.ko))
            self.curated_en.setdefault(key, entry.en)

    def add(self, concept: str, en: str, ko: str) -> None:
        if en:
            self.en_forms[concept][en] += 1
        self.ko_forms[concept][ko_key(ko)][display(ko)] += 1

    def add_pairs(self, pairs: list[TermPair], texts: dict[str, str]) -> list[TermPair]:
        """Record each pair under its concept; returns the pairs fitted to known variants.

        Shorter English terms go first, so that ``미세 조정(standard finetuning)`` finds the
        concept that 미세 조정 already renders; acronyms go last, to join their full terms.
        """
        aliases = {en_key(a): en_key(p.en) for p in pairs for a in p.acronyms}
        kept = []
        for pair in sorted(pairs, key=lambda p: (is_acronym(p.en), len(en_key(p.en)), p.path, p.start)):
            concept = self._concept_of(pair, aliases)
            fitted = self._fit(pair, concept, texts[pair.path])
            if pair.loose and fitted is pair:
                continue  # nothing known at its end: where the term starts is anyone's guess
            fitted = dataclasses.replace(fitted, loose=False)
            self.pair_concept[(fitted.path, fitted.start)] = concept
            self.paired_in[(concept, ko_key(fitted.ko))].add(fitted.path)
            self.add(concept, fitted.en, fitted.ko)
            kept.append(fitted)
        return sorted(kept, key=lambda p: (p.path, p.start))

    def add_spellings(self, spellings: list[Spelling]) -> None:
        """Two spellings of one loanword render one concept: the one a known spelling renders,
        else a concept of their own (keyed by the spellings, with no English)."""
        for spelling in spellings:
            written = (spelling.written, spelling.other)
            owners = {c for w in written for c in self.concepts_of(ko_key(w))}
            if len(owners) > 1:
                continue  # they render two known concepts: not for the spelling to join them
            concept = owners.pop() if owners else SPELLING_PREFIX + min(ko_key(w) for w in written)
            for w in written:
                if ko_key(w) not in self.ko_forms.get(concept, {}):
                    self.add(concept, "", w)

    def fold_particles(self) -> None:
        """``트레잇을`` beside ``트레잇`` in one concept (Kiwi leaves a particle on a word it does
        not know): one variant, not two."""
        for concept, variants in self.ko_forms.items():
            for variant in sorted(variants):
                base = without_particles(variant)
                if base != variant and base in variants:
                    variants[base].update(variants.pop(variant))
                    self.folded[(concept, variant)] = base
                    self.paired_in[(concept, base)] |= self.paired_in.pop((concept, variant), set())

    def _variant(self, concept: str, ko: str) -> str:
        key = ko_key(ko)
        return self.folded.get((concept, key), key)

    def _concept_of(self, pair: TermPair, aliases: dict[str, str]) -> str:
        key = en_key(pair.en)
        renders = self.concepts_of(ko_key(pair.ko))
        if is_acronym(pair.en):
            if key in aliases:
                return aliases[key]
            # An abbreviation alone, ``가비지 컬렉터(GC)``, joins the one full term its Korean renders.
            full = [c for c in renders if not is_acronym(self._en(c))]
            return full[0] if len(full) == 1 else key
        # ``미세 조정(standard finetuning)``: the Korean renders the head of the English only;
        # ``KV 캐시(cache)``: the English gives the head of what the Korean renders.
        related = [c for c in renders if c != key and (key.endswith(c) or c.endswith(key))]
        return related[0] if len(related) == 1 else key

    def _fit(self, pair: TermPair, concept: str, text: str) -> TermPair:
        """``토큰 어텐션(attention)`` -> 어텐션: a Korean phrase ending in a known variant keeps only that."""
        known = self.ko_forms.get(concept, {})
        if ko_key(pair.ko) in known:
            return pair
        written = text[pair.start : pair.end]
        for space in re.finditer(r"\s+", written):
            tail = written[space.end() :]
            if ko_key(tail) in known:
                return dataclasses.replace(pair, ko=display(tail), start=pair.start + space.end())
        return pair

    def _en(self, concept: str) -> str:
        """The English as the glossary writes it, else as most often written, spelled out
        rather than abbreviated when it can be."""
        if concept in self.curated_en:
            return self.curated_en[concept]
        forms = self.en_forms.get(concept)
        if not forms and concept.startswith(SPELLING_PREFIX):
            return ""  # two spellings of a loanword, never written with its English
        if not forms:
            return concept
        spelled = Counter({f: n for f, n in forms.items() if not is_acronym(f)})
        return _most_common(spelled or forms)

    def concepts_of(self, variant: str) -> list[str]:
        return sorted(c for c, variants in self.ko_forms.items() if variant in variants)

    def concepts(self) -> dict[str, Concept]:
        return {
            key: Concept(
                key=key,
                en=self._en(key),
                variants={v: _most_common(forms) for v, forms in sorted(variants.items())},
                curated=frozenset(self.curated.get(key, ())),
            )
            for key, variants in sorted(self.ko_forms.items())
        }

    def matcher(self) -> TermMatcher:
        """Every known variant: a longer one claims its words before a shorter one inside it."""
        return TermMatcher(v for variants in self.ko_forms.values() for v in variants)

    def occurrences(
        self, doc: Segmented, pairs: list[TermPair], aligned: list[AlignedVariant], matcher: TermMatcher
    ) -> list[Occurrence]:
        """Inline pairs, aligned variants, then bare variants that can only mean their concept."""
        path = doc.path
        found = [
            Occurrence(concept, self._variant(concept, p.ko), path, p.start, p.end, inline=True)
            for p in pairs
            if p.path == path
            for concept in (self.pair_concept[(p.path, p.start)],)
        ]
        found += [
            Occurrence(a.concept, self._variant(a.concept, a.variant), path, a.start, a.end, inline=False, aligned=True)
            for a in aligned
            if a.path == path
        ]
        taken = _Spans((o.start, o.end) for o in found)
        owners: dict[str, list[str]] = defaultdict(list)
        for concept, variants in sorted(self.ko_forms.items()):
            for variant in variants:
                owners[variant].append(concept)
        for match in matcher.find(prose(doc.document.text)):
            concepts = owners[match.key]
            if len(concepts) != 1 or not self.is_specific(concepts[0], match.key, path):
                continue  # a word that renders two concepts says nothing about either
            if taken.overlaps(match.start, match.end):
                continue
            found.append(Occurrence(concepts[0], match.key, path, match.start, match.end, inline=False))
        return sorted(found, key=lambda o: o.start)

    def is_specific(self, concept: str, variant: str, path: str) -> bool:
        """Can this variant, found without its English in ``path``, only mean its concept?

        A curated variant can (a person checked it); so can one of two words or three
        syllables; a short learned one only in a file that wrote it with its English
        (``오너(owner)``): elsewhere 작업, 주의, 추론 have other senses.
        """
        if variant in self.curated.get(concept, ()):
            return True
        if any(" " in form for form in self.ko_forms[concept][variant]):
            return True
        return len(HANGUL.findall(variant)) >= _MIN_BARE_SYLLABLES or path in self.paired_in[(concept, variant)]


def _most_common(forms: Counter[str]) -> str:
    return min(forms.items(), key=lambda item: (-item[1], item[0]))[0]


class _Spans:
    """Character spans already claimed, asked whether a new span overlaps one of them.

    Sorted by start with a running maximum of ends, so each question is a binary search:
    a book has tens of thousands of occurrences, and scanning them all per match was quadratic.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(itertools.accumulate((end for _, end in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self._starts, end)  # spans that start before this one ends
        return before > 0 and self._reach[before - 1] > start
