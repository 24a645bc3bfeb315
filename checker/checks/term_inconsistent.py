"""term-inconsistent: one concept, one Korean term, within a file and across the renderings.

The terminology of the compared Korean files (built once per run, see ``Context``) holds
concepts keyed by English term, each with the Korean variants that render it, learned from
the inline pairs (``치명적 망각(catastrophic forgetting)``), from aligned sentences that put
another noun phrase in a known term's place, and from the curated glossaries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import evidence_at, finding_at, location_at
from ..models import Analysis, Evidence, Finding, Severity
from ..terminology import Concept, GlossaryEntry, Occurrence, ko_key
from ..terminology.repaired import is_repaired, on_uncertain
from .context import Context

_MAX_EVIDENCE = 3
_MAX_TERM_WORDS = 3  # a longer English phrase learned from the texts is a description
_SNIPPET = 40  # characters of context either side of a term in evidence


def check_term_inconsistent(context: Context) -> Iterator[Finding]:
    """One concept rendered with different Korean terms, within a file or across the renderings.

    Bad:  001 writes ``주의 메커니즘(attention)`` in item 2 and ``어텐션`` everywhere else, or
          001 says ``치명적 망각`` where 003 says ``파국적 망각`` for "catastrophic forgetting".
    Good: every rendering uses one term per concept: ``어텐션``, ``치명적 망각``.

    The expected term is the curated glossary's preferred one when the files use it, else
    the Korean source's, else the one used most; a file repaired from mojibake does not vote
    (its spelling is partly the repair's guess), and a term on a guessed syllable is not
    reported. Each file's use of another term is one finding, at its first occurrence and
    listing them all, with evidence where the expected term is used. A term that only adds to or
    leaves out words of the expected one (``힙`` / ``힙 영역``) is not reported: that is
    style, not a second term. Where term-glossary reports the same occurrence (a forbidden
    or unlisted rendering), the filters keep only its finding.
    """
    analysis, terms = context.analysis, context.terminology
    korean = set(context.korean_compared)
    by_concept: dict[str, list[Occurrence]] = {}
    for occurrence in terms.occurrences:
        if occurrence.path in korean:
            by_concept.setdefault(occurrence.concept, []).append(occurrence)
    preferred = terms.glossary.preferred
    order = {p: i for i, p in enumerate(analysis.compared)}
    for key, occurrences in sorted(by_concept.items()):
        concept = terms.concepts[key]
        if len({o.variant for o in occurrences}) < 2 or not _is_term(concept):
            continue
        choice = _expected(concept, occurrences, analysis, preferred)
        if choice is None:
            continue
        # One finding per file and term used: a translator's one choice, however often it is used.
        groups: dict[tuple[str, str], list[Occurrence]] = {}
        for occurrence in sorted(occurrences, key=lambda o: (order[o.path], o.start)):
            document = analysis.by_path[occurrence.path].document
            if on_uncertain(document, occurrence.start, occurrence.end):
                continue  # the repair's guess, not the translator's word
            if _deviates(concept, occurrence, choice, analysis):
                groups.setdefault((occurrence.path, occurrence.variant), []).append(occurrence)
        for (path, _), group in groups.items():
            context.reading = path
            yield _inconsistency(analysis, concept, choice, group, occurrences)


@dataclass(frozen=True)
class _Choice:
    variant: str  # ko_key of the expected term
    written: str  # as the glossary or the texts write it
    why: str


def _expected(
    concept: Concept, occurrences: list[Occurrence], analysis: Analysis, preferred: dict[str, GlossaryEntry]
) -> _Choice | None:
    """The curated term if the files use it, else the source's, else the one used most, counted
    in the files that were not repaired from mojibake (their spelling is partly the repair's):
    None when only repaired files use the concept."""
    voting = [o for o in occurrences if not is_repaired(analysis.by_path[o.path].document)]
    used = Counter(o.variant for o in voting)
    if not used:
        return None
    curated = preferred.get(concept.key)
    if curated is not None and ko_key(curated.ko) in used:
        return _Choice(ko_key(curated.ko), curated.ko, f"the glossary's preferred term ({curated.where})")
    in_source = Counter(o.variant for o in voting if o.path == analysis.source)
    if in_source:
        variant = _most_used(in_source, voting)
        return _Choice(variant, concept.variants[variant], "the term of the source")
    variant = _most_used(used, voting)
    tie = sum(1 for n in used.values() if n == used[variant]) > 1
    repaired = len(occurrences) - len(voting)
    counted = f"{used[variant]} of {sum(used.values())}" + (
        f", not counting {repaired} in files repaired from mojibake" if repaired else ""
    )
    why = f"as common ({counted}) and first in Unicode order" if tie else f"the term used most ({counted})"
    return _Choice(variant, concept.variants[variant], why)


def _most_used(counts: Counter[str], occurrences: list[Occurrence]) -> str:
    """Most occurrences, then most files, then the term itself (Unicode order): a tie is broken
    by the words, never by which file was named first, so the file blamed does not flip when
    the paths are given in another order."""
    files = {v: len({o.path for o in occurrences if o.variant == v}) for v in counts}
    return min(counts, key=lambda v: (-counts[v], -files[v], v))


def _is_term(concept: Concept) -> bool:
    """Curated, or short enough to be a term: a four-word English phrase learned from one
    parenthesis (``expensive data replay strategies``) is a description, free to vary."""
    return bool(concept.curated) or len(concept.en.split()) <= _MAX_TERM_WORDS


def _deviates(concept: Concept, occurrence: Occurrence, choice: _Choice, analysis: Analysis) -> bool:
    if occurrence.variant == choice.variant or occurrence.path == analysis.source:
        return False
    # 힙 / 힙 영역, 개인화된 참여 / 개인화된 사용자 참여: one term with or without a qualifier.
    written = {ko_key(w) for w in concept.variants[occurrence.variant].split()}
    expected = {ko_key(w) for w in concept.variants[choice.variant].split()}
    if written <= expected or expected <= written:
        return False
    return choice.variant not in occurrence.variant and occurrence.variant not in choice.variant


def _inconsistency(
    analysis: Analysis, concept: Concept, choice: _Choice, group: list[Occurrence], occurrences: list[Occurrence]
) -> Finding:
    """One finding for every use of one term in one file, at the first, listing them all."""
    first = group[0]
    usage = Counter(o.variant for o in occurrences)
    listing = ", ".join(
        f"'{concept.variants[v]}' x{n}" for v, n in sorted(usage.items(), key=lambda item: (-item[1], item[0]))
    )
    how = "with its English" if first.inline else ("in an aligned sentence" if first.aligned else "")
    where = "here" if len(group) == 1 else f"{len(group)} times in this file, first here"
    subject = f"{concept.en!r} is rendered" if concept.en else "this word is spelled"  # two spellings, no English
    return finding_at(
        analysis, "term-inconsistent", Severity.WARNING, first.path, first.start, first.end,
        expected=choice.written,
        message=(
            f"{subject} '{concept.variants[first.variant]}' {where}{' ' + how if how else ''}; "
            f"'{choice.written}' is {choice.why}. Renderings in these files: {listing}"
        ),
        confidence=0.9 if any(o.inline for o in group) else 0.75,
        evidence=_evidence(analysis, choice, first, occurrences),
        occurrences=[location_at(analysis, o.path, o.start, o.end) for o in group],
    )


def _evidence(
    analysis: Analysis, choice: _Choice, occurrence: Occurrence, occurrences: list[Occurrence]
) -> list[Evidence]:
    """Where the expected term is used: this file first, then the same aligned item, then the rest."""
    unit = analysis.unit_at(occurrence.path, occurrence.start)
    order = {p: i for i, p in enumerate(analysis.compared)}

    def rank(other: Occurrence) -> tuple[int, int, int]:
        same_file = other.path == occurrence.path
        same_unit = unit is not None and analysis.unit_at(other.path, other.start) == unit
        return (0 if same_file else 1 if same_unit else 2, order[other.path], other.start)

    expected = sorted((o for o in occurrences if o.variant == choice.variant), key=rank)
    return [_snippet(analysis, o) for o in expected[:_MAX_EVIDENCE]]


def _snippet(analysis: Analysis, occurrence: Occurrence) -> Evidence:
    """The term with some words either side, on its line."""
    text = analysis.by_path[occurrence.path].document.text
    line_start = text.rfind("\n", 0, occurrence.start) + 1
    start = max(line_start, occurrence.start - _SNIPPET)
    if start > line_start and not text[start - 1].isspace():
        space = text.find(" ", start, occurrence.start)
        start = space + 1 if space >= 0 else occurrence.start  # start on a whole word
    line_end = text.find("\n", occurrence.end)
    end = min(line_end if line_end >= 0 else len(text), occurrence.end + _SNIPPET)
    return evidence_at(analysis, occurrence.path, start, end)
