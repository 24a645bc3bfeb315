"""Bytes to text: byte-order marks, UTF-16/32, CP949/EUC-KR, and mojibake detection.

Korean files in the wild come as UTF-8 (with or without BOM), UTF-16 with BOM
(Windows editors) and CP949/EUC-KR (older Korean tools). A file whose UTF-8
bytes were once read as Windows-1252 decodes "successfully" as UTF-8 and must be
recognised by its shape instead (runs like ``ì´ë²ˆ`` that turn back into Hangul)
and is repaired in memory by ``checker.repair``.

Damaged files are read where they can be, and refused where they cannot:
- UTF-8 with a few bad bytes (at most ``_INVALID_SHARE`` of its non-ASCII characters, or at
  most ``_FEW_INVALID`` bytes where no legacy codec reads the file): each run of bad bytes is
  read as one U+FFFD and recorded (``Decoded.invalid``), so the ``encoding`` check reports it
  at its line and column. More than that is not damaged UTF-8: the legacy codecs (EUC-KR,
  CP949) are tried, and a file none of them reads is refused, naming the first bad byte's
  line, column and offset.
- UTF-16 without a byte-order mark: the NUL bytes of ASCII characters fall on one side of
  each pair (odd offsets little-endian, even big-endian), and the decoded text must be mostly
  Hangul, ASCII and punctuation; anything else with NUL bytes is binary and refused.
"""

from __future__ import annotations

import codecs
import re

from .errors import InputError
from .load import read_input
from .models import Decoded, Document, InvalidBytes, RawInput, Role
from .repair import detect_mojibake, repair_text
from .text import HANGUL, count

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
_INVALID_SHARE = 0.02  # of the non-ASCII characters: more bad bytes than this is another encoding
_FEW_INVALID = 8  # ... unless no other encoding reads the file and these are all
_ESCAPED = re.compile("[\udc80-\udcff]+")  # bytes that are not UTF-8, as surrogateescape keeps them
# What Korean and English text is made of: ASCII, Latin-1 letters, general and CJK punctuation, Hangul
# (syllables and jamo), full-width forms. A UTF-16 guess must be mostly this (Hanja are rare enough).
_TEXTLIKE = re.compile("[\t\n\r\x20-\x7e\xa0-\xff\u2000-\u206f\u3000-\u303f\u1100-\u11ff\u3130-\u318f"
                       "\uac00-\ud7a3\uff00-\uffef]")
_TEXTLIKE_SHARE = 0.95
_NUL_SHARE = 0.05  # of the characters: a UTF-16 text of Korean prose has spaces, digits, line breaks
_OTHER_SIDE = 0.25


def decode_bytes(path: str, data: bytes) -> Decoded:
    """Decode a file's bytes or raise InputError saying why they are not text."""
    if not data.strip():
        raise InputError(path, "empty file")
    text, encoding = _decode(path, data)
    replacement_chars = text.count("\ufffd")  # lost before the file was saved, not by us
    text, invalid = _replace_invalid(text, data) if encoding == "utf-8" else (text, ())
    if count(_CONTROL, text) > max(2, len(text) // 100):
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
        replacement_chars=replacement_chars,
        still_broken=repair is not None and detect_mojibake(repair.text),
        invalid=invalid,
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
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError(path, "binary file (NUL bytes, and not UTF-16 text), not text")
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_bad = error.start
    escaped = data.decode("utf-8", errors="surrogateescape")
    bad = sum(len(m.group()) for m in _ESCAPED.finditer(escaped))
    non_ascii = sum(1 for ch in escaped if ord(ch) > 0x7F)
    if bad <= _INVALID_SHARE * non_ascii:
        return escaped, "utf-8"  # UTF-8 with a few bad bytes: _replace_invalid reads them as U+FFFD
    for codec in ("euc-kr", "cp949"):  # euc-kr first: it is the stricter name for the same bytes
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    if bad <= _FEW_INVALID:
        return escaped, "utf-8"  # a short file with a bad byte or two that no legacy codec reads either
    line = data.count(b"\n", 0, first_bad) + 1
    column = len(data[data.rfind(b"\n", 0, first_bad) + 1 : first_bad].decode("utf-8", errors="replace")) + 1
    raise InputError(
        path,
        f"not UTF-8 (byte 0x{data[first_bad]:02x} at line {line}, column {column}, offset {first_bad}; "
        f"{bad} of its bytes are not UTF-8), UTF-16/32 or CP949/EUC-KR text",
    )


def _replace_invalid(text: str, data: bytes) -> tuple[str, tuple[InvalidBytes, ...]]:
    """The bytes surrogateescape kept (runs of bytes that are not UTF-8), each run as one U+FFFD."""
    if not _ESCAPED.search(text):
        return text, ()
    found = []
    out = []
    last = 0
    shift = 0  # characters fewer in the output than in ``text`` so far
    byte = 0  # offset in ``data`` of ``text[last]``
    for m in _ESCAPED.finditer(text):
        byte += len(text[last : m.start()].encode("utf-8"))
        run = bytes(ord(ch) - 0xDC00 for ch in m.group())
        found.append(InvalidBytes(offset=m.start() - shift, data=run, byte_offset=byte))
        out += [text[last : m.start()], "\ufffd"]
        byte += len(run)
        shift += len(run) - 1
        last = m.end()
    out.append(text[last:])
    return "".join(out), tuple(found)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text with no byte-order mark, told by where its NUL bytes fall; None if it is not."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    codec = "utf-16-le" if odd > even else "utf-16-be"
    # ASCII puts its NUL on one side; on the other only characters U+xx00 (가, 개, 거, ... in
    # little-endian): NULs on both sides alike, or too few for the spaces of a text, are binary.
    if min(even, odd) > _OTHER_SIDE * max(even, odd) or max(even, odd) < _NUL_SHARE * len(data) / 2:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if count(_TEXTLIKE, text) < _TEXTLIKE_SHARE * len(text):
        return None
    return text, codec


def language_of(text: str) -> str:
    """"ko" when a fair share of letters are Hangul, else "en"."""
    hangul = count(HANGUL, text)
    latin = count(_LATIN, text)
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
