"""The baseline file: findings a team has accepted, recorded by fingerprint.

The format (shared with the review page's download)::

    {"checker_baseline": 1, "signature": "...",
     "findings": [{"fingerprint", "check", "file", "line", "severity", "text", "expected",
                   "decision": "accepted"|"false-alarm"|"to-fix", "comment"}]}

Only ``fingerprint`` matches an entry to a finding; the other fields are for people, and
for saying which entry no longer matches. ``file`` is the path the fingerprint names: the
file relative to the project root (see ``filters.file_key``). Entries are sorted by (file,
line, check, fingerprint), written with ``indent=2``, ``ensure_ascii=False`` and a final
newline, so a baseline under version control changes only where findings do.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .models import Finding

VERSION = 1
DECISIONS = ("accepted", "false-alarm", "to-fix")
HIDING = frozenset({"accepted", "false-alarm"})  # a to-fix entry keeps its finding in view: the editor wants it fixed
_FIELDS = ("fingerprint", "check", "file", "line", "severity", "text", "expected", "decision", "comment")


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    check: str
    file: str  # relative to the project root, as the fingerprint names it
    line: int
    severity: str
    text: str
    expected: str
    decision: str = "accepted"
    comment: str = ""

    @property
    def hides(self) -> bool:
        return self.decision in HIDING


@dataclass(frozen=True)
class Baseline:
    path: str  # the file it was read from, for messages
    entries: Mapping[str, Entry]  # by fingerprint

    def hides(self, fingerprint: str) -> bool:
        entry = self.entries.get(fingerprint)
        return entry is not None and entry.hides


def read_baseline(path: str) -> Baseline:
    """The baseline at ``path``; anything but a well-formed baseline is the user's error, naming the file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "no such baseline file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, expected a baseline file") from None
    except UnicodeDecodeError:
        raise InputError(path, "not a baseline file (not UTF-8)") from None
    except json.JSONDecodeError as error:
        raise InputError(path, f"not a baseline file (invalid JSON at line {error.lineno}: {error.msg})") from None
    if not isinstance(data, dict) or data.get("checker_baseline") != VERSION or not isinstance(data.get("findings"), list):
        raise InputError(path, f'not a baseline file (expected {{"checker_baseline": {VERSION}, "findings": [...]}})')
    entries: dict[str, Entry] = {}
    for i, raw in enumerate(data["findings"], start=1):
        entry = _entry(raw)
        if entry is None:
            raise InputError(path, f"entry {i} is not a baseline entry (it needs a fingerprint and a check, "
                                   f"and a decision of {', '.join(DECISIONS)})")
        entries[entry.fingerprint] = entry
    return Baseline(path=path, entries=entries)


def _entry(raw: object) -> Entry | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("fingerprint"), str) or not isinstance(raw.get("check"), str):
        return None
    decision = raw.get("decision", "accepted")
    if decision not in DECISIONS:
        return None
    line = raw.get("line", 0)
    return Entry(
        fingerprint=raw["fingerprint"], check=raw["check"], file=str(raw.get("file", "")),
        line=line if isinstance(line, int) else 0, severity=str(raw.get("severity", "")),
        text=str(raw.get("text", "")), expected=str(raw.get("expected", "")), decision=decision,
        comment=str(raw.get("comment", "")),
    )


def baseline_entries(findings: Iterable[Finding], keys: Mapping[str, str], previous: Baseline | None) -> list[Entry]:
    """An entry per finding, sorted; an entry of ``previous`` for the same finding keeps its
    decision and comment. ``keys`` maps a finding's file to the path its fingerprint names."""
    entries = []
    for f in findings:
        kept = previous.entries.get(f.fingerprint) if previous else None
        entries.append(Entry(
            fingerprint=f.fingerprint, check=f.check, file=keys[f.file], line=f.line, severity=f.severity.value,
            text=f.text, expected=f.expected, decision=kept.decision if kept else "accepted",
            comment=kept.comment if kept else "",
        ))
    return sorted(entries, key=lambda e: (e.file, e.line, e.check, e.fingerprint))


def baseline_bytes(entries: list[Entry], signature: str) -> bytes:
    document = {
        "checker_baseline": VERSION,
        "signature": signature,
        "findings": [{name: getattr(e, name) for name in _FIELDS} for e in entries],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
