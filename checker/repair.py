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
"""

from __future__ import annotations

import bisect
import functools
import gzip
import math
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from itertools import combinations, product
from typing import Callable, Iterable, Sequence

from .models import RepairPiece, RepairResult, RepairSpan, repair_offset_to_input as _to_input

# --------------------------------------------------------------------------- bytes

# Bytes that Windows-1252 does not define: a lossy decoder drops them.
UNDEFINED_CP1252 = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
SOFT_HYPHEN = 0xAD  # decodes to U+00AD, which editors and pipelines tend to drop
NO_BREAK_SPACE = 0xA0  # decodes to U+00A0, which pipelines tend to turn into a space
# Every value a lost continuation byte may have had. Besides the undefined bytes and
# the soft hyphen, real files also lose 0x8E and 0x9E (Ž, ž: characters older
# Windows-1252 tables lack); the seed example 000 has no Ž or ž at all.
LOST_BYTES = UNDEFINED_CP1252 + (0x8E, 0x9E, SOFT_HYPHEN)
_MAX_LOST_PER_CHAR = 2


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
_CP1252_ONLY = frozenset(bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in UNDEFINED_CP1252)
_C1_CONTROLS = frozenset(chr(b) for b in range(0x80, 0xA0))


def _sequence_length(lead: int) -> int:
    """Length of the UTF-8 sequence a lead byte starts, 0 if it is no lead byte."""
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _is_continuation(byte: int | None) -> bool:
    return byte is not None and 0x80 <= byte <= 0xBF


def _decode_char(raw: bytes) -> str | None:
    """The one character these bytes encode, or None (invalid, overlong, surrogate)."""
    try:
        ch = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return ch if len(ch) == 1 else None


# ------------------------------------------------------------------ corruption model


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


# ----------------------------------------------------------------------- detection

_CONT_CHARS = "".join(sorted(ch for ch, b in CHAR_TO_BYTE.items() if _is_continuation(b)))
_LEAD_CHARS = {n: "".join(sorted(ch for ch, b in CHAR_TO_BYTE.items() if _sequence_length(b) == n)) for n in (2, 3, 4)}
_CONT = "[" + re.escape(_CONT_CHARS) + "]"
_COMPLETE_SEQUENCE = re.compile(
    "|".join(f"[{re.escape(_LEAD_CHARS[n])}]{_CONT}{{{n - 1}}}" for n in (4, 3, 2))
)
_HANGUL_SYLLABLE = re.compile("[\uac00-\ud7a3]")
_REPLACEMENT = "\ufffd"


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _reverse_bytes(chars: str) -> bytes:
    return bytes(CHAR_TO_BYTE[c] for c in chars)


def _is_telltale(ch: str) -> bool:
    """A character that clean text never spells with Latin-1 letters by accident.

    Hangul, punctuation, symbols and emoji decoded from a 3-4 byte run are strong
    evidence; a two-byte run (``Ã©``) or a CJK ideograph (``Café…”``) is weak.
    """
    cp = ord(ch)
    return (
        _is_hangul(ch)
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


def _evidence(text: str) -> MojibakeEvidence:
    strong = weak = 0
    for m in _COMPLETE_SEQUENCE.finditer(text):
        ch = _decode_char(_reverse_bytes(m.group()))
        if ch is None:
            continue
        if _is_telltale(ch):
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
    return _evidence(text).convincing


def _guess_codec(text: str) -> str:
    """cp1252 unless only Latin-1's C1 controls stand in for 0x80-0x9F."""
    chars = set(text)
    if chars & _CP1252_ONLY or not chars & _C1_CONTROLS:
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
    evidence = _evidence(text)
    hangul = len(_HANGUL_SYLLABLE.findall(text))
    replacements = text.count(_REPLACEMENT)
    if evidence.convincing:
        status = "mixed" if hangul else "mojibake"
        codec = _guess_codec(text)
    else:
        status = "replacement" if replacements else "clean"
        codec = None
    return EncodingDiagnosis(status, codec, evidence.strong + evidence.weak, replacements, hangul)


# -------------------------------------------------------------------- Korean model

_START = "\n"  # texts and lines start after a newline


def model_token(ch: str) -> str:
    """The unit the bigram model counts: a syllable, or a class for ASCII letters/digits."""
    if "a" <= ch <= "z" or "A" <= ch <= "Z":
        return "a"
    if "0" <= ch <= "9":
        return "0"
    if ch in " \t\u00a0":
        return " "
    return ch


