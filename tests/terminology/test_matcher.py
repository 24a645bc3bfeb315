"""Matching through particles and spacing, never inside a longer word."""

from __future__ import annotations

import pytest

from checker.terminology.matcher import TermMatcher

MATCHES = [
    # (terms, text, found)
    (["사전 학습"], "사전학습을 마친 모델", ["사전학습"]),
    (["사전 학습"], "사전 학습된 모델", ["사전 학습"]),
    (["사전 학습"], "사전\n학습에서는", ["사전\n학습"]),
    (["학습"], "학습률을 낮춘다", []),
    (["학습", "사전 학습"], "사전 학습과 학습", ["사전 학습", "학습"]),
    (["전력 분포"], "전력 분포를 따른다", ["전력 분포"]),
    (["전력 분포"], "고전력 분포", []),
    (["토큰"], "토큰화가 끝난 토큰들은", ["토큰"]),
    (["어텐션"], "어텐션이다. 어텐션에서는", ["어텐션", "어텐션"]),
    (["휴먼 인 더 루프"], "휴먼-인-더-루프 방식", ["휴먼-인-더-루프"]),
    (["KV 캐시"], "KV캐시를 줄인다", ["KV캐시"]),
    (["추론"], "추론기가 추론한다", ["추론"]),
    (["모델"], "모델링과 모델의", ["모델"]),
    (["미세 조정"], "미세 조정하여", ["미세 조정"]),
    (["잠재적 추론 능력"], "잠재적인 추론 능력을 본다", ["잠재적인 추론 능력"]),
    (["잠재적인 추론 능력"], "잠재적 추론 능력이 있다", ["잠재적 추론 능력"]),
    (["긍정적 영향"], "긍정적인영향", []),  # 적인 is read as 적 only before a space: 적인영향 is one odd word
]


@pytest.mark.parametrize("terms, text, found", MATCHES, ids=[m[1] for m in MATCHES])
def test_matching_is_particle_and_spacing_aware_and_never_inside_a_word(terms, text, found):
    assert [text[m.start : m.end] for m in TermMatcher(terms).find(text)] == found
