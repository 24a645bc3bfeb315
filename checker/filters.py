"""The post-processing chain: (findings, settings, analysis) -> findings, one filter after another.

Checks report everything they find; what a run shows is decided here, in order (``CHAIN``):
select/ignore and checks turned off, precedence between checks that saw the same problem,
fingerprints, the confidence floor, inline suppressions, the baseline, severities set in the
configuration; then the order. The exit code's threshold (``--fail-on``) is read here too.

Two ids report on the chain itself rather than on the text, with ``info`` severity:
``unused-suppression`` (a suppression comment that silenced nothing) and ``baseline-stale``
(a baseline entry that matches no finding any more). They can be selected, ignored and given
a severity like any check.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .checks import BASELINE_STALE, CHECKS, KNOWN_IDS, UNUSED_SUPPRESSION
from .config import Settings
from .findings import finding_at
from .models import Analysis, Finding, Severity
from .suppression import Suppression, suppressions_in
from .text import normalised

Filter = Callable[[list[Finding], Settings, Analysis], list[Finding]]

# A check whose finding makes another's at the same place redundant: one finding per problem.
_PRECEDENCE = {"term-inconsistent": "term-glossary"}  # a forbidden or unlisted rendering is the glossary's


def selected(findings: list[Finding], settings: Settings, analysis: Analysis) -> list[Finding]:
    """--select and --ignore, by check id, and checks whose severity is "off"."""
    return [f for f in findings if settings.wants(f.check)]


def precedence(findings: list[Finding], settings: Settings, analysis: Analysis) -> list[Finding]:
    """Drop a finding where a check that takes precedence reports the same span."""
    spans = {(f.check, f.file, f.start, f.end) for f in findings}
    return [
        f for f in findings
        if f.check not in _PRECEDENCE or (_PRECEDENCE[f.check], f.file, f.start, f.end) not in spans
    ]


def confident(findings: list[Finding], settings: Settings, analysis: Analysis) -> list[Finding]:
    """The confidence floor (``min-confidence``): a finding less sure than that is not shown."""
    return [f for f in findings if f.confidence >= settings.min_confidence]


def fingerprints(findings: list[Finding], settings: Settings, analysis: Analysis) -> list[Finding]:
    return fingerprinted(findings, analysis, settings.root)


def suppressed(findings: list[Finding], settings: Settings, analysis: Analysis) -> list[Finding]:
    """A suppression comment that silenced nothing, or that names no check.

    Reported (as ``unused-suppression``) only where every check it names ran (a blanket one:
    where every check ran), in the files that are compared: elsewhere nothing was looked for.

    Bad: ``<!-- checker-disable-next-line number-mismatch -->`` above a line whose numbers agree
    (the comment outlived the finding it was written for).

    Good: the comment removed, or kept above the line whose number differs on purpose.
    """
    suppressions = [s for d in analysis.documents for s in suppressions_in(d.document)]
    if not suppressions:
        return findings
    used: set[int] = set()
    kept = []
    for f in findings:
        covering = [i for i, s in enumerate(suppressions) if s.covers(f)]
        used.update(covering)
        if not covering:
            kept.append(f)
    unused = []
    for i, s in enumerate(suppressions):
        if s.file not in analysis.compared or not settings.wants(UNUSED_SUPPRESSION):
            continue
        unknown = [c for c in s.checks if c not in KNOWN_IDS]
        looked_for = all(settings.wants(c) for c in s.checks or CHECKS)  # every check it names ran
        if unknown or (i not in used and looked_for):
            unused.append(_unused(analysis, s, unknown))
    return kept + fingerprinted(unused, analysis, settings.root)


def _unused(analysis: Analysis, s: Suppression, unknown: list[str]) -> Finding:
    named = ", ".join(s.checks) if s.checks else "any check"
    message = (
        f"checker-{s.directive} names no check: {', '.join(unknown)}" if unknown
        else f"checker-{s.directive} suppressed nothing: no finding of {named} "
             + ("on the next line" if s.directive == "disable-next-line" else "before its checker-enable")
    )
    return finding_at(analysis, UNUSED_SUPPRESSION, Severity.INFO, s.file, s.start, s.end, message=message)


def baselined(findings: list[Finding], settings: Settings, analysis: Analysis) -> list[Finding]:
    """A baseline entry that matches no finding any more (``--baseline``).

    Findings whose fingerprint the baseline records as ``accepted`` or ``false-alarm`` are
    dropped; a ``to-fix`` entry keeps its finding in view. An entry that matches nothing is
    reported as ``baseline-stale`` at the line it names, when its file was checked in this run
    and its check ran (otherwise nothing could match it). Inline suppressions come first: an
    entry for a finding now suppressed in the text is stale (the comment says it for good).
    With ``--write-baseline`` nothing is dropped: every finding is recorded.

    Bad: an entry for an omission that has since been translated (the baseline hides nothing,
    and would hide a new finding with the same fingerprint).

    Good: the baseline written again with ``--write-baseline``, which drops the entry.
    """
    baseline = settings.baseline
    if baseline is None or settings.write_baseline:
        return findings
    kept = [f for f in findings if not baseline.hides(f.fingerprint)]
    if not settings.wants(BASELINE_STALE):
        return kept
    present = {f.fingerprint for f in findings}
    # an entry names its file relative to the root; one written by hand or by the review page may
    # name it as the run was given it
    files = {name: d.path for d in analysis.documents for name in (Path(d.path).as_posix(), file_key(d.path, settings.root))}
    stale = []
    for entry in baseline.entries.values():
        if entry.fingerprint in present or entry.file not in files or not settings.wants(entry.check):
            continue
        path = files[entry.file]
        offset = _line_offset(analysis.by_path[path].document.text, entry.line)
        finding = finding_at(
            analysis, BASELINE_STALE, Severity.INFO, path, offset, offset,
            message=f"the baseline entry {entry.fingerprint} ({entry.check}, {entry.decision}, line {entry.line}: "
                    f"{_quoted(entry.text)}) matches no finding any more (fixed, changed or suppressed inline); "
                    "write the baseline again to drop it",
        )
        digest = hashlib.sha256(f"{BASELINE_STALE}\x1f{entry.fingerprint}".encode()).hexdigest()[:16]
        stale.append(dataclasses.replace(finding, fingerprint=digest))
    return kept + stale


def severities(findings: list[Finding], settings: Settings, analysis: Analysis) -> list[Finding]:
    """The severity the configuration gives a check (``[tool.checker.severity]``)."""
    given = {check: Severity(level) for check, level in settings.severity.items() if level != "off"}
    return [dataclasses.replace(f, severity=given[f.check]) if f.check in given else f for f in findings]


# Fingerprints before anything that drops findings of one check in one place (the confidence floor,
# suppressions): a counter tells identical findings apart, and must count the same in every run.
CHAIN: tuple[Filter, ...] = (selected, precedence, fingerprints, confident, suppressed, baselined, severities)

# What the chain itself reports, with the docstring that explains it (the SARIF rule's help).
REPORTED: dict[str, str] = {
    UNUSED_SUPPRESSION: inspect.cleandoc(suppressed.__doc__ or ""),
    BASELINE_STALE: inspect.cleandoc(baselined.__doc__ or ""),
}


# The filters whose dropped findings the summary counts: what a person chose to hide.
_HIDING = {suppressed: "suppressed inline", baselined: "hidden by the baseline"}


@dataclass(frozen=True)
class Filtered:
    findings: tuple[Finding, ...]
    hidden: dict[str, int]  # how many findings a suppression or the baseline took out, by why ("suppressed inline")


def filtered(findings: Iterable[Finding], settings: Settings, analysis: Analysis) -> Filtered:
    kept = list(findings)
    hidden: dict[str, int] = {}
    for step in CHAIN:
        before = kept
        kept = step(kept, settings, analysis)
        if step in _HIDING:
            after = {f.fingerprint for f in kept}
            if dropped := sum(f.fingerprint not in after for f in before):
                hidden[_HIDING[step]] = dropped
    return Filtered(tuple(_ordered(kept, analysis)), hidden)


def apply(findings: Iterable[Finding], settings: Settings, analysis: Analysis) -> tuple[Finding, ...]:
    return filtered(findings, settings, analysis).findings


def file_key(path: str, root: Path) -> str:
    """The file as fingerprints and baselines name it: its path relative to the project root,
    with forward slashes, so ``./a.md``, ``a.md`` and ``/abs/a.md`` are one file, whatever
    folder checker runs from."""
    resolved, base = Path(path).resolve(), root.resolve()
    try:
        return resolved.relative_to(base).as_posix()
    except ValueError:  # outside the root: still one name per file
        return Path(os.path.relpath(resolved, base)).as_posix()


def _ordered(findings: Iterable[Finding], analysis: Analysis) -> list[Finding]:
    """By file (in input order: source first, then by path), position and check."""
    order = {d.path: i for i, d in enumerate(analysis.documents)}
    return sorted(findings, key=lambda f: (order.get(f.file, len(order)), f.start, f.check, f.end))


def fingerprinted(findings: Iterable[Finding], analysis: Analysis, root: Path | None = None) -> list[Finding]:
    """Sort (``_ordered``) and give each finding a fingerprint.

    The fingerprint names a finding without its line number: check, file (``file_key``: its
    path relative to ``root``, the current folder when none is given), and the text and
    expected value, normalised; so a baseline survives edits elsewhere in the file. A counter
    tells identical findings in one file apart.
    """
    base = root if root is not None else Path.cwd()
    keys: dict[str, str] = {}
    seen: Counter[str] = Counter()
    result = []
    for f in _ordered(findings, analysis):
        if f.file not in keys:
            keys[f.file] = file_key(f.file, base)
        key = "\x1f".join((f.check, keys[f.file], normalised(f.text), normalised(f.expected)))
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest()[:16]
        result.append(dataclasses.replace(f, fingerprint=digest))
    return result


def _line_offset(text: str, line: int) -> int:
    """Where 1-based ``line`` starts in ``text`` (its last line when it has fewer)."""
    offset = 0
    for _ in range(max(line, 1) - 1):
        newline = text.find("\n", offset)
        if newline < 0:
            break
        offset = newline + 1
    return offset


def _quoted(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def fails(findings: Iterable[Finding], level: str) -> bool:
    """Does any finding reach --fail-on LEVEL ("never" is never reached)?"""
    if level == "never":
        return False
    return any(f.severity.rank >= Severity(level).rank for f in findings)
