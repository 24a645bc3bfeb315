"""Report formats against golden files, on a small hand-built analysis (no encoder involved).

Regenerate after an intended format change: ``UPDATE_GOLDEN=1 python -m pytest tests/test_reports.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checker.filters import fingerprinted
from checker.findings import evidence_at, finding_at
from checker.decode import read_document
from checker.models import Analysis, DigestGroup, PairSimilarity, Role, SentenceLink, Severity, Unit
from checker.report import FORMATS, write_reports
from tests.paths import DATA



GOLDEN = Path(__file__).resolve().parent / "golden"
A_TEXT = "주간 AI 논문\n\n1.  **DeepSeek-OCR** 10배 압축에서 97%의 정확도를 보입니다. <b>태그</b> & 기호.\n"
B_TEXT = "이번 주 논문\n\n1.  **DeepSeek-OCR** 10배 압축 시 96%의 정확도를 보입니다.\n"


@pytest.fixture
def analysis_and_findings(tmp_path, segmenter, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(A_TEXT, encoding="utf-8")
    Path("b.md").write_text(B_TEXT, encoding="utf-8")
    docs = [segmenter.segment(read_document(p, Role.RENDERING)) for p in ("a.md", "b.md")]
    a, b = docs
    analysis = Analysis(
        signature="checker:0.1.0|encoder:test|glossaries:none|reference:two-way|checks:all",
        documents=tuple(docs),
        source=None,
        groups=(DigestGroup(0, ("a.md", "b.md")),),
        compared=("a.md", "b.md"),
        units=(
            Unit("1", {"a.md": (0,), "b.md": (0,)}, (PairSimilarity("a.md", "b.md", 0.61, 0.42),), ()),
            Unit(
                "2",
                {"a.md": (1,), "b.md": (1,)},
                (PairSimilarity("a.md", "b.md", 0.93, 0.71),),
                (
                    SentenceLink("a.md", "b.md", (1,), (1,), 1.0),
                    SentenceLink("a.md", "b.md", (2,), (2,), 0.9),
                    SentenceLink("a.md", "b.md", (3,), (), None),
                ),
            ),
        ),
        document_similarity=(PairSimilarity("a.md", "b.md", 0.9, 0.6, 0.8),),
        encoder_signature="encoder:test|dim:2",
    )
    start = B_TEXT.index("96%")
    found = finding_at(
        analysis, "number-mismatch", Severity.ERROR, "b.md", start, start + 3,
        message="96% where the other rendering has 97%", expected="97%", confidence=0.9,
        evidence=[evidence_at(analysis, "a.md", A_TEXT.index("97%"), A_TEXT.index("97%") + 3)],
    )
    gap = B_TEXT.index("\n", start)
    omission = finding_at(
        analysis, "omission", Severity.WARNING, "b.md", gap, gap,
        message="a sentence of the other rendering has no counterpart here", expected="<b>태그</b> & 기호.",
        confidence=0.5,
    )
    return analysis, tuple(fingerprinted([omission, found], analysis))


@pytest.mark.parametrize("fmt, files", [
    ("json", ["findings.json", "alignment.json"]), ("csv", ["findings.csv"]), ("html", ["report.html"]),
    ("sarif", ["findings.sarif"]), ("junit", ["findings.junit.xml"]), ("gitlab", ["findings.gitlab.json"]),
])
def test_report_matches_golden(fmt, files, analysis_and_findings, tmp_path):
    analysis, findings = analysis_and_findings
    written = write_reports([fmt], analysis, findings, tmp_path / "out")
    assert [p.name for p in written] == files == list(FORMATS[fmt].files)  # what --out is checked for
    for path in written:
        golden = GOLDEN / path.name
        if os.environ.get("UPDATE_GOLDEN"):
            golden.write_bytes(path.read_bytes())
        assert path.read_bytes() == golden.read_bytes(), f"{path.name} differs from {golden}"


def test_findings_are_located_and_fingerprinted(analysis_and_findings):
    _, findings = analysis_and_findings
    mismatch = next(f for f in findings if f.check == "number-mismatch")
    assert (mismatch.line, mismatch.column, mismatch.unit, mismatch.text) == (3, 31, "2", "96%")
    assert len({f.fingerprint for f in findings}) == 2


def test_fingerprint_survives_a_line_shift(tmp_path, segmenter, analysis_and_findings, monkeypatch):
    analysis, findings = analysis_and_findings
    shifted_text = "\n\n\n" + B_TEXT
    Path("b.md").write_text(shifted_text, encoding="utf-8")
    b = segmenter.segment(read_document("b.md", Role.RENDERING))
    shifted = Analysis(
        documents=(analysis.documents[0], b), source=None, groups=analysis.groups, compared=analysis.compared,
        units=analysis.units, document_similarity=(), encoder_signature="x",
    )
    start = shifted_text.index("96%")
    again = fingerprinted(
        [finding_at(shifted, "number-mismatch", Severity.ERROR, "b.md", start, start + 3, message="m", expected="97%")],
        shifted,
    )[0]
    original = next(f for f in findings if f.check == "number-mismatch")
    assert again.line == original.line + 3
    assert again.fingerprint == original.fingerprint


def test_html_escapes_input_text(analysis_and_findings):
    from checker.report.html_report import render

    analysis, findings = analysis_and_findings
    page = render(analysis, findings)
    assert "<b>태그</b>" not in page
    assert "&lt;b&gt;태그&lt;/b&gt; &amp; 기호." in page


def test_every_format_is_registered():
    assert sorted(FORMATS) == ["csv", "gitlab", "html", "json", "junit", "sarif"]


def _matches_golden(name: str, lines: list[str]) -> None:
    """Lines printed on standard output against their golden file (UPDATE_GOLDEN=1 rewrites it)."""
    text = "\n".join(lines) + "\n"
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_terminal_lines_match_golden(analysis_and_findings):
    from checker.report.text_report import finding_lines, statistics_lines, summary_lines

    analysis, findings = analysis_and_findings
    _matches_golden("findings.txt", finding_lines(analysis, findings) + statistics_lines(findings) + summary_lines(analysis, findings))


def test_terminal_colour_marks_severity_only_when_asked(analysis_and_findings):
    from checker.report.text_report import finding_lines

    analysis, findings = analysis_and_findings
    plain, coloured = finding_lines(analysis, findings), finding_lines(analysis, findings, colour=True)
    assert all("\x1b[" not in line for line in plain)
    assert all("\x1b[" in line for line in coloured)
    import click

    assert [click.unstyle(line) for line in coloured] == plain


def test_sarif_is_valid_sarif_2_1_0_with_a_rule_per_check(analysis_and_findings):
    import jsonschema

    from checker.checks import CHECKS
    from checker.report.sarif_report import sarif_document

    analysis, findings = analysis_and_findings
    document = sarif_document(analysis, findings)
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(document)
    run = document["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(CHECKS)
    assert all(r["shortDescription"]["text"] and "Bad:" in r["help"]["text"] for r in run["tool"]["driver"]["rules"])
    mismatch = next(r for r in run["results"] if r["ruleId"] == "number-mismatch")
    assert mismatch["level"] == "error"
    region = mismatch["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (3, 31, 3, 34)
    assert region["snippet"]["text"] == "96%"
    assert mismatch["partialFingerprints"]["checker/v1"] == next(f.fingerprint for f in findings if f.check == "number-mismatch")


GITHUB_ESCAPES = [
    pytest.param("plain", "plain", "plain", id="plain"),
    pytest.param("50% off", "50%25 off", "50%25 off", id="percent"),
    pytest.param("a\nb\rc", "a%0Ab%0Dc", "a%0Ab%0Dc", id="line breaks"),
    pytest.param("a:b,c", "a:b,c", "a%3Ab%2Cc", id="colon and comma in properties only"),
]


@pytest.mark.parametrize("raw, data, prop", GITHUB_ESCAPES)
def test_github_escaping(raw, data, prop):
    from checker.report.github_report import escape_data, escape_property

    assert (escape_data(raw), escape_property(raw)) == (data, prop)


def test_github_annotations_match_golden(analysis_and_findings):
    from checker.report.github_report import annotation_lines

    analysis, findings = analysis_and_findings
    _matches_golden("findings.github", annotation_lines(analysis, findings))


def test_junit_has_one_uniquely_named_failing_case_per_finding(analysis_and_findings):
    import xml.etree.ElementTree as ET

    from checker.report.junit_report import junit_document

    analysis, findings = analysis_and_findings
    root = ET.fromstring(junit_document(analysis, findings))
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == len(findings) == int(root.get("failures"))
    assert len({c.get("name") for c in cases}) == len(cases)
    assert [c.find("failure").get("type") for c in cases] == ["number-mismatch:error", "omission:warning"]


def test_gitlab_code_quality_issues(analysis_and_findings):
    from checker.report.gitlab_report import gitlab_document

    analysis, findings = analysis_and_findings
    issues = gitlab_document(analysis, findings)
    assert [(i["check_name"], i["severity"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("number-mismatch", "major", "b.md", 3), ("omission", "minor", "b.md", 3),
    ]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
