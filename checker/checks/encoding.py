"""encoding: a file whose bytes were damaged before it reached us."""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import finding_at
from ..models import Analysis, Finding, Severity


def check_encoding(analysis: Analysis) -> Iterator[Finding]:
    """Mojibake and lost characters make a rendering unreadable and uncomparable.

    Bad:  ``# ðŸ¥‡ **ì´ë²ˆ ì£¼ ì£¼ìš” AI ë…¼ë¬¸**`` (UTF-8 read as Windows-1252)
    Good: ``# 🥇 **이번 주 주요 AI 논문**``

    Also flags U+FFFD replacement characters (``피�``): bytes already lost upstream.
    """
    for segmented in analysis.documents:
        doc = segmented.document
        report = doc.decoded.mojibake
        if report is not None:
            yield finding_at(
                analysis,
                "encoding",
                Severity.ERROR,
                doc.path,
                report.first_start,
                report.first_end,
                expected=report.first_decoded,
                message=(
                    f"the text is mojibake: UTF-8 bytes read as {report.wrong_codec} "
                    f"({report.broken_runs} broken runs, {report.decodable_runs} reversible); "
                    "the file is left out of the comparisons until it is repaired"
                ),
                confidence=report.decodable_runs / report.broken_runs if report.broken_runs else 1.0,
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
