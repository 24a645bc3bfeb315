"""Keys: one per English term, one per Korean term, whatever the spelling and spacing."""

from __future__ import annotations

import pytest

from checker.terminology.keys import en_key, ko_key, without_particles


@pytest.mark.parametrize(
    "a, b",
    [
        ("Fine-tuning", "fine tuning"),
        ("finetuning", "fine-tuning"),
        ("models", "model"),
        ("LLMs", "LLM"),
        ("pre-trained", "pre-training"),
        ("held-out tasks", "held-out task"),
        ("strategies", "strategy"),
        ("biases", "bias"),
        ("state-of-the-art", "state of the art"),
    ],
)
def test_en_keys_ignore_case_plural_and_hyphens(a, b):
    assert en_key(a) == en_key(b)


@pytest.mark.parametrize(
    "a, b",
    [("bias", "bia"), ("analysis", "analysi"), ("masked model", "masking model"), ("corpus", "corpu")],
)
def test_en_keys_keep_singular_words_whole(a, b):
    assert en_key(a) != en_key(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("사전학습", "사전 학습"), ("휴먼-인-더-루프", "휴먼 인 더 루프"), ("미세\n조정", "미세 조정"), ("KV 캐시", "kv캐시"),
        ("데이터 셋", "데이터셋"),
        # -적인 and -적 before a noun: one modifier
        ("잠재적인 추론 능력", "잠재적 추론 능력"), ("긍정적인 영향", "긍정적 영향"), ("명시적인  위치 정보", "명시적 위치 정보"),
    ],
)
def test_ko_keys_ignore_spacing_and_hyphens(a, b):
    assert ko_key(a) == ko_key(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("목적인", "목적"),  # at the end 인 is the copula: "is the purpose"
        ("잠재적 인자", "잠재적 자"),  # 인 that opens the next word stays
        ("일반적인 시각 이해", "일반 시각 이해"),  # a different word, not a spelling
    ],
)
def test_ko_keys_keep_other_words_apart(a, b):
    assert ko_key(a) != ko_key(b)


@pytest.mark.parametrize(
    "key, base",
    [
        ("트레잇을", "트레잇"), ("스트럭트의", "스트럭트"), ("메서드들은", "메서드"), ("모델", "모델"),
        ("이", "이"),  # nothing would be left
        ("결과", "결"),  # why it only compares two variants of one concept and is never a key
    ],
)
def test_without_particles(key, base):
    assert without_particles(key) == base