@dataclass(frozen=True)
class SyllableModel:
    """Interpolated (Witten-Bell) character bigram model of technical Korean.

    Counts are over ``model_token``s, so English words and numbers are classes and
    the model spends its detail on Hangul. Build it with ``from_texts`` (pure) and
    ship it with ``to_tsv``; ``default_model()`` loads the shipped one.
    """

    unigrams: dict[str, int] = field(repr=False)
    bigrams: dict[str, dict[str, int]] = field(repr=False)
    total: int = 0
    # Back-off mass for tokens the corpus never saw, in pseudo-counts.
    unseen_weight: float = 50.0
    _logprobs: dict = field(default_factory=dict, repr=False, compare=False)  # memo
    _row_totals: dict = field(default_factory=dict, repr=False, compare=False)  # memo
    _derived: dict = field(default_factory=dict, repr=False, compare=False)  # memo

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "SyllableModel":
        """Count tokens and token bigrams; each text starts after a newline."""
        unigrams: dict[str, int] = {}
        bigrams: dict[str, dict[str, int]] = {}
        for text in texts:
            prev = _START
            for ch in text:
                tok = model_token(ch)
                unigrams[tok] = unigrams.get(tok, 0) + 1
                row = bigrams.setdefault(prev, {})
                row[tok] = row.get(tok, 0) + 1
                prev = tok
        return cls(unigrams, bigrams, sum(unigrams.values()))

    def misread(self) -> "SyllableModel":
        """The same statistics for Korean's lossy cp1252 mojibake, character by character.

        Scores the outer layer of double mojibake, whose output is mojibake again:
        a syllable bigram ``ab`` becomes the character bigrams inside ``m(a)`` and
        ``m(b)`` and the one across the junction.
        """
        if "misread" not in self._derived:
            self._derived["misread"] = _misread_model(self)
        return self._derived["misread"]

    def to_tsv(self) -> str:
        """Serialise as ``1\\ttoken\\tcount`` and ``2\\tprev\\ttoken\\tcount`` lines."""
        lines = [f"1\t{_escape(t)}\t{n}" for t, n in sorted(self.unigrams.items())]
        for p, row in sorted(self.bigrams.items()):
            lines += [f"2\t{_escape(p)}\t{_escape(t)}\t{n}" for t, n in sorted(row.items())]
        return "\n".join(lines) + "\n"

    @classmethod
    def from_tsv(cls, data: str) -> "SyllableModel":
        unigrams: dict[str, int] = {}
        bigrams: dict[str, dict[str, int]] = {}
        for line in data.splitlines():
            parts = line.split("\t")
            if parts[0] == "1":
                unigrams[_unescape(parts[1])] = int(parts[2])
            elif parts[0] == "2":
                bigrams.setdefault(_unescape(parts[1]), {})[_unescape(parts[2])] = int(parts[3])
        return cls(unigrams, bigrams, sum(unigrams.values()))

    def logprob(self, prev: str, tok: str) -> float:
        """log P(tok | prev), both ``model_token``s (memoised: the lattice asks often)."""
        key = (prev, tok)
        cached = self._logprobs.get(key)
        if cached is None:
            cached = self._logprobs[key] = self._interpolated(prev, tok)
        return cached

    def unigram_logprob(self, tok: str) -> float:
        base = _base_probability(tok)
        return math.log((self.unigrams.get(tok, 0) + self.unseen_weight * base) / (self.total + self.unseen_weight))

    def _interpolated(self, prev: str, tok: str) -> float:
        p_uni = math.exp(self.unigram_logprob(tok))
        row = self.bigrams.get(prev)
        if not row:
            return math.log(p_uni)
        count, distinct = self._row_stats(prev, row)
        return math.log((row.get(tok, 0) + distinct * p_uni) / (count + distinct))

    def _row_stats(self, prev: str, row: dict[str, int]) -> tuple[int, int]:
        stats = self._row_totals.get(prev)
        if stats is None:
            stats = self._row_totals[prev] = (sum(row.values()), len(row))
        return stats


