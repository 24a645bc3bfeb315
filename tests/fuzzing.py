"""Generated inputs and the properties they must keep, shared by tests/test_properties.py (few
examples, in CI) and bench/fuzz.py (many, by hand)."""

from __future__ import annotations

import codecs
from pathlib import Path

from hypothesis import strategies as st

from checker.models import Segmented
from checker.numbers import extract_numbers
from checker.repair import mojibake

KOREAN_SENTENCES = (
    "DeepSeek-OCR은 10배 압축에서 97%의 정확도를 유지합니다.",
    "하루 20만 페이지 이상을 단일 A100-40G GPU로 처리합니다.",
    "윈도우 어텐션(window attention) 기반의 SAM-base(8천만 매개변수)를 씁니다.",
    "이 모델은 `Vec<T>`와 `String`을 소유합니다.",
    "치명적 망각(catastrophic forgetting)은 미세 조정(fine-tuning)에서 흔합니다.",
    "1.  **Ring-1T**: 1조 개의 매개변수를 가진 모델은 약 500억 개가 활성화됩니다.",
    "| 모델 | 정확도 |\n| --- | --- |\n| GPT-4 | 89% |",
    "See Fig. 3 and e.g. the U.S. results (about 60%).",
)
# Inline pairs of one concept with competing Korean renderings: what the glossary learner counts.
VARIANTS = (
    "어텐션(attention)", "주의 메커니즘(attention)", "미세 조정(fine-tuning)", "파인튜닝(fine-tuning)",
    "치명적 망각(catastrophic forgetting)", "파국적 망각(catastrophic forgetting)",
)
# The characters the issue names: controls, bidi marks, joiners, conjoining jamo, full-width
# forms, lone surrogates; and the markup segmentation reads.
_SPECIAL = (
    [chr(c) for c in range(0x00, 0x20)] + ["\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffd"]
    + ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
    + ["\u200b", "\u200c", "\u200d", "\u2060"]
    + ["\u1100", "\u1161", "\u11a8", "\u1112", "\u1175", "\u302e", "\u0301", "\u0308"]
    + [chr(c) for c in range(0xFF01, 0xFF5F, 7)] + ["\u3000", "\uff10", "\uff19", "\uff05"]
    + ["\ud800", "\udbff", "\udc00", "\udfff"]
    + ["\n", "\n\n", "\r\n", "1. ", "**", "`", "```", "(", ")", "[", "]", "|", "<!--", "-->", "<b>", "</b>", "> ", "# "]
)
_HANGUL = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)


def hostile_text(max_size: int = 300) -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(_SPECIAL),
        st.sampled_from(KOREAN_SENTENCES),
        st.text(_HANGUL, min_size=1, max_size=5),
        st.characters(codec=None, exclude_categories=()),  # any code point, surrogates included
    )
    return st.lists(piece, max_size=max_size // 5).map("".join)


def clean_korean() -> st.SearchStrategy[str]:
    """Korean as written: syllables, spaces, digits, ASCII punctuation and the example sentences."""
    word = st.one_of(st.text(_HANGUL, min_size=1, max_size=4), st.sampled_from(KOREAN_SENTENCES),
                     st.integers(0, 10_000).map(str), st.sampled_from([".", ",", "(AI)", "GPU", "%"]))
    return st.lists(word, min_size=1, max_size=30).map(" ".join)


@st.composite
def rendering(draw) -> bytes:
    """A file as a user might give one: example sentences, shuffled and edited, hostile pieces
    inserted, in one of the encodings checker reads (or damaged on the way)."""
    sentences = draw(st.lists(st.sampled_from(KOREAN_SENTENCES + VARIANTS), min_size=1, max_size=8))
    noise = draw(st.lists(st.sampled_from(_SPECIAL[:-18] + ["10", "20만", "GPT-5"]), max_size=6))
    parts = list(sentences)
    for i, piece in enumerate(noise):
        parts.insert(draw(st.integers(0, len(parts))), piece if i % 2 else piece + " ")
    text = draw(st.sampled_from(["\n\n", "\n", " "])).join(parts)
    how = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp949", "mojibake", "damaged"]))
    if how in ("mojibake", "cp949"):
        text = "".join(ch for ch in text if not 0xD800 <= ord(ch) <= 0xDFFF)  # no such bytes to misread
    if how == "mojibake":
        return mojibake(text).encode("utf-8")
    if how == "damaged":
        data = text.encode("utf-8", errors="surrogatepass")
        at = draw(st.integers(0, len(data)))
        return data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at:]
    if how == "cp949":
        return text.encode("cp949", errors="replace")
    if how == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8", errors="surrogatepass")
    return text.encode(how, errors="surrogatepass")


