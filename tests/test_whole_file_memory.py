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

from checker.align import chrf, sentence_vectors
from checker.decode import decode_bytes, language_of
from checker.embed import Encoder
from checker.models import Sentence
from checker.text import _NOT_TERMS, HANGUL, anchors, count, kept_tokens, prose

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
