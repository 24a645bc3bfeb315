"""Matching Korean terms through particles and spacing: ``사전학습을`` is an occurrence of
``사전 학습``, ``학습률`` is none of ``학습``."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .keys import PARTICLES, WORD_CHAR, ko_key

# What may follow a term inside its word: plural 들, particles (two at most), the copula,
# and 하다/되다/시키다 with their endings. Anything else means a longer, different word.
_DERIVED = "하|되|시키|시켜|시킨|한|할|함|해|했|된|될|됨|돼|됐"
_SUFFIX = f"(?:들)?(?:(?:{'|'.join(PARTICLES)}){{1,2}}|(?:{_DERIVED})[가-힣]{{0,5}})?"
_END_OF_WORD = f"(?![{WORD_CHAR}])"
# Matched after a term's own pattern: compiled once, not into each of a run's hundreds of terms
# (the alternation of particles made compiling them most of the term check's time).
_AFTER_TERM = re.compile(f"{_SUFFIX}{_END_OF_WORD}", re.IGNORECASE)
_WORD_START = re.compile(f"(?<![{WORD_CHAR}])[{WORD_CHAR}]")


@dataclass(frozen=True)
class TermMatch:
    key: str  # ko_key of the term found
    start: int  # the term as written, without its particle
    end: int


class TermMatcher:
    """Finds Korean terms at word starts, spacing- and particle-aware, longest term first."""

    def __init__(self, terms: Iterable[str]):
        by_first: dict[str, list[str]] = defaultdict(list)
        for key in {ko_key(t) for t in terms if ko_key(t)}:
            by_first[key[0]].append(key)
        self._patterns = {
            first: [(key, _term_pattern(key)) for key in sorted(keys, key=lambda k: (-len(k), k))]
            for first, keys in by_first.items()
        }

    def find(self, text: str) -> list[TermMatch]:
        matches = []
        position = 0
        for word in _WORD_START.finditer(text):
            if word.start() < position:
                continue
            for key, pattern in self._patterns.get(word.group().lower(), ()):
                match = pattern.match(text, word.start())
                after = _AFTER_TERM.match(text, match.end()) if match else None
                if after:
                    matches.append(TermMatch(key, match.start(), match.end()))
                    position = after.end()
                    break
        return matches


def _term_pattern(key: str) -> re.Pattern[str]:
    # Spaces and hyphens may fall between any two letters: translators space compounds freely.
    # A 적 inside the key may be written 적인 (see keys.ko_key); not before a 인 of the key itself,
    # so that the pattern has one way to match at a place, and matching what follows the term
    # apart is the same as matching both at once.
    body = r"[\s\-]*".join(
        re.escape(ch) + (r"(?:인(?=\s))?" if ch == "적" and key[i + 1 : i + 2] not in ("", "인") else "")
        for i, ch in enumerate(key)
    )
    return re.compile(body, re.IGNORECASE)
