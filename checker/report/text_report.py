"""The terminal: one line per finding, ``path:line:col: severity check message``, then a summary.

Grouped by file (source first, then by path) and sorted by position, as ruff and Vale print theirs, so an
editor can jump to each line. Colour only on a terminal, never with NO_COLOR set.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from ..models import Analysis, Finding, Severity
from .rows import places

_PLACES = 10  # occurrences listed on a finding's line; the JSON report lists all

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def finding_lines(analysis: Analysis, findings: tuple[Finding, ...], colour: bool = False) -> list[str]:
    import click

    order = {d.path: i for i, d in enumerate(analysis.documents)}
    lines = []
    for f in sorted(findings, key=lambda f: (order.get(f.file, len(order)), f.line, f.column, f.check)):
        where = f"{f.file}:{f.line}:{f.column}:"
        severity = f.severity.value
        message = " ".join(f.message.split())
        if f.expected and f.check != "encoding":
            message += f" [expected: {_short(f.expected)}]"
        if len(f.occurrences) > 1:
            message += f" ({len(f.occurrences)} occurrences: {places(f, _PLACES)})"
        if colour:
            where = click.style(where, bold=True)
            severity = click.style(severity, fg=_COLOURS[f.severity])
        lines.append(f"{where} {severity} {f.check} {message}")
    return lines


def summary_lines(analysis: Analysis, findings: tuple[Finding, ...], hidden: Mapping[str, int] | None = None) -> list[str]:
    """The counts; ``hidden`` says how many findings were taken out and why ("hidden by the baseline": 63)."""
    by_severity = Counter(f.severity for f in findings)
    counts = ", ".join(f"{by_severity[s]} {s.value}(s)" for s in Severity if by_severity[s])
    taken_out = "; ".join(f"{n} {why}" for why, n in (hidden or {}).items())
    lines = [
        f"checked {len(analysis.documents)} file(s), compared {len(analysis.compared)}, "
        f"{len(analysis.units)} aligned unit(s): {len(findings)} finding(s)" + (f" ({counts})" if counts else "")
        + (f"; {taken_out}" if taken_out else "")
    ]
    by_file = Counter(f.file for f in findings)
    for doc in analysis.documents:
        status = analysis.excluded.get(doc.path, "compared")
        lines.append(f"  {doc.path}: {by_file.get(doc.path, 0)} finding(s) [{doc.document.encoding}; {status}]")
    lines.append(f"signature {analysis.signature}")
    return lines


def statistics_lines(findings: tuple[Finding, ...]) -> list[str]:
    """Counts per check and severity, most first (ruff's --statistics)."""
    counts = Counter((f.check, f.severity.value) for f in findings)
    return [f"{n:>5}  {check:<18} {severity}" for (check, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
