"""digest-mismatch: a file that renders another digest than the others (or the source)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import align
from ..findings import evidence_at, finding_at
from ..models import Finding, Severity
from .context import Context


def check_digest_mismatch(context: Context) -> Iterator[Finding]:
    """A rendering of another week's digest compared line by line yields only noise.

    Bad:  ``checker lint w43/`` where ``002.txt`` covers Dreamer 4 and DeepSeek-V3.2-Exp
          while the other files cover DeepSeek-OCR ... Enterprise Deep Research.
    Good: every file in the run renders the same digest (the same items, in any order).

    The file is left out of the other comparisons; the message names the files it
    was compared to and its digest score against each.
    """
    analysis = context.analysis
    if not analysis.groups:
        return
    main = analysis.groups[0].paths
    scores = {(s.a, s.b): s for s in analysis.document_similarity}
    for group in analysis.groups[1:]:
        for path in context.each(group.paths):
            compared = []
            for other in main:
                sim = scores.get((path, other)) or scores.get((other, path))
                compared.append((other, align.digest_score(sim)))
            best = max(score for _, score in compared)
            reference = analysis.source if analysis.source in main else main[0]
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
