"""Decoding: encodings are recognised and recorded; broken input is named, not guessed at."""

from __future__ import annotations

import codecs

import pytest

from checker.decode import decode_bytes, language_of
from checker.repair import detect_mojibake
from checker.errors import InputError

from tests.paths import EXAMPLES, MOJIBAKE

KOREAN = "DeepSeek-OCR은 10-20배의 압축률을 달성합니다.\n두 번째 줄입니다.\n"


def _lossless_mojibake(text: str) -> str:
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


@pytest.mark.parametrize(
    "data, encoding",
    [
        (KOREAN.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + KOREAN.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + KOREAN.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + KOREAN.encode("utf-16-be"), "utf-16"),
        (codecs.BOM_UTF32_LE + KOREAN.encode("utf-32-le"), "utf-32"),
        (KOREAN.encode("euc-kr"), "euc-kr"),
        ("똠방각하 햏 " .encode("cp949") + KOREAN.encode("cp949"), "cp949"),  # 똠, 햏 are outside EUC-KR
        (b"plain ASCII text\n", "utf-8"),
    ],
)
def test_encodings_decode_and_are_recorded(data, encoding):
    decoded = decode_bytes("f.txt", data)
    assert decoded.encoding == encoding
    assert decoded.text.endswith(KOREAN) or decoded.text == "plain ASCII text\n"
    assert not decoded.text.startswith("\ufeff")
    assert decoded.repair is None and decoded.original == decoded.text


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image)"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "binary file (a JPEG image)"),
        (b"%PDF-1.7\n", "binary file (a PDF document)"),
        (b"abc\x00def\x00", "binary file (NUL bytes"),
        (bytes(range(0x80, 0x100)) * 4, "not UTF-8"),
        (codecs.BOM_UTF8, "empty file"),
    ],
)
def test_broken_input_is_an_input_error(data, problem):
    with pytest.raises(InputError) as caught:
        decode_bytes("bad.bin", data)
    assert caught.value.path == "bad.bin"
    assert caught.value.problem.startswith(problem)


@pytest.mark.parametrize("name", ["001_3b669d72a2bc1990.txt", "002_56b1a48b12fb120d.txt", "003_d97949ae6726edfb.txt"])
def test_clean_korean_is_never_mojibake(name):
    decoded = decode_bytes(name, (EXAMPLES / name).read_bytes())
    assert decoded.repair is None
    assert decoded.replacement_chars == 0


@pytest.mark.parametrize(
    "text",
    [
        "Café au lait, naïve façade, Ångström, Zürich, São Paulo.",
        "Größe: 5 µm ± 0.2 — “quoted” and ‘single’ … € 10 ™",
        "한국어와 français가 섞인 문장: élève, être, où.",
    ],
)
def test_accented_latin_is_not_mojibake(text):
    assert not detect_mojibake(text)
    assert decode_bytes("f.txt", text.encode("utf-8")).repair is None


def test_seed_000_is_repaired_in_memory_and_mapped_back():
    decoded = decode_bytes("000", MOJIBAKE.read_bytes())
    assert decoded.encoding == "utf-8"
    assert decoded.repair is not None and decoded.repair.wrong_codec == "cp1252"
    assert decoded.text.startswith("# 🥇 **이번 주 주요 AI 논문**")
    assert decoded.original == MOJIBAKE.read_text(encoding="utf-8")
    assert not decoded.still_broken


def test_lossless_mojibake_is_repaired_exactly():
    text = "# 이번 주 주요 AI 논문\n\nDeepSeek-OCR은 새로운 시각 인코더 아키텍처를 사용합니다.\n"
    decoded = decode_bytes("f.txt", _lossless_mojibake(text).encode("utf-8"))
    assert decoded.text == text
    assert decoded.repair.guessed == 0


@pytest.mark.parametrize(
    "text, lang",
    [
        ("DeepSeek-OCR은 새로운 시각 인코더 아키텍처(vision encoder architecture)를 사용합니다.", "ko"),
        ("DeepSeek-OCR uses a new vision encoder architecture to compress long contexts.", "en"),
        ("Rust의 소유권(ownership) 규칙", "ko"),
    ],
)
def test_language_of(text, lang):
    assert language_of(text) == lang


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("name", ["001_3b669d72a2bc1990.txt", "003_d97949ae6726edfb.txt"])
def test_utf16_without_a_byte_order_mark_is_told_by_its_nul_bytes(name, codec):
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    decoded = decode_bytes(name, text.encode(codec))
    assert (decoded.encoding, decoded.text) == (codec, text)


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,  # every byte value, NULs on both sides
        b"\x00\x01\x02\x03" * 500,
        "漢字".encode("utf-16-le") * 300 + b"\x00\x00" * 100,  # NULs on both sides of a pair
    ],
)
def test_binary_with_nul_bytes_stays_refused(data):
    with pytest.raises(InputError) as caught:
        decode_bytes("bad.bin", data)
    assert caught.value.problem.startswith("binary file")


def test_a_few_bytes_that_are_not_utf8_are_read_and_recorded():
    text = (EXAMPLES / "003_d97949ae6726edfb.txt").read_text(encoding="utf-8")
    data = text.encode("utf-8")
    at = data.index("압축".encode())
    decoded = decode_bytes("f.txt", data[:at] + b"\xff\xfe" + data[at:])
    [bad] = decoded.invalid
    assert (bad.data, bad.byte_offset) == (b"\xff\xfe", at)
    assert decoded.text[bad.offset] == "\ufffd" and decoded.text.replace("\ufffd", "", 1) == text
    assert decoded.encoding == "utf-8" and decoded.replacement_chars == 0


def test_a_file_mostly_not_utf8_is_refused_naming_the_first_bad_byte():
    data = b"line one\nab" + bytes(range(0x80, 0x100)) * 4
    with pytest.raises(InputError) as caught:
        decode_bytes("bad.txt", data)
    assert "byte 0x80 at line 2, column 3, offset 11" in caught.value.problem
