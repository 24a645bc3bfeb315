"""Learning a glossary: the terminology of a run aggregated into one row per Korean rendering."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from ..kiwi import kiwi as shared_kiwi
from ..models import Analysis, TermRendering
from .glossary_file import Glossary, GlossaryEntry
from .keys import ko_key
from .vocabulary import Concept, Occurrence, Terminology, build_terminology


@dataclass(frozen=True)
class _Usage:
    count: int
    inline: int
    aligned: int
    files: tuple[str, ...]


def learned_entries(terminology: Terminology) -> list[GlossaryEntry]:
    """One row per Korean variant of every concept the texts name in parentheses or by alignment.

    The preferred variant is the curated glossary's, else the most used (ties: the one in
    more files, then the alphabetically first). Other variants keep a curated status, or
    are ``allowed`` with a note asking for review. Rows are sorted by English key, then
    preferred first, then count.
    """
    learned = {o.concept for o in terminology.occurrences if o.inline or o.aligned}
    usages = _usages(terminology)
    return [row for key in sorted(learned) for _, row in _concept_rows(terminology, key, usages[key])]


def term_renderings(terminology: Terminology) -> list[TermRendering]:
    """Every concept the texts use (learned or curated), each rendering with its status and its
    count per file, in the order of ``learned_entries``: what the review page's glossary shows."""
    per_file = Counter((o.concept, o.variant, o.path) for o in terminology.occurrences)
    usages = _usages(terminology)
    rows = []
    for key in sorted(usages):
        ruled = terminology.glossary.rulings.get(key, {})
        for variant, row in _concept_rows(terminology, key, usages[key]):
            counts = {path: per_file[(key, variant, path)] for path in row.files}
            rows.append(TermRendering(row.en, row.ko, row.status, variant in ruled, counts, row.note))
    return rows


def merged_terms(per_group: list[tuple[TermRendering, ...]]) -> tuple[TermRendering, ...]:
    """The glossary of a run whose groups (a book's sections) each built their own terminology:
    one row per English term and rendering, its counts summed over the groups (their files
    differ). Where the groups rule the rendering differently, the status is that of the group
    that uses it most, and the note says so."""
    rows: dict[tuple[str, str], list[TermRendering]] = {}
    for terms in per_group:
        for term in terms:
            rows.setdefault((term.en, term.ko), []).append(term)
    merged = []
    for same in rows.values():
        if len(same) == 1:
            merged.append(same[0])
            continue
        counts = {path: n for term in same for path, n in term.counts.items()}
        ruling = max(same, key=lambda t: sum(t.counts.values()))  # max keeps the first of a tie
        statuses = sorted({t.status for t in same})
        note = ruling.note
        if len(statuses) > 1:
            note = "; ".join(filter(None, (note, f"ruled differently by section: {', '.join(statuses)}")))
        merged.append(TermRendering(ruling.en, ruling.ko, ruling.status, any(t.curated for t in same), counts, note))
    return tuple(merged)


def _concept_rows(terminology: Terminology, key: str, usage: dict[str, _Usage]) -> list[tuple[str, GlossaryEntry]]:
    """(variant, row) for each rendering of one concept, the preferred first."""
    concept = terminology.concepts[key]
    curated_choice = terminology.glossary.preferred.get(key)
    choice = ko_key(curated_choice.ko) if curated_choice else _majority(usage)
    variants = set(usage) | ({choice} if curated_choice else set())
    ruled = terminology.glossary.rulings.get(key, {})
    return [
        (variant, _learned_row(concept, variant, choice, usage.get(variant, _NO_USE), ruled))
        for variant in sorted(variants, key=lambda v: (v != choice, -usage.get(v, _NO_USE).count, v))
    ]


_NO_USE = _Usage(0, 0, 0, ())


def _usages(terminology: Terminology) -> dict[str, dict[str, _Usage]]:
    """Concept -> variant -> how often, how, and in which files it is used."""
    grouped: dict[tuple[str, str], list[Occurrence]] = defaultdict(list)
    for o in terminology.occurrences:
        grouped[(o.concept, o.variant)].append(o)
    usages: dict[str, dict[str, _Usage]] = defaultdict(dict)
    for (concept, variant), found in grouped.items():
        usages[concept][variant] = _Usage(
            count=len(found),
            inline=sum(o.inline for o in found),
            aligned=sum(o.aligned for o in found),
            files=tuple(sorted({o.path for o in found})),
        )
    return usages


def _majority(usage: dict[str, _Usage]) -> str:
    return min(usage, key=lambda v: (-usage[v].count, -len(usage[v].files), v))


def _learned_row(concept: Concept, variant: str, choice: str, use: _Usage, ruled: dict[str, GlossaryEntry]) -> GlossaryEntry:
    curated = ruled.get(variant)
    if curated is not None:
        status = curated.status
        note = f"{curated.status} in {curated.where}" + ("; not used in these texts" if not use.count else "")
    elif variant == choice:
        status, note = "preferred", "most used"
    else:
        status, note = "allowed", "review: another variant is preferred"
    origin = ", ".join(
        part for part in (f"{use.inline} with its English" if use.inline else "",
                          f"{use.aligned} from alignment" if use.aligned else "") if part
    )
    return GlossaryEntry(
        en=concept.en,
        ko=concept.variants.get(variant, variant),
        status=status,
        count=use.count,
        files=use.files,
        note=f"{note}; {origin}" if origin else note,
    )


@dataclass(frozen=True)
class Learned:
    entries: tuple[GlossaryEntry, ...]
    read: tuple[str, ...]  # the Korean files the pairs were learned from
    left_out: tuple[str, ...]  # files not read: unrepairable mojibake, English


def learn_glossary(analysis: Analysis, glossary: Glossary) -> Learned:
    """The learned glossary of every readable Korean file of an analysis (unrepairable mojibake is left out)."""
    kiwi = shared_kiwi(glossary.user_words())
    readable = [d for d in analysis.documents if not d.document.decoded.still_broken and d.document.lang == "ko"]
    entries = learned_entries(build_terminology(readable, glossary, kiwi, analysis))
    read = tuple(d.path for d in readable)
    return Learned(tuple(entries), read, tuple(d.path for d in analysis.documents if d.path not in read))