def _misread_model(model: SyllableModel) -> SyllableModel:
    spelled = {t: mojibake(t, LOSSY) or t for t in model.unigrams}
    unigrams: dict[str, int] = {}
    bigrams: dict[str, dict[str, int]] = {}

    def add(prev: str, cur: str, n: int) -> None:
        row = bigrams.setdefault(model_token(prev), {})
        row[model_token(cur)] = row.get(model_token(cur), 0) + n

    for tok, n in model.unigrams.items():
        chars = spelled[tok]
        for ch in chars:
            unigrams[model_token(ch)] = unigrams.get(model_token(ch), 0) + n
        for a, b in zip(chars, chars[1:]):
            add(a, b, n)
    for prev, row in model.bigrams.items():
        for tok, n in row.items():
            add(spelled.get(prev, prev)[-1], spelled.get(tok, tok)[0], n)
    return SyllableModel(unigrams, bigrams, sum(unigrams.values()))


def _escape(tok: str) -> str:
    """Newlines and other unprintables as Python escapes, so every TSV line is one record."""
    return tok.encode("unicode_escape").decode("ascii") if not tok.isprintable() or tok == "\\" else tok


def _unescape(tok: str) -> str:
    return tok.encode("ascii").decode("unicode_escape") if tok.isascii() and "\\" in tok else tok


def _base_probability(tok: str) -> float:
    """Prior for a token the corpus never saw: Hangul and symbols plausible, controls not."""
    if _is_hangul(tok):
        return 1 / 22_000
    category = unicodedata.category(tok)[0] if len(tok) == 1 else "L"
    if category in "CZ" and tok not in "\u00a0":
        return 1e-9  # controls, format characters, unassigned: never the intended text
    return 1 / 60_000


_MODEL_FILE = "ko_bigrams.tsv.gz"


@functools.lru_cache(maxsize=1)
def default_model() -> SyllableModel:
    """The shipped model (see checker/data/README.md for what it was trained on)."""
    data = resources.files("checker").joinpath("data", _MODEL_FILE).read_bytes()
    return SyllableModel.from_tsv(gzip.decompress(data).decode("utf-8"))


# ------------------------------------------------------------------------- lattice

# log-probability charged for leaving a lead letter as it is inside mojibake:
# that needs a clean word in a broken line, which is rare but happens (Noël).
_KEEP_LEAD_PENALTY = math.log(1e-4)
# A guess is "uncertain" when its runner-up scored within log(100). On held-out
# text that flags ~2% of guesses and covers ~60% of the wrong ones.
_UNCERTAIN_MARGIN = math.log(100)


@dataclass(frozen=True)
class _Reading:
    """How to read a line: may lost bytes be reconstructed, and is the result itself
    mojibake (an outer layer of double encoding) or the final text?"""

    lossy: bool
    outer: bool = False


@dataclass(frozen=True)
class _Edge:
    """One way to read the input from ``start`` to ``end``: it emits ``out``."""

    start: int
    end: int
    out: str
    guessed: bool  # bytes were lost or altered and had to be reconstructed
    penalty: float = 0.0


# Stand-ins among the bytes that follow a lead byte.
_MAYBE_NBSP = -1  # a space: a no-break space (0xA0) that lost its meaning, or a real one
_UNKNOWN_BYTE = -2  # U+FFFD: one undefined byte, as ``errors="replace"`` leaves it


def _tail_items(text: str, start: int, limit: int) -> list[int]:
    """Bytes after a lead byte that may belong to it: continuations or stand-ins."""
    items: list[int] = []
    i = start
    while i < len(text) and len(items) < limit:
        ch = text[i]
        b = CHAR_TO_BYTE.get(ch)
        if ch == " ":
            items.append(_MAYBE_NBSP)
        elif ch == _REPLACEMENT:
            items.append(_UNKNOWN_BYTE)
        elif _is_continuation(b):
            items.append(b)
        else:
            break
        i += 1
    return items


def _fill_lost(observed: list[int], length: int) -> list[bytes]:
    """All continuation byte strings of ``length`` that contain ``observed`` in order.

    Lost bytes go anywhere among the observed ones and take any ``LOST_BYTES`` value.
    """
    missing = length - len(observed)
    if missing == 0:
        return [bytes(observed)]
    results = []
    for slots in combinations(range(length), missing):
        for values in product(LOST_BYTES, repeat=missing):
            seq, it_obs, it_val = [], iter(observed), iter(values)
            for k in range(length):
                seq.append(next(it_val) if k in slots else next(it_obs))
            results.append(bytes(seq))
    return results


