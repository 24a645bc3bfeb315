"""The post-processing chain: (findings, settings) -> findings, one filter after another.

Checks report everything they find; what a run shows is decided here, in order:
select/ignore by check id, precedence between checks that saw the same problem, then
fingerprints and order. The exit code's threshold (``--fail-on``) is read here too.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable

from .config import Settings
from .models import Analysis, Finding, Severity
from .text import normalised

Filter = Callable[[list[Finding], Settings], list[Finding]]

# A check whose finding makes another's at the same place redundant: one finding per problem.
_PRECEDENCE = {"term-inconsistent": "term-glossary"}  # a forbidden or unlisted rendering is the glossary's


def selected(findings: list[Finding], settings: Settings) -> list[Finding]:
    """--select and --ignore, by check id."""
    return [f for f in findings if settings.wants(f.check)]


def precedence(findings: list[Finding], settings: Settings) -> list[Finding]:
    """Drop a finding where a check that takes precedence reports the same span."""
    spans = {(f.check, f.file, f.start, f.end) for f in findings}
    return [
        f for f in findings
        if f.check not in _PRECEDENCE or (_PRECEDENCE[f.check], f.file, f.start, f.end) not in spans
    ]


CHAIN: tuple[Filter, ...] = (selected, precedence)


def apply(findings: Iterable[Finding], settings: Settings, analysis: Analysis) -> tuple[Finding, ...]:
    kept = list(findings)
    for step in CHAIN:
        kept = step(kept, settings)
    return tuple(fingerprinted(kept, analysis))


def fingerprinted(findings: Iterable[Finding], analysis: Analysis) -> list[Finding]:
    """Sort by file (source first, then by path), position and check; give each a fingerprint.

    The fingerprint names a finding without its line number (check, file, the text and
    expected value, normalised), so a baseline survives edits elsewhere in the file; a
    counter tells identical findings in one file apart.
    """
    order = {d.path: i for i, d in enumerate(analysis.documents)}
    ordered = sorted(findings, key=lambda f: (order.get(f.file, len(order)), f.start, f.check, f.end))
    seen: Counter[str] = Counter()
    result = []
    for f in ordered:
        key = "\x1f".join((f.check, f.file, normalised(f.text), normalised(f.expected)))
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest()[:16]
        result.append(dataclasses.replace(f, fingerprint=digest))
    return result


def fails(findings: Iterable[Finding], level: str) -> bool:
    """Does any finding reach --fail-on LEVEL ("never" is never reached)?"""
    if level == "never":
        return False
    return any(f.severity.rank >= Severity(level).rank for f in findings)
