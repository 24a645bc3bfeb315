"""The gate's formats from the fixture of tests/test_reports.py: the baseline file against its golden
file, and SARIF that holds what the filter chain reports about itself, against the 2.1.0 schema.

Regenerate after an intended change: ``UPDATE_GOLDEN=1 python -m pytest tests/test_gate_reports.py``.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from checker import filters
from checker.baseline import baseline_bytes, baseline_entries, read_baseline
from checker.config import Settings
from checker.decode import read_document
from checker.models import Role, Severity
from tests.paths import DATA
from tests import test_reports
from tests.test_reports import GOLDEN, _matches_golden

analysis_and_findings = test_reports.analysis_and_findings  # the one fixed fixture every format is written from


def test_the_baseline_file_matches_golden(analysis_and_findings):
    analysis, findings = analysis_and_findings
    keys = {f.file: filters.file_key(f.file, Path.cwd()) for f in findings}
    written = baseline_bytes(baseline_entries(findings, keys, None), analysis.signature).decode("utf-8")
    _matches_golden("baseline.json", written.splitlines())
    assert json.loads((GOLDEN / "baseline.json").read_text(encoding="utf-8"))["findings"][0]["decision"] == "accepted"


def test_sarif_with_an_unused_suppression_and_a_stale_entry_is_valid_and_names_their_rules(analysis_and_findings,
                                                                                             segmenter):
    import jsonschema

    from checker.checks import CHECKS
    from checker.report.sarif_report import sarif_document

    analysis, findings = analysis_and_findings
    mismatch = next(f for f in findings if f.check == "number-mismatch")
    text = analysis.by_path["b.md"].document.text
    # b.md again, with a suppression that suppresses nothing, and a baseline whose one entry matches nothing
    Path("b.md").write_text("<!-- checker-disable-next-line term-glossary -->\n" + text, encoding="utf-8")
    Path("base.json").write_bytes(baseline_bytes(
        baseline_entries([mismatch], {"b.md": "b.md"}, None), analysis.signature).replace(
        mismatch.fingerprint.encode(), b"0000000000000000"))
    b = segmenter.segment(read_document("b.md", Role.RENDERING))
    edited = dataclasses.replace(analysis, documents=(analysis.documents[0], b))
    shown = filters.apply([], Settings(edited.compared, baseline=read_baseline("base.json")), edited)
    assert sorted(f.check for f in shown) == ["baseline-stale", "unused-suppression"]
    assert all(f.severity is Severity.INFO for f in shown)
    document = sarif_document(edited, shown)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [*CHECKS, "unused-suppression", "baseline-stale"]
    assert all("Bad:" in r["help"]["text"] and r["shortDescription"]["text"] for r in rules)
    results = document["runs"][0]["results"]
    assert {rules[r["ruleIndex"]]["id"] for r in results} == {"unused-suppression", "baseline-stale"}
    assert all(r["level"] == "note" for r in results)
