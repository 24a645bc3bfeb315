"""Each broken line as a lattice of candidate readings: Viterbi over the bigram model, then
Kiwi rescoring of the uncertain guesses in their word context."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations, product
from typing import Callable

from ..kiwi import kiwi
from .cp1252 import (
    C1_CONTROLS,
    CHAR_TO_BYTE,
    LOST_BYTES,
    MAX_LOST_PER_CHAR,
    NO_BREAK_SPACE,
    UNDEFINED_CP1252,
    decode_char,
    is_continuation,
    sequence_length,
)
from .detect import REPLACEMENT, is_telltale
from .model import START, SyllableModel, model_token

_KEEP_LEAD_PENALTY = math.log(1e-4)
# A guess is "uncertain" when its runner-up scored within log(100). On held-out
# text that flags ~2% of guesses and covers ~60% of the wrong ones.
UNCERTAIN_MARGIN = math.log(100)


@dataclass(frozen=True)
class Reading:
    """How to read a line: may lost bytes be reconstructed, and is the result itself
    mojibake (an outer layer of double encoding) or the final text?"""

    lossy: bool
    outer: bool = False


@dataclass(frozen=True)
class _Edge:
    """One way to read the input from ``start`` to ``end``: it emits ``out``."""

    start: int
    end: int
    out: str
    guessed: bool  # bytes were lost or altered and had to be reconstructed
    penalty: float = 0.0


# Stand-ins among the bytes that follow a lead byte.
_MAYBE_NBSP = -1  # a space: a no-break space (0xA0) that lost its meaning, or a real one
_UNKNOWN_BYTE = -2  # U+FFFD: one undefined byte, as ``errors="replace"`` leaves it


def _tail_items(text: str, start: int, limit: int) -> list[int]:
    """Bytes after a lead byte that may belong to it: continuations or stand-ins."""
    items: list[int] = []
    i = start
    while i < len(text) and len(items) < limit:
        ch = text[i]
        b = CHAR_TO_BYTE.get(ch)
        if ch == " ":
            items.append(_MAYBE_NBSP)
        elif ch == REPLACEMENT:
            items.append(_UNKNOWN_BYTE)
        elif is_continuation(b):
            items.append(b)
        else:
            break
        i += 1
    return items


def _fill_lost(observed: list[int], length: int) -> list[bytes]:
    """All continuation byte strings of ``length`` that contain ``observed`` in order.

    Lost bytes go anywhere among the observed ones and take any ``LOST_BYTES`` value.
    """
    missing = length - len(observed)
    if missing == 0:
        return [bytes(observed)]
    results = []
    for slots in combinations(range(length), missing):
        for values in product(LOST_BYTES, repeat=missing):
            seq, it_obs, it_val = [], iter(observed), iter(values)
            for k in range(length):
                seq.append(next(it_val) if k in slots else next(it_obs))
            results.append(bytes(seq))
    return results


def _expand_unknown(items: list[int]) -> list[list[int]]:
    """Replace each unknown byte by every undefined byte it may stand for."""
    choices = [UNDEFINED_CP1252 if b == _UNKNOWN_BYTE else (b,) for b in items]
    return [list(p) for p in product(*choices)]


def _lead_edges(text: str, i: int, lead: int, mode: Reading) -> list[_Edge]:
    """Every character the lead byte at ``i`` and what follows it could have been."""
    n = sequence_length(lead)
    items = _tail_items(text, i + 1, n - 1)
    edges: dict[tuple[int, str], _Edge] = {}
    for used in range(len(items) + 1):
        # Bytes this character leaves must be real spaces, never orphaned continuations.
        if any(b != _MAYBE_NBSP for b in items[used:]):
            continue
        missing = n - 1 - used
        altered = any(b < 0 for b in items[:used])  # a space or U+FFFD taken as a byte
        if (missing or altered) and not mode.lossy:
            continue
        if missing > MAX_LOST_PER_CHAR or missing > 1 and _glued_to_ascii(text, i + 1 + used):
            continue
        observed = [NO_BREAK_SPACE if b == _MAYBE_NBSP else b for b in items[:used]]
        for concrete in _expand_unknown(observed):
            for tail in _fill_lost(concrete, n - 1):
                ch = decode_char(bytes([lead]) + tail)
                if ch is None or (missing or altered) and not _plausible_guess(ch, mode):
                    continue
                key = (i + 1 + used, ch)
                if key not in edges:
                    edges[key] = _Edge(i, i + 1 + used, ch, guessed=bool(missing or altered))
    result = list(edges.values())
    if mode.lossy and result and all(e.guessed for e in result):
        result.append(_Edge(i, i + 1, text[i], guessed=False, penalty=_KEEP_LEAD_PENALTY))
    return result


def _plausible_guess(ch: str, mode: Reading) -> bool:
    """Characters worth proposing for lost bytes: Hangul, punctuation, symbols, emoji
    and Latin-1 letters; never controls or ideographs (those come from a lead
    letter that was genuine, as the ``é`` of a stray ``José``). Under a second
    layer of mojibake only characters that are themselves one misread byte."""
    if mode.outer:
        return ch in CHAR_TO_BYTE and ch not in C1_CONTROLS
    return is_telltale(ch) or "\u00a0" <= ch <= "\u00ff"


def _glued_to_ascii(text: str, pos: int) -> bool:
    """An ASCII letter or digit right after a lead letter: ``Noël`` rather than a
    syllable that lost both its continuation bytes."""
    return pos < len(text) and text[pos].isascii() and text[pos].isalnum()


def _edges_at(text: str, i: int, mode: Reading) -> list[_Edge]:
    ch = text[i]
    b = CHAR_TO_BYTE.get(ch)
    if b is not None and sequence_length(b):
        edges = _lead_edges(text, i, b, mode)
        if edges:
            return edges
    return [_Edge(i, i + 1, ch, guessed=False)]


# ---------------------------------------------------------------------- the search


@dataclass
class _Lattice:
    """The readings of one line, the Viterbi path through them and both passes' scores.

    ``fwd[i][tok]`` is the best log-probability of the line up to position i ending
    in token ``tok``; ``bwd[i][tok]`` the best from i to the end given ``tok`` before.
    """

    lo: int
    hi: int
    edges_from: dict[int, list[_Edge]]
    fwd: dict[int, dict[str, tuple[float, tuple | None]]]
    bwd: dict[int, dict[str, float]]
    path: dict[int, _Edge]  # chosen edge by start position

    def through(self, e: _Edge, model: SyllableModel) -> float:
        """Best bigram score of a whole-line path that takes edge ``e``."""
        tok = model_token(e.out)
        rest = self.bwd.get(e.end, {}).get(tok, -math.inf)
        return max(
            (score + model.logprob(s, tok) + e.penalty + rest for s, (score, _) in self.fwd[e.start].items()),
            default=-math.inf,
        )


def viterbi(text: str, lo: int, hi: int, mode: Reading, model: SyllableModel) -> _Lattice:
    """Best reading of text[lo:hi] (one line) under the bigram model, plus backward scores."""
    edges_from: dict[int, list[_Edge]] = {}
    fwd: dict[int, dict[str, tuple[float, tuple | None]]] = {lo: {START: (0.0, None)}}
    for i in range(lo, hi):
        states = fwd.get(i)
        if not states:
            continue  # inside a character some lead byte consumed
        edges = [e for e in _edges_at(text, i, mode) if e.end <= hi] or [_Edge(i, i + 1, text[i], False)]
        edges_from[i] = edges
        for e in edges:
            tok = model_token(e.out)
            target = fwd.setdefault(e.end, {})
            for s, (score, _) in states.items():
                cand = score + model.logprob(s, tok) + e.penalty
                if tok not in target or cand > target[tok][0]:
                    target[tok] = (cand, (i, s, e))
    bwd: dict[int, dict[str, float]] = {hi: {s: 0.0 for s in fwd[hi]}}
    for i in sorted(edges_from, reverse=True):
        bwd[i] = {
            s: max(
                model.logprob(s, model_token(e.out)) + e.penalty + bwd.get(e.end, {}).get(model_token(e.out), -math.inf)
                for e in edges_from[i]
            )
            for s in fwd[i]
        }
    path: dict[int, _Edge] = {}
    pos, tok = hi, max(fwd[hi], key=lambda s: fwd[hi][s][0])
    while pos != lo:
        _, (pos, tok, e) = fwd[pos][tok]
        path[e.start] = e
    return _Lattice(lo, hi, edges_from, fwd, bwd, path)


# How many readings of one lead byte Kiwi is asked about, and how far below the
# best bigram score a reading may be to be asked about at all.
_KIWI_CANDIDATES = 6
_KIWI_WINDOW = 2.0 * math.log(1e4)
_BIGRAM_WEIGHT = 1.5  # weight of the bigram log-probability next to Kiwi's (tuned on held-out text)


def kiwi_score(text: str) -> float:
    return kiwi().analyze(text, top_n=1)[0][1]  # the shared Kiwi: loaded only for broken text


def _substitute(path: dict[int, _Edge], old: _Edge, new: _Edge) -> None:
    """Replace one reading by a rival that may take or leave the spaces after it."""
    del path[old.start]
    path[new.start] = new
    for pos in range(old.end, new.end):  # spaces the new reading takes as 0xA0
        path.pop(pos, None)
    for pos in range(new.end, old.end):  # spaces the old one took, now real again
        path[pos] = _Edge(pos, pos + 1, " ", guessed=False)


def _window(path: dict[int, _Edge], lat: _Lattice, start: int, end: int, words: int = 1) -> tuple[int, int]:
    """Input positions around [start, end) that take in ``words`` words either side.

    Every rival reading is scored on the same stretch of input, so Kiwi compares
    like with like whether or not a reading swallows the space after it.
    """
    ends = {e.end: e for e in path.values()}
    lo, spaces = start, 0
    while lo > lat.lo and lo in ends and start - lo < 40:
        e = ends[lo]
        spaces += e.out == " "
        if spaces > words:
            break
        lo = e.start
    hi, spaces = end, 0
    while hi < lat.hi and hi in path and hi - end < 40:
        e = path[hi]
        spaces += e.out == " "
        if spaces > words:
            break
        hi = e.end
    return lo, hi


def _output(path: dict[int, _Edge], lo: int, hi: int) -> str:
    out, pos = [], lo
    while pos < hi:
        e = path[pos]
        out.append(e.out)
        pos = e.end
    return "".join(out)


def rescore(lat: _Lattice, model: SyllableModel, scorer: Callable[[str], float] | None) -> dict[int, float]:
    """Revisit every guessed reading with ``scorer`` (Kiwi) in its word context.

    Left to right, so a later guess sees the earlier ones already fixed. Returns
    each guess's margin over its runner-up; without a scorer that is the bigram gap.
    """
    margins: dict[int, float] = {}
    for start in sorted(lat.path):
        chosen = lat.path.get(start)
        rivals = lat.edges_from.get(start, [])
        if chosen is None or len(rivals) < 2 or not any(e.guessed for e in rivals):
            continue
        totals = sorted(((lat.through(e, model), e) for e in rivals), key=lambda t: -t[0])
        best_total = totals[0][0]
        if scorer is None:
            margins[start] = best_total - totals[1][0]
            continue
        shortlist = [(t, e) for t, e in totals[:_KIWI_CANDIDATES] if t > best_total - _KIWI_WINDOW]
        if len(shortlist) < 2:
            margins[start] = best_total - totals[1][0]
            continue
        lo, hi = _window(lat.path, lat, start, max(e.end for _, e in shortlist))
        scored = []
        for total, e in shortlist:
            _substitute(lat.path, lat.path[start], e)
            scored.append((scorer(_output(lat.path, lo, hi)) + _BIGRAM_WEIGHT * total, e))
        scored.sort(key=lambda t: -t[0])
        _substitute(lat.path, lat.path[start], scored[0][1])
        margins[start] = scored[0][0] - scored[1][0]
    return margins
