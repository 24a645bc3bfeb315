"""The registry of checks: one table, one stable id per check, one module per check.

A check is a function ``Context -> Iterable[Finding]`` in ``checks/<id>.py`` (dashes as
underscores) whose docstring says what it finds and why, and shows a ``Bad:`` and a
``Good:`` example. Add a check: write its module, add a row below, a test table in
``tests/checks/test_<id>.py`` and a row in the README's table of checks.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..models import Finding
from . import (
    addition,
    digest_mismatch,
    duplicate_rendering,
    encoding,
    number_mismatch,
    omission,
    term_glossary,
    term_inconsistent,
)
from .context import Context


@dataclass(frozen=True)
class Check:
    id: str
    run: Callable[[Context], Iterable[Finding]]

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.run.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n")[0].replace("\n", " ").strip()


CHECKS: dict[str, Check] = {
    check.id: check
    for check in (
        Check("encoding", encoding.check_encoding),
        Check("digest-mismatch", digest_mismatch.check_digest_mismatch),
        Check("duplicate-rendering", duplicate_rendering.check_duplicate_rendering),
        Check("number-mismatch", number_mismatch.check_number_mismatch),
        Check("omission", omission.check_omission),
        Check("addition", addition.check_addition),
        Check("term-inconsistent", term_inconsistent.check_term_inconsistent),
        Check("term-glossary", term_glossary.check_term_glossary),
    )
}

# Ids of the findings the post-processing chain makes about itself (checker/filters.py): a
# suppression comment that silenced nothing, a baseline entry that matches nothing. They are
# not checks of the text, but select, ignore and severity name them like one.
UNUSED_SUPPRESSION = "unused-suppression"
BASELINE_STALE = "baseline-stale"
KNOWN_IDS: tuple[str, ...] = (*CHECKS, UNUSED_SUPPRESSION, BASELINE_STALE)
