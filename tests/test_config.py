"""The configuration file and --show-settings: where each setting comes from, and a broken file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main

GLOSSARY = "en,ko,status,count,files,note\nfine-tuning,미세 조정,preferred,,,\n"
_SHOWN = re.compile(r"^(?P<key>[a-z-]+)\s+= (?P<value>.*?)(?:  \((?P<origin>[^()]*)\))?$")


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def _show(root: Path, *args: str, path: str = "docs/ko/a.md") -> tuple[dict[str, tuple[str, str]], object]:
    result = CliRunner().invoke(main, ["lint", "--show-settings", *args, str(root / path)])
    shown = {}
    for line in result.stdout.splitlines():
        match = _SHOWN.match(line)
        assert match, line
        shown[match["key"]] = (match["value"], match["origin"])
    return shown, result


def _origin(root: Path, name: str) -> str:
    return f"file:{root / name}"


# (files, command line, key, value, origin); {root} in a value is the test's folder
PRECEDENCE = [
    pytest.param({}, (), "fail-on", "error", "default", id="no file: the default"),
    pytest.param({"checker.toml": 'fail-on = "warning"\n'}, (), "fail-on", "warning", "checker.toml",
                 id="checker.toml at the top"),
    pytest.param({"checker.toml": 'fail-on = "warning"\n'}, ("--fail-on", "info"), "fail-on", "info", "command line",
                 id="the command line wins"),
    pytest.param({"pyproject.toml": '[tool.checker]\nselect = ["omission", "addition"]\n'}, (), "select",
                 "omission,addition", "pyproject.toml", id="pyproject [tool.checker]"),
    pytest.param({"pyproject.toml": '[tool.checker]\nselect = "omission,addition"\n'}, ("--select", "term-glossary"),
                 "select", "term-glossary", "command line", id="select: the command line replaces the file's"),
    pytest.param({"checker.toml": 'fail-on = "info"\n', "docs/pyproject.toml": '[project]\nname = "x"\n'}, (),
                 "fail-on", "info", "checker.toml", id="a pyproject.toml without [tool.checker] is passed over"),
    pytest.param({"docs/checker.toml": 'fail-on = "never"\n', "docs/pyproject.toml": '[tool.checker]\nfail-on = "info"\n'},
                 (), "fail-on", "never", "docs/checker.toml", id="checker.toml before pyproject.toml in one folder"),
    pytest.param({"checker.toml": 'fail-on = "info"\n', "docs/ko/checker.toml": 'fail-on = "warning"\n'}, (),
                 "fail-on", "warning", "docs/ko/checker.toml", id="the nearest file, not merged with the one above"),
    pytest.param({"docs/checker.toml": 'glossary = ["terms.csv"]\n', "docs/terms.csv": GLOSSARY}, (), "glossary",
                 "{root}/docs/terms.csv", "docs/checker.toml", id="a glossary is relative to the file"),
    pytest.param({"checker.toml": 'default-glossary = false\n'}, (), "default-glossary", "off", "checker.toml",
                 id="the bundled glossary turned off"),
    pytest.param({}, ("--no-default-glossary",), "default-glossary", "off", "command line", id="... on the command line"),
    pytest.param({"checker.toml": "min-confidence = 0.5\n"}, ("--min-confidence", "0.25"), "min-confidence", "0.25",
                 "command line", id="min-confidence"),
    pytest.param({"checker.toml": '[severity]\nomission = "info"\naddition = "off"\n'}, (), "severity",
                 "omission=info, addition=off", "checker.toml", id="severities"),
    pytest.param({"checker.toml": 'format = ["sarif", "text"]\nout = "build/reports"\n'}, (), "format", "sarif,text",
                 "checker.toml", id="format"),
    pytest.param({"checker.toml": 'out = "build/reports"\n'}, (), "out", "{root}/build/reports", "checker.toml",
                 id="out is relative to the file"),
    pytest.param({"checker.toml": 'out = "build/reports"\n'}, ("--out", "here"), "out", "here", "command line",
                 id="--out as given"),
    pytest.param({"checker.toml": 'source = "en/a.md"\n', "en/a.md": "Hello.\n"}, (), "source", "{root}/en/a.md",
                 "checker.toml", id="source"),
    pytest.param({"checker.toml": 'model = "some-model"\n'}, (), "model", "some-model", "checker.toml",
                 id="a model by name"),
    pytest.param({"checker.toml": 'model = "models/m"\n', "models/m/config.json": "{}"}, (), "model",
                 "{root}/models/m", "checker.toml", id="a model folder is relative to the file"),
    pytest.param({"checker.toml": 'baseline = "base.json"\n',
                  "base.json": '{"checker_baseline": 1, "signature": "", "findings": []}'}, (), "baseline",
                 "{root}/base.json", "checker.toml", id="baseline"),
]


@pytest.mark.parametrize("files, args, key, value, origin", PRECEDENCE)
def test_each_setting_comes_from_the_command_line_else_the_file_else_its_default(tmp_path, files, args, key, value,
                                                                                 origin):
    _tree(tmp_path, {"docs/ko/a.md": "안녕하세요.\n", **files})
    shown, result = _show(tmp_path, *args)
    assert result.exit_code == 0, result.output
    expected_origin = origin if origin in ("default", "command line") else _origin(tmp_path, origin)
    assert shown[key] == (value.format(root=tmp_path), expected_origin)


def test_show_settings_names_the_file_and_the_root_and_runs_nothing(tmp_path):
    _tree(tmp_path, {"docs/ko/a.md": "안녕하세요.\n", "checker.toml": ""})
    shown, result = _show(tmp_path, "--out", str(tmp_path / "never"))
    assert result.exit_code == 0 and not (tmp_path / "never").exists()
    assert shown["config"] == (str(tmp_path / "checker.toml"), None)
    assert shown["root"][0] == str(tmp_path)
    assert set(shown) >= {"paths", "source", "model", "glossary", "select", "ignore", "fail-on", "severity", "format",
                          "out", "baseline", "write-baseline", "min-confidence"}


def test_without_a_file_the_root_is_the_git_folder(tmp_path):
    _tree(tmp_path, {"repo/docs/ko/a.md": "안녕하세요.\n"})
    (tmp_path / "repo" / ".git").mkdir()
    shown, _ = _show(tmp_path, path="repo/docs/ko/a.md")
    assert shown["root"][0] == str(tmp_path / "repo") and shown["config"][0] == "none found"


def test_inputs_in_another_configured_tree_are_named_in_a_note(tmp_path):
    _tree(tmp_path, {"one/a.md": "가.\n", "one/checker.toml": "", "two/b.md": "나.\n", "two/checker.toml": ""})
    result = CliRunner().invoke(main, ["lint", "--show-settings", str(tmp_path / "one/a.md"), str(tmp_path / "two/b.md")])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"checker: note: {tmp_path / 'two/b.md'} is under {tmp_path / 'two/checker.toml'}, which is not read: the "
        f"settings come from {tmp_path / 'one/checker.toml'} (the first PATH's); run checker on each tree or pass --config"
    ]


def test_config_names_the_file_to_read(tmp_path):
    _tree(tmp_path, {"docs/ko/a.md": "가.\n", "checker.toml": 'fail-on = "info"\n', "ci/gate.toml": 'fail-on = "never"\n'})
    shown, _ = _show(tmp_path, "--config", str(tmp_path / "ci/gate.toml"))
    assert shown["fail-on"] == ("never", _origin(tmp_path, "ci/gate.toml"))


BROKEN = [
    pytest.param("checker.toml", 'fail-on = "warning\n', "invalid TOML", id="not TOML"),
    pytest.param("checker.toml", 'fail_on = "warning"\n', "has no setting 'fail_on'", id="unknown key"),
    pytest.param("checker.toml", "fail-on = 3\n", "fail-on: expected one of", id="wrong kind"),
    pytest.param("checker.toml", 'select = ["omision"]\n', "select: unknown check omision", id="unknown check"),
    pytest.param("checker.toml", 'select = [1]\n', "select: expected a list of strings", id="not strings"),
    pytest.param("checker.toml", '[severity]\nomission = "fatal"\n', "severity: omission = 'fatal'", id="bad level"),
    pytest.param("checker.toml", '[severity]\nno-such = "info"\n', "severity: unknown check no-such", id="bad id"),
    pytest.param("checker.toml", "min-confidence = 2\n", "min-confidence: expected a number from 0 to 1",
                 id="out of range"),
    pytest.param("checker.toml", 'format = ["pdf"]\n', "format: unknown format pdf", id="unknown format"),
    pytest.param("checker.toml", "default-glossary = 1\n", "default-glossary: expected true or false", id="not a flag"),
    pytest.param("pyproject.toml", '[tool]\nchecker = "x"\n', "tool.checker is not a table", id="not a table"),
    pytest.param("pyproject.toml", "[tool.checker\n", "invalid TOML", id="broken pyproject"),
]


@pytest.mark.parametrize("name, content, problem", BROKEN)
def test_a_broken_configuration_is_one_line_naming_the_file_and_exit_2(tmp_path, name, content, problem):
    _tree(tmp_path, {"docs/ko/a.md": "가.\n", name: content})
    for args in (["--show-settings"], ["--format", "text"]):
        result = CliRunner().invoke(main, ["lint", *args, str(tmp_path / "docs/ko/a.md")])
        assert result.exit_code == 2
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"checker: error: {tmp_path / name}: "), lines
        assert problem in lines[0] and "Traceback" not in result.output


CLI_ERRORS = [
    pytest.param(["--config", "{root}/missing.toml"], "{root}/missing.toml: no such configuration file",
                 id="--config missing"),
    pytest.param(["--config", "{root}/plain.toml"], None, id="--config: an empty checker file is fine"),
    pytest.param(["--config", "{root}/pyproject.toml"], "{root}/pyproject.toml: has no [tool.checker] table",
                 id="--config pyproject without the table"),
    pytest.param(["--baseline", "{root}/none.json"], "{root}/none.json: no such baseline file", id="--baseline missing"),
    pytest.param(["--baseline", "{root}/a.md"], "{root}/a.md: not a baseline file (invalid JSON", id="--baseline broken"),
    pytest.param(["--glossary", "{root}/none.csv"], "{root}/none.csv", id="a missing glossary"),
]


@pytest.mark.parametrize("args, error", CLI_ERRORS)
def test_errors_in_what_the_settings_name(tmp_path, args, error):
    _tree(tmp_path, {"a.md": "가.\n", "plain.toml": "", "pyproject.toml": '[project]\nname = "x"\n'})
    result = CliRunner().invoke(main, ["lint", "--show-settings", *[a.format(root=tmp_path) for a in args],
                                       str(tmp_path / "a.md")])
    if error is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("checker: error: " + error.format(root=tmp_path)), lines


def test_a_path_is_needed_unless_only_the_settings_are_shown(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(main, ["lint"]).exit_code == 2
    result = CliRunner().invoke(main, ["lint", "--show-settings"])
    assert result.exit_code == 0 and "paths" in result.stdout


def test_the_readme_example_configuration_is_read_as_documented(tmp_path):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(\[tool\.checker\]\n.*?)```", readme, re.S)[1]
    _tree(tmp_path, {"pyproject.toml": example, "docs/terms.csv": GLOSSARY, "docs/ko/a.md": "가.\n",
                     ".checker-baseline.json": '{"checker_baseline": 1, "signature": "", "findings": []}'})
    shown, result = _show(tmp_path)
    assert result.exit_code == 0, result.output
    from_file = {key for key, (_, origin) in shown.items() if origin == _origin(tmp_path, "pyproject.toml")}
    assert from_file == {"source", "glossary", "default-glossary", "select", "ignore", "fail-on", "min-confidence",
                         "baseline", "format", "out", "severity"}
    assert shown["severity"][0] == "omission=info, addition=off"