_NUMBERS = ("20만", "8천만", "3억 5천만", "80M", "1,200만", "2.5억", "97%", "1-10M", "5~10만", "십만", "200K",
            "２０만", "0.1%", "100만~1,000만", "1,000", "2.8", "50B", "1조", "12.5%", "오백억")


@st.composite
def number_text(draw) -> str:
    """A number in one of the forms checker reads, or digits with a Korean or English scale."""
    if draw(st.booleans()):
        return draw(st.sampled_from(_NUMBERS)) + draw(st.sampled_from(["", " 페이지", "개", " tokens"]))
    scale = draw(st.sampled_from(["", "만", "억", "조", "K", "M", "B", "%", "천만"]))
    value = draw(st.integers(1, 9 if scale == "천만" else 9999))  # 8천만, never 12천만 (numbers.py)
    return f"{value:,}{scale}" if draw(st.booleans()) else f"{value}{scale}"


def canonical_digits(fact) -> str:
    """The value in plain digits (``80000000``, ``0.1%``, ``1000000-10000000``)."""
    def digits(v: float) -> str:
        return str(int(v)) if float(v).is_integer() else repr(v)

    value = digits(fact.low) if fact.low == fact.high else f"{digits(fact.low)}-{digits(fact.high)}"
    return value + ("%" if fact.kind == "percent" else "")


def check_segmented(segmented: Segmented) -> None:
    """Every paragraph and sentence is its own text at its offsets; sentences in order inside
    their paragraph; every number found in a sentence is that sentence's text at its offsets."""
    text = segmented.document.text
    last = -1
    for paragraph in segmented.paragraphs:
        assert text[paragraph.start : paragraph.end] == paragraph.text
        for sentence in paragraph.sentences:
            assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
            assert text[sentence.start : sentence.end] == sentence.text
            assert sentence.index > last
            last = sentence.index
            for fact in extract_numbers(sentence.text):
                assert sentence.text[fact.start : fact.end] == fact.text


def check_findings_point_at_their_text(result) -> None:
    """line and column fall inside the file as decoded, and the file holds the finding's text there."""
    for finding in result.findings:
        doc = result.analysis.by_path[finding.file].document
        lines = doc.decoded.original.split("\n")
        for line, column, text in [(finding.line, finding.column, finding.text)] + [
            (o.line, o.column, o.text) for o in finding.occurrences
        ]:
            assert 1 <= line <= len(lines), (finding, len(lines))
            assert 1 <= column <= len(lines[line - 1]) + 1, (finding, lines[line - 1])
            offset = sum(len(x) + 1 for x in lines[: line - 1]) + column - 1
            assert doc.decoded.original.startswith(text, offset), (finding.check, line, column, text)


def check_pipeline_on(texts: list[bytes], folder: Path, encoder) -> None:
    """Write the texts as files of one run, run the pipeline, and check where its findings point
    (an input checker refuses, with an InputError, is an answer too)."""
    from checker.config import Settings
    from checker.errors import InputError
    from checker.pipeline import run

    paths = []
    for i, data in enumerate(texts):
        path = folder / f"{i}.md"
        path.write_bytes(data)
        paths.append(str(path))
    try:
        result = run(Settings(tuple(paths)), encoder)
    except InputError:
        return
    check_findings_point_at_their_text(result)