def _expand_unknown(items: list[int]) -> list[list[int]]:
    """Replace each unknown byte by every undefined byte it may stand for."""
    choices = [UNDEFINED_CP1252 if b == _UNKNOWN_BYTE else (b,) for b in items]
    return [list(p) for p in product(*choices)]


def _lead_edges(text: str, i: int, lead: int, mode: _Reading) -> list[_Edge]:
    """Every character the lead byte at ``i`` and what follows it could have been."""
    n = _sequence_length(lead)
    items = _tail_items(text, i + 1, n - 1)
    edges: dict[tuple[int, str], _Edge] = {}
    for used in range(len(items) + 1):
        # Bytes this character leaves must be real spaces, never orphaned continuations.
        if any(b != _MAYBE_NBSP for b in items[used:]):
            continue
        missing = n - 1 - used
        altered = any(b < 0 for b in items[:used])  # a space or U+FFFD taken as a byte
        if (missing or altered) and not mode.lossy:
            continue
        if missing > _MAX_LOST_PER_CHAR or missing > 1 and _glued_to_ascii(text, i + 1 + used):
            continue
        observed = [NO_BREAK_SPACE if b == _MAYBE_NBSP else b for b in items[:used]]
        for concrete in _expand_unknown(observed):
            for tail in _fill_lost(concrete, n - 1):
                ch = _decode_char(bytes([lead]) + tail)
                if ch is None or (missing or altered) and not _plausible_guess(ch, mode):
                    continue
                key = (i + 1 + used, ch)
                if key not in edges:
                    edges[key] = _Edge(i, i + 1 + used, ch, guessed=bool(missing or altered))
    result = list(edges.values())
    if mode.lossy and result and all(e.guessed for e in result):
        result.append(_Edge(i, i + 1, text[i], guessed=False, penalty=_KEEP_LEAD_PENALTY))
    return result


def _plausible_guess(ch: str, mode: _Reading) -> bool:
    """Characters worth proposing for lost bytes: Hangul, punctuation, symbols, emoji
    and Latin-1 letters; never controls or ideographs (those come from a lead
    letter that was genuine, as the ``é`` of a stray ``José``). Under a second
    layer of mojibake only characters that are themselves one misread byte."""
    if mode.outer:
        return ch in CHAR_TO_BYTE and ch not in _C1_CONTROLS
    return _is_telltale(ch) or "\u00a0" <= ch <= "\u00ff"


def _glued_to_ascii(text: str, pos: int) -> bool:
    """An ASCII letter or digit right after a lead letter: ``Noël`` rather than a
    syllable that lost both its continuation bytes."""
    return pos < len(text) and text[pos].isascii() and text[pos].isalnum()


def _edges_at(text: str, i: int, mode: _Reading) -> list[_Edge]:
    ch = text[i]
    b = CHAR_TO_BYTE.get(ch)
    if b is not None and _sequence_length(b):
        edges = _lead_edges(text, i, b, mode)
        if edges:
            return edges
    return [_Edge(i, i + 1, ch, guessed=False)]


# ---------------------------------------------------------------------- the search


@dataclass
class _Lattice:
    """The readings of one line, the Viterbi path through them and both passes' scores.

    ``fwd[i][tok]`` is the best log-probability of the line up to position i ending
    in token ``tok``; ``bwd[i][tok]`` the best from i to the end given ``tok`` before.
    """

    lo: int
    hi: int
    edges_from: dict[int, list[_Edge]]
    fwd: dict[int, dict[str, tuple[float, tuple | None]]]
    bwd: dict[int, dict[str, float]]
    path: dict[int, _Edge]  # chosen edge by start position

    def through(self, e: _Edge, model: SyllableModel) -> float:
        """Best bigram score of a whole-line path that takes edge ``e``."""
        tok = model_token(e.out)
        rest = self.bwd.get(e.end, {}).get(tok, -math.inf)
        return max(
            (score + model.logprob(s, tok) + e.penalty + rest for s, (score, _) in self.fwd[e.start].items()),
            default=-math.inf,
        )


