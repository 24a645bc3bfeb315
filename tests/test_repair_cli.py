"""`checker repair` and the in-memory repair inside `checker lint`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from checker import align
from checker.cli import main
from checker.config import Settings
from checker.pipeline import run
from tests.paths import FREE, LEAD, MOJIBAKE

HEADING = "# 🥇 **이번 주 주요 AI 논문**"


@pytest.fixture(scope="module")
def repaired(tmp_path_factory):
    out = tmp_path_factory.mktemp("fixed") / "000.txt"
    result = CliRunner().invoke(main, ["repair", str(MOJIBAKE), "-o", str(out)])
    return result, out


def test_repair_writes_utf8_and_says_what_it_guessed(repaired):
    result, out = repaired
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith(HEADING)
    first, *places = result.stderr.strip().splitlines()
    assert "UTF-8 read as cp1252" in first and "uncertain" in first
    assert places and all(p.strip().startswith(f"{MOJIBAKE}:") and "uncertain" in p for p in places)
    assert text.count("\n") == MOJIBAKE.read_text(encoding="utf-8").count("\n")  # lines stay lines


def test_repair_is_idempotent(repaired, tmp_path):
    _, out = repaired
    again = CliRunner().invoke(main, ["repair", str(out)])
    assert again.exit_code == 0
    assert again.stdout_bytes == out.read_bytes()
    assert "nothing to repair" in again.stderr


@pytest.mark.parametrize("codec", ["utf-8", "cp949", "utf-16"])
def test_clean_text_comes_out_as_utf8_unchanged(codec, tmp_path):
    text = LEAD.read_text(encoding="utf-8")
    path = tmp_path / "clean.txt"
    path.write_bytes(text.encode(codec))
    result = CliRunner().invoke(main, ["repair", str(path)])
    assert result.exit_code == 0
    assert result.stdout_bytes.decode("utf-8") == text
    assert path.read_bytes() == text.encode(codec)


def test_never_writes_over_its_input_unless_told(tmp_path):
    broken = tmp_path / "000.txt"
    broken.write_bytes(MOJIBAKE.read_bytes())
    refused = CliRunner().invoke(main, ["repair", str(broken), "-o", str(broken)])
    assert refused.exit_code == 2 and "--in-place" in refused.stderr
    assert broken.read_bytes() == MOJIBAKE.read_bytes()
    done = CliRunner().invoke(main, ["repair", str(broken), "--in-place"])
    assert done.exit_code == 0
    assert broken.read_text(encoding="utf-8").startswith(HEADING)
    assert (tmp_path / "000.txt.orig").read_bytes() == MOJIBAKE.read_bytes()


@pytest.mark.parametrize(
    "data, problem",
    [(b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"), (b"", "empty file")],
)
def test_unreadable_input_is_exit_2(data, problem, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["repair", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"checker: error: {path}: {result.stderr.split(': ', 3)[-1].strip()}"
    assert problem in result.stderr


@pytest.fixture(scope="module")
def three(encoder):
    return run(Settings([str(MOJIBAKE), str(FREE), str(LEAD)]), encoder)


def test_repaired_seed_aligns_with_the_others_as_well_as_they_align_with_each_other(three):
    scores = {frozenset((s.a, s.b)): align.digest_score(s) for s in three.analysis.document_similarity}
    between_clean = scores[frozenset((str(FREE), str(LEAD)))]
    assert scores[frozenset((str(MOJIBAKE), str(LEAD)))] >= between_clean
    assert scores[frozenset((str(MOJIBAKE), str(FREE)))] >= between_clean - 0.1
    # share of each file's item paragraphs that found a partner (000's header has Author/URL lines no one else has)
    shared = {}
    for path in three.analysis.compared:
        paragraphs = three.analysis.by_path[path].paragraphs
        partnered = {i for u in three.analysis.units if len(u.paragraphs) > 1 for i in u.paragraphs.get(path, ())}
        items = [p.index for p in paragraphs if p.item]
        shared[path] = sum(i in partnered for i in items) / len(items)
    assert shared[str(MOJIBAKE)] >= min(shared[str(FREE)], shared[str(LEAD)])


def test_findings_on_the_repaired_seed_point_into_the_file_as_written(three):
    original = MOJIBAKE.read_text(encoding="utf-8").split("\n")
    located = [f for f in three.findings if f.file == str(MOJIBAKE) and f.text]
    assert located
    for f in located:
        assert original[f.line - 1][f.column - 1 :].startswith(f.text), f


def test_alignment_report_shows_repaired_text(three, tmp_path):
    from checker.report.json_report import alignment_document

    units = alignment_document(three.analysis)["units"]
    texts = [s["text"] for u in units for s in u["segments"].get(str(MOJIBAKE), [])]
    assert any("DeepSeek-OCR은 새로운 시각 인코더 아키텍처" in t for t in texts)
    json.dumps(units, ensure_ascii=False)
