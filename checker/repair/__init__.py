"""Detect and repair mojibake: UTF-8 Korean that was decoded as Windows-1252 or Latin-1.

A Korean syllable is three UTF-8 bytes (``EC 9D B4`` for 이). Read as Windows-1252
each byte becomes a character (``ì`` + ``\x9d`` + ``´``) and saving that text as
UTF-8 freezes the damage. Reversing it is a byte-for-byte table lookup, except
that real pipelines lose bytes on the way: the bytes Windows-1252 leaves undefined
(0x81, 0x8D, 0x8F, 0x90, 0x9D) vanish, and so, in example 000, do 0x8E and 0x9E;
a no-break space (0xA0) may become an ordinary space and a soft hyphen (0xAD)
disappears. Then ``ì´`` is the lead byte and one continuation byte of a syllable
whose other byte had one of eight values in one of two places: sixteen
candidate syllables, only one of them Korean in context.

So the repair reads each broken line as a lattice: every lead byte proposes the
characters its observed bytes plus lost ones could have been (and whether a space
after it was a no-break space). A character bigram model of Korean
(``SyllableModel``, built from Korean text the benchmark does not test on; see
``checker/data/README.md``) finds the best path with Viterbi, and a backward pass
gives every guess its rivals' scores. Each guess is then rescored in its word
context with Kiwi's morphological analysis (log-probability of the best
analysis), which knows that 에이전트 is a word and 역이전트 is not. Double mojibake
is undone layer by layer; the outer layer, whose output is still mojibake, is
scored with the model's mojibake twin, and Kiwi reads its windows decoded once more.

ASCII (English terms, numbers, Markdown) is never changed; lines of clean Korean
beside broken ones are left alone; text that is not mojibake comes back as it is,
so repairing is idempotent.

Modules, in the order they build on each other: ``cp1252`` (byte tables), ``simulate`` (the
corruption simulator, for tests, benchmarks and the model's misread twin), ``detect``,
``model`` (the syllable bigram model), ``lattice`` (candidate readings, Viterbi, Kiwi
rescoring) and ``layers`` (whole texts, layer by layer, with offset maps).
"""

from .detect import EncodingDiagnosis, MojibakeEvidence, detect_mojibake, diagnose
from .layers import repair_text
from .model import SyllableModel, default_model, model_token
from .simulate import AS_SEEN_IN_000, LATIN1, LOSSLESS, LOSSY, Corruption, mojibake

__all__ = [
    "AS_SEEN_IN_000",
    "LATIN1",
    "LOSSLESS",
    "LOSSY",
    "Corruption",
    "EncodingDiagnosis",
    "MojibakeEvidence",
    "SyllableModel",
    "default_model",
    "detect_mojibake",
    "diagnose",
    "model_token",
    "mojibake",
    "repair_text",
]
