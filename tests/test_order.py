"""Order independence: the findings of a run, fingerprints included, do not depend on the order
the paths are given in, nor on how a path is written (issue 15: forward and reverse order used
to give 104 and 101 findings, and the file blamed for a term drift flipped)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.config import Settings
from checker.load import expand_paths
from checker.pipeline import run

from .paths import DATA, EXAMPLES

SMALL = sorted(str(p) for p in (DATA / "rust_ch04_ko").glob("*.md"))
EXAMPLE_FILES = sorted(str(p) for p in EXAMPLES.glob("*.txt"))


def _findings(encoder, paths, source=None):
    return run(Settings(tuple(paths), source=source), encoder).findings


@pytest.fixture(scope="module")
def small_baseline(encoder):
    return _findings(encoder, SMALL)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(SMALL))
def test_small_corpus_any_order(encoder, small_baseline, order):
    """Three real translations with term drift (오너/소유자): every order gives the same findings."""
    assert small_baseline, "the corpus has findings to compare"
    assert _findings(encoder, order) == small_baseline


def test_small_corpus_with_a_source_any_order(encoder):
    """One of them as the reference: the renderings' order does not matter either."""
    source, *renderings = SMALL
    results = {_findings(encoder, order, source) for order in itertools.permutations(renderings)}
    assert len(results) == 1


def test_examples_forward_and_reverse(encoder):
    """The four bundled examples, as the issue tried them: forward, reverse and as a folder."""
    forward = _findings(encoder, EXAMPLE_FILES)
    assert forward == _findings(encoder, EXAMPLE_FILES[::-1])
    assert forward == _findings(encoder, [str(EXAMPLES)])


def test_a_path_written_two_ways_is_one_input_named_one_way(tmp_path, monkeypatch):
    """``a.md`` and ``./a.md`` are one input, named the shortest way whichever comes first; files
    are ordered by where they are, not by how they are written (``./b.md`` after ``a.md``)."""
    (tmp_path / "a.md").write_text("하나", encoding="utf-8")
    (tmp_path / "b.md").write_text("둘", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert expand_paths(["./b.md", "a.md", "./a.md"]) == ["a.md", "./b.md"]
    assert expand_paths(["./a.md", "./b.md", "a.md"]) == ["a.md", "./b.md"]
