"""The bundled glossary is package data: in the wheel, found by importlib.resources, applied by lint.
The review page's script and style are package data too."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from click.testing import CliRunner

from checker.cli import main
from checker.terminology.glossary_file import DEFAULT_GLOSSARY_NAME, default_glossaries, load_glossary
from tests.paths import ROOT

BUNDLED = "checker/data/glossaries/ai-ml.csv"
REVIEW_PAGE_ASSETS = ("checker/report/assets/review.js", "checker/report/assets/review.css")


def test_the_wheel_holds_the_bundled_glossary(tmp_path):
    """Build a wheel from a copy of the sources (the working tree is left as it is)."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "checker", source / "checker", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(tmp_path / "dist"), str(source)],
        capture_output=True, text=True,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp_path / "dist").glob("checker-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read(BUNDLED) == (ROOT / BUNDLED).read_bytes()
        for asset in REVIEW_PAGE_ASSETS:  # report.html inlines them
            assert archive.read(asset) == (ROOT / asset).read_bytes()


def test_the_bundled_glossary_resolves_to_a_file():
    [path] = default_glossaries()
    assert Path(path).is_file() and Path(path).samefile(ROOT / BUNDLED)


def test_the_bundled_glossary_has_one_name_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    [path] = default_glossaries()
    entry = load_glossary(path).entries[0]
    assert (entry.source, entry.where) == (DEFAULT_GLOSSARY_NAME, f"{BUNDLED}:2")


def test_lint_applies_the_bundled_glossary_unless_told_not_to(tmp_path):
    text = tmp_path / "a.md"
    text.write_text("추론 시간 전력 분포 샘플링으로 성능을 높인다. 이 방법은 전력 분포에서 샘플링한다.\n", encoding="utf-8")
    with_default = CliRunner().invoke(main, ["lint", str(text), "--out", str(tmp_path / "r1"), "--format", "json"])
    assert with_default.exit_code == 1 and "term-glossary" in with_default.output
    without = CliRunner().invoke(
        main, ["lint", str(text), "--out", str(tmp_path / "r2"), "--format", "json", "--no-default-glossary"]
    )
    assert without.exit_code == 0 and "term-glossary" not in without.output
