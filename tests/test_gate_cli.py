"""The CI gate end to end on the bundled examples: a baseline written, then read after lines move
and from another folder; inline suppressions in a rendering; the files a project copies to use
checker in CI (.pre-commit-hooks.yaml, the GitHub workflow); the progress bar."""

from __future__ import annotations

import io
import json
import re
import shlex
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.progress import Progress
from tests.paths import FREE, LEAD, ROOT

_LINE = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning|info) (?P<check>[a-z-]+) ")


def _lines(output: str) -> list[dict]:
    return [m.groupdict() for m in map(_LINE.match, output.splitlines()) if m]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """Two renderings in a project with a checker.toml (its folder is the root), and a baseline of all their findings."""
    root = tmp_path_factory.mktemp("project")
    (root / "checker.toml").write_text('format = ["text"]\n', encoding="utf-8")
    (root / "ko").mkdir()
    for path in (FREE, LEAD):
        (root / "ko" / path.name).write_bytes(path.read_bytes())
    result = CliRunner().invoke(main, ["lint", str(root / "ko"), "--write-baseline", str(root / "baseline.json"),
                                       "--format", "text,json", "--out", str(root / "reports")])
    return root, result


def test_write_baseline_records_every_finding_and_exits_0(project):
    root, result = project
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # not a terminal: no progress bar
    findings = _lines(result.stdout)
    data = json.loads((root / "baseline.json").read_text(encoding="utf-8"))
    assert len(data["findings"]) == len(findings) > 10
    assert {e["file"] for e in data["findings"]} == {f"ko/{FREE.name}", f"ko/{LEAD.name}"}  # relative to the root
    assert {e["decision"] for e in data["findings"]} == {"accepted"}
    assert f"wrote {root / 'baseline.json'} ({len(findings)} finding(s) recorded)" in result.stdout
    assert sorted((e["file"], e["line"], e["check"]) for e in data["findings"]) == sorted(
        (f"ko/{Path(f['file']).name}", int(f["line"]), f["check"]) for f in findings)


def test_the_baseline_hides_its_findings_after_lines_move_and_from_another_folder(project, tmp_path, monkeypatch):
    root, _ = project
    moved = tmp_path / "moved"
    (moved / "ko").mkdir(parents=True)
    (moved / "checker.toml").write_text("", encoding="utf-8")
    for path in (FREE, LEAD):  # blank lines above: every finding two lines further down
        (moved / "ko" / path.name).write_text("\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    spelled = [f"../moved/./ko/{FREE.name}", f"../moved/ko/../ko/{LEAD.name}"]
    shown = CliRunner().invoke(main, ["lint", *spelled, "--format", "text", "--baseline", str(root / "baseline.json")])
    assert shown.exit_code == 0, shown.output
    assert _lines(shown.stdout) == []
    recorded = json.loads((root / "baseline.json").read_text(encoding="utf-8"))["findings"]
    assert f": 0 finding(s); {len(recorded)} hidden by the baseline\n" in shown.stdout
    everything = CliRunner().invoke(main, ["lint", *spelled, "--format", "text"])
    assert sorted(int(f["line"]) for f in _lines(everything.stdout)) == sorted(e["line"] + 2 for e in recorded)


def test_inline_suppressions_in_a_rendering(project, tmp_path):
    """A blanket `checker-disable addition` after the title of one file, and a disable-next-line on its
    last line (nothing follows it): the additions after the title are gone (their baseline entries
    are stale), and the second comment is reported as suppressing nothing."""
    root, _ = project
    work = tmp_path / "work"
    (work / "ko").mkdir(parents=True)
    (work / "checker.toml").write_text("", encoding="utf-8")
    (work / "ko" / FREE.name).write_bytes(FREE.read_bytes())
    lines = LEAD.read_text(encoding="utf-8").split("\n")
    last = max(i for i, line in enumerate(lines) if line.strip())
    lines[0] += " <!-- checker-disable addition -->"  # appended to existing lines: no line moves
    lines[last] += " <!-- checker-disable-next-line term-glossary -->"
    (work / "ko" / LEAD.name).write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["lint", str(work / "ko"), "--format", "text", "--baseline",
                                       str(root / "baseline.json")])
    assert result.exit_code == 0, result.output
    recorded = json.loads((root / "baseline.json").read_text(encoding="utf-8"))["findings"]
    suppressed = [e for e in recorded if e["file"] == f"ko/{LEAD.name}" and e["check"] == "addition" and e["line"] > 1]
    assert suppressed
    found = _lines(result.stdout)
    assert sorted((f["check"], int(f["line"])) for f in found) == sorted(
        [("baseline-stale", e["line"]) for e in suppressed] + [("unused-suppression", last + 1)])
    assert all(f["severity"] == "info" and f["file"] == str(work / "ko" / LEAD.name) for f in found)
    assert f"; {len(suppressed)} suppressed inline; {len(recorded) - len(suppressed)} hidden by the baseline\n" in result.stdout


def test_min_confidence_leaves_out_the_findings_less_sure_than_it(project, tmp_path):
    root, _ = project
    everything = json.loads((root / "reports" / "findings.json").read_text(encoding="utf-8"))["findings"]
    floor = sorted(f["confidence"] for f in everything)[len(everything) // 2]  # about half of them go
    result = CliRunner().invoke(main, ["lint", str(root / "ko"), "--format", "json", "--out", str(tmp_path),
                                       "--min-confidence", str(floor)])
    assert result.exit_code in (0, 1), result.output
    kept = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert 0 < len(kept) < len(everything)
    assert [f["fingerprint"] for f in kept] == [f["fingerprint"] for f in everything if f["confidence"] >= floor]
    assert f"|min-confidence:{floor:g}" in json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))["signature"]


