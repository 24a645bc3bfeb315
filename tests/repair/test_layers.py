"""Repair of whole texts: round trips, clean-text invariance, the real seed example, offsets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.models import RepairResult
from checker.repair import (
    AS_SEEN_IN_000,
    LATIN1,
    LOSSLESS,
    LOSSY,
    detect_mojibake,
    diagnose,
    mojibake,
    repair_text,
)
from tests.repair.samples import (
    CLEAN,
    KOREAN_TEXT,
    SEED,
    SENTENCES,
    read,
    similarity,
)


@pytest.fixture(scope="module")
def seed_repair() -> RepairResult:
    return repair_text(read(SEED))


@pytest.fixture(scope="module")
def lossy_003() -> tuple[str, str, RepairResult]:
    clean = read(CLEAN[2])
    broken = mojibake(clean, LOSSY)
    return clean, broken, repair_text(broken)


@pytest.mark.parametrize(
    "corruption, times, codec",
    [(LOSSLESS, 1, "cp1252"), (LATIN1, 1, "latin-1"), (LOSSLESS, 2, "cp1252+cp1252"), (LATIN1, 2, "latin-1+latin-1")],
)
@pytest.mark.parametrize("sentence", SENTENCES + ("# 🥇 **이번 주** — “요약”…",))
def test_lossless_round_trip_is_exact(sentence, corruption, times, codec):
    result = repair_text(mojibake(sentence, corruption, times))
    assert result.text == sentence
    assert result.wrong_codec == codec
    assert result.guessed == 0


@pytest.mark.parametrize("corruption", [LOSSY, AS_SEEN_IN_000])
@pytest.mark.parametrize("sentence", SENTENCES)
def test_lossy_round_trip_of_common_sentences(sentence, corruption):
    broken = mojibake(sentence, corruption)
    result = repair_text(broken)
    assert result.text == sentence
    assert result.wrong_codec == "cp1252"


@pytest.mark.parametrize("sentence", SENTENCES)
def test_replacement_characters_inside_mojibake_are_reconstructed(sentence):
    broken = sentence.encode("utf-8").decode("cp1252", errors="replace")
    assert "\ufffd" in broken
    assert repair_text(broken).text == sentence


def test_whole_rendering_lossy_round_trip(lossy_003):
    clean, _, result = lossy_003
    assert similarity(clean, result.text) >= 0.99  # the bar


@pytest.mark.parametrize(
    "corruption, times, floor",
    [(AS_SEEN_IN_000, 1, 0.99), (LOSSLESS, 1, 1.0), (LOSSLESS, 2, 1.0), (LOSSY, 2, 0.99)],
)
def test_whole_rendering_round_trip(corruption, times, floor):
    clean = read(CLEAN[2])
    repaired = repair_text(mojibake(clean, corruption, times)).text
    assert similarity(clean, repaired) >= floor


def test_ascii_is_kept_exactly(lossy_003):
    _, broken, result = lossy_003
    # Spaces may be no-break spaces that lost their first byte; everything else stays.
    visible = lambda s: [c for c in s if c.isascii() and c != " "]  # noqa: E731
    assert visible(result.text) == visible(broken)


def test_repair_is_idempotent(lossy_003):
    _, _, result = lossy_003
    again = repair_text(result.text)
    assert again.text == result.text
    assert again.spans == () and again.wrong_codec is None


def test_mixed_text_repairs_only_the_broken_part():
    header = "# 이번 주 주요 논문 (Café edition)\n"
    body = "DeepSeek-OCR은 새로운 시각 인코더를 사용합니다."
    result = repair_text(header + mojibake(body, LOSSY))
    assert result.text == header + body
    assert result.spans[0].start >= len(header)


def test_half_repaired_line():
    assert repair_text("이번 주 " + mojibake("주요 논문입니다", LOSSY)).text == "이번 주 주요 논문입니다"


def test_clean_word_inside_broken_line_is_kept():
    broken = mojibake("주요 논문을 소개합니다.", LOSSY)
    assert repair_text(f"{broken} Noël “José” {broken}").text == "주요 논문을 소개합니다. Noël “José” 주요 논문을 소개합니다."


def test_seed_first_heading(seed_repair):
    assert seed_repair.text.splitlines()[0] == "# 🥇 **이번 주 주요 AI 논문**"


def test_seed_reads_as_korean(seed_repair):
    text = seed_repair.text
    assert seed_repair.wrong_codec == "cp1252"
    assert not detect_mojibake(text)
    assert diagnose(text).clean_hangul > 4000
    leftovers = [c for c in text if "\u0080" <= c <= "\u00ff" and c not in "×\u00a0"]
    assert leftovers == []
    assert 0 < seed_repair.uncertain < seed_repair.guessed < len(seed_repair.spans)
    assert "DeepSeek-OCR은 새로운 시각 인코더 아키텍처(vision encoder architecture" in text


def test_spans_and_offsets_point_at_the_same_text(lossy_003):
    _, broken, result = lossy_003
    for span in result.spans[:300]:
        assert result.to_original(span.repaired_start) == span.start
        assert result.to_original(span.repaired_end) == span.end
        assert mojibake(result.text[span.repaired_start:span.repaired_end], LOSSY) != ""
    # An unchanged character maps to itself, shifted.
    k = result.text.index("DeepSeek-OCR")
    assert broken[result.to_original(k):].startswith("DeepSeek-OCR")


@pytest.mark.parametrize("sentence", SENTENCES)
def test_every_repaired_character_maps_to_its_bytes(sentence):
    broken = mojibake(sentence, LOSSLESS, 2)
    result = repair_text(broken)
    for k, ch in enumerate(result.text):
        a, b = result.to_original(k), result.to_original(k + 1)
        assert broken[a:b] == mojibake(ch, LOSSLESS, 2)


def test_uncertain_spans_are_guesses(lossy_003):
    _, _, result = lossy_003
    assert result.guessed > 0
    assert result.uncertain == sum(s.uncertain for s in result.spans)
    assert result.uncertain < result.guessed / 10


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(KOREAN_TEXT, st.sampled_from([(LOSSLESS, 1), (LATIN1, 1), (LOSSLESS, 2)]))
def test_property_lossless_round_trip(text, corruption_times):
    corruption, times = corruption_times
    assert repair_text(mojibake(text, corruption, times), use_kiwi=False).text == text


@settings(max_examples=40, deadline=None)
@given(KOREAN_TEXT)
def test_property_nothing_lost_means_exact(text):
    broken = mojibake(text, LOSSY)
    if broken != mojibake(text, LOSSLESS):
        return  # bytes were lost: a guess, covered by the accuracy tests
    assert repair_text(broken, use_kiwi=False).text == text


@settings(max_examples=40, deadline=None)
@given(KOREAN_TEXT)
def test_property_lossy_repair_keeps_ascii_and_is_idempotent(text):
    broken = mojibake(text, LOSSY)
    result = repair_text(broken, use_kiwi=False)
    visible = lambda s: [c for c in s if c.isascii() and c != " "]  # noqa: E731
    assert visible(result.text) == visible(text)
    assert repair_text(result.text, use_kiwi=False).text == result.text