def _viterbi(text: str, lo: int, hi: int, mode: _Reading, model: SyllableModel) -> _Lattice:
    """Best reading of text[lo:hi] (one line) under the bigram model, plus backward scores."""
    edges_from: dict[int, list[_Edge]] = {}
    fwd: dict[int, dict[str, tuple[float, tuple | None]]] = {lo: {_START: (0.0, None)}}
    for i in range(lo, hi):
        states = fwd.get(i)
        if not states:
            continue  # inside a character some lead byte consumed
        edges = [e for e in _edges_at(text, i, mode) if e.end <= hi] or [_Edge(i, i + 1, text[i], False)]
        edges_from[i] = edges
        for e in edges:
            tok = model_token(e.out)
            target = fwd.setdefault(e.end, {})
            for s, (score, _) in states.items():
                cand = score + model.logprob(s, tok) + e.penalty
                if tok not in target or cand > target[tok][0]:
                    target[tok] = (cand, (i, s, e))
    bwd: dict[int, dict[str, float]] = {hi: {s: 0.0 for s in fwd[hi]}}
    for i in sorted(edges_from, reverse=True):
        bwd[i] = {
            s: max(
                model.logprob(s, model_token(e.out)) + e.penalty + bwd.get(e.end, {}).get(model_token(e.out), -math.inf)
                for e in edges_from[i]
            )
            for s in fwd[i]
        }
    path: dict[int, _Edge] = {}
    pos, tok = hi, max(fwd[hi], key=lambda s: fwd[hi][s][0])
    while pos != lo:
        _, (pos, tok, e) = fwd[pos][tok]
        path[e.start] = e
    return _Lattice(lo, hi, edges_from, fwd, bwd, path)


# How many readings of one lead byte Kiwi is asked about, and how far below the
# best bigram score a reading may be to be asked about at all.
_KIWI_CANDIDATES = 6
_KIWI_WINDOW = 2.0 * math.log(1e4)
_BIGRAM_WEIGHT = 1.5  # weight of the bigram log-probability next to Kiwi's (tuned on held-out text)


@functools.lru_cache(maxsize=1)
def _kiwi():
    from kiwipiepy import Kiwi  # heavy (~1 s, a 75 MB model): only for broken text

    return Kiwi()


def _kiwi_score(text: str) -> float:
    return _kiwi().analyze(text, top_n=1)[0][1]


def _substitute(path: dict[int, _Edge], old: _Edge, new: _Edge) -> None:
    """Replace one reading by a rival that may take or leave the spaces after it."""
    del path[old.start]
    path[new.start] = new
    for pos in range(old.end, new.end):  # spaces the new reading takes as 0xA0
        path.pop(pos, None)
    for pos in range(new.end, old.end):  # spaces the old one took, now real again
        path[pos] = _Edge(pos, pos + 1, " ", guessed=False)


def _window(path: dict[int, _Edge], lat: _Lattice, start: int, end: int, words: int = 1) -> tuple[int, int]:
    """Input positions around [start, end) that take in ``words`` words either side.

    Every rival reading is scored on the same stretch of input, so Kiwi compares
    like with like whether or not a reading swallows the space after it.
    """
    ends = {e.end: e for e in path.values()}
    lo, spaces = start, 0
    while lo > lat.lo and lo in ends and start - lo < 40:
        e = ends[lo]
        spaces += e.out == " "
        if spaces > words:
            break
        lo = e.start
    hi, spaces = end, 0
    while hi < lat.hi and hi in path and hi - end < 40:
        e = path[hi]
        spaces += e.out == " "
        if spaces > words:
            break
        hi = e.end
    return lo, hi


def _output(path: dict[int, _Edge], lo: int, hi: int) -> str:
    out, pos = [], lo
    while pos < hi:
        e = path[pos]
        out.append(e.out)
        pos = e.end
    return "".join(out)


