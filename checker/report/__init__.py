"""One module per output format; each reads findings and the analysis, never the checks.

Every report is written with ``files.write_atomic``, so a reader never sees a
half-written report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..models import Analysis, Finding
from . import csv_report, html_report, json_report

Writer = Callable[[Analysis, tuple[Finding, ...], Path], list[Path]]


@dataclass(frozen=True)
class Format:
    name: str
    write: Writer
    writes: str  # what it writes, for --format's help


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", json_report.write, "findings.json and alignment.json"),
        Format("csv", csv_report.write, "findings.csv"),
        Format("html", html_report.write, "report.html"),
    )
}


def write_reports(formats: list[str], analysis: Analysis, findings: tuple[Finding, ...], out: Path) -> list[Path]:
    written: list[Path] = []
    for name in formats:
        written += FORMATS[name].write(analysis, findings, out)
    return written
