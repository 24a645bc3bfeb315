"""Faithful human translations checked against the English each was made from must stay quiet:
no error, and at most 3 errors and warnings per 10 KB of Korean (the bundled Rust-book chapter
4.1, three translators; bench/eval_real.py measures the same on more sections)."""

from __future__ import annotations

import pytest

from checker.config import Settings
from checker.filters import fails
from checker.models import Finding, Severity
from checker.pipeline import run
from tests.paths import EXAMPLES

BOOK = EXAMPLES.parent / "rust-book-ch04-01"
PAIRS = {
    "rust-kr": ("ko.rust-kr-doc.rust-kr.org-1d07d28a.md", "en.upstream-21cf8408.md"),
    "kernalix7": ("ko.Kernalix7-2f5cfbe3.md", "en.upstream-3e9dc46a.md"),
    "rinthel": ("ko.rinthel-second-edition-776d8600.md", "en.second-edition-6d4ef020.md"),
}


@pytest.fixture(scope="module")
def findings(encoder) -> dict[str, tuple[Finding, ...]]:
    return {
        name: run(Settings([str(BOOK / korean)], source=str(BOOK / english)), encoder).findings
        for name, (korean, english) in PAIRS.items()
    }


@pytest.mark.parametrize("name", PAIRS)
def test_no_error_against_its_own_english(name, findings):
    errors = [f"{f.line}:{f.column} {f.check} {f.message}" for f in findings[name] if f.severity is Severity.ERROR]
    assert errors == []
    assert not fails(findings[name], "error")  # the default --fail-on lets the build pass


def test_few_warnings_per_10_kb(findings):
    serious = sum(f.severity in (Severity.ERROR, Severity.WARNING) for found in findings.values() for f in found)
    size = sum((BOOK / korean).stat().st_size for korean, _ in PAIRS.values())
    assert serious / (size / 10240) <= 3.0, f"{serious} errors and warnings in {size} bytes"
