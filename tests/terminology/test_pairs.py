"""Inline pairs: where the Korean term starts and ends, loose phrases, acronyms."""

from __future__ import annotations

import pytest

from checker.terminology.pairs import extract_pairs
from tests.terminology.texts import document

PAIRS = [
    # (text, [(Korean term, English term)], why)
    ("새로운 시각 인코더 아키텍처(vision encoder architecture, DeepEncoder)를 사용",
     [("시각 인코더 아키텍처", "vision encoder architecture")], "a list: the first term, not the name after it"),
    ("치명적 망각(catastrophic forgetting)을 겪으며", [("치명적 망각", "catastrophic forgetting")], "particle after"),
    ("이 구조는 윈도우 어텐션(window attention) 기반의", [("윈도우 어텐션", "window attention")], "noun phrase only"),
    ("이는 윈도우 어텐션이(window attention) 다량의 토큰을", [("윈도우 어텐션", "window attention")],
     "a particle before the parenthesis"),
    ("16배 컨볼루션 압축기(convolutional compressor)를 통해", [("컨볼루션 압축기", "convolutional compressor")],
     "a number and its counter are no part of the term"),
    ("거대 언어 모델(LLM)의 기억 체계", [("거대 언어 모델", "LLM")], "an acronym: a word per letter"),
    ("높은 광학 문자 인식(OCR) 성능", [("광학 문자 인식", "OCR")], "an acronym after an adjective"),
    ("가비지 컬렉터 (garbage collector, GC) 를 갖는", [("가비지 컬렉터", "garbage collector")],
     "spaces around the parenthesis"),
    ("이를 *후입선출 (last in, first out)* 이라 하지요", [], "a phrase, not a term"),
    ("데이터를 추가하는 것을 *스택에 푸시하기*\n> (*pushing on the stack*) 라고", [], "a phrase over a line break"),
    ("_소유권(ownership)_은 러스트 프로그램이", [("소유권", "ownership")], "Markdown emphasis around"),
    ("소유권 (ownership) 이라는 시스템을", [("소유권", "ownership")], "space before the parenthesis"),
    ("각각의 값은 해당값의 *오너*(*owner*)라고 불리우는", [("오너", "owner")], "emphasis inside and out"),
    ("스코프 밖으로 벗어나는 때, 값은 버려진다(dropped).", [], "a verb is no term"),
    ("위 코드의 문자열 리터럴 (string literal) 을 보면", [("문자열 리터럴", "string literal")],
     "a loanword Kiwi does not know"),
    ("바로 그 공간이 항상 스택의 꼭대기(top)이기 때문", [("꼭대기", "top")], "an unknown word with a particle"),
    ("YouTube 사전 훈련(pre-trained)된 VPT", [("사전 훈련", "pre-trained")], "a name the English leaves out"),
    ("LoRA는 보류된 작업(held-out tasks)에서", [("보류된 작업", "held-out tasks")], "a too short term takes its adjective"),
    ("고전적인 영향 함수(Classical influence functions)는", [("고전적인 영향 함수", "Classical influence functions")],
     "an adjective in 적인"),
    ("기존의 영향 함수(Classical influence functions)는", [], "a partial term is refused"),
    ("위치를 인코딩하는 장소 세포(mammalian place cells)", [], "a clause is no adjective"),
    ("새 배치에서 간섭을 최소화(minimizing interference)합니다", [], "too short for its English"),
    ("희소 메모리 미세 조정을 통한 지속 학습(Continual Learning via Sparse Memory Finetuning)", [], "a title"),
    ("모델이 매니폴드(Manifolds)를 조작할 때(When Models Manipulate Manifolds)", [("매니폴드", "Manifolds")],
     "the title after is no pair"),
    ("비가역 헤세 행렬(non-invertible Hessians)과 고차원 매개변수 공간(high-dimensional parameter spaces)으로",
     [("비가역 헤세 행렬", "non-invertible Hessians"), ("고차원 매개변수 공간", "high-dimensional parameter spaces")],
     "the particle after a parenthesis does not start the next term"),
    ("상상 RL(imagination RL)(행동 사전(behavioral prior)을 가진 PMPO)",
     [("상상 RL", "imagination RL"), ("행동 사전", "behavioral prior")], "nested parentheses"),
    ("VPT(파인튜닝(finetuning)됨) 및", [("파인튜닝", "finetuning")], "a pair inside another parenthesis"),
    ("이 시스템은 다중 해상도 모드(multi-resolution mode: 64~400 토큰)를 지원", [("다중 해상도 모드", "multi-resolution mode")],
     "a colon ends the term"),
    ("이 방법은 fine-tuning(미세 조정)을 대신합니다", [("미세 조정", "fine-tuning")], "English first, Korean inside"),
    ("이 방법은 LoRA(저랭크 적응)를 씁니다", [], "a product name is not a term"),
    ("Tiny(64 토큰), Small(100 토큰)", [], "numbers inside are no term"),
    ("혁신적인 시각 정보 인코더 구조(DeepEncoder라는 명칭의 새로운 시각 처리 아키텍처)를", [], "a remark, not a term"),
    ("`String`(문자열) 타입", [], "code is not prose"),
    ("자세한 내용은 [소유권](ch04-01.html)을 보세요", [], "a link target"),
    ("KV 캐시(KV cache)를 작게 유지", [("KV 캐시", "KV cache")], "a Latin word the English repeats"),
    ("길고 짧은 배치(batch) 교차는", [("배치", "batch")], "a one-word term"),
    ("ColorAgent는 단계별 RL(step-wise RL)과", [("단계별 RL", "step-wise RL")], "an acronym kept in Korean"),
    ("모바일 운영 체제 에이전트(mobile OS agent)입니다", [("모바일 운영 체제 에이전트", "mobile OS agent")],
     "an acronym inside the English"),
    ("통해 최첨단(state-of-the-art, SOTA) 성능을", [("최첨단", "state-of-the-art")], "a hyphenated term"),
    ("하지만, *가비지 콜렉터(GC)* 를 갖고 있는", [("가비지 콜렉터", "GC")], "emphasis around the pair"),
    ("리터럴이 불변성 (immutable) 을 지니기", [("불변성", "immutable")], "an adjective rendered as a noun"),
    ("통상적인 미세 조정(standard finetuning)보다", [("미세 조정", "standard finetuning")],
     "the Korean leaves out a word of a compound English"),
    ("예시(e.g. attention)", [], "an abbreviation of a phrase"),
    ("오프라인 다이아몬드 챌린지(Offline Diamond Challenge), 즉", [("오프라인 다이아몬드 챌린지", "Offline Diamond Challenge")],
     "a name rendered word for word"),
    ("이 연구는 매우 중요합니다(very important).", [], "an adjective phrase"),
    ("메모리 계층 구조(Memory layer architecture)는", [("메모리 계층 구조", "Memory layer architecture")], "three words"),
    ("용량과 정확도(accuracy, latency)의", [("정확도", "accuracy")], "a list of two terms: the first one"),
]


