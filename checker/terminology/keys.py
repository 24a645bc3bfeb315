"""Keys and display forms of terms: one key per English term, one per Korean term."""

from __future__ import annotations

import re
import unicodedata

# A Hangul syllable, and the letters of a word (for lookarounds): shared by the package.
WORD_CHAR = "가-힣A-Za-z0-9"


def en_key(term: str) -> str:
    """One key per English term: case-, plural-, hyphen- and spacing-insensitive.

    ``Fine-tuning``, ``fine tuning`` and ``finetuning`` share a key; so do ``models`` and
    ``model``, and ``pre-trained`` and ``pre-training`` (a participle names the same concept
    as its gerund; only the last word is changed, so ``masked model`` stays apart).
    """
    words = re.split(r"[\s\-_/]+", unicodedata.normalize("NFKC", term).strip().lower())
    words = [w for w in words if w]
    if not words:
        return ""
    words[-1] = _base_form(words[-1])
    return "".join(words)


def _base_form(word: str) -> str:
    if len(word) > 5 and word.endswith("ed") and not word.endswith("eed"):
        return word[:-2] + "ing"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes", "iases")):
        return word[:-2]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is", "as")):
        return word[:-1]  # bias, corpus, analysis, class are singular
    return word


def ko_key(term: str) -> str:
    """One key per Korean term, whatever its spacing and hyphens: ``사전학습``, ``사전 학습``;
    ``휴먼-인-더-루프``, ``휴먼 인 더 루프``."""
    return re.sub(r"[\s\-]+", "", unicodedata.normalize("NFKC", term)).lower()


def display(term: str) -> str:
    return re.sub(r"\s+", " ", term).strip()


def is_acronym(term: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z0-9]{1,7}s?", term))
