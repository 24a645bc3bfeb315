"""Shared fixtures: the bundled examples, one encoder and one segmenter per test session."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from checker.embed import Encoder
from checker.decode import read_document
from checker.models import Role
from checker.segment import Segmenter


def pytest_configure(config):
    # Runs through the CLI cache vectors: in a folder of this session, never the user's ~/.cache.
    os.environ["CHECKER_CACHE_DIR"] = tempfile.mkdtemp(prefix="checker-test-cache-")


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
