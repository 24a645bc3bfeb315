"""term-glossary: a Korean term the curated glossary forbids, or a rendering it does not list."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import finding_at, location_at
from ..models import Finding, Role, Severity
from ..terminology import Glossary, Occurrence, TermMatcher
from ..terminology.repaired import on_uncertain
from ..text import prose
from .context import Context


def check_term_glossary(context: Context) -> Iterator[Finding]:
    """A Korean term the curated glossary forbids, or a rendering it does not list.

    Bad:  ``전력 분포`` for "power distribution" (error: the glossary forbids it and wants
          ``거듭제곱 분포``); ``추정(inference)`` (warning: the glossary prefers ``추론`` and
          does not list 추정).
    Good: ``거듭제곱 분포``, ``추론(inference)``, or an alternative the glossary allows
          (``인퍼런스(inference)``).

    Forbidden terms are found anywhere in the prose, through particles and spacing; a
    rendering the glossary does not list is found where the text gives its English. Each
    term is one finding per file, at its first use, listing every use; a term on a syllable
    the mojibake repair guessed is not reported.
    """
    analysis, terms = context.analysis, context.terminology
    rulings = terms.glossary.rulings
    preferred = terms.glossary.preferred
    forbidden = _forbidden(terms.glossary)
    matcher = TermMatcher(ko for variants in rulings.values() for ko in variants)
    for path in context.each(context.korean_compared):
        document = analysis.by_path[path].document
        if document.role is not Role.RENDERING:
            continue
        # One finding per term in a file, at its first use, listing every use: a translator's
        # one choice is one thing to fix.
        banned: dict[str, list[tuple[int, int]]] = {}
        for match in matcher.find(prose(document.text)):
            if match.key in forbidden and not on_uncertain(document, match.start, match.end):
                banned.setdefault(match.key, []).append((match.start, match.end))
        for key, spans in banned.items():
            entry = forbidden[key]
            choice = preferred.get(entry.concept)
            yield finding_at(
                analysis, "term-glossary", Severity.ERROR, path, *spans[0],
                expected=choice.ko if choice else "",
                message=(
                    f"the glossary forbids this rendering of {entry.en!r} ({entry.where})"
                    + (f"; use '{choice.ko}' ({choice.where})" if choice else "")
                    + _times(spans)
                ),
                confidence=0.9,
                occurrences=[location_at(analysis, path, start, end) for start, end in spans],
            )
        mine = [o for o in terms.occurrences if o.path == path and not on_uncertain(document, o.start, o.end)]
        unlisted = sorted({(o.concept, o.variant) for o in mine if _unlisted(o, terms.glossary)})
        for concept_key, variant in unlisted:
            spans = [(o.start, o.end) for o in mine if (o.concept, o.variant) == (concept_key, variant)]
            choice = preferred[concept_key]
            concept = terms.concepts[concept_key]
            yield finding_at(
                analysis, "term-glossary", Severity.WARNING, path, *spans[0],
                expected=choice.ko,
                message=(
                    f"the glossary renders {concept.en!r} as '{choice.ko}' ({choice.where}) "
                    f"and does not list this rendering; use it, or add this one as allowed" + _times(spans)
                ),
                confidence=0.8,
                occurrences=[location_at(analysis, path, start, end) for start, end in spans],
            )


def _times(spans: list[tuple[int, int]]) -> str:
    return f" (used {len(spans)} times in this file, first here)" if len(spans) > 1 else ""


def _unlisted(occurrence: Occurrence, glossary: Glossary) -> bool:
    """Written with its English, for a term the glossary has a preferred rendering of, but not listed."""
    if not occurrence.inline or occurrence.concept not in glossary.preferred:
        return False
    return occurrence.variant not in glossary.rulings.get(occurrence.concept, {})


@dataclass(frozen=True)
class _Forbidden:
    concept: str
    en: str
    where: str


def _forbidden(glossary: Glossary) -> dict[str, _Forbidden]:
    """Korean keys the glossary forbids and nowhere allows (a word wrong for one term may be right for another)."""
    rulings = glossary.rulings
    welcome = {ko for variants in rulings.values() for ko, e in variants.items() if e.status != "forbidden"}
    return {
        ko: _Forbidden(concept, entry.en, entry.where)
        for concept, variants in sorted(rulings.items())
        for ko, entry in variants.items()
        if entry.status == "forbidden" and ko not in welcome
    }
