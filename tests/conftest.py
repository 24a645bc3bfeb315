"""Shared fixtures: the bundled examples, one encoder and one segmenter per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.embed import Encoder
from checker.decode import read_document
from checker.models import Role
from checker.segment import Segmenter


@pytest.fixture(autouse=True)
def cache_dir(tmp_path_factory, monkeypatch):
    """Runs through the CLI keep their cache in a folder of their own test, never the user's
    ~/.cache, and never one that another test warmed (its results would hide what this test changes)."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    return Encoder()


@pytest.fixture(scope="session")
def segmenter() -> Segmenter:
    return Segmenter()


@pytest.fixture
def segment(segmenter):
    """Segment a text written to a file under tmp_path."""

    def _segment(path: Path, role: Role = Role.RENDERING):
        return segmenter.segment(read_document(str(path), role))

    return _segment
