"""Which terms a repaired rendering can vouch for.

A file repaired from mojibake (or one the repair could not undo) holds guesses: ``말각`` for
망각, ``폴리핑`` for 클리핑. Its terms may be reported against the clean files, but they must
not decide what the clean files are measured against, and a term on a guessed syllable says
nothing about the translator.
"""

from __future__ import annotations

from ..models import Document


def is_repaired(document: Document) -> bool:
    """Repaired from mojibake, or mojibake still: its spelling is the repair's, not the translator's."""
    return document.decoded.repair is not None or document.decoded.still_broken


def on_uncertain(document: Document, start: int, end: int) -> bool:
    """Does start..end of the analysed text touch a syllable the repair guessed with a low margin?"""
    repair = document.decoded.repair
    if repair is None:
        return False
    # The pieces say which syllable was guessed; a span covers the whole broken word around it.
    guessed = [(p.out_start, p.out_end) for p in repair._pieces if p.uncertain] or [
        (s.repaired_start, s.repaired_end) for s in repair.spans if s.uncertain
    ]
    return any(a < end and start < b for a, b in guessed)
