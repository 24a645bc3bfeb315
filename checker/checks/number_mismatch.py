"""number-mismatch: a number that differs from what the source (or the other renderings) say."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import evidence_at, finding_at
from ..models import Analysis, Finding, ReferenceMode, Sentence, Severity
from ..numbers import (
    NumberMismatch,
    NumericFact,
    compare_numbers,
    extract_numbers,
    same_quantity,
)
from ..support import SUPPORT_THRESHOLD, SupportIndex
from .context import Context


@dataclass(frozen=True)
class _Located:
    """A numeric fact with its sentence, so its offsets can be read in the file."""

    sentence: Sentence
    fact: NumericFact

    @property
    def start(self) -> int:
        return self.sentence.start + self.fact.start

    @property
    def end(self) -> int:
        return self.sentence.start + self.fact.end


@dataclass(frozen=True)
class _Disagreement:
    rendering: _Located
    reference: _Located
    mismatch: NumberMismatch


def check_number_mismatch(context: Context) -> Iterator[Finding]:
    """A number that says something else than the reference says in the same place.

    Bad:  source ``SAM-base(80M)``, rendering ``SAM-base(3억 매개변수)``
    Good: ``SAM-base(8천만 매개변수)``, ``80,000,000``, ``8000만``: the same quantity,
          written the Korean way. ``약 60%`` against ``60%`` is not a finding either.

    With a source, each rendering is compared with it. Without one, a number is
    reported when most other renderings that say the sentence disagree with it;
    with two renderings, a disagreement is a warning on both, and so it is where
    only one other rendering speaks against a number (there is no telling which
    of the two is wrong).
    """
    analysis, index = context.analysis, context.support
    facts = _FactCache()
    for path in context.each(context.renderings):
        judged = context.references(path)
        references = list(judged.paths)
        by_fact: dict[tuple[int, int], list[_Disagreement]] = {}
        agreeing: Counter[tuple[int, int]] = Counter()
        for reference in references:
            found, agreed = _compare_files(analysis, index, facts, path, reference)
            for d in found:
                by_fact.setdefault((d.rendering.start, d.rendering.end), []).append(d)
            agreeing.update(agreed)
        for key, disagreements in by_fact.items():
            against = len({d.reference.sentence.doc for d in disagreements})
            if judged.mode is ReferenceMode.CONSENSUS and against <= agreeing[key]:
                continue  # as many renderings agree with this number as disagree
            doubtful = judged.mode is ReferenceMode.CONSENSUS and against < 2  # one against one: a warning
            yield _finding(analysis, disagreements, two_way=judged.mode is ReferenceMode.TWO_WAY, doubtful=doubtful)


class _FactCache:
    def __init__(self):
        self._facts: dict[tuple[str, int], list[_Located]] = {}

    def of(self, sentences: tuple[Sentence, ...] | list[Sentence]) -> list[_Located]:
        found = []
        for s in sentences:
            key = (s.doc, s.index)
            if key not in self._facts:
                self._facts[key] = [_Located(s, f) for f in extract_numbers(s.text)]
            found += self._facts[key]
        return found


def _compare_files(
    analysis: Analysis, index: SupportIndex, facts: _FactCache, path: str, reference: str
) -> tuple[list[_Disagreement], set[tuple[int, int]]]:
    """Disagreements of one rendering with one reference, and the rendering facts they agree on."""
    found: dict[tuple[int, int], _Disagreement] = {}
    agreed: set[tuple[int, int]] = set()
    for unit in analysis.units:
        pairs = []
        # both directions: a merged sentence on either side still meets all its partners' numbers;
        # a sentence without one has nothing to compare, so its partner is not looked for
        for s in index.sentences(unit.id, reference):
            if not facts.of((s,)):
                continue
            match = index.best_match(s, index.nearby(unit.id, path), path, anchored=False)
            if match.score >= SUPPORT_THRESHOLD:
                pairs.append(((s,), match.window))
        for r in index.sentences(unit.id, path):
            if not facts.of((r,)):
                continue
            match = index.best_match(r, index.nearby(unit.id, reference), reference, anchored=False)
            if match.score >= SUPPORT_THRESHOLD:
                pairs.append((match.window, (r,)))
        if index.crosses(path, reference):
            # Between languages the cosine of a faithful pair is often below the threshold: the
            # length-aware alignment of the two files pairs them instead.
            pairs += [(b.reference, b.rendering) for b in index.beads(unit.id, path, reference)]
        for ref_sentences, ren_sentences in pairs:
            ref_facts, ren_facts = facts.of(ref_sentences), facts.of(ren_sentences)
            if not ref_facts or not ren_facts:
                continue
            for mismatch in compare_numbers([f.fact for f in ref_facts], [f.fact for f in ren_facts]):
                ren = next(f for f in ren_facts if f.fact is mismatch.rendering)
                ref = next(f for f in ref_facts if f.fact is mismatch.reference)
                found.setdefault((ren.start, ren.end), _Disagreement(ren, ref, mismatch))
            for ren in ren_facts:
                if any(same_quantity(ren.fact, ref.fact) for ref in ref_facts):
                    agreed.add((ren.start, ren.end))
    # a number that equals its partner in one pairing is not wrong because another pairing disagrees
    return [d for key, d in found.items() if key not in agreed], agreed


def _finding(analysis: Analysis, disagreements: list[_Disagreement], two_way: bool, doubtful: bool = False) -> Finding:
    first = disagreements[0]
    expected = Counter(d.reference.fact.text for d in disagreements).most_common(1)[0][0]
    errors = any(d.mismatch.severity == "error" for d in disagreements)
    severity = Severity.ERROR if errors and not two_way and not doubtful else Severity.WARNING
    whom = "the source" if first.reference.sentence.doc == analysis.source else (
        f"{first.reference.sentence.doc}" if two_way else f"{len(disagreements)} other rendering(s)"
    )
    message = f"{first.mismatch.reason} ({whom})"
    if two_way:
        message += "; with two renderings and no source, one of the two is wrong"
    elif doubtful:
        message += "; only one other rendering says otherwise and none agrees, so one of the two is wrong"
    return finding_at(
        analysis,
        "number-mismatch",
        severity,
        first.rendering.sentence.doc,
        first.rendering.start,
        first.rendering.end,
        expected=expected,
        message=message,
        confidence=0.9 if errors else 0.6,
        evidence=[
            evidence_at(analysis, d.reference.sentence.doc, d.reference.sentence.start, d.reference.sentence.end)
            for d in disagreements
        ],
    )
