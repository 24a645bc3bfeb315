"""The sentence alignment between two files (``support._bead_path``) is worked out a row at a time;
it must find the same path as the plain cell-by-cell dynamic programme it replaced, kept here as
the reference, on random sentences, near-copies, headings and captions."""

from __future__ import annotations

import math

import numpy as np
import pytest

from checker.support import _BARS, _BEAD_LENGTH, _BEAD_MERGE, _BEADS, _CAPTIONS, _MOVES, _SAME_STRUCTURE, _bead_path


def _reference_path(va, vb, la, lb, ka, kb, ratio, bars) -> list[tuple[int, int]]:
    n, m = len(va), len(vb)
    best = np.full((n + 1, m + 1), -np.inf)
    best[0, 0] = 0.0
    back = {}
    for i in range(n + 1):
        for j in range(m + 1):
            here = best[i, j]
            if here == -np.inf:
                continue
            for di, dj in ((1, 0), (0, 1), *_BEADS):
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                gain = 0.0
                if di and dj:
                    wa, wb = va[i:ni].sum(axis=0), vb[j:nj].sum(axis=0)
                    cosine = float(wa @ wb / max(1e-9, np.linalg.norm(wa) * np.linalg.norm(wb)))
                    misfit = abs(math.log((sum(lb[j:nj]) + 10) / (ratio * sum(la[i:ni]) + 10)))
                    gain = cosine - bars.floor - _BEAD_LENGTH * misfit - _BEAD_MERGE * (di + dj - 2)
                    if di == dj == 1 and ka[i] and ka[i] == kb[j]:
                        gain = max(gain, _SAME_STRUCTURE)
                    elif di == dj == 1 and ka[i].startswith("label:") and kb[j].startswith("label:"):
                        gain = max(gain, _CAPTIONS)
                if here + gain > best[ni, nj]:
                    best[ni, nj] = here + gain
                    back[(ni, nj)] = (di, dj)
    return _walk(lambda i, j: back[(i, j)], n, m)


def _walk(move, n: int, m: int) -> list[tuple[int, int]]:
    path, i, j = [], n, m
    while i or j:
        di, dj = move(i, j)
        path.append((di, dj))
        i, j = i - di, j - dj
    return path


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _case(seed: int, n: int, m: int, kind: str):
    rng = np.random.default_rng(seed)
    va = _unit(rng.normal(size=(n, 16)))
    if kind == "translation":  # b renders a with noise, a sentence dropped, one added, one split
        rows = [va[i] + 0.4 * rng.normal(size=16) for i in range(n) if i != n // 2]
        rows.insert(1, rng.normal(size=16))
        rows[-1:] = [rows[-1] + 0.3 * rng.normal(size=16), rows[-1] + 0.3 * rng.normal(size=16)]
        vb = _unit(np.array(rows[:m]))
    else:
        vb = _unit(rng.normal(size=(m, 16)))
    la = [int(x) for x in rng.integers(5, 120, size=len(va))]
    lb = [int(x) for x in rng.integers(5, 120, size=len(vb))]
    keys = ["", "", "", "#2", "label:4-1", "label:4-2"]
    ka = [keys[x] for x in rng.integers(0, len(keys), size=len(va))]
    kb = [keys[x] for x in rng.integers(0, len(keys), size=len(vb))]
    return va, vb, la, lb, ka, kb


CASES = [(seed, n, m, kind, crosses) for seed in range(6) for n, m in ((1, 1), (1, 5), (5, 1), (8, 9), (20, 14), (3, 40))
         for kind in ("translation", "unrelated") for crosses in (True, False)]


@pytest.mark.parametrize("seed, n, m, kind, crosses", CASES)
def test_row_at_a_time_path_is_the_cell_by_cell_path(seed, n, m, kind, crosses):
    va, vb, la, lb, ka, kb = _case(seed, n, m, kind)
    ratio, bars = 1.3, _BARS[crosses]
    back = _bead_path(va, vb, la, lb, ka, kb, ratio, bars)
    assert back.shape == (len(va) + 1, len(vb) + 1) and back.dtype == np.int8
    found = _walk(lambda i, j: _MOVES[back[i, j]], len(va), len(vb))
    assert found == _reference_path(va, vb, la, lb, ka, kb, ratio, bars)

