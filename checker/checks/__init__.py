"""The registry of checks: one table, one stable id per check.

A check is a function ``Analysis -> Iterable[Finding]`` whose docstring says what
it finds, why it matters, and shows a bad and a good example.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..models import Analysis, Finding
from . import coverage, digest, encoding, numbers, terms


@dataclass(frozen=True)
class Check:
    id: str
    run: Callable[[Analysis], Iterable[Finding]]

    @property
    def doc(self) -> str:
        return (self.run.__doc__ or "").strip()


CHECKS: dict[str, Check] = {
    check.id: check
    for check in (
        Check("encoding", encoding.check_encoding),
        Check("digest-mismatch", digest.check_digest_mismatch),
        Check("number-mismatch", numbers.check_number_mismatch),
        Check("omission", coverage.check_omission),
        Check("addition", coverage.check_addition),
        Check("term-inconsistent", terms.check_term_inconsistent),
        Check("term-glossary", terms.check_term_glossary),
    )
}
