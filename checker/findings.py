"""Findings and their evidence, built at offsets into a file's analysed text."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Analysis, Evidence, Finding, Location, Severity


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
    occurrences: Iterable[Location] = (),
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
        unit=analysis.unit_at(path, start),
        text=doc.span_as_written(start, end),
        expected=expected,
        message=message,
        confidence=round(max(0.0, min(1.0, confidence)), 3),
        evidence=tuple(evidence),
        start=start,
        end=end,
        occurrences=tuple(occurrences),
    )


def location_at(analysis: Analysis, path: str, start: int, end: int) -> Location:
    """A place in ``path``, as a finding that stands for several places lists it."""
    doc = analysis.by_path[path].document
    line, column = doc.locate(start)
    return Location(line=line, column=column, text=doc.span_as_written(start, end), start=start, end=end)


def evidence_at(analysis: Analysis, path: str, start: int, end: int, similarity: float | None = None) -> Evidence:
    doc = analysis.by_path[path].document
    return Evidence(file=path, line=doc.line_of(start), text=doc.text[start:end], similarity=similarity)