def _rescore(lat: _Lattice, model: SyllableModel, scorer: Callable[[str], float] | None) -> dict[int, float]:
    """Revisit every guessed reading with ``scorer`` (Kiwi) in its word context.

    Left to right, so a later guess sees the earlier ones already fixed. Returns
    each guess's margin over its runner-up; without a scorer that is the bigram gap.
    """
    margins: dict[int, float] = {}
    for start in sorted(lat.path):
        chosen = lat.path.get(start)
        rivals = lat.edges_from.get(start, [])
        if chosen is None or len(rivals) < 2 or not any(e.guessed for e in rivals):
            continue
        totals = sorted(((lat.through(e, model), e) for e in rivals), key=lambda t: -t[0])
        best_total = totals[0][0]
        if scorer is None:
            margins[start] = best_total - totals[1][0]
            continue
        shortlist = [(t, e) for t, e in totals[:_KIWI_CANDIDATES] if t > best_total - _KIWI_WINDOW]
        if len(shortlist) < 2:
            margins[start] = best_total - totals[1][0]
            continue
        lo, hi = _window(lat.path, lat, start, max(e.end for _, e in shortlist))
        scored = []
        for total, e in shortlist:
            _substitute(lat.path, lat.path[start], e)
            scored.append((scorer(_output(lat.path, lo, hi)) + _BIGRAM_WEIGHT * total, e))
        scored.sort(key=lambda t: -t[0])
        _substitute(lat.path, lat.path[start], scored[0][1])
        margins[start] = scored[0][0] - scored[1][0]
    return margins


# ------------------------------------------------------------------------- results


def _line_bounds(text: str) -> list[tuple[int, int]]:
    bounds, lo = [], 0
    for m in re.finditer("\n", text):
        bounds.append((lo, m.start()))
        lo = m.end()
    bounds.append((lo, len(text)))
    return bounds


_ANY_LEAD = re.compile("[" + re.escape("".join(_LEAD_CHARS.values())) + "]")


def _line_is_lossy(line: str) -> bool:
    """Reconstruct lost bytes only where the line itself looks broken.

    A line of clean Korean next to a broken body (a repaired header) keeps its
    accented letters; a line without Hangul in a mojibake text is presumed broken.
    """
    return _evidence(line).strong > 0 or not _HANGUL_SYLLABLE.search(line)


def _read_line(text: str, lo: int, hi: int, layer: _Layer) -> list[RepairPiece]:
    """The changed characters of one line, as alignment pieces (output offsets unset)."""
    line = text[lo:hi]
    if not _ANY_LEAD.search(line):
        return []
    mode = _Reading(lossy=_line_is_lossy(line), outer=layer.outer)
    if not mode.lossy and not _COMPLETE_SEQUENCE.search(line):
        return []
    lattice = _viterbi(text, lo, hi, mode, layer.model)
    margins = _rescore(lattice, layer.model, layer.scorer)
    pieces = []
    for start in sorted(lattice.path):
        e = lattice.path[start]
        if e.out != text[e.start:e.end]:
            uncertain = e.guessed and margins.get(start, math.inf) < _UNCERTAIN_MARGIN
            pieces.append(RepairPiece(e.start, e.end, 0, len(e.out), True, e.guessed, uncertain, e.out))
    return pieces


@dataclass(frozen=True)
class _Layer:
    """How one layer of mojibake is read: which model, which rescorer, inner or outer."""

    model: SyllableModel
    scorer: Callable[[str], float] | None
    outer: bool


def _layer_for(text: str, model: SyllableModel, use_kiwi: bool) -> _Layer:
    if not _is_outer_layer(text):
        return _Layer(model, _kiwi_score if use_kiwi else None, outer=False)
    # The outer layer's output is mojibake: Kiwi judges it once decoded (bigrams only).
    scorer = (lambda s: _kiwi_score(_decode_snippet(s, model))) if use_kiwi else None
    return _Layer(model.misread(), scorer, outer=True)


def _decode_snippet(snippet: str, model: SyllableModel) -> str:
    """A quick reading of a few words of (single) mojibake: bigram Viterbi only."""
    lattice = _viterbi(snippet, 0, len(snippet), _Reading(lossy=True), model)
    return "".join(lattice.path[k].out for k in sorted(lattice.path))


def _is_outer_layer(text: str) -> bool:
    """Is this double mojibake, i.e. does undoing the complete sequences leave mojibake?"""
    once = _COMPLETE_SEQUENCE.sub(lambda m: _decode_char(_reverse_bytes(m.group())) or m.group(), text)
    return detect_mojibake(once)


