"""Texts the repair tests share: the examples, clean sentences, a Hangul strategy."""

from __future__ import annotations

import difflib
from pathlib import Path

from hypothesis import strategies as st

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples" / "2025-10-w4"

SEED = "000_8b22f52c2dcbb72c.txt"

CLEAN = ("001_3b669d72a2bc1990.txt", "002_56b1a48b12fb120d.txt", "003_d97949ae6726edfb.txt")

SENTENCES = (
    "이번 주 주요 AI 논문",
    "이 모델은 긴 문맥을 처리합니다.",
    "에이전트가 도구를 사용하여 웹을 탐색합니다.",
    "핵심 아이디어는 간단합니다: 압축하고, 다시 복원합니다.",
    "강화 학습(reinforcement learning)으로 추론 능력을 향상시킵니다.",
    "데이터셋은 1,000개의 예제로 구성됩니다.",
)

ENGLISH = (
    "Top AI papers of the week",
    "A “smart” quote — and an ellipsis… ± 3 °C",
    "Café, naïve, Noël, Straße, Ærø",  # accented letters are not mojibake
    "Paper | Tweet\n\n============\n",
    "",
)

def read(name: str) -> str:
    return (EXAMPLES / name).read_text(encoding="utf-8")

def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()

KOREAN_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3),
        st.sampled_from(list("abcXYZ019 .,:()*#|-") + list("“”—…·→✓🥇")),
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: any("\uac00" <= c <= "\ud7a3" for c in s))
