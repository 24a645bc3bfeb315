"""digest-mismatch: a file that renders another digest than the others (or the source)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import align
from ..findings import evidence_at, finding_at
from ..models import Finding, Role, Severity
from .context import Context


def check_digest_mismatch(context: Context) -> Iterator[Finding]:
    """A rendering of another week's digest compared line by line yields only noise.

    Bad:  ``checker lint w43/`` where ``002.txt`` covers Dreamer 4 and DeepSeek-V3.2-Exp
          while the other files cover DeepSeek-OCR ... Enterprise Deep Research.
    Good: every file in the run renders the same digest (the same items, in any order).

    A file that no other file (or, with --source, not the source) renders alongside
    is left out of the comparisons; the message names the files of the nearest
    compared group and its digest score against each. Groups of files that render one
    digest each (a book's sections) are each compared on their own: no finding.
    """
    analysis = context.analysis
    checked = [g for g in analysis.groups if g.checked]
    scores = {frozenset((s.a, s.b)): align.digest_score(s) for s in analysis.document_similarity}
    for group in analysis.groups:
        if group.checked:
            continue
        for path in context.each(group.paths):
            if analysis.by_path[path].document.role is Role.SOURCE and analysis.source != path:
                continue  # one English file of a folder that no rendering renders: unused, not wrong
            # The checked group it was scored against (its nearest); the best when several were.
            nearest = max(
                (g for g in checked if all(frozenset((path, o)) in scores for o in g.paths)),
                key=lambda g: max(scores[frozenset((path, o))] for o in g.paths),
                default=None,
            )
            if nearest is None:
                continue
            compared = [(other, scores[frozenset((path, other))]) for other in nearest.paths]
            best = max(score for _, score in compared)
            reference = analysis.source if analysis.source in nearest.paths else nearest.paths[0]
            listing = ", ".join(f"{other} ({score:.2f})" for other, score in compared)
            first = analysis.by_path[path].paragraphs[0]
            ref_first = analysis.by_path[reference].paragraphs[0]
            yield finding_at(
                analysis,
                "digest-mismatch",
                Severity.ERROR,
                path,
                first.start,
                first.end,
                expected=ref_first.text,
                message=(
                    f"renders a different digest: compared to {listing}, "
                    f"below the same-digest score {align.DIGEST_THRESHOLD}; left out of the comparisons"
                ),
                confidence=min(1.0, 0.5 + (align.DIGEST_THRESHOLD - best) / align.DIGEST_THRESHOLD),
                evidence=[
                    evidence_at(analysis, other, p.start, p.end, similarity=score)
                    for other, score in compared
                    for p in analysis.by_path[other].paragraphs[:1]
                ],
            )
