"""term-glossary on small texts: forbidden terms, unlisted renderings, and its precedence over
term-inconsistent at the same place.

Both term checks run, through the filter chain: each row says every finding of either."""

from __future__ import annotations

import pytest

from checker.checks import CHECKS
from tests.checks.helpers import GLOSSARY, term_context, term_findings, term_rows

CASES = [
    pytest.param(
        {"a.md": "거듭제곱 분포 대신 전력 분포에서 샘플링하고, 전력분포를 다시 쓴다."},
        GLOSSARY, None,
        [("term-glossary", "error", "a.md", "전력 분포", "거듭제곱 분포", 2)],
        id="a forbidden term, through particles and spacing: one finding for its two uses",
    ),
    pytest.param(
        {"a.md": "고전력 분포 장치와 전력 분포망을 본다."},
        GLOSSARY, None, [],
        id="never inside a longer word",
    ),
    pytest.param(
        {"a.md": "지수 분포(power distribution)에서 샘플링한다."},
        GLOSSARY, None,
        [("term-glossary", "warning", "a.md", "지수 분포", "거듭제곱 분포", 1)],
        id="a rendering the glossary does not list, found with its English",
    ),
    pytest.param(
        {"a.md": "멱 분포(power distribution)에서 샘플링한다. 거듭제곱 분포는 날카롭다."},
        GLOSSARY, None,
        [("term-inconsistent", "warning", "a.md", "멱 분포", "거듭제곱 분포", 1)],
        id="an allowed rendering is no glossary finding, but beside the preferred one it is inconsistent",
    ),
    pytest.param(
        {"a.md": "전력 분포(power distribution)에서 샘플링한다."},
        GLOSSARY, None,
        [("term-glossary", "error", "a.md", "전력 분포", "거듭제곱 분포", 1)],
        id="a forbidden rendering with its English is one error, not also a warning",
    ),
]


@pytest.mark.parametrize("texts, glossary, source, expected", CASES)
def test_term_glossary(segmenter, tmp_path, texts, glossary, source, expected):
    assert term_rows(term_context(segmenter, tmp_path, texts, glossary, source)) == sorted(expected)


def test_a_finding_names_the_glossary_lines(segmenter, tmp_path):
    context = term_context(segmenter, tmp_path, {
        "a.md": "모델은 치명적 망각(catastrophic forgetting)을 겪는다. 치명적 망각은 흔하다.\n전력 분포를 쓴다.",
        "b.md": "모델은 파국적 망각(catastrophic forgetting)을 겪는다.",
    })
    [error] = [f for f in term_findings(context) if f.check == "term-glossary"]
    assert f"{tmp_path / 'glossary.csv'}:6" in error.message and f"{tmp_path / 'glossary.csv'}:4" in error.message
    assert (error.line, error.column) == (2, 1)


def test_the_check_is_registered_with_examples():
    doc = CHECKS["term-glossary"].doc
    assert "Bad:" in doc and "Good:" in doc