def test_write_baseline_into_a_folder_is_exit_2_and_one_line(tmp_path):
    result = CliRunner().invoke(main, ["lint", str(FREE), str(LEAD), "--format", "text", "--write-baseline", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"checker: error: {tmp_path}: --write-baseline is a folder, expected a file"]


# ------------------------------------------------------------------ the files a project copies

WORKFLOW = ROOT / "examples" / "github-workflow.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def _checker_commands(text: str) -> list[list[str]]:
    """Every `checker lint ...` command line in a YAML file's run: blocks, as arguments."""
    commands = []
    for line in text.replace("\\\n", " ").splitlines():
        line = line.strip().removeprefix("run:").strip()
        if line.startswith("checker lint"):
            commands.append(shlex.split(line)[2:])
    return commands


def _valid_lint_options(args: list[str]) -> None:
    """The arguments parse as `checker lint`'s: every option known, every value accepted (the paths
    need not exist: they are read when the command runs, not when it is parsed)."""
    from checker.cli import lint

    lint.make_context("lint", list(args))  # raises click.UsageError on an unknown option or a bad value


def test_the_commands_in_the_workflow_and_the_hook_are_valid_lint_options():
    commands = _checker_commands(WORKFLOW.read_text(encoding="utf-8"))
    assert commands and all(re.search(r"--format \S*sarif\S*", " ".join(c)) for c in commands)
    hook = HOOKS.read_text(encoding="utf-8")
    entry = re.search(r"^\s*entry: (.*)$", hook, re.M)[1].split()
    args = re.search(r"^\s*args: \[(.*)\]$", hook, re.M)[1].replace(",", " ").split()
    assert entry == ["checker", "lint"]
    for command in (*commands, args):
        _valid_lint_options(command)
    with pytest.raises(click.UsageError):
        _valid_lint_options(["--no-such-option"])  # the check can fail
    with pytest.raises(click.UsageError):
        _valid_lint_options(["--format", "pdf"])


def test_the_github_workflow_lints_pull_requests_uploads_sarif_and_keeps_the_html():
    yaml = pytest.importorskip("yaml")  # the test extra has it; the commands are checked above in any case
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers
    job = next(iter(workflow["jobs"].values()))
    assert job["permissions"]["security-events"] == "write"
    steps = {step.get("uses", "").split("@")[0]: step for step in job["steps"]}
    upload = steps["github/codeql-action/upload-sarif"]
    assert upload["with"]["sarif_file"] == "reports/findings.sarif" and upload["if"].startswith("always()")
    artifact = steps["actions/upload-artifact"]
    assert artifact["with"]["path"] == "reports/report.html" and artifact["if"].startswith("always()")
    lint = next(step for step in job["steps"] if step.get("run", "").startswith("checker lint"))
    assert "--out reports" in lint["run"]


def test_the_pre_commit_hook_runs_checker_lint_on_changed_markdown_and_text():
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["checker-lint"]
    hook = hooks[0]
    assert hook["entry"] == "checker lint" and hook["language"] == "python"
    assert re.search(hook["files"], "docs/ko/ch04.md") and re.search(hook["files"], "a.txt")  # pre-commit searches
    assert not re.search(hook["files"], "a.py")
    assert hook["require_serial"] is True  # one run sees every changed rendering: they are compared
    assert "text" in hook["args"]  # no report files in the working tree


# ------------------------------------------------------------------ the progress bar


class _Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_progress_bar_waits_a_second_names_the_stage_and_erases_itself():
    stream, clock = io.StringIO(), _Clock()
    bar = Progress(stream, ["load", "decode", "segment", "check omission"], clock=clock)
    bar.stage("load")
    clock.now = 0.5
    bar.stage("decode")
    assert stream.getvalue() == ""  # under a second: nothing
    clock.now = 1.5
    bar.stage("segment")
    assert stream.getvalue() == "\r\x1b[Kchecker [##########----------] 3/4 segment (2 s)"
    bar.stage("check omission")
    assert stream.getvalue().endswith("4/4 check omission (2 s)")
    bar.clear()
    assert stream.getvalue().endswith("\r\x1b[K")
    before = stream.getvalue()
    bar.clear()
    assert stream.getvalue() == before  # erased once


def test_a_run_that_fails_on_a_terminal_leaves_its_one_error_line_after_the_erased_bar(tmp_path, monkeypatch):
    from checker import pipeline, progress

    drawn = progress.progress
    monkeypatch.setattr(progress, "progress", lambda stream, stages, enabled: drawn(stream, stages, True, delay=0))

    def broken(self, document):
        raise ValueError("bad state")

    monkeypatch.setattr(pipeline.Segmenter, "segment", broken)
    result = CliRunner().invoke(main, ["lint", str(FREE), str(LEAD), "--format", "text"])
    assert result.exit_code == 2
    bar, _, after = result.stderr.rpartition("\r\x1b[K")
    assert re.search(r"checker \[#*-*\] \d+/\d+ segment", bar)  # drawn, naming the stage
    assert after == f"checker: internal error in segment while reading {FREE}: ValueError: bad state\n"


def test_the_progress_bar_counts_a_stage_that_repeats_for_each_group_once():
    stream, clock = io.StringIO(), _Clock()
    bar = Progress(stream, ["align", "check omission", "filters"], clock=clock)
    clock.now = 2.0
    for name in ("align", "check omission", "align", "check omission"):
        bar.stage(name)
    assert stream.getvalue().endswith("2/3 check omission (2 s)")
    bar.stage("filters")
    assert stream.getvalue().endswith("3/3 filters (2 s)")
