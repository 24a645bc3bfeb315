"""Is a text mojibake? Telltale characters, complete misread sequences, and a diagnosis."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import HANGUL, count
from .cp1252 import (
    C1_CONTROLS,
    CHAR_TO_BYTE,
    CP1252_ONLY,
    decode_char,
    is_continuation,
    sequence_length,
)

_CONT_CHARS = "".join(sorted(ch for ch, b in CHAR_TO_BYTE.items() if is_continuation(b)))
LEAD_CHARS = {n: "".join(sorted(ch for ch, b in CHAR_TO_BYTE.items() if sequence_length(b) == n)) for n in (2, 3, 4)}
_CONT = "[" + re.escape(_CONT_CHARS) + "]"
COMPLETE_SEQUENCE = re.compile(
    "|".join(f"[{re.escape(LEAD_CHARS[n])}]{_CONT}{{{n - 1}}}" for n in (4, 3, 2))
)
REPLACEMENT = "\ufffd"


def is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def reverse_bytes(chars: str) -> bytes:
    return bytes(CHAR_TO_BYTE[c] for c in chars)


def is_telltale(ch: str) -> bool:
    """A character that clean text never spells with Latin-1 letters by accident.

    Hangul, punctuation, symbols and emoji decoded from a 3-4 byte run are strong
    evidence; a two-byte run (``Ã©``) or a CJK ideograph (``Café…”``) is weak.
    """
    cp = ord(ch)
    return (
        is_hangul(ch)
        or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F  # jamo
        or 0x2000 <= cp <= 0x2BFF or 0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFFEF
        or 0x1F000 <= cp <= 0x1FAFF
    )


@dataclass(frozen=True)
class MojibakeEvidence:
    """Complete, valid UTF-8 sequences found spelled out in single-byte characters."""

    strong: int  # decode to Hangul, punctuation, symbols or emoji
    weak: int  # decode to Latin letters or ideographs (could be genuine accents)

    @property
    def convincing(self) -> bool:
        return self.strong >= 1 or self.weak >= 3


def mojibake_evidence(text: str) -> MojibakeEvidence:
    strong = weak = 0
    for m in COMPLETE_SEQUENCE.finditer(text):
        ch = decode_char(reverse_bytes(m.group()))
        if ch is None:
            continue
        if is_telltale(ch):
            strong += 1
        else:
            weak += 1
    return MojibakeEvidence(strong=strong, weak=weak)


def detect_mojibake(text: str) -> bool:
    """True when the text contains UTF-8 read as a single-byte code page.

    Cheap (one regex pass). Clean Korean cannot match: Hangul is not a single-byte
    character. Clean English needs three accented-letter pairs like ``Ã©`` or one
    letter followed by two symbols that happen to spell Hangul or punctuation.
    """
    return mojibake_evidence(text).convincing


def guess_codec(text: str) -> str:
    """cp1252 unless only Latin-1's C1 controls stand in for 0x80-0x9F."""
    chars = set(text)
    if chars & CP1252_ONLY or not chars & C1_CONTROLS:
        return "cp1252"
    return "latin-1"


@dataclass(frozen=True)
class EncodingDiagnosis:
    """What state a text's encoding is in."""

    status: str  # "clean", "mojibake", "mixed" (clean Korean next to mojibake), "replacement"
    wrong_codec: str | None
    mojibake_sequences: int  # complete mis-decoded sequences found
    replacement_chars: int  # U+FFFD in the text (the original bytes are gone)
    clean_hangul: int  # Hangul syllables that are already correct


def diagnose(text: str) -> EncodingDiagnosis:
    """Classify a text: clean UTF-8, mojibake, mixed, or damaged by U+FFFD."""
    evidence = mojibake_evidence(text)
    hangul = count(HANGUL, text)
    replacements = text.count(REPLACEMENT)
    if evidence.convincing:
        status = "mixed" if hangul else "mojibake"
        codec = guess_codec(text)
    else:
        status = "replacement" if replacements else "clean"
        codec = None
    return EncodingDiagnosis(status, codec, evidence.strong + evidence.weak, replacements, hangul)
