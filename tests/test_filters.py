"""The post-processing chain, filter by filter, on hand-made findings."""

from __future__ import annotations

import pytest

from checker import filters
from checker.config import Settings
from checker.models import Finding, Severity


def _finding(check: str, start: int = 0, end: int = 4, file: str = "a.md", severity: Severity = Severity.WARNING):
    return Finding(check=check, severity=severity, file=file, line=1, column=start + 1, unit="1", text="text",
                   expected="", message="", confidence=1.0, start=start, end=end)


SELECT = [
    pytest.param((), (), ["omission", "addition", "term-inconsistent"], id="nothing named: everything"),
    pytest.param(("omission",), (), ["omission"], id="select"),
    pytest.param((), ("omission",), ["addition", "term-inconsistent"], id="ignore"),
    pytest.param(("omission", "addition"), ("addition",), ["omission"], id="ignore wins"),
]


@pytest.mark.parametrize("select, ignore, kept", SELECT)
def test_selected(select, ignore, kept):
    found = [_finding("omission"), _finding("addition"), _finding("term-inconsistent")]
    settings = Settings(("a.md",), select=select, ignore=ignore)
    assert [f.check for f in filters.selected(found, settings, None)] == kept


PRECEDENCE = [
    pytest.param([("term-inconsistent", 0, 4), ("term-glossary", 0, 4)], ["term-glossary"], id="same span: glossary wins"),
    pytest.param([("term-inconsistent", 0, 4), ("term-glossary", 10, 14)], ["term-inconsistent", "term-glossary"],
                 id="other span: both"),
    pytest.param([("term-inconsistent", 0, 4)], ["term-inconsistent"], id="alone: kept"),
    pytest.param([("term-glossary", 0, 4), ("omission", 0, 4)], ["term-glossary", "omission"], id="unrelated checks"),
]


@pytest.mark.parametrize("found, kept", PRECEDENCE)
def test_precedence(found, kept):
    findings = [_finding(check, start, end) for check, start, end in found]
    assert [f.check for f in filters.precedence(findings, Settings(("a.md",)), None)] == kept


def test_precedence_is_per_file():
    findings = [_finding("term-inconsistent", file="a.md"), _finding("term-glossary", file="b.md")]
    assert len(filters.precedence(findings, Settings(("a.md",)), None)) == 2


FAILS = [
    pytest.param([Severity.WARNING], "error", False, id="warning under error"),
    pytest.param([Severity.WARNING, Severity.ERROR], "error", True, id="an error"),
    pytest.param([Severity.INFO], "warning", False, id="info under warning"),
    pytest.param([Severity.INFO], "info", True, id="info at info"),
    pytest.param([Severity.ERROR], "never", False, id="never"),
    pytest.param([], "info", False, id="nothing found"),
]


@pytest.mark.parametrize("severities, level, failing", FAILS)
def test_fails(severities, level, failing):
    assert filters.fails([_finding("omission", severity=s) for s in severities], level) is failing