def _repair_layer(text: str, model: SyllableModel, use_kiwi: bool) -> tuple[str, list[RepairPiece]]:
    """Undo one wrong decoding: the new text and its alignment to ``text``.

    On the outer layer of double mojibake the output is itself mojibake: the
    lattice is scored with the model's ``misread`` twin, and Kiwi, which reads
    Korean, sees each window only after a quick second decoding.
    """
    layer = _layer_for(text, model, use_kiwi)
    changed = [p for lo, hi in _line_bounds(text) for p in _read_line(text, lo, hi, layer)]
    pieces: list[RepairPiece] = []
    out: list[str] = []
    pos = out_len = 0
    for p in changed:
        if p.start > pos:  # the unchanged stretch before this character
            pieces.append(RepairPiece(pos, p.start, out_len, out_len + p.start - pos, False))
            out.append(text[pos:p.start])
            out_len += p.start - pos
        pieces.append(RepairPiece(p.start, p.end, out_len, out_len + len(p.out), True, p.guessed, p.uncertain, p.out))
        out.append(p.out)
        out_len += len(p.out)
        pos = p.end
    if pos < len(text):
        pieces.append(RepairPiece(pos, len(text), out_len, out_len + len(text) - pos, False))
        out.append(text[pos:])
    return "".join(out), pieces


def _compose(outer: list[RepairPiece], inner: list[RepairPiece]) -> list[RepairPiece]:
    """Alignment of a second layer (``inner``, over outer's output) back to the input.

    A character changed by either layer stays a changed piece; unchanged stretches
    of the inner layer are cut where the outer layer changed something.
    """
    starts = [p.out_start for p in outer]
    result = []
    for p in inner:
        if p.changed:
            result.append(RepairPiece(_to_input(outer, starts, p.start), _to_input(outer, starts, p.end),
                                 p.out_start, p.out_end, True, p.guessed, p.uncertain, p.out))
            continue
        shift = p.out_start - p.start
        k = max(0, bisect.bisect_right(starts, p.start) - 1)
        while k < len(outer) and outer[k].out_start < p.end:
            q = outer[k]
            a, b = max(q.out_start, p.start), min(q.out_end, p.end)
            if a < b or q.out_start == q.out_end == a:
                if q.changed:
                    result.append(RepairPiece(q.start, q.end, a + shift, b + shift, True, q.guessed, q.uncertain, q.out))
                else:
                    result.append(RepairPiece(q.start + a - q.out_start, q.start + b - q.out_start, a + shift, b + shift, False))
            k += 1
    return result


@dataclass(frozen=True)
class _SpanSummary:
    spans: tuple[RepairSpan, ...]
    guessed: int
    uncertain: int


def _summarise(pieces: list[RepairPiece]) -> _SpanSummary:
    """Merge adjacent changed pieces into spans (roughly one per broken word)."""
    runs: list[list[RepairPiece]] = []
    for p in pieces:
        if not p.changed:
            continue
        if runs and runs[-1][-1].end == p.start:
            runs[-1].append(p)
        else:
            runs.append([p])
    spans, guessed, uncertain = [], 0, 0
    for run in runs:
        is_guess = any(p.guessed for p in run)
        is_uncertain = any(p.uncertain for p in run)
        spans.append(RepairSpan(run[0].start, run[-1].end, run[0].out_start, run[-1].out_end, is_uncertain))
        guessed += is_guess
        uncertain += is_guess and is_uncertain
    return _SpanSummary(tuple(spans), guessed, uncertain)


_MAX_LAYERS = 3  # mojibake of mojibake of mojibake is the most anyone has seen


def repair_text(text: str, korean_model: SyllableModel | None = None, *, use_kiwi: bool = True) -> RepairResult:
    """Undo mojibake (possibly applied twice, possibly lossy); other text comes back as is.

    ``korean_model`` defaults to the shipped bigram model; ``use_kiwi`` rescoring of
    guessed syllables with Kiwi's morphological analysis is what makes lossy text
    come out right (off: bigrams alone, faster, a few more wrong syllables).
    """
    if not detect_mojibake(text):
        return RepairResult(text, None, (), 0, 0)
    model = korean_model or default_model()
    codecs: list[str] = []
    pieces: list[RepairPiece] | None = None
    current = text
    for _ in range(_MAX_LAYERS):
        if not detect_mojibake(current):
            break
        codec = _guess_codec(current)
        repaired, layer = _repair_layer(current, model, use_kiwi)
        if repaired == current:
            break
        codecs.append(codec)
        pieces = layer if pieces is None else _compose(pieces, layer)
        current = repaired
    if pieces is None:
        return RepairResult(text, None, (), 0, 0)
    summary = _summarise(pieces)
    return RepairResult(current, "+".join(codecs), summary.spans, summary.guessed, summary.uncertain, tuple(pieces))
