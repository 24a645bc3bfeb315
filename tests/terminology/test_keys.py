"""Keys: one per English term, one per Korean term, whatever the spelling and spacing."""

from __future__ import annotations

import pytest

from checker.terminology.keys import en_key, ko_key


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
    "a, b", [("사전학습", "사전 학습"), ("휴먼-인-더-루프", "휴먼 인 더 루프"), ("미세\n조정", "미세 조정"), ("KV 캐시", "kv캐시")]
)
def test_ko_keys_ignore_spacing_and_hyphens(a, b):
    assert ko_key(a) == ko_key(b)
