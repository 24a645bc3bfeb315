"""Glossary files: CSV with the columns ``en,ko,status,count,files,note``, one row per rendering."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

from ..errors import InputError
from ..text import HANGUL
from .keys import display, en_key, ko_key

COLUMNS = ("en", "ko", "status", "count", "files", "note")
REQUIRED_COLUMNS = ("en", "ko", "status")
STATUSES = ("preferred", "allowed", "forbidden")
# The starter AI/ML glossary, package data; `checker lint` applies it unless --no-default-glossary.
DEFAULT_GLOSSARY = resources.files("checker") / "data" / "glossaries" / "ai-ml.csv"
# How findings and learned glossaries name it.
DEFAULT_GLOSSARY_NAME = "checker/data/glossaries/ai-ml.csv"

_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class GlossaryEntry:
    """One row of a glossary: a Korean rendering of an English term and its status."""

    en: str
    ko: str
    status: str  # preferred | allowed | forbidden
    count: int | None = None
    files: tuple[str, ...] = ()
    note: str = ""
    source: str = ""  # the glossary file the row came from
    line: int = 0  # its 1-based line there

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"


@dataclass(frozen=True)
class Glossary:
    """Curated entries from one or more files; a later file overrides an earlier one."""

    entries: tuple[GlossaryEntry, ...] = ()

    @cached_property
    def rulings(self) -> dict[str, dict[str, GlossaryEntry]]:
        """English key -> Korean key -> the entry that rules on that rendering."""
        ruled: dict[str, dict[str, GlossaryEntry]] = defaultdict(dict)
        for entry in self.entries:
            ruled[en_key(entry.en)][ko_key(entry.ko)] = entry
        return dict(ruled)

    @cached_property
    def preferred(self) -> dict[str, GlossaryEntry]:
        """English key -> the preferred rendering (the last file that names one wins)."""
        chosen: dict[str, GlossaryEntry] = {}
        for entry in self.entries:
            if entry.status == "preferred":
                chosen[en_key(entry.en)] = entry
        # a later file may demote the earlier choice without naming a new one
        return {k: e for k, e in chosen.items() if self.rulings[k][ko_key(e.ko)].status == "preferred"}

    def user_words(self) -> tuple[str, ...]:
        """Korean terms to add to kiwipiepy so that its tokenizer keeps them whole."""
        return tuple(sorted({display(e.ko) for e in self.entries}))


def default_glossaries() -> tuple[str, ...]:
    """The bundled glossary, as a path for load_glossary (a plain file in any install but a zip)."""
    if not isinstance(DEFAULT_GLOSSARY, Path) or not DEFAULT_GLOSSARY.is_file():
        return ()
    return (str(DEFAULT_GLOSSARY),)


def _glossary_name(path: str | Path) -> str:
    """How entries and errors name a glossary file: as given, the bundled one by its place in
    the package, whatever the working folder and wherever checker is installed."""
    if isinstance(DEFAULT_GLOSSARY, Path) and Path(path).resolve() == DEFAULT_GLOSSARY.resolve():
        return DEFAULT_GLOSSARY_NAME
    return str(path)


def load_glossaries(paths: Iterable[str | Path]) -> Glossary:
    return Glossary(tuple(entry for path in paths for entry in load_glossary(path).entries))


def load_glossary(path: str | Path) -> Glossary:
    """Read a glossary CSV; any malformed row is an InputError naming the file and line."""
    name = _glossary_name(path)
    text = _read_text(Path(path), name)
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    header: list[str] | None = None
    entries: list[GlossaryEntry] = []
    seen_pairs: dict[tuple[str, str], int] = {}
    seen_preferred: dict[str, int] = {}
    line = 1  # where the next row starts: a quoted field may run over line breaks, and the reader
    # counts to where the row ends (an unterminated quote on line 2 would be named on the last line)
    try:
        for row in reader:
            ended = reader.line_num
            if ended > line and any("\n" in cell or "\r" in cell for cell in row):
                raise InputError(name, f"line {line}: a quoted field runs on to line {ended} (a quote not closed?)")
            if not any(cell.strip() for cell in row):
                line = ended + 1
                continue
            if header is None:
                header = _check_header(name, line, row)
                line = ended + 1
                continue
            entry = _entry(name, line, header, row)
            pair = (en_key(entry.en), ko_key(entry.ko))
            if pair in seen_pairs:
                raise InputError(name, f"line {line}: {entry.en!r} -> {entry.ko!r} is already on line {seen_pairs[pair]}")
            seen_pairs[pair] = line
            if entry.status == "preferred":
                if pair[0] in seen_preferred:
                    raise InputError(
                        name,
                        f"line {line}: a second preferred rendering of {entry.en!r} "
                        f"(the first is on line {seen_preferred[pair[0]]})",
                    )
                seen_preferred[pair[0]] = line
            entries.append(entry)
            line = ended + 1
    except csv.Error as error:
        hint = ": a quote is not closed" if "end of data" in str(error) else ""
        raise InputError(name, f"line {line}: not valid CSV ({error}{hint})") from None
    if header is None:
        raise InputError(name, "line 1: empty glossary; expected the header en,ko,status,count,files,note")
    return Glossary(tuple(entries))


def _read_text(file: Path, name: str) -> str:
    if not file.is_file():
        raise InputError(name, "no such glossary file")
    try:
        return file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(name, "glossary is not UTF-8 text") from None
    except OSError as exc:
        raise InputError(name, f"cannot read glossary: {exc.strerror}") from None


def _check_header(name: str, line: int, row: list[str]) -> list[str]:
    header = [cell.strip().lower() for cell in row]
    unknown = [c for c in header if c not in COLUMNS]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if unknown or missing or len(set(header)) != len(header):
        problem = f"unknown column {unknown[0]!r}" if unknown else (
            f"missing column {missing[0]!r}" if missing else "a column is named twice"
        )
        raise InputError(name, f"line {line}: {problem}; the header is en,ko,status[,count,files,note]")
    return header


def _entry(name: str, line: int, header: list[str], row: list[str]) -> GlossaryEntry:
    if len(row) != len(header):
        raise InputError(name, f"line {line}: {len(row)} fields, the header has {len(header)}")
    cells = {column: cell.strip() for column, cell in zip(header, row)}
    en, ko, status = cells["en"], cells["ko"], cells["status"].lower()
    if not _LATIN.search(en):
        raise InputError(name, f"line {line}: en {en!r} is not an English term")
    if not HANGUL.search(ko):
        raise InputError(name, f"line {line}: ko {ko!r} has no Korean letters")
    if status not in STATUSES:
        raise InputError(name, f"line {line}: status {status!r} is not one of {'|'.join(STATUSES)}")
    count = cells.get("count", "")
    if count and not count.isdigit():
        raise InputError(name, f"line {line}: count {count!r} is not a whole number")
    files = tuple(f.strip() for f in cells.get("files", "").split(";") if f.strip())
    return GlossaryEntry(
        en=display(en), ko=display(ko), status=status, count=int(count) if count else None,
        files=files, note=cells.get("note", ""), source=name, line=line,
    )


def write_glossary(entries: Iterable[GlossaryEntry], path: str | Path) -> None:
    """Write entries as given (callers sort them); UTF-8, one row per rendering."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".tmp")
    with temporary.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for e in entries:
            writer.writerow([e.en, e.ko, e.status, "" if e.count is None else e.count, ";".join(e.files), e.note])
    temporary.replace(target)
