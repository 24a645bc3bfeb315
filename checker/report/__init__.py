"""One module per output format; each reads findings and the analysis, never the checks.

Every report is written with ``files.write_atomic``, so a reader never sees a
half-written report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..models import Analysis, Finding
from . import csv_report, html_report, json_report

Writer = Callable[[Analysis, tuple[Finding, ...], Path], list[Path]]

FORMATS: dict[str, Writer] = {
    "json": json_report.write,
    "csv": csv_report.write,
    "html": html_report.write,
}


def write_reports(formats: list[str], analysis: Analysis, findings: tuple[Finding, ...], out: Path) -> list[Path]:
    written: list[Path] = []
    for name in formats:
        written += FORMATS[name](analysis, findings, out)
    return written
