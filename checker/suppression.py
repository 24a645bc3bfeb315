"""Inline suppressions: HTML comments in a rendering that silence checks where they stand.

    <!-- checker-disable number-mismatch -->   ...   <!-- checker-enable -->
    <!-- checker-disable-next-line term-glossary -->

``checker-disable`` silences the named checks (every check when none is named, ids separated
by spaces or commas) from the comment to the ``checker-enable`` that names one of them, or to
a bare ``checker-enable``, or to the end of the file; a blanket ``checker-disable`` ends only
at a bare ``checker-enable``. ``checker-disable-next-line`` silences the line after the
comment's. A comment inside fenced or inline code is an example, not a suppression. The
comments are HTML comments, so they are not prose (``text.NOT_PROSE``): no sentence, term or
number is read from them.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from .models import Document, Finding
from .text import CODE_SPAN, FENCED_CODE

_COMMENT = re.compile(r"<!--[ \t]*checker-(disable-next-line|disable|enable)(?![\w-])([^>]*?)[ \t]*-->")
_IDS = re.compile(r"[\s,]+")


@dataclass(frozen=True)
class Suppression:
    file: str
    start: int  # the comment, in the document's text
    end: int
    directive: str  # "disable" or "disable-next-line"
    checks: tuple[str, ...]  # empty: every check
    region_start: int  # the offsets it silences (both ends included: a gap at a line's end is on the line)
    region_end: int

    def covers(self, finding: Finding) -> bool:
        return (
            finding.file == self.file
            and self.region_start <= finding.start <= self.region_end
            and (not self.checks or finding.check in self.checks)
        )


def suppressions_in(document: Document) -> list[Suppression]:
    """Every suppression comment of the document, in the order they are written."""
    text, path = document.text, document.path
    code = [(m.start(), m.end()) for pattern in (FENCED_CODE, CODE_SPAN) for m in pattern.finditer(text)]
    found: list[Suppression] = []
    opened: list[Suppression] = []  # disables whose region is not closed yet (it runs to the end so far)
    for match in _COMMENT.finditer(text):
        if any(start <= match.start() < end for start, end in code):
            continue
        directive, checks = match.group(1), tuple(c for c in _IDS.split(match.group(2).strip()) if c)
        if directive == "disable-next-line":
            line_start, line_end = _next_line(text, match.end())
            found.append(Suppression(path, match.start(), match.end(), directive, checks, line_start, line_end))
        elif directive == "disable":
            opened.append(Suppression(path, match.start(), match.end(), directive, checks, match.end(), len(text)))
        else:
            closed = [s for s in opened if not checks or set(s.checks) & set(checks)]
            found += [dataclasses.replace(s, region_end=match.start()) for s in closed]
            opened = [s for s in opened if s not in closed]
    return sorted(found + opened, key=lambda s: s.start)


def _next_line(text: str, offset: int) -> tuple[int, int]:
    """The line after the one ``offset`` is on, as (start, end) offsets; empty at the end of the text."""
    newline = text.find("\n", offset)
    if newline < 0:
        return len(text), len(text)
    end = text.find("\n", newline + 1)
    return newline + 1, end if end >= 0 else len(text)
