"""term-glossary: a Korean term the curated glossary forbids, or a rendering it does not list."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import finding_at
from ..models import Finding, Role, Severity
from ..terminology import Glossary, Occurrence, TermMatcher
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
    rendering the glossary does not list is found where the text gives its English.
    """
    analysis, terms = context.analysis, context.terminology
    rulings = terms.glossary.rulings
    preferred = terms.glossary.preferred
    forbidden = _forbidden(terms.glossary)
    matcher = TermMatcher(ko for variants in rulings.values() for ko in variants)
    for path in context.each(context.korean_compared):
        if analysis.by_path[path].document.role is not Role.RENDERING:
            continue
        for match in matcher.find(prose(analysis.by_path[path].document.text)):
            entry = forbidden.get(match.key)
            if entry is not None:
                choice = preferred.get(entry.concept)
                yield finding_at(
                    analysis, "term-glossary", Severity.ERROR, path, match.start, match.end,
                    expected=choice.ko if choice else "",
                    message=(
                        f"the glossary forbids this rendering of {entry.en!r} ({entry.where})"
                        + (f"; use '{choice.ko}' ({choice.where})" if choice else "")
                    ),
                    confidence=0.9,
                )
        for occurrence in terms.occurrences:
            if occurrence.path != path or not _unlisted(occurrence, terms.glossary):
                continue
            choice = preferred[occurrence.concept]
            concept = terms.concepts[occurrence.concept]
            yield finding_at(
                analysis, "term-glossary", Severity.WARNING, path, occurrence.start, occurrence.end,
                expected=choice.ko,
                message=(
                    f"the glossary renders {concept.en!r} as '{choice.ko}' ({choice.where}) "
                    f"and does not list this rendering; use it, or add this one as allowed"
                ),
                confidence=0.8,
            )


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
