"""What reads a whole file at once keeps its memory near the file's own size (issue 15: 20 MB
of input under 1 GB). A list of a file's characters, tokens or n-grams costs a string object
each, tens of bytes per character: 500 MB for the syllables of a 20 MB file. Memory is counted
with tracemalloc, not timed, and each faster form is checked against the plain one it replaces."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import CHRF

from checker import align, support
from checker.align import chrf, sentence_vectors
from checker.config import Settings
from checker.decode import decode_bytes, language_of
from checker.embed import Encoder
from checker.models import Analysis, Decoded, DigestGroup, Document, Paragraph, Role, Segmented, Sentence, SentenceVectors
from checker.pipeline import run
from checker.support import SupportIndex, _Features
from checker.text import _NOT_TERMS, HANGUL, anchors, count, kept_tokens, prose
from tests.paths import ROOT

LINE = "딥시크 OCR은 `DeepEncoder` 구조로 10배 압축(compression)에서도 97%의 정확도를 유지합니다. DeepSeek-V3.2도 그렇습니다.\n"
TEXT = LINE * 25_000  # 1.7 M characters
SHORT = LINE * 10
TEXT_BYTES = len(TEXT) * 2  # a str of Hangul keeps two bytes a character

WHOLE_FILE = {
    "prose": lambda: prose(TEXT),
    "kept_tokens": lambda: kept_tokens(TEXT),
    "anchors": lambda: anchors(TEXT),
    "language_of": lambda: language_of(TEXT),
    "decode_bytes": lambda: decode_bytes("long.md", TEXT.encode("utf-8")),
    "chrf, long against short": lambda: chrf(TEXT, SHORT),
    "chrf, short against long": lambda: chrf(SHORT, TEXT),
}


@pytest.mark.parametrize("name", WHOLE_FILE)
def test_whole_file_helpers_allocate_about_the_file_not_a_string_per_character(name):
    tracemalloc.start()
    try:
        WHOLE_FILE[name]()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # decode_bytes holds the UTF-8 bytes' text and the checks' copies; the others at most their result
    assert peak < 4 * TEXT_BYTES, f"{name}: {peak / 2**20:.1f} MB for a {TEXT_BYTES / 2**20:.1f} MB text"


def _prose_by_characters(text: str) -> str:
    chars = list(text)
    for pattern in _NOT_TERMS:
        for match in pattern.finditer(text):
            for i in range(match.start(), match.end()):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


MARKUP = st.lists(st.sampled_from(["`", "<", ">", "\n", "a", "가", "{{", "}}", "](", ")", "http://x", " ", "[",
                                   "]", "> ", "```", "<!--", "-->", "x=1", "<b>", "</b>", "[a]: b"]), max_size=40)


@settings(max_examples=300, deadline=None)
@given(MARKUP)
def test_prose_blanks_what_a_character_list_blanks(parts):
    text = "".join(parts)
    assert prose(text) == _prose_by_characters(text)


@pytest.mark.parametrize("hypothesis, reference", [
    ("", ""), ("a", ""), ("", "a"), ("ab", "abc"), ("가 나", "가나"), ("x", "y"), (LINE, LINE),
    (LINE, LINE.replace("97%", "98%")), (SHORT, LINE), (LINE, SHORT), ("a b c d e f g", "abcdefg"),
])
def test_chrf_is_sacrebleus_sentence_chrf(hypothesis, reference):
    assert chrf(hypothesis, reference) == CHRF().sentence_score(hypothesis, [reference]).score / 100.0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="가나다라 ab.\n", max_size=30), st.text(alphabet="가나다라 ab.\n", max_size=30))
def test_chrf_matches_sacrebleu_on_any_pair(hypothesis, reference):
    assert chrf(hypothesis, reference) == CHRF().sentence_score(hypothesis, [reference]).score / 100.0


@pytest.mark.parametrize("text", ["", "가", "가a나", LINE, "abc"])
def test_count_is_the_number_of_matches(text):
    assert count(HANGUL, text) == len(HANGUL.findall(text))


def test_a_sentence_vector_is_held_once_by_its_file_and_the_encoders_cache():
    encoder = Encoder()
    encoder._backend = lambda texts: np.arange(1, 4 * len(texts) + 1, dtype=np.float32).reshape(-1, 4)
    texts = ["가나다.", "라마바.", "가나다."]
    sentences = [Sentence(doc="a.md", index=i, paragraph=0, start=0, end=len(t), text=t) for i, t in enumerate(texts)]
    encoder.prepare(texts)
    vectors = sentence_vectors(sentences, encoder)
    assert len(vectors.distinct) == 2 and np.array_equal(vectors[2], vectors[0])
    assert all(np.shares_memory(encoder._cache[t], vectors.distinct) for t in texts)
    assert np.array_equal(encoder.encode(["라마바."])[0], vectors[1])


# ------------------------------------------------------- what the support index keeps a sentence

RUST_BOOK = ROOT / "examples" / "rust-book-ch04-01" / "ko.Kernalix7-2f5cfbe3.md"


def test_the_support_features_of_a_sentence_cost_a_few_hundred_bytes(segment):
    sentences = segment(RUST_BOOK).sentences
    tracemalloc.start()
    try:
        features = [_Features.of(s) for s in sentences]
        kept = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # kept for every sentence of a run: sets of its words were 950 bytes a sentence here (200 MB for 20 MB)
    assert kept / len(features) < 400, f"{kept / len(features):.0f} bytes a sentence"


@pytest.mark.parametrize("text, terms, glosses, found", [
    ("모델 학습(model training)은 모델을 바꾼다.", ("모델", "학습"), ("model", "training"), ()),
    ("GPT-4와 LoRA를 10배 빠르게(fast) 돌린다.", None, ("fast",), ("10", "4", "gpt-4", "lora")),
    ("`Vec<T>`의 용량(capacity of Vec)은 8이다.", None, ("capacity", "vec"), ("8",)),
])
def test_support_features_hold_each_word_once(segment, tmp_path, text, terms, glosses, found):
    path = tmp_path / "a.md"
    path.write_text(text + "\n", encoding="utf-8")
    sentence = segment(path).sentences[0]
    features = _Features.of(sentence)
    assert features.terms == (terms or tuple(dict.fromkeys(sentence.terms)))
    assert len(set(features.terms)) == len(features.terms)
    assert set(features.gloss_only) == set(glosses) - set(sentence.terms)
    assert sorted(features.anchors) == sorted(anchors(sentence.text)) == sorted(found)
    assert set(features.anchors) <= set(features.code)


def _index(vectors: dict[str, np.ndarray]) -> SupportIndex:
    """A support index over files of sentences with the given vectors, one paragraph each."""
    docs = []
    for path, rows in vectors.items():
        text = "가.\n" * len(rows)
        sentences = tuple(Sentence(doc=path, index=i, paragraph=0, start=2 * i, end=2 * i + 2, text="가.")
                          for i in range(len(rows)))
        document = Document(path=path, role=Role.RENDERING, text=text, encoding="utf-8", lang="ko",
                            decoded=Decoded(text=text, encoding="utf-8", original=text))
        docs.append(Segmented(document, (Paragraph(path, 0, 0, len(text), text, None, False, sentences),)))
    paths = tuple(vectors)
    return SupportIndex(Analysis(
        documents=tuple(docs), source=None, groups=(DigestGroup(0, paths),), compared=paths, units=(),
        document_similarity=(), encoder_signature="test",
        sentence_vectors={p: SentenceVectors(v, np.arange(len(v))) for p, v in vectors.items()},
    ))


def _unit_rows(rng, n: int) -> np.ndarray:
    rows = rng.normal(size=(n, 16)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_a_whole_file_search_works_out_its_cosines_a_bounded_piece_at_a_time(monkeypatch):
    rng = np.random.default_rng(0)
    index = _index({"short.md": _unit_rows(rng, 300), "long.md": _unit_rows(rng, 20_000)})
    sentences = index.analysis.by_path["short.md"].sentences
    whole = [index._strongest(s, "long.md") for s in sentences[:3]]
    monkeypatch.setattr(support, "_CELLS", 1 << 16)
    index._closest.clear()
    tracemalloc.start()
    try:
        pieces = [index._strongest(s, "long.md") for s in sentences[:3]]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # a block's cosines with all 60,000 windows at once: 120 MB an array
    assert peak < 8 * 2**20, f"{peak / 2**20:.1f} MB"
    for (order, strongest), (order_w, strongest_w) in zip(pieces, whole):
        np.testing.assert_array_equal(order, order_w)
        np.testing.assert_allclose(strongest, strongest_w, atol=1e-6)  # float32 products, fewer rows at once


def test_a_whole_file_search_keeps_the_strongest_windows_of_the_last_few_blocks_only():
    rng = np.random.default_rng(1)
    index = _index({"a.md": _unit_rows(rng, 12 * support._BLOCK), "b.md": _unit_rows(rng, 50)})
    sentences = index.analysis.by_path["a.md"].sentences
    first = index._strongest(sentences[0], "b.md")
    for s in sentences[:: support._BLOCK]:
        index._strongest(s, "b.md")
    assert len(index._closest) == support._BLOCKS_KEPT
    again = index._strongest(sentences[0], "b.md")  # worked out again, the same
    np.testing.assert_array_equal(again[0], first[0])
    np.testing.assert_array_equal(again[1], first[1])


def _fake_model(texts):
    rng = np.random.default_rng(len(texts))
    return rng.normal(size=(len(texts), 8)).astype(np.float32)


@pytest.mark.parametrize("with_source", [False, True])
def test_a_one_run_encoder_lets_its_model_go_when_the_run_will_encode_nothing_more(with_source):
    # ~100 MB of a long file's peak; with a source, clause coverage encodes sentences less a part
    book = ROOT / "examples" / "rust-book-ch04-01"
    encoder = Encoder(keep_model=False)
    encoder._backend = _fake_model
    run(Settings(paths=(str(RUST_BOOK), str(book / "ko.rinthel-second-edition-776d8600.md")),
                 source=str(book / "en.upstream-3e9dc46a.md") if with_source else None), encoder)
    assert (encoder._backend is _fake_model) is with_source


def test_a_files_sketch_is_its_weighted_paragraph_mean_without_a_weighted_copy():
    rng = np.random.default_rng(2)
    paragraphs = tuple(Paragraph("a.md", i, 0, 1, "가" * int(n), None, False, ()) for i, n in enumerate(rng.integers(1, 400, 3000)))
    text = "".join(p.text for p in paragraphs)
    doc = Segmented(Document(path="a.md", role=Role.RENDERING, text=text, encoding="utf-8", lang="ko",
                             decoded=Decoded(text=text, encoding="utf-8", original=text)), paragraphs)
    vectors = _unit_rows(rng, len(paragraphs)).repeat(32, axis=1)  # 512 wide, as the encoder's
    scorer = align._PairScorer([doc], Encoder())
    scorer._profiles["a.md"] = align._Profile(align._Side(doc, vectors, ()), frozenset())
    tracemalloc.start()
    try:
        sketch = scorer.sketch(doc)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    weights = np.array([len(p.text) for p in paragraphs], dtype=np.float64)
    assert np.array_equal(sketch, align._unit_mean(vectors * weights[:, None]))  # to the bit
    assert peak < vectors.nbytes / 10, f"{peak / 2**20:.1f} MB beside {vectors.nbytes / 2**20:.1f} MB of vectors"
