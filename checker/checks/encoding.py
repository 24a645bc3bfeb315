"""encoding: a file whose bytes were damaged before it reached us."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import finding_at, location_at
from ..models import Finding, Severity
from .context import Context

_LISTED = 5  # uncertain places named in the message


def check_encoding(context: Context) -> Iterator[Finding]:
    """Mojibake and lost characters make a rendering unreadable to its readers.

    Bad:  ``# ðŸ¥‡ **ì´ë²ˆ ì£¼ ì£¼ìš” AI ë…¼ë¬¸**`` (UTF-8 read as Windows-1252)
    Good: ``# 🥇 **이번 주 주요 AI 논문**``

    checker compares the repaired text and says how sure the repair was; the file
    itself must still be fixed (``checker repair FILE -o FIXED``). Also flags U+FFFD
    replacement characters (``피�``): bytes lost upstream that nothing can bring back, and
    bytes that are not UTF-8 in a UTF-8 file (read as U+FFFD, an error at each place).
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
        invalid = _invalid_offsets(doc)
        if invalid:
            shown = " ".join(f"{b:02x}" for b in doc.decoded.invalid[0].data[:8])
            yield finding_at(
                analysis,
                "encoding",
                Severity.ERROR,
                doc.path,
                invalid[0],
                invalid[0] + 1,
                message=(
                    f"bytes that are not UTF-8 ({shown} at byte offset {doc.decoded.invalid[0].byte_offset}"
                    + (f", and {len(invalid) - 1} more place(s)" if len(invalid) > 1 else "")
                    + "), read as U+FFFD: the file was damaged or mixes encodings; fix it from a good copy"
                ),
                occurrences=[location_at(analysis, doc.path, i, i + 1) for i in invalid] if len(invalid) > 1 else (),
            )
        ours = set(invalid)
        lost = next((m.start() for m in re.finditer("\ufffd", doc.text) if m.start() not in ours), None)
        if doc.decoded.replacement_chars and lost is not None and not (repair is not None and repair.spans):
            first = lost
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


def _invalid_offsets(doc) -> list[int]:
    """Where the bytes that are not UTF-8 are in the analysed text. A repair moves offsets and
    keeps each U+FFFD: there the U+FFFD characters are taken in order."""
    invalid = doc.decoded.invalid
    if not invalid:
        return []
    if doc.decoded.repair is None:
        return [b.offset for b in invalid]
    return [i for i, ch in enumerate(doc.text) if ch == "\ufffd"][: len(invalid)]
