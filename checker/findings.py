"""Findings: built at offsets into a file, then fingerprinted and sorted.

The fingerprint names a finding without its line number (check, file, the text
and expected value, normalised), so a baseline survives edits elsewhere in the
file; a counter tells identical findings in one file apart.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from .models import Analysis, Evidence, Finding, Severity

_SPACE = re.compile(r"\s+")


def finding_at(
    analysis: Analysis,
    check: str,
    severity: Severity,
    path: str,
    start: int,
    end: int,
    *,
    message: str,
    expected: str = "",
    confidence: float = 1.0,
    evidence: Iterable[Evidence] = (),
) -> Finding:
    """A finding on ``path`` at the span start..end of its analysed text; ``text`` is that
    span as written in the file (mojibake stays mojibake: it is what the file holds)."""
    doc = analysis.by_path[path].document
    line, column = doc.locate(start)
    return Finding(
        check=check,
        severity=severity,
        file=path,
        line=line,
        column=column,
        item=analysis.unit_at(path, start),
        text=doc.span_as_written(start, end),
        expected=expected,
        message=message,
        confidence=round(max(0.0, min(1.0, confidence)), 3),
        evidence=tuple(evidence),
        start=start,
        end=end,
    )


def evidence_at(analysis: Analysis, path: str, start: int, end: int, similarity: float | None = None) -> Evidence:
    doc = analysis.by_path[path].document
    return Evidence(file=path, line=doc.line_of(start), text=doc.text[start:end], similarity=similarity)


def _normalise(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def finalise(findings: Iterable[Finding], analysis: Analysis) -> list[Finding]:
    """Sort by file (in input order), position and check; give each a fingerprint."""
    order = {d.path: i for i, d in enumerate(analysis.documents)}
    ordered = sorted(findings, key=lambda f: (order.get(f.file, len(order)), f.start, f.check, f.end))
    seen: Counter[str] = Counter()
    result = []
    for f in ordered:
        key = "\x1f".join((f.check, f.file, _normalise(f.text), _normalise(f.expected)))
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest()[:16]
        result.append(dataclasses.replace(f, fingerprint=digest))
    return result


def reaches(finding: Finding, level: str) -> bool:
    """Does the finding's severity reach --fail-on LEVEL ("never" is never reached)?"""
    if level == "never":
        return False
    return finding.severity.rank >= Severity(level).rank
