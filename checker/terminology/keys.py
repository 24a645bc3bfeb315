"""Keys and display forms of terms: one key per English term, one per Korean term."""

from __future__ import annotations

import re
import unicodedata

# A Hangul syllable, and the letters of a word (for lookarounds): shared by the package.
WORD_CHAR = "가-힣A-Za-z0-9"

# What may follow a term inside its word: plural 들, particles (two at most), the copula.
PARTICLES = sorted(
    (
        "은 는 이 가 을 를 의 에 에서 에게 께 한테 으로 로 와 과 도 만 까지 부터 보다 처럼 마다 조차 마저 뿐 "
        "이나 나 이란 란 이라 라 이라는 라는 이라고 라고 이라면 라면 으로서 로서 으로써 로써 으로부터 로부터 에게서 "
        "이든 든 이며 며 이고 고 이다 다 입니다 이죠 죠 인 일 임 이지만 지만 이므로 므로 이면 면 이자 자 이야 야 "
        "이었 였 이어서 여서 이어야 여야 이에요 예요 인지 인데 인가 이라도 라도 같이 밖에 대로 "
    ).split(),
    key=len,
    reverse=True,
)
# The particles closing a word (pairs cuts them off a loanword Kiwi does not know).
PARTICLE_TAIL = re.compile(f"(?:들)?(?:{'|'.join(PARTICLES)}){{1,2}}$")
# 잠재적인 추론 능력 / 잠재적 추론 능력: a noun in -적 modifies the next one with or without 인.
_JEOK_IN = re.compile(r"적인(?=\s+[가-힣A-Za-z0-9])")


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
    ``휴먼-인-더-루프``, ``휴먼 인 더 루프``; and with or without the 인 of a modifier in -적:
    ``잠재적인 추론 능력``, ``잠재적 추론 능력`` (only before another word: ``목적인`` alone is
    "is the purpose")."""
    term = _JEOK_IN.sub("적", unicodedata.normalize("NFKC", term))
    return re.sub(r"[\s\-]+", "", term).lower()


def without_particles(key: str) -> str:
    """The key less the particles closing it (``트레잇을`` -> ``트레잇``); the key itself when
    nothing would be left. Only for comparing two variants of one concept: many nouns end in a
    syllable that is also a particle (결과, 속도, 정의)."""
    tail = PARTICLE_TAIL.search(key)
    return key[: tail.start()] if tail and tail.start() > 0 else key


def display(term: str) -> str:
    return re.sub(r"\s+", " ", term).strip()


def is_acronym(term: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z0-9]{1,7}s?", term))
