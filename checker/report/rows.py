"""One flat row per finding: what every report format reads (JSON as is, CSV flattened)."""

from __future__ import annotations

from ..models import Finding


def finding_row(f: Finding) -> dict:
    """The finding as the reports show it; ``item`` is the id of the aligned unit;
    ``occurrences`` (only on a finding that stands for several places) lists them all."""
    row = {
        "check": f.check,
        "severity": f.severity.value,
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "item": f.unit,
        "text": f.text,
        "expected": f.expected,
        "message": f.message,
        "confidence": f.confidence,
        "evidence": [
            {"file": e.file, "line": e.line, "text": e.text}
            | ({} if e.similarity is None else {"similarity": e.similarity})
            for e in f.evidence
        ],
        "fingerprint": f.fingerprint,
    }
    if f.occurrences:
        row["occurrences"] = [{"line": o.line, "column": o.column, "text": o.text} for o in f.occurrences]
    return row


def places(f: Finding, limit: int | None = None) -> str:
    """``12:5, 14:3, 20:1`` (line:column of each occurrence), the first ``limit`` of them."""
    shown = [f"{o.line}:{o.column}" for o in f.occurrences[:limit]]
    more = len(f.occurrences) - len(shown)
    return ", ".join(shown) + (f", … (+{more})" if more else "")
