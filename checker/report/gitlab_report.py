"""findings.gitlab.json: GitLab Code Quality (the Code Climate subset GitLab reads).

One issue per finding with its check, severity, path, line and the finding's fingerprint, so
merge requests show what a change added or fixed.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath

from ..models import Analysis, Finding, Severity
from .files import write_atomic

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def gitlab_document(analysis: Analysis, findings: tuple[Finding, ...]) -> list[dict]:
    return [
        {
            "description": f"{f.check}: {f.message}" + (f" (expected: {f.expected})" if f.expected else ""),
            "check_name": f.check,
            "fingerprint": f.fingerprint,
            "severity": _SEVERITY[f.severity],
            "location": {"path": PurePath(f.file).as_posix(), "lines": {"begin": f.line}},
        }
        for f in findings
    ]


def write(analysis: Analysis, findings: tuple[Finding, ...], out: Path) -> list[Path]:
    data = json.dumps(gitlab_document(analysis, findings), ensure_ascii=False, indent=2) + "\n"
    return [write_atomic(out / "findings.gitlab.json", data.encode("utf-8"))]
