"""One Kiwi per test module for the terminology tests (no user words)."""

from __future__ import annotations

import pytest

from checker.kiwi import kiwi as shared_kiwi


@pytest.fixture(scope="module")
def kiwi():
    return shared_kiwi(())
