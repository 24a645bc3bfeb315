"""Window cosines from sentence dot products: the same as the cosine with each window's mean vector."""

from __future__ import annotations

import numpy as np
import pytest

from checker.support import _windows


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@pytest.mark.parametrize("n", [1, 2, 3, 7])
def test_window_cosines_match_the_mean_vectors(n):
    rng = np.random.default_rng(n)
    rows = _unit(rng.normal(size=(n, 16)).astype(np.float32))
    probes = _unit(rng.normal(size=(4, 16)).astype(np.float32))
    windows = _windows(rows)
    expected = []
    for start, size in zip(windows.starts.tolist(), windows.sizes.tolist()):
        mean = rows[start : start + size].sum(axis=0)
        expected.append(probes @ (mean / np.linalg.norm(mean)))
    np.testing.assert_allclose(windows.cosines(probes @ rows.T), np.array(expected).T, atol=1e-5)
    # one probe as a flat array, as best_match asks
    np.testing.assert_allclose(windows.cosines(probes[0] @ rows.T), np.array(expected).T[0], atol=1e-5)


def test_a_window_of_zero_vectors_has_cosine_zero():
    rows = np.zeros((2, 4), dtype=np.float32)
    windows = _windows(rows)
    assert windows.cosines(np.ones(4, dtype=np.float32) @ rows.T).tolist() == [0.0, 0.0, 0.0]
