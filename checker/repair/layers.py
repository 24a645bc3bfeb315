"""Repair a whole text, layer by layer (double mojibake is undone from the outside in), and
map every offset of the repaired text back to the input."""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from typing import Callable

from ..models import RepairPiece, RepairResult, RepairSpan
from ..models import repair_offset_to_input as _to_input
from ..text import HANGUL
from .cp1252 import decode_char
from .detect import (
    COMPLETE_SEQUENCE,
    LEAD_CHARS,
    detect_mojibake,
    guess_codec,
    mojibake_evidence,
    reverse_bytes,
)
from .lattice import UNCERTAIN_MARGIN, Reading, kiwi_score, rescore, viterbi
from .model import SyllableModel, default_model


def _line_bounds(text: str) -> list[tuple[int, int]]:
    bounds, lo = [], 0
    for m in re.finditer("\n", text):
        bounds.append((lo, m.start()))
        lo = m.end()
    bounds.append((lo, len(text)))
    return bounds


_ANY_LEAD = re.compile("[" + re.escape("".join(LEAD_CHARS.values())) + "]")


def _line_is_lossy(line: str) -> bool:
    """Reconstruct lost bytes only where the line itself looks broken.

    A line of clean Korean next to a broken body (a repaired header) keeps its
    accented letters; a line without Hangul in a mojibake text is presumed broken.
    """
    return mojibake_evidence(line).strong > 0 or not HANGUL.search(line)


def _read_line(text: str, lo: int, hi: int, layer: _Layer) -> list[RepairPiece]:
    """The changed characters of one line, as alignment pieces (output offsets unset)."""
    line = text[lo:hi]
    if not _ANY_LEAD.search(line):
        return []
    mode = Reading(lossy=_line_is_lossy(line), outer=layer.outer)
    if not mode.lossy and not COMPLETE_SEQUENCE.search(line):
        return []
    lattice = viterbi(text, lo, hi, mode, layer.model)
    margins = rescore(lattice, layer.model, layer.scorer)
    pieces = []
    for start in sorted(lattice.path):
        e = lattice.path[start]
        if e.out != text[e.start:e.end]:
            uncertain = e.guessed and margins.get(start, math.inf) < UNCERTAIN_MARGIN
            pieces.append(RepairPiece(e.start, e.end, 0, len(e.out), True, e.guessed, uncertain, e.out))
    return pieces


@dataclass(frozen=True)
class _Layer:
    """How one layer of mojibake is read: which model, which rescorer, inner or outer."""

    model: SyllableModel
    scorer: Callable[[str], float] | None
    outer: bool


def _layer_for(text: str, model: SyllableModel, use_kiwi: bool) -> _Layer:
    if not _is_outer_layer(text):
        return _Layer(model, kiwi_score if use_kiwi else None, outer=False)
    # The outer layer's output is mojibake: Kiwi judges it once decoded (bigrams only).
    scorer = (lambda s: kiwi_score(_decode_snippet(s, model))) if use_kiwi else None
    return _Layer(model.misread(), scorer, outer=True)


def _decode_snippet(snippet: str, model: SyllableModel) -> str:
    """A quick reading of a few words of (single) mojibake: bigram Viterbi only."""
    lattice = viterbi(snippet, 0, len(snippet), Reading(lossy=True), model)
    return "".join(lattice.path[k].out for k in sorted(lattice.path))


def _is_outer_layer(text: str) -> bool:
    """Is this double mojibake, i.e. does undoing the complete sequences leave mojibake?"""
    once = COMPLETE_SEQUENCE.sub(lambda m: decode_char(reverse_bytes(m.group())) or m.group(), text)
    return detect_mojibake(once)


