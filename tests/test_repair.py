"""Mojibake detection and repair (checker.repair): round trips, clean-text invariance,
the real seed example, offsets and the model."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.repair import (
    AS_SEEN_IN_000,
    LATIN1,
    LOSSLESS,
    LOSSY,
    RepairResult,
    SyllableModel,
    default_model,
    detect_mojibake,
    diagnose,
    mojibake,
    repair_text,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "2025-10-w4"
SEED = "000_8b22f52c2dcbb72c.txt"
CLEAN = ("001_3b669d72a2bc1990.txt", "002_56b1a48b12fb120d.txt", "003_d97949ae6726edfb.txt")

SENTENCES = (
    "이번 주 주요 AI 논문",
    "이 모델은 긴 문맥을 처리합니다.",
    "에이전트가 도구를 사용하여 웹을 탐색합니다.",
    "핵심 아이디어는 간단합니다: 압축하고, 다시 복원합니다.",
    "강화 학습(reinforcement learning)으로 추론 능력을 향상시킵니다.",
    "데이터셋은 1,000개의 예제로 구성됩니다.",
)
ENGLISH = (
    "Top AI papers of the week",
    "A “smart” quote — and an ellipsis… ± 3 °C",
    "Café, naïve, Noël, Straße, Ærø",  # accented letters are not mojibake
    "Paper | Tweet\n\n============\n",
    "",
)


def read(name: str) -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8")


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@pytest.fixture(scope="module")
def seed_repair() -> RepairResult:
    return repair_text(read(SEED))


@pytest.fixture(scope="module")
def lossy_003() -> tuple[str, str, RepairResult]:
    clean = read(CLEAN[2])
    broken = mojibake(clean, LOSSY)
    return clean, broken, repair_text(broken)


# ------------------------------------------------------------------ clean text


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


# ------------------------------------------------------------------ detection


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


# ------------------------------------------------------------------ round trips


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


# ------------------------------------------------------------------ the real seed


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


# ------------------------------------------------------------------ offsets


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


# ------------------------------------------------------------------ property tests

KOREAN_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
        st.sampled_from(list("abcXYZ019 .,:()*#|-") + list("“”—…·→✓🥇")),
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: any("\uac00" <= c <= "\ud7a3" for c in s))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(KOREAN_TEXT, st.sampled_from([(LOSSLESS, 1), (LATIN1, 1), (LOSSLESS, 2)]))
def test_property_lossless_round_trip(text, corruption_times):
    corruption, times = corruption_times
    assert repair_text(mojibake(text, corruption, times), use_kiwi=False).text == text


@settings(max_examples=60, deadline=None)
@given(KOREAN_TEXT)
def test_property_clean_text_is_invariant(text):
    assert not detect_mojibake(text)
    assert repair_text(text).text == text


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


# ------------------------------------------------------------------ the model


def test_model_serialises_losslessly():
    model = SyllableModel.from_texts(["이번 주\n논문 AI 2025", "줄\t바꿈 \\ 역슬래시"])
    again = SyllableModel.from_tsv(model.to_tsv())
    assert (again.unigrams, again.bigrams) == (model.unigrams, model.bigrams)


def test_shipped_model_knows_korean():
    model = default_model()
    assert model.logprob("이", "번") > model.logprob("이", "뷁")
    assert model.logprob("\n", "가") > model.logprob("\n", "\x81")


def test_a_held_out_model_also_works():
    """A bigram model built from 002 alone repairs 003 well (no Kiwi): the model
    the benchmark uses is built from neither."""
    model = SyllableModel.from_texts([read(CLEAN[1])])
    clean = read(CLEAN[2])
    repaired = repair_text(mojibake(clean, LOSSY), model, use_kiwi=False).text
    assert similarity(clean, repaired) > 0.98
