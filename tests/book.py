"""A book of distinct sections, each rendered three times, built from the bundled examples:
the seven sections of Rust-book chapter 4.1 (its ``###`` headings) in three independent
translations, and the items of the 2025-10-w4 digest in its three renderings (000 as
repaired from its mojibake)."""

from __future__ import annotations

import re
from pathlib import Path

from checker.decode import read_document
from checker.models import Role
from tests.paths import EXAMPLES, FREE, LEAD, MOJIBAKE

_RUST = EXAMPLES.parent / "rust-book-ch04-01"
_RUST_KO = ("ko.rust-kr-doc.rust-kr.org-1d07d28a.md", "ko.Kernalix7-2f5cfbe3.md", "ko.rinthel-second-edition-776d8600.md")
TRANSLATORS = ("ko-a", "ko-b", "ko-c")


def _rust_sections(name: str) -> list[str]:
    text = (_RUST / name).read_text(encoding="utf-8")
    return [s.strip() + "\n" for s in re.split(r"^(?=### )", text, flags=re.M)]


def _digest_items(path: Path) -> list[str]:
    text = read_document(str(path), Role.RENDERING).text  # 000 repaired
    return [m.group(0).strip() + "\n" for m in re.finditer(r"^\d+\.\s.*?(?=^\d+\.\s|\Z)", text, re.M | re.S)]


def sections() -> list[tuple[str, str, str]]:
    """Each section's three renderings, in book order: 7 Rust-book sections, then 10 digest items."""
    rust = list(zip(*(_rust_sections(n) for n in _RUST_KO)))
    items = list(zip(*(_digest_items(p) for p in (FREE, LEAD, MOJIBAKE))))
    assert len(rust) == 7 and len(items) == 10
    return rust + items


def write_book(root: Path, count: int, flat: bool = False) -> list[Path]:
    """``count`` sections under one folder per translator (ko-a/s01.md ...), or, ``flat``, all in
    one folder with the translator in the name (book/s01-ko-a.md ...). Returns the folders."""
    chosen = sections()[:count]
    folders = [root / "book"] if flat else [root / t for t in TRANSLATORS]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    for number, renderings in enumerate(chosen, start=1):
        for t, (translator, text) in enumerate(zip(TRANSLATORS, renderings)):
            path = folders[0] / f"s{number:02d}-{translator}.md" if flat else folders[t] / f"s{number:02d}.md"
            path.write_text(text, encoding="utf-8")
    return folders
