"""One flat row per finding: what every report format reads (JSON as is, CSV flattened)."""

from __future__ import annotations

from ..models import Finding


def finding_row(f: Finding) -> dict:
    """The finding as the reports show it; ``item`` is the id of the aligned unit."""
    return {
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
