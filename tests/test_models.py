"""--model: a sentence-transformers model from a local folder, built here (no download)."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.embed import Encoder
from tests.paths import FREE, LEAD

pytest.importorskip("sentence_transformers")


def _build_tiny_model(folder, texts):
    """A StaticEmbedding over the words of the texts: a bag of words with fixed random vectors."""
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer.modules import StaticEmbedding
    from tokenizers import Tokenizer, models, pre_tokenizers

    vocab = {"[UNK]": 0, "[PAD]": 1}
    for text in texts:
        for word in re.findall(r"\w+", text):
            vocab.setdefault(word, len(vocab))
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    weights = np.random.default_rng(0).normal(size=(len(vocab), 32)).astype(np.float32)
    SentenceTransformer(modules=[StaticEmbedding(tokenizer, embedding_weights=weights)]).save(str(folder))
    return folder


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    texts = [FREE.read_text(encoding="utf-8"), LEAD.read_text(encoding="utf-8")]
    return _build_tiny_model(tmp_path_factory.mktemp("tiny") / "model", texts)


def test_tiny_model_encodes_unit_vectors(tiny_model):
    encoder = Encoder(str(tiny_model))
    vectors = encoder.encode(["DeepSeek-OCR은 압축합니다", "LoRA는 71%의 저하를 초래합니다"])
    assert vectors.shape == (2, 32)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert encoder.signature.startswith("encoder:sentence-transformers|model:")


def test_lint_aligns_with_a_user_model(tiny_model, tmp_path):
    result = CliRunner().invoke(
        main, ["lint", str(FREE), str(LEAD), "--model", str(tiny_model), "--out", str(tmp_path), "--format", "json", "--fail-on", "never"]
    )
    assert result.exit_code == 0, result.output
    findings = json.loads((tmp_path / "findings.json").read_text(encoding="utf-8"))
    assert f"model:{tiny_model}" in findings["encoder"]
    alignment = json.loads((tmp_path / "alignment.json").read_text(encoding="utf-8"))
    shared = [u for u in alignment["units"] if len(u["segments"]) == 2]
    # a bag of words still pairs most of the ten items' paragraphs
    assert len(shared) >= 10
