"""duplicate-rendering: one translation given twice is said, once per copy."""

from __future__ import annotations

import pytest

from checker.checks import CHECKS
from checker.config import Settings
from checker.pipeline import run
from tests.paths import FREE, LEAD

FREE_TEXT = FREE.read_text(encoding="utf-8")
LEAD_TEXT = LEAD.read_text(encoding="utf-8")

# files to write (name -> text), and the expected (file, message part) of each finding
CASES = [
    pytest.param({"a.txt": LEAD_TEXT, "b.txt": LEAD_TEXT}, [("b.txt", "the same text as a.txt")], id="a copy"),
    pytest.param({"a.txt": LEAD_TEXT, "b.txt": LEAD_TEXT.replace("\n", "\n\n").replace(" ", "  ")},
                 [("b.txt", "the same text as a.txt")], id="a copy with other spacing"),
    pytest.param({"a.txt": LEAD_TEXT, "b.txt": FREE_TEXT, "c.txt": LEAD_TEXT},
                 [("c.txt", "the same text as a.txt")], id="the later copy of three files"),
    pytest.param({"a.txt": LEAD_TEXT, "b.txt": FREE_TEXT}, [], id="two translations: nothing"),
    pytest.param({"a.txt": LEAD_TEXT, "b.txt": LEAD_TEXT + "\n\n추가 문장입니다.\n"}, [], id="one sentence more: not a copy"),
]


@pytest.mark.parametrize("files, expected", CASES)
def test_duplicate_rendering(tmp_path, encoder, files, expected):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run(Settings([str(tmp_path / n) for n in files], select=("duplicate-rendering",)), encoder)
    found = [(f.file, f.message) for f in result.findings]
    assert [(file, f.severity.value) for file, f in zip([x for x, _ in found], result.findings)] == [
        (str(tmp_path / name), "info") for name, _ in expected
    ]
    for (file, message), (name, part) in zip(found, expected):
        assert file == str(tmp_path / name) and part.replace("a.txt", str(tmp_path / "a.txt")) in message


def test_the_same_file_twice_is_one_input_and_said(tmp_path):
    from click.testing import CliRunner

    from checker.cli import main

    result = CliRunner().invoke(main, ["lint", str(LEAD), str(FREE), str(LEAD), "--format", "text", "-q"])
    assert result.stderr.strip().splitlines() == [f"checker: note: {LEAD} is given more than once; it is read once"]
    assert "checked 2 file(s)" in result.output


def test_the_docstring_shows_a_bad_and_a_good_example():
    doc = CHECKS["duplicate-rendering"].doc
    assert "Bad:" in doc and "Good:" in doc
