"""encoding: a file whose bytes were damaged before it reached us."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import finding_at
from ..models import Finding, Severity
from .context import Context

_LISTED = 5  # uncertain places named in the message


def check_encoding(context: Context) -> Iterator[Finding]:
    """Mojibake and lost characters make a rendering unreadable to its readers.

    Bad:  ``# ðŸ¥‡ **ì´ë²ˆ ì£¼ ì£¼ìš” AI ë…¼ë¬¸**`` (UTF-8 read as Windows-1252)
    Good: ``# 🥇 **이번 주 주요 AI 논문**``

    checker compares the repaired text and says how sure the repair was; the file
    itself must still be fixed (``checker repair FILE -o FIXED``). Also flags U+FFFD
    replacement characters (``피�``): bytes lost upstream that nothing can bring back.
    """
    analysis = context.analysis
    for path in context.each(d.path for d in analysis.documents):
        doc = analysis.by_path[path].document
        repair = doc.decoded.repair
        if repair is not None and repair.spans:
            first = repair.spans[0]
            uncertain = [s for s in repair.spans if s.uncertain]
            places = ", ".join(
                "{}:{}".format(*doc.locate(s.repaired_start)) for s in uncertain[:_LISTED]
            ) + (", ..." if len(uncertain) > _LISTED else "")
            broken = " and could not be repaired: it is left out of the comparisons" if doc.decoded.still_broken else ""
            yield finding_at(
                analysis,
                "encoding",
                Severity.ERROR,
                doc.path,
                first.repaired_start,
                first.repaired_end,
                expected=doc.text[first.repaired_start : first.repaired_end],
                message=(
                    f"the text is mojibake (UTF-8 read as {repair.wrong_codec}){broken}; "
                    f"checked as repaired in memory: {len(repair.spans)} spans, {repair.guessed} with lost bytes "
                    f"reconstructed, {len(uncertain)} uncertain"
                    + (f" (line:column {places})" if uncertain else "")
                    + f"; fix the file with: checker repair {doc.path} -o FIXED"
                ),
                confidence=1.0 - (len(uncertain) / repair.guessed if repair.guessed else 0.0),
            )
        elif doc.decoded.replacement_chars:
            first = doc.text.index("\ufffd")
            yield finding_at(
                analysis,
                "encoding",
                Severity.WARNING,
                doc.path,
                max(0, first - 1),
                first + 1,
                message=(
                    f"{doc.decoded.replacement_chars} replacement character(s) U+FFFD: "
                    "bytes were lost before this file was saved"
                ),
            )
