"""One module per output format; each reads findings and the analysis, never the checks.

The reports of a run are one set: they are written into a staging folder inside ``--out``
and moved into place together once all are written, so a failure leaves the previous set
whole and a reader never sees a half-written report.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..models import Analysis, Finding
from . import (
    csv_report,
    gitlab_report,
    html_report,
    json_report,
    junit_report,
    sarif_report,
)

Writer = Callable[[Analysis, tuple[Finding, ...], Path], list[Path]]


@dataclass(frozen=True)
class Format:
    name: str
    write: Writer
    files: tuple[str, ...]  # the file names it writes in --out
    note: str = ""

    @property
    def writes(self) -> str:
        """What it writes, for --format's help."""
        return " and ".join(self.files) + (f" ({self.note})" if self.note else "")


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", json_report.write, ("findings.json", "alignment.json")),
        Format("csv", csv_report.write, ("findings.csv",)),
        Format("html", html_report.write, ("report.html",)),
        Format("sarif", sarif_report.write, ("findings.sarif",), "SARIF 2.1.0, for code scanning"),
        Format("junit", junit_report.write, ("findings.junit.xml",), "one test case per finding"),
        Format("gitlab", gitlab_report.write, ("findings.gitlab.json",), "GitLab Code Quality"),
    )
}


def check_targets(formats: list[str], out: Path) -> None:
    """Before any work: no report's place in ``out`` is taken by a folder (the set could not be
    replaced whole at the end)."""
    for name in formats:
        for file in FORMATS[name].files:
            if (out / file).is_dir():
                raise InputError(str(out / file), "is a folder: the report cannot be written there")


def write_reports(formats: list[str], analysis: Analysis, findings: tuple[Finding, ...], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".checker-reports.", dir=out))  # same filesystem: renames
    try:
        staged: list[Path] = []
        for name in formats:
            staged += FORMATS[name].write(analysis, findings, staging)
        targets = [out / path.name for path in staged]
        for target in targets:
            if target.is_dir():
                raise InputError(str(target), "is a folder: the report cannot be written there")
        for path, target in zip(staged, targets):
            os.replace(path, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return targets
