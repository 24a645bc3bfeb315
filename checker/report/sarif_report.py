"""findings.sarif: SARIF 2.1.0, as GitHub code scanning reads it.

One rule per check (its descriptions and help from the check's docstring), one result per
finding with its region in the file as written and the finding's fingerprint as a partial
fingerprint, so code scanning tracks a finding across commits when lines move.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath

from .. import __version__
from ..models import Analysis, Finding, Severity
from .files import write_atomic

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(check_id: str) -> dict:
    from ..checks import (
        CHECKS,  # the check registry: loaded when a report is written, not for --help
    )
    from ..filters import REPORTED

    doc = CHECKS[check_id].doc if check_id in CHECKS else REPORTED[check_id]
    paragraphs = [" ".join(p.split()) for p in doc.split("\n\n")]
    return {
        "id": check_id,
        "name": "".join(word.capitalize() for word in check_id.split("-")),
        "shortDescription": {"text": paragraphs[0]},
        "fullDescription": {"text": " ".join(paragraphs[1:]) or paragraphs[0]},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": "warning"},
    }


def _uri(path: str) -> str:
    return PurePath(path).as_posix()


def _result(analysis: Analysis, finding: Finding, rule_index: dict[str, int]) -> dict:
    doc = analysis.by_path[finding.file].document
    end_line, end_column = doc.locate(finding.end)
    return {
        "ruleId": finding.check,
        "ruleIndex": rule_index[finding.check],
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message + (f" (expected: {finding.expected})" if finding.expected else "")},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(finding.file)},
                    "region": {
                        "startLine": finding.line,
                        "startColumn": finding.column,
                        "endLine": end_line,
                        "endColumn": end_column,
                        "snippet": {"text": finding.text},
                    },
                }
            }
        ],
        **({"relatedLocations": _related(analysis, finding)} if finding.occurrences else {}),
        "partialFingerprints": {"checker/v1": finding.fingerprint},
        "properties": {"confidence": finding.confidence, "unit": finding.unit},
    }


def _related(analysis: Analysis, finding: Finding) -> list[dict]:
    """Every occurrence a grouped finding stands for (its own location is the first)."""
    doc = analysis.by_path[finding.file].document
    related = []
    for i, o in enumerate(finding.occurrences):
        end_line, end_column = doc.locate(o.end)
        related.append({
            "id": i,
            "message": {"text": f"occurrence {i + 1} of {len(finding.occurrences)}"},
            "physicalLocation": {
                "artifactLocation": {"uri": _uri(finding.file)},
                "region": {"startLine": o.line, "startColumn": o.column, "endLine": end_line,
                           "endColumn": end_column, "snippet": {"text": o.text}},
            },
        })
    return related


def sarif_document(analysis: Analysis, findings: tuple[Finding, ...]) -> dict:
    from ..checks import CHECKS
    from ..filters import REPORTED

    # every check, then what the filter chain reported about itself, if it did
    rule_ids = [*CHECKS, *(r for r in REPORTED if any(f.check == r for f in findings))]
    rule_index = {check_id: i for i, check_id in enumerate(rule_ids)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "checker",
                        "version": __version__,
                        "rules": [_rule(check_id) for check_id in rule_ids],
                    }
                },
                "artifacts": [
                    {"location": {"uri": _uri(d.path)}, "encoding": d.document.encoding} for d in analysis.documents
                ],
                "results": [_result(analysis, f, rule_index) for f in findings],
                "properties": {"signature": analysis.signature},
            }
        ],
    }


def write(analysis: Analysis, findings: tuple[Finding, ...], out: Path) -> list[Path]:
    data = json.dumps(sarif_document(analysis, findings), ensure_ascii=False, indent=2) + "\n"
    return [write_atomic(out / "findings.sarif", data.encode("utf-8"))]
