"""findings.csv: one row per finding, UTF-8 with BOM so Excel shows Korean."""

from __future__ import annotations

from pathlib import Path

from ..models import Analysis, Finding
from .files import write_atomic
from .rows import finding_row

COLUMNS = [
    "check", "severity", "file", "line", "column", "item", "text", "expected",
    "message", "confidence", "evidence", "fingerprint", "occurrences",
]


def _flatten_evidence(evidence: list[dict]) -> str:
    """file:line: text, one per line; a similarity, when known, in brackets."""
    rows = []
    for e in evidence:
        sim = f" [{e['similarity']:.2f}]" if "similarity" in e else ""
        rows.append(f"{e['file']}:{e['line']}{sim}: {e['text']}")
    return "\n".join(rows)


def to_csv(findings: tuple[Finding, ...]) -> bytes:
    import pandas as pd

    records = [finding_row(f) for f in findings]
    for record in records:
        record["evidence"] = _flatten_evidence(record["evidence"])
        record["occurrences"] = ", ".join(f"{o['line']}:{o['column']}" for o in record.get("occurrences", []))
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8-sig")


def write(analysis: Analysis, findings: tuple[Finding, ...], out: Path) -> list[Path]:
    return [write_atomic(out / "findings.csv", to_csv(findings))]