@pytest.mark.parametrize("text, expected, why", PAIRS, ids=[p[2] for p in PAIRS])
def test_inline_pairs_and_their_boundaries(kiwi, text, expected, why):
    pairs = [p for p in extract_pairs(document(text), kiwi) if not p.loose]
    assert [(p.ko, p.en) for p in pairs] == expected
    for pair in pairs:
        assert " ".join(text[pair.start : pair.end].split()) == pair.ko  # offsets point at the term


@pytest.mark.parametrize(
    "text, phrase",
    [("값은 힙 영역(heap)에 있다", "힙 영역"), ("MID 토큰 블록 사이의 토큰 어텐션(attention)을", "토큰 어텐션"),
     ("잠재 변수(latent)를", "잠재 변수")],
)
def test_a_phrase_longer_than_its_english_is_loose(kiwi, text, phrase):
    [pair] = extract_pairs(document(text), kiwi)
    assert (pair.ko, pair.loose) == (phrase, True)


def test_english_files_have_no_pairs(kiwi):
    assert extract_pairs(document("Ownership (a set of rules) governs memory.", lang="en"), kiwi) == []


@pytest.mark.parametrize(
    "text, acronyms",
    [
        ("지역 베이즈 영향 함수(local Bayesian influence function, BIF)를", ("BIF",)),
        ("최첨단(state-of-the-art, SOTA) 성능을", ("SOTA",)),
        ("가비지 컬렉터 (garbage collector, GC) 를", ("GC",)),
        ("시각 인코더 아키텍처(vision encoder architecture, DeepEncoder)를", ()),
        ("강화 학습(reinforcement learning, XYZ)으로", ()),
    ],
)
def test_an_acronym_after_a_term_abbreviates_it(kiwi, text, acronyms):
    [pair] = extract_pairs(document(text), kiwi)
    assert pair.acronyms == acronyms
