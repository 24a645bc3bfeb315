"""Bytes to text: byte-order marks, UTF-16/32, CP949/EUC-KR, and mojibake detection.

Korean files in the wild come as UTF-8 (with or without BOM), UTF-16 with BOM
(Windows editors) and CP949/EUC-KR (older Korean tools). A file whose UTF-8
bytes were once read as Windows-1252 decodes "successfully" as UTF-8 and must be
recognised by its shape instead (runs like ``ì´ë²ˆ`` that turn back into Hangul)
and is repaired in memory by ``checker.repair``.
"""

from __future__ import annotations

import codecs
import re

from .errors import InputError
from .load import read_input
from .models import Decoded, Document, RawInput, Role
from .repair import detect_mojibake, repair_text
from .text import HANGUL

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x7fELF", "an executable"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"RIFF", "a RIFF (audio/image) file"),
)

_LATIN = re.compile("[A-Za-z]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_bytes(path: str, data: bytes) -> Decoded:
    """Decode a file's bytes or raise InputError saying why they are not text."""
    if not data.strip():
        raise InputError(path, "empty file")
    text, encoding = _decode(path, data)
    if len(_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise InputError(path, "binary file (control characters), not text")
    if not text.strip():
        raise InputError(path, "empty file")
    repair = None
    if detect_mojibake(text):
        repair = repair_text(text)  # in memory only: the file stays as it is
    return Decoded(
        text=repair.text if repair else text,
        encoding=encoding,
        original=text,
        repair=repair,
        replacement_chars=text.count("\ufffd"),
        still_broken=repair is not None and detect_mojibake(repair.text),
    )


def _decode(path: str, data: bytes) -> tuple[str, str]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"starts with a {codec} byte-order mark but is not valid {codec}: {exc.reason}") from None
            return text.lstrip("\ufeff"), codec
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"binary file ({what}), not text")
    if b"\x00" in data:
        raise InputError(path, "binary file (NUL bytes; UTF-16 without a byte-order mark is not supported), not text")
    for codec in ("utf-8", "euc-kr", "cp949"):  # euc-kr first: it is the stricter name for the same bytes
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise InputError(path, "not UTF-8, UTF-16/32 with a byte-order mark, or CP949/EUC-KR text")


def language_of(text: str) -> str:
    """"ko" when a fair share of letters are Hangul, else "en"."""
    hangul = len(HANGUL.findall(text))
    latin = len(_LATIN.findall(text))
    # Korean technical prose keeps many English terms: Hangul syllables are also
    # worth ~2.5 Latin letters each, so 20% of syllables means Korean.
    return "ko" if hangul >= 0.2 * (hangul + latin / 2.5) else "en"


def decode_document(raw: RawInput) -> Document:
    decoded = decode_bytes(raw.path, raw.data)
    return Document(
        path=raw.path,
        role=raw.role,
        text=decoded.text,
        encoding=decoded.encoding,
        lang=language_of(decoded.text),
        decoded=decoded,
    )


def read_document(path: str, role: Role) -> Document:
    """One file read and decoded, outside a run (``checker repair``, tests, benchmarks)."""
    return decode_document(read_input(path, role))
