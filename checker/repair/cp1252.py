"""How UTF-8 bytes look when Windows-1252 or Latin-1 reads them: the byte tables."""

from __future__ import annotations

# Bytes that Windows-1252 does not define: a lossy decoder drops them.
UNDEFINED_CP1252 = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
SOFT_HYPHEN = 0xAD  # decodes to U+00AD, which editors and pipelines tend to drop
NO_BREAK_SPACE = 0xA0  # decodes to U+00A0, which pipelines tend to turn into a space
# Every value a lost continuation byte may have had. Besides the undefined bytes and
# the soft hyphen, real files also lose 0x8E and 0x9E (Ž, ž: characters older
# Windows-1252 tables lack); the seed example 000 has no Ž or ž at all.
LOST_BYTES = UNDEFINED_CP1252 + (0x8E, 0x9E, SOFT_HYPHEN)
MAX_LOST_PER_CHAR = 2


def _build_char_to_byte() -> dict[str, int]:
    """Map each character a single-byte misreading can produce back to its byte."""
    table = {chr(b): b for b in range(0x80)}
    for b in range(0x80, 0x100):
        table[chr(b)] = b  # Latin-1 reading (C1 controls for 0x80-0x9F)
        try:
            table[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            pass  # undefined in cp1252: only the Latin-1 character above
    # Windows-1254 (Turkish) letters seen in the wild where cp1252 has lead bytes,
    # e.g. the emoji lead 0xF0 as "ğ". Only used inside a valid UTF-8 sequence.
    for ch in "ĞİŞğış":
        table.setdefault(ch, ch.encode("cp1254")[0])
    return table


CHAR_TO_BYTE = _build_char_to_byte()
CP1252_ONLY = frozenset(bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in UNDEFINED_CP1252)
C1_CONTROLS = frozenset(chr(b) for b in range(0x80, 0xA0))


def sequence_length(lead: int) -> int:
    """Length of the UTF-8 sequence a lead byte starts, 0 if it is no lead byte."""
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def is_continuation(byte: int | None) -> bool:
    return byte is not None and 0x80 <= byte <= 0xBF


def decode_char(raw: bytes) -> str | None:
    """The one character these bytes encode, or None (invalid, overlong, surrogate)."""
    try:
        ch = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return ch if len(ch) == 1 else None
