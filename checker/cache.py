"""What a run keeps on disk for the next one: one SQLite file per kind of record.

Each file maps a key (a SHA-256) to bytes. SQLite makes every write a transaction, so two
runs at once never see half a write; a file that is not such a store (corrupt, another
layout, written for another signature) is set aside and rebuilt. A store only ever saves
work: when it cannot be read or written, everything is computed as if it were not there.

Records are keyed by what they were computed from, checker's own code included
(``code_signature``): an edited checker never reads an older checker's results.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
from collections.abc import Iterable
from functools import cache
from pathlib import Path

_FORMAT = "1"  # the layout of a store file; a file of another layout is rebuilt


def key(*parts: str | bytes) -> bytes:
    """One key for several parts (text or bytes), each length-prefixed so that no two part lists collide."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.digest()


@cache
def code_signature() -> str:
    """A digest of checker's source and data files: records of another version are never read."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".gz", ".csv") and p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class Store:
    """Bytes by key in ``folder/<name>-<signature digest>.sqlite``."""

    def __init__(self, folder: Path, name: str, signature: str):
        self.signature = signature
        self.path = folder / f"{name}-{hashlib.sha256(signature.encode()).hexdigest()[:16]}.sqlite"
        self._db: sqlite3.Connection | None = None
        self._failed = False
        self._detached: sqlite3.Connection | None = None

    def get_many(self, keys: list[bytes]) -> dict[bytes, bytes]:
        db = self._open()
        if db is None:
            return {}
        found: dict[bytes, bytes] = {}
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                rows = db.execute(f"SELECT key, value FROM records WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                found.update(rows)
        except sqlite3.DatabaseError:
            self._reset()
            return {}
        return found

    def put_many(self, records: Iterable[tuple[bytes, bytes]]) -> None:
        db = self._open()
        if db is None:
            return
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO records (key, value) VALUES (?, ?)", list(records))
        except sqlite3.DatabaseError:
            self._reset()

    def get_object(self, record: bytes):
        """An object stored with ``put_object``, or None (absent, or unreadable: then it is recomputed)."""
        blob = self.get_many([record]).get(record)
        if blob is None:
            return None
        try:
            return pickle.loads(blob)
        except Exception:  # noqa: BLE001 - a record that does not unpickle is a miss
            return None

    def put_object(self, record: bytes, value) -> None:
        self.put_many([(record, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))])

    def detach(self) -> None:
        """Stop using the file (in a forked process: an SQLite connection must not cross a fork).
        The parent's connection is kept, not closed: closing it here would touch the file."""
        self._detached, self._db, self._failed = self._db, None, True

    def _open(self) -> sqlite3.Connection | None:
        if self._db is not None or self._failed:
            return self._db
        for _ in range(2):  # a second try after setting a bad file aside
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=30)
                with db:
                    db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
                    db.execute("CREATE TABLE IF NOT EXISTS records (key BLOB PRIMARY KEY, value BLOB) WITHOUT ROWID")
                    db.execute("INSERT OR IGNORE INTO meta VALUES ('format', ?), ('signature', ?)", (_FORMAT, self.signature))
                    meta = dict(db.execute("SELECT name, value FROM meta"))
                if meta == {"format": _FORMAT, "signature": self.signature}:
                    self._db = db
                    return db
                db.close()
            except sqlite3.DatabaseError:
                pass
            except OSError:
                break  # a folder that cannot be written: run without the store
            self._set_aside()
        self._failed = True
        return None

    def _reset(self) -> None:
        """The file went bad while in use: close it, set it aside, start again."""
        if self._db is not None:
            self._db.close()
            self._db = None
        self._set_aside()

    def _set_aside(self) -> None:
        try:
            os.replace(self.path, self.path.with_name(f"{self.path.name}.bad-{os.getpid()}"))
        except OSError:
            pass
