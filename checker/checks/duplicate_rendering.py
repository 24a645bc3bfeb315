"""duplicate-rendering: two renderings with the same text, so one of them adds no opinion."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import finding_at
from ..models import Finding, Severity
from ..text import normalised
from .context import Context

def check_duplicate_rendering(context: Context) -> Iterator[Finding]:
    """A rendering whose text is the same as an earlier one's (up to Unicode compatibility forms and spacing).

    Bad:  ``ko-a/ch04.md`` and ``ko-b/ch04.md`` hold the same text: the consensus counts one
          translation twice, and what they share looks confirmed.
    Good: each rendering is a translation of its own (or the copy is left out of the run).

    Reported once per copy, as info, on the later file in the canonical order (by path, see ``load.canonical_order``), naming the earlier one.
    """
    analysis = context.analysis
    seen: dict[str, str] = {}
    for path in context.each(analysis.compared):
        doc = analysis.by_path[path].document
        key = normalised(doc.text)
        first = seen.setdefault(key, path)
        if first == path:
            continue
        yield finding_at(
            analysis, "duplicate-rendering", Severity.INFO, path, 0, 0,
            expected="",
            message=f"the same text as {first}: it adds no second opinion to the comparison",
        )