def _repair_layer(text: str, model: SyllableModel, use_kiwi: bool) -> tuple[str, list[RepairPiece]]:
    """Undo one wrong decoding: the new text and its alignment to ``text``.

    On the outer layer of double mojibake the output is itself mojibake: the
    lattice is scored with the model's ``misread`` twin, and Kiwi, which reads
    Korean, sees each window only after a quick second decoding.
    """
    layer = _layer_for(text, model, use_kiwi)
    changed = [p for lo, hi in _line_bounds(text) for p in _read_line(text, lo, hi, layer)]
    pieces: list[RepairPiece] = []
    out: list[str] = []
    pos = out_len = 0
    for p in changed:
        if p.start > pos:  # the unchanged stretch before this character
            pieces.append(RepairPiece(pos, p.start, out_len, out_len + p.start - pos, False))
            out.append(text[pos:p.start])
            out_len += p.start - pos
        pieces.append(RepairPiece(p.start, p.end, out_len, out_len + len(p.out), True, p.guessed, p.uncertain, p.out))
        out.append(p.out)
        out_len += len(p.out)
        pos = p.end
    if pos < len(text):
        pieces.append(RepairPiece(pos, len(text), out_len, out_len + len(text) - pos, False))
        out.append(text[pos:])
    return "".join(out), pieces


def _compose(outer: list[RepairPiece], inner: list[RepairPiece]) -> list[RepairPiece]:
    """Alignment of a second layer (``inner``, over outer's output) back to the input.

    A character changed by either layer stays a changed piece; unchanged stretches
    of the inner layer are cut where the outer layer changed something.
    """
    starts = [p.out_start for p in outer]
    result = []
    for p in inner:
        if p.changed:
            result.append(RepairPiece(_to_input(outer, starts, p.start), _to_input(outer, starts, p.end),
                                 p.out_start, p.out_end, True, p.guessed, p.uncertain, p.out))
            continue
        shift = p.out_start - p.start
        k = max(0, bisect.bisect_right(starts, p.start) - 1)
        while k < len(outer) and outer[k].out_start < p.end:
            q = outer[k]
            a, b = max(q.out_start, p.start), min(q.out_end, p.end)
            if a < b or q.out_start == q.out_end == a:
                if q.changed:
                    result.append(RepairPiece(q.start, q.end, a + shift, b + shift, True, q.guessed, q.uncertain, q.out))
                else:
                    result.append(RepairPiece(q.start + a - q.out_start, q.start + b - q.out_start, a + shift, b + shift, False))
            k += 1
    return result


@dataclass(frozen=True)
class _SpanSummary:
    spans: tuple[RepairSpan, ...]
    guessed: int
    uncertain: int


def _summarise(pieces: list[RepairPiece]) -> _SpanSummary:
    """Merge adjacent changed pieces into spans (roughly one per broken word)."""
    runs: list[list[RepairPiece]] = []
    for p in pieces:
        if not p.changed:
            continue
        if runs and runs[-1][-1].end == p.start:
            runs[-1].append(p)
        else:
            runs.append([p])
    spans, guessed, uncertain = [], 0, 0
    for run in runs:
        is_guess = any(p.guessed for p in run)
        is_uncertain = any(p.uncertain for p in run)
        spans.append(RepairSpan(run[0].start, run[-1].end, run[0].out_start, run[-1].out_end, is_uncertain))
        guessed += is_guess
        uncertain += is_guess and is_uncertain
    return _SpanSummary(tuple(spans), guessed, uncertain)


_MAX_LAYERS = 3  # mojibake of mojibake of mojibake is the most anyone has seen


def repair_text(text: str, korean_model: SyllableModel | None = None, *, use_kiwi: bool = True) -> RepairResult:
    """Undo mojibake (possibly applied twice, possibly lossy); other text comes back as is.

    ``korean_model`` defaults to the shipped bigram model; ``use_kiwi`` rescoring of
    guessed syllables with Kiwi's morphological analysis is what makes lossy text
    come out right (off: bigrams alone, faster, a few more wrong syllables).
    """
    if not detect_mojibake(text):
        return RepairResult(text, None, (), 0, 0)
    model = korean_model or default_model()
    codecs: list[str] = []
    pieces: list[RepairPiece] | None = None
    current = text
    for _ in range(_MAX_LAYERS):
        if not detect_mojibake(current):
            break
        codec = guess_codec(current)
        repaired, layer = _repair_layer(current, model, use_kiwi)
        if repaired == current:
            break
        codecs.append(codec)
        pieces = layer if pieces is None else _compose(pieces, layer)
        current = repaired
    if pieces is None:
        return RepairResult(text, None, (), 0, 0)
    summary = _summarise(pieces)
    return RepairResult(current, "+".join(codecs), summary.spans, summary.guessed, summary.uncertain, tuple(pieces))
