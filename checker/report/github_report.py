"""GitHub Actions annotations: one workflow command per finding, on standard output.

``::error file=a.md,line=3,col=5,endLine=3,endColumn=9,title=number-mismatch::96% where ...``
GitHub shows each on the pull request's diff. Values are escaped as the runner expects:
``%``, CR and LF everywhere, and ``:`` and ``,`` inside properties.
"""

from __future__ import annotations

from ..models import Analysis, Finding, Severity

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(analysis: Analysis, finding: Finding) -> str:
    end_line, end_column = analysis.by_path[finding.file].document.locate(finding.end)
    properties = {
        "file": finding.file,
        "line": finding.line,
        "col": finding.column,
        "endLine": end_line,
        "endColumn": end_column,
        "title": f"checker {finding.check}",
    }
    listed = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    message = finding.message + (f" (expected: {finding.expected})" if finding.expected else "")
    return f"::{_COMMAND[finding.severity]} {listed}::{escape_data(message)}"


def annotation_lines(analysis: Analysis, findings: tuple[Finding, ...]) -> list[str]:
    return [annotation(analysis, f) for f in findings]
