"""The syllable bigram model: it serialises losslessly and knows Korean."""

from __future__ import annotations

from checker.repair import (
    LOSSY,
    SyllableModel,
    default_model,
    mojibake,
    repair_text,
)
from tests.repair.samples import (
    CLEAN,
    read,
    similarity,
)


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
