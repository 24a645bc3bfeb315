"""The character bigram model of Korean that scores candidate readings (``checker/data/ko_bigrams.tsv.gz``)."""

from __future__ import annotations

import functools
import gzip
import math
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Iterable

from .detect import is_hangul
from .simulate import LOSSY, mojibake

START = "\n"  # texts and lines start after a newline


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
            prev = START
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
    if is_hangul(tok):
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



# log-probability charged for leaving a lead letter as it is inside mojibake:
# that needs a clean word in a broken line, which is rare but happens (Noël).
