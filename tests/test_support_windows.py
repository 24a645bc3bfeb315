"""Window cosines from sentence dot products: the same as the cosine with each window's mean vector."""

from __future__ import annotations

import numpy as np
import pytest

from checker.models import SentenceVectors
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


@pytest.mark.parametrize("n", [255, 256, 257, 258, 513])
def test_windows_across_block_boundaries(n):
    # the squared norms are summed a block of rows at a time
    rng = np.random.default_rng(n)
    rows = _unit(rng.normal(size=(n, 8)).astype(np.float32))
    windows = _windows(rows)
    expected = [np.linalg.norm(rows[s : s + z].sum(axis=0)) for s, z in zip(windows.starts.tolist(), windows.sizes.tolist())]
    np.testing.assert_allclose(windows.norms, expected, atol=1e-5)


def test_repeated_texts_are_kept_once_and_read_as_every_sentence():
    rng = np.random.default_rng(0)
    distinct = _unit(rng.normal(size=(3, 8)).astype(np.float32))
    rows = np.array([0, 1, 0, 2, 1, 0], dtype=np.int32)
    vectors = SentenceVectors(distinct, rows)
    full = distinct[rows]
    probes = _unit(rng.normal(size=(2, 8)).astype(np.float32))
    assert len(vectors) == 6
    np.testing.assert_array_equal(vectors[3], full[3])
    np.testing.assert_array_equal(vectors[[5, 1]], full[[5, 1]])
    np.testing.assert_array_equal(vectors[1:4], full[1:4])
    np.testing.assert_allclose(vectors.dots(probes), probes @ full.T, atol=1e-6)
    np.testing.assert_allclose(vectors.dots(probes[0]), probes[0] @ full.T, atol=1e-6)
    np.testing.assert_allclose(_windows(vectors).norms, _windows(full).norms, atol=1e-6)
