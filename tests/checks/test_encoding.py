"""encoding: mojibake repaired in memory is an error at its first span, lost bytes (U+FFFD) a
warning; clean text in any supported encoding, Latin-1 letters included, is no finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.checks import CHECKS
from checker.config import Settings
from checker.pipeline import run
from checker.repair import LATIN1, mojibake

KOREAN = (
    "# 🥇 **이번 주 주요 AI 논문**\n\n"
    "1.  **DeepSeek-OCR**: 이 모델은 문서를 시각 토큰으로 압축합니다. 하루 20만 페이지를 처리합니다.\n"
)
_COLUMN = KOREAN.splitlines()[2].index("압축") + 1
LATIN = "카페(café)에서 naïve 베이즈 모델을 설명합니다. Ångström 단위도 씁니다.\n"


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


# Each row: files (name -> bytes) that must give exactly the findings listed, as
# (check, severity, file, line, column, text as written, expected), with a message that says
# `says`; and files that must give none.
CASES = [
    pytest.param(
        {"a.txt": _utf8(mojibake(KOREAN))},
        [("encoding", "error", "a.txt", 1, 3, "ðŸ¥‡", "🥇")],
        "UTF-8 read as cp1252",
        {"a.txt": _utf8(KOREAN)},
        id="UTF-8 read as cp1252, undefined bytes lost: the repair guesses them",
    ),
    pytest.param(
        {"a.txt": _utf8(mojibake(KOREAN, LATIN1))},
        [("encoding", "error", "a.txt", 1, 3, "ð\x9f¥\x87", "🥇")],
        "UTF-8 read as latin-1",
        {"a.txt": _utf8(LATIN)},
        id="UTF-8 read as latin-1; Latin-1 letters in clean text are no mojibake",
    ),
    pytest.param(
        {"a.txt": _utf8(mojibake(KOREAN, times=2))},
        [("encoding", "error", "a.txt", 1, 3, "Ã°Å¸Â¥â€¡", "🥇")],
        "UTF-8 read as cp1252+cp1252",
        {"a.txt": KOREAN.replace("🥇 ", "").encode("cp949")},
        id="misread twice; a Korean code page is no damage",
    ),
    pytest.param(
        {"a.txt": _utf8(KOREAN), "b.txt": _utf8(KOREAN.replace("논문", "논\ufffd"))},
        [("encoding", "warning", "b.txt", 1, 18, "논\ufffd", "")],
        "1 replacement character(s) U+FFFD",
        {"a.txt": _utf8(KOREAN), "b.txt": _utf8(KOREAN)},
        id="a replacement character, in the file that has it",
    ),
    pytest.param(
        {"a.txt": _utf8(KOREAN).replace("압축".encode(), b"\xff" + "압축".encode())},
        [("encoding", "error", "a.txt", 3, _COLUMN, "\ufffd", "")],
        "bytes that are not UTF-8 (ff at byte offset",
        {"a.txt": KOREAN.encode("utf-16-le")},
        id="one byte that is not UTF-8 in a UTF-8 file: read, and an error at its place; UTF-16 without a BOM is read",
    ),
    pytest.param(
        {"a.txt": _utf8(KOREAN).replace("압축".encode(), b"\xc3\x28").replace("주요".encode(), "주".encode() + b"\xa4")},
        [("encoding", "error", "a.txt", 1, 13, "\ufffd", "")],
        "and 1 more place(s)",
        {"a.txt": KOREAN.encode("utf-16-be")},
        id="two damaged places: one finding at the first, listing both",
    ),
]


def _found(folder: Path, files: dict[str, bytes], encoder):
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    result = run(Settings([str(folder / name) for name in files], select=("encoding",)), encoder)
    return result.findings


def _row(finding):
    return (finding.check, finding.severity.value, Path(finding.file).name, finding.line, finding.column,
            finding.text, finding.expected)


@pytest.mark.parametrize("bad, expected, says, good", CASES)
def test_encoding(bad, expected, says, good, tmp_path, encoder):
    found = _found(tmp_path / "bad", bad, encoder)
    assert [_row(f) for f in found] == expected
    assert all(says in f.message for f in found)
    assert [_row(f) for f in _found(tmp_path / "good", good, encoder)] == []


def test_mojibake_says_how_to_fix_the_file(tmp_path, encoder):
    [finding] = _found(tmp_path / "bad", {"a.txt": _utf8(mojibake(KOREAN))}, encoder)
    assert f"checker repair {tmp_path / 'bad' / 'a.txt'} -o FIXED" in finding.message
    assert "0 uncertain" in finding.message


def test_a_damaged_place_lists_every_place(tmp_path, encoder):
    damaged = _utf8(KOREAN).replace("압축".encode(), b"\xc3\x28").replace("주요".encode(), "주".encode() + b"\xa4")
    [finding] = _found(tmp_path / "bad", {"a.txt": damaged}, encoder)
    assert [(o.line, o.column, o.text) for o in finding.occurrences] == [(1, 13, "\ufffd"), (3, _COLUMN, "\ufffd")]


def test_the_check_is_registered_with_examples():
    doc = CHECKS["encoding"].doc
    assert "Bad:" in doc and "Good:" in doc
