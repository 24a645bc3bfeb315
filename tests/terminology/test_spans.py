"""Claimed spans: a bare match overlapping an occurrence already found is not counted twice."""

from __future__ import annotations

import pytest

from checker.terminology.vocabulary import _Spans

CLAIMED = [(10, 20), (5, 8), (30, 31), (12, 40)]
CASES = [
    (0, 5, False),  # ends where (5, 8) starts
    (0, 6, True),
    (8, 10, False),  # between (5, 8) and (10, 20)
    (19, 21, True),
    (40, 50, False),  # starts where the longest span ends
    (39, 41, True),  # inside (12, 40), which starts before shorter spans end
    (25, 26, True),
]


@pytest.mark.parametrize(("start", "end", "expected"), CASES)
def test_overlaps_as_a_scan_of_every_span_would_say(start, end, expected):
    spans = _Spans(CLAIMED)
    assert spans.overlaps(start, end) is expected
    assert expected is any(start < e and s < end for s, e in CLAIMED)


def test_no_spans_overlap_nothing():
    assert not _Spans([]).overlaps(0, 100)
