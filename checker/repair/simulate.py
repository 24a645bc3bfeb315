"""The corruption simulator: turns clean text into mojibake the way real pipelines do.

Used by the tests and benchmarks, and by the syllable model to spell its misread twin."""

from __future__ import annotations

from dataclasses import dataclass

from .cp1252 import LOST_BYTES, NO_BREAK_SPACE, SOFT_HYPHEN, UNDEFINED_CP1252


@dataclass(frozen=True)
class Corruption:
    """How a pipeline damaged UTF-8: the code page it misread the bytes with and
    what it lost on the way (used by the tests and the benchmark)."""

    codec: str = "cp1252"  # or "latin-1"
    dropped: frozenset[int] = frozenset(UNDEFINED_CP1252 + (SOFT_HYPHEN,))
    nbsp_to_space: bool = True


LOSSY = Corruption()  # what the issue describes
LOSSLESS = Corruption(dropped=frozenset(), nbsp_to_space=False)  # undefined bytes kept as C1 controls
LATIN1 = Corruption(codec="latin-1", dropped=frozenset(), nbsp_to_space=False)
# What example 000 shows: Ž and ž (0x8E, 0x9E) are gone too, no-break spaces stayed.
AS_SEEN_IN_000 = Corruption(dropped=frozenset(LOST_BYTES), nbsp_to_space=False)


def mojibake(text: str, corruption: Corruption = LOSSY, times: int = 1) -> str:
    """Encode as UTF-8 and read the bytes back with a single-byte code page, ``times`` over."""
    for _ in range(times):
        out = []
        for b in text.encode("utf-8"):
            if b in corruption.dropped:
                continue
            if b == NO_BREAK_SPACE and corruption.nbsp_to_space:
                out.append(" ")
            elif corruption.codec == "latin-1" or b < 0x80 or b in UNDEFINED_CP1252:
                out.append(chr(b))
            else:
                out.append(bytes([b]).decode(corruption.codec))
        text = "".join(out)
    return text
