"""The configuration file: ``checker.toml``, or ``[tool.checker]`` in ``pyproject.toml``.

It is looked for from the first input upward (the input's folder, then each folder above it);
in one folder ``checker.toml`` comes before ``pyproject.toml``, and a ``pyproject.toml``
without ``[tool.checker]`` is passed over. The first found is the only one read: settings do
not merge across folders. Paths in it (source, glossary, out, baseline, and a model given as
a folder) are relative to the file's folder. A file that cannot be read, is not TOML, or
holds an unknown key or a value of the wrong kind is the user's error, naming the file.

    [tool.checker]
    source = "en/ch04.md"
    glossary = ["terms.csv"]
    select = ["number-mismatch", "omission", "term-glossary"]
    fail-on = "warning"
    min-confidence = 0.5
    baseline = ".checker-baseline.json"

    [tool.checker.severity]
    omission = "info"
    addition = "off"
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

NAMES = ("checker.toml", "pyproject.toml")
FAIL_LEVELS = ("error", "warning", "info", "never")
LEVELS = ("error", "warning", "info", "off")


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    values: dict[str, object]  # option name (as in config.OPTIONS) -> value, paths resolved against the file's folder


def find_config(start: Path) -> ConfigFile | None:
    """The configuration in effect for ``start`` (a file or a folder), or None."""
    folder = start.resolve() if start.is_dir() else start.resolve().parent
    for here in (folder, *folder.parents):
        for name in NAMES:
            candidate = here / name
            if candidate.is_file():
                table = _table(candidate)
                if table is not None:
                    return ConfigFile(candidate, _values(candidate, table))
    return None


def read_config(path: Path) -> ConfigFile:
    """A configuration named on the command line (``--config``): it must hold the settings."""
    if not path.is_file():
        raise InputError(str(path), "no such configuration file")
    table = _table(path)
    if table is None:
        raise InputError(str(path), "has no [tool.checker] table")
    return ConfigFile(path, _values(path, table))


def _table(path: Path) -> dict | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read the configuration: {getattr(error, 'strerror', None) or error}") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(str(path), f"invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("checker")
        if table is not None and not isinstance(table, dict):
            raise InputError(str(path), "tool.checker is not a table")
        return table
    return data


def _values(path: Path, table: dict) -> dict[str, object]:
    folder = path.parent
    where = "[tool.checker]" if path.name == "pyproject.toml" else "the configuration"
    values: dict[str, object] = {}
    for key, raw in table.items():
        if key not in _KEYS:
            raise InputError(str(path), f"{where} has no setting {key!r} (known: {', '.join(_KEYS)})")
        name, read = _KEYS[key]
        try:
            values[name] = read(raw, folder)
        except _Wrong as error:
            raise InputError(str(path), f"{key}: {error}") from None
    return values


class _Wrong(Exception):
    """A value of the wrong kind; the message says what was expected."""


def _text(raw: object, folder: Path) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise _Wrong("expected a string")
    return raw


def _path(raw: object, folder: Path) -> str:
    return str(folder / _text(raw, folder))


def _model(raw: object, folder: Path) -> str:
    """A model is a name in the local cache or a folder; a folder is relative to the file."""
    name = _text(raw, folder)
    return str(folder / name) if (folder / name).exists() else name


def _names(raw: object, folder: Path) -> tuple[str, ...]:
    """A list of strings, or one comma-separated string (as on the command line)."""
    items = raw.split(",") if isinstance(raw, str) else raw
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise _Wrong("expected a list of strings")
    return tuple(dict.fromkeys(i.strip() for i in items if i.strip()))


def _check_ids(raw: object, folder: Path) -> tuple[str, ...]:
    from .checks import KNOWN_IDS  # the check registry: loaded when a file names checks, not for --help

    ids = _names(raw, folder)
    unknown = [i for i in ids if i not in KNOWN_IDS]
    if unknown:
        raise _Wrong(f"unknown check {', '.join(unknown)}; choose from {', '.join(KNOWN_IDS)}")
    return ids


def _paths(raw: object, folder: Path) -> tuple[str, ...]:
    return tuple(str(folder / p) for p in _names(raw, folder))


def _flag(raw: object, folder: Path) -> bool:
    if not isinstance(raw, bool):
        raise _Wrong("expected true or false")
    return raw


def _fail_on(raw: object, folder: Path) -> str:
    if raw not in FAIL_LEVELS:
        raise _Wrong(f"expected one of {', '.join(FAIL_LEVELS)}")
    return str(raw)


def _confidence(raw: object, folder: Path) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not 0 <= raw <= 1:
        raise _Wrong("expected a number from 0 to 1")
    return float(raw)


def _severities(raw: object, folder: Path) -> dict[str, str]:
    from .checks import KNOWN_IDS

    if not isinstance(raw, dict):
        raise _Wrong("expected a table of check = level")
    for check, level in raw.items():
        if check not in KNOWN_IDS:
            raise _Wrong(f"unknown check {check}; choose from {', '.join(KNOWN_IDS)}")
        if level not in LEVELS:
            raise _Wrong(f"{check} = {level!r}: expected one of {', '.join(LEVELS)}")
    return dict(raw)


# key in the file -> (option name, how its value is read)
_KEYS: dict[str, tuple[str, Callable[[object, Path], object]]] = {
    "source": ("source", _path),
    "model": ("model", _model),
    "glossary": ("glossary", _paths),
    "default-glossary": ("default_glossary", _flag),
    "select": ("select", _check_ids),
    "ignore": ("ignore", _check_ids),
    "fail-on": ("fail_on", _fail_on),
    "min-confidence": ("min_confidence", _confidence),
    "severity": ("severity", _severities),
    "format": ("formats", _names),
    "out": ("out", _path),
    "baseline": ("baseline", _path),
}
