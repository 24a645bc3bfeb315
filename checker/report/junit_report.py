"""findings.junit.xml: JUnit XML, one test case per finding, for CI systems that show test reports.

A file is a test suite; each finding a failed test case whose name is unique (check, place and
fingerprint), so a CI's history of "tests" follows a finding while it stays.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ..models import Analysis, Finding
from .files import write_atomic


def junit_document(analysis: Analysis, findings: tuple[Finding, ...]) -> bytes:
    suites = ET.Element("testsuites", name="checker", tests=str(len(findings)), failures=str(len(findings)))
    for doc in analysis.documents:
        mine = [f for f in findings if f.file == doc.path]
        suite = ET.SubElement(suites, "testsuite", name=doc.path, tests=str(len(mine)), failures=str(len(mine)))
        for f in mine:
            case = ET.SubElement(
                suite, "testcase",
                name=f"{f.check} at {f.file}:{f.line}:{f.column} [{f.fingerprint}]",
                classname=f"checker.{f.check}", file=f.file, line=str(f.line),
            )
            failure = ET.SubElement(case, "failure", type=f"{f.check}:{f.severity.value}", message=f.message)
            failure.text = f"{f.file}:{f.line}:{f.column}: {f.text}" + (f"\nexpected: {f.expected}" if f.expected else "")
    ET.indent(suites)
    return ET.tostring(suites, encoding="utf-8", xml_declaration=True) + b"\n"


def write(analysis: Analysis, findings: tuple[Finding, ...], out: Path) -> list[Path]:
    return [write_atomic(out / "findings.junit.xml", junit_document(analysis, findings))]
