"""Detection and diagnosis: clean text is never mojibake, broken text is named."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from checker.models import RepairResult
from checker.repair import (
    LATIN1,
    LOSSY,
    detect_mojibake,
    diagnose,
    mojibake,
    repair_text,
)
from tests.repair.samples import (
    CLEAN,
    ENGLISH,
    KOREAN_TEXT,
    SENTENCES,
    read,
)


@pytest.mark.parametrize("name", CLEAN)
def test_clean_korean_is_never_broken(name):
    text = read(name)
    result = repair_text(text)
    assert not detect_mojibake(text)
    assert diagnose(text).status == "clean"
    assert result == RepairResult(text, None, (), 0, 0)


@pytest.mark.parametrize("text", ENGLISH + SENTENCES)
def test_clean_sentences_are_left_alone(text):
    assert not detect_mojibake(text)
    assert repair_text(text).text == text


@pytest.mark.parametrize(
    "text, status, codec",
    [
        (mojibake("이번 주 논문", LOSSY), "mojibake", "cp1252"),
        (mojibake("이번 주 논문", LATIN1), "mojibake", "latin-1"),
        ("이번 주 논문\n" + mojibake("본문입니다", LOSSY), "mixed", "cp1252"),
        ("이번 주 \ufffd문", "replacement", None),
        ("이번 주 논문", "clean", None),
        ("Ã© Ã¨", "clean", None),  # two accented pairs: not enough evidence
    ],
)
def test_diagnose(text, status, codec):
    d = diagnose(text)
    assert (d.status, d.wrong_codec) == (status, codec)


@settings(max_examples=60, deadline=None)
@given(KOREAN_TEXT)
def test_property_clean_text_is_invariant(text):
    assert not detect_mojibake(text)
    assert repair_text(text).text == text
