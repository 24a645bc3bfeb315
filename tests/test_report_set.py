"""Reports are one set: checked writable before the work, moved into place together, and left
whole by a failure, Ctrl-C or SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from click.testing import CliRunner

from checker.cli import main
from tests.paths import FREE, LEAD, ROOT


def _lint(out, *options):
    return CliRunner().invoke(main, ["lint", str(FREE), str(LEAD), "--out", str(out), *options])


def test_an_out_folder_that_cannot_be_made_fails_before_any_work(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = blocker / "reports"
    result = _lint(out)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"checker: error: {out}: --out cannot be made: {blocker} is a file, not a folder"]


def test_a_report_target_replaced_by_a_folder_leaves_the_previous_set_whole(tmp_path):
    out = tmp_path / "reports"
    assert _lint(out, "--no-default-glossary").exit_code in (0, 1)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == {"findings.json", "alignment.json", "findings.csv", "report.html"}
    (out / "report.html").unlink()
    (out / "report.html").mkdir()
    result = _lint(out)  # with the glossary: other findings, so a mixed set would show
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"checker: error: {out / 'report.html'}: is a folder: the report cannot be written there"
    ]
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    del before["report.html"]
    assert after == before
    assert sorted(p.name for p in out.iterdir()) == ["alignment.json", "findings.csv", "findings.json", "report.html"]


def test_a_report_target_taken_by_a_folder_fails_before_any_work(tmp_path, monkeypatch):
    out = tmp_path / "reports"
    (out / "findings.csv").mkdir(parents=True)

    def no_analysis(*args, **kwargs):
        raise AssertionError("the analysis ran")

    monkeypatch.setattr("checker.pipeline.run", no_analysis)
    result = _lint(out)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"checker: error: {out / 'findings.csv'}: is a folder: the report cannot be written there"
    ]


def _interrupted(tmp_path, sig):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "findings.json").write_text("previous\n")
    command = [sys.executable, "-c", "from checker.cli import main; main()", "lint", str(FREE), str(LEAD), "--out", str(out)]
    # A child of a background job inherits SIGINT ignored; Ctrl-C reaches a terminal's foreground job.
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(4.0)  # past start-up (slow on a loaded machine), inside the analysis (which takes several seconds)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    return process.returncode, stderr, out


def test_sigterm_exits_143_with_one_line_and_the_previous_reports(tmp_path):
    code, stderr, out = _interrupted(tmp_path, signal.SIGTERM)
    assert code == 143
    assert stderr.strip().splitlines() == ["checker: terminated; the previous reports are left as they were"]
    assert (out / "findings.json").read_text() == "previous\n"
    assert [p.name for p in out.iterdir()] == ["findings.json"]


def test_ctrl_c_exits_130(tmp_path):
    code, stderr, out = _interrupted(tmp_path, signal.SIGINT)
    assert code == 130
    assert stderr.strip().splitlines() == ["checker: interrupted; the previous reports are left as they were"]
    assert (out / "findings.json").read_text() == "previous\n"


def test_no_staging_folder_is_left_behind(tmp_path):
    out = tmp_path / "reports"
    _lint(out, "--format", "json")
    assert sorted(os.listdir(out)) == ["alignment.json", "findings.json"]
