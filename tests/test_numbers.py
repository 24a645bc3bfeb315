"""checker.numbers: numeric facts read from Korean and English, and compared as values.

Sentences come from the bundled digests (001 and 003 render the same English
digest); the English references are written the way the source digest states them.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.numbers import NumericFact, compare_numbers, extract_numbers, same_quantity
from tests.paths import FREE, LEAD


def facts(text: str) -> list[tuple]:
    """(text, kind, low, high, qualifiers) of every fact, qualifiers as a sorted comma list."""
    return [(f.text, f.kind, f.low, f.high, ",".join(sorted(f.qualifiers))) for f in extract_numbers(text)]


def findings(reference: str, rendering: str) -> list[tuple[str, str, str]]:
    return [
        (m.rendering.text, m.reference.text, m.severity)
        for m in compare_numbers(extract_numbers(reference), extract_numbers(rendering))
    ]


def q(text: str, low: float, high: float | None = None, qualifiers: str = "") -> tuple:
    return (text, "quantity", low, low if high is None else high, qualifiers)


def of(kind: str, text: str, low: float, high: float | None = None, qualifiers: str = "") -> tuple:
    return (text, kind, low, low if high is None else high, qualifiers)


def name(kind: str, text: str) -> tuple:
    return (text, kind, None, None, "")


# --------------------------------------------------------------------------- parsing

PARSE_CASES = [
    # --- sentences of 001 and 003
    (
        "1,000개의 텍스트 토큰을 100개의 시각 토큰으로 10배 압축했을 때도 97%에 달하는 OCR 정확도를 유지하며, "
        "심지어 20배 압축 환경에서도 약 60%의 정확도를 보여주어",
        [q("1,000개", 1000), q("100개", 100), of("multiplier", "10배", 10), of("percent", "97%", 97),
         of("multiplier", "20배", 20), of("percent", "60%", 60, qualifiers="approx")],
    ),
    (
        "윈도우 어텐션(window attention) 기반의 SAM-base(8천만 매개변수)와 전역 어텐션(global attention) 기반의 "
        "CLIP-large(3억 매개변수)를 16배 컨볼루션 압축기(convolutional compressor)를 통해 융합합니다.",
        [q("8천만", 80_000_000), q("3억", 300_000_000), of("multiplier", "16배", 16)],
    ),
    ("DeepEncoder 아키텍처는 SAM-base(80M)와 CLIP-large(300M) 모델의 강점을 결합하여",
     [q("80M", 80_000_000), q("300M", 300_000_000)]),
    ("광학 문자 인식(OCR) 성능 저하 없이 10배에서 20배에 이르는 압축 효율을 선보입니다.",
     [of("multiplier", "10배에서 20배", 10, 20)]),
    ("높은 OCR 정확도(OCR accuracy)를 유지하면서 10-20배의 압축률을 달성합니다.", [of("multiplier", "10-20배", 10, 20)]),
    ("피드포워드 계층(feedforward layers)을 1백만에서 1천만 개의 슬롯을 가진 희소 매개변수 메모리 풀",
     [q("1백만에서 1천만", 1_000_000, 10_000_000)]),
    ("바깥쪽 루프는 0에서부터 2까지 셉니다.", [q("0에서부터 2", 0, 2)]),
    ("피드포워드 계층을 희소 매개변수 메모리 풀(1-10M 슬롯)로 대체하는", [q("1-10M", 1_000_000, 10_000_000)]),
    ("상위 t개의 슬롯(예: 100만 개 중 500개)만을 갱신함으로써", [q("100만", 1_000_000), q("500개", 500)]),
    ("각 순방향 전달에서 작은 하위 집합(예: 1만 개 매개변수)에만 접근하여", [q("1만", 10_000)]),
    ("1024x1024 고해상도 이미지에서도 단 256개의 시각 토큰만을 생성하며",
     [name("resolution", "1024x1024"), q("256개", 256)]),
    ("동적 타일링(dynamic tiling) 방식인 건담 모드(Gundam mode: n×100+256개 토큰)를 통해",
     [name("formula", "n×100+256")]),
    ("Tiny(64 토큰), Small(100 토큰), Base(256 토큰), Large(400 토큰)와 같은 다양한 기본 해상도",
     [q("64", 64), q("100", 100), q("256", 256), q("400", 400)]),
    ("GOT-OCR2.0을 256개 시각 토큰 대신 100개 시각 토큰만으로 능가하고",
     [name("identifier", "GOT-OCR2.0"), q("256개", 256), q("100개", 100)]),
    ("페이지당 6,000개 이상의 토큰을 처리하는 MinerU2.0을 800개 미만의 토큰으로 앞섭니다.",
     [q("6,000개", 6000, qualifiers="min"), name("identifier", "MinerU2.0"), q("800개", 800, qualifiers="max")]),
    ("단일 A100-40G GPU로 하루에 20만 페이지 이상을 처리하는 경이로운 처리량을 보여줍니다.",
     [name("identifier", "A100-40G"), q("20만", 200_000, qualifiers="min")]),
    ("약 100개 언어를 지원하는 다국어 인식(multilingual recognition)", [q("100개", 100, qualifiers="approx")]),
    ("70% OCR 데이터, 20% 일반 시각 데이터, 10% 텍스트 전용 데이터의 혼합 훈련",
     [of("percent", "70%", 70), of("percent", "20%", 20), of("percent", "10%", 10)]),
    ("표준 미세 조정은 89%의 성능 저하를 유발하고, LoRA는 보류된 작업(held-out tasks)에서 71%의 저하를 초래하여",
     [of("percent", "89%", 89), of("percent", "71%", 71)]),
    ("100-500개의 메모리 인덱스(memory indices)에 분산되어 있음을 보여줍니다.", [q("100-500개", 100, 500)]),
    ("Anthropic 연구팀은 Claude 3.5 Haiku가 고정된 너비의 텍스트에서 줄 바꿈(line break)을 예측하는 방식을",
     [name("identifier", "Claude 3.5")]),
    ("1차원 특징 매니폴드(one-dimensional feature manifolds)로 인코딩되기도 합니다.", [q("1차원", 1)]),
    ("특히 가장 큰 Pythia 모델(2.8B 매개변수)에서 동일한 GPU 메모리를 사용하면서도 2배 빠른 평가 속도를 보여주었습니다.",
     [q("2.8B", 2_800_000_000), of("multiplier", "2배", 2)]),
    ("블록 크기 B=192, α=4.0을 사용할 때 추론 비용(inference cost)은 표준 샘플링의 약 8.84배입니다.",
     [of("setting", "B=192", 192), of("setting", "α=4.0", 4.0), of("multiplier", "8.84배", 8.84, qualifiers="approx")]),
    ("Qwen2.5-Math-7B 모델에서 MATH500 벤치마크에서 74.8%의 성능을 달성했습니다(GRPO는 78.5%).",
     [name("identifier", "Qwen2.5-Math-7B"), name("identifier", "MATH500"),
      of("percent", "74.8%", 74.8), of("percent", "78.5%", 78.5)]),
    ("HumanEval에서 57.3%(GRPO는 53.7%), AlpacaEval 점수(AlpacaEval score)에서 2.88점(GRPO는 2.38점)을 기록했습니다.",
     [of("percent", "57.3%", 57.3), of("percent", "53.7%", 53.7), of("score", "2.88점", 2.88), of("score", "2.38점", 2.38)]),
    ("k>1에서 우수한 pass@k 성능(superior pass@k performance)을 통해", [of("setting", "k>1", 1, qualifiers="min")]),
    ("훈련 초기 40% 동안 마스킹 비율(masking ratio)을 선형적으로 100%까지 증가시킵니다.",
     [of("percent", "40%", 40), of("percent", "100%", 100)]),
    ("이중 구현 아키텍처(Dual implementation architecture)는 두 가지 변형을 포함합니다.", [q("두", 2)]),
    ("7개 벤치마크에서 기존 SOTA RouterDC 대비 평균 7.7%의 정규화 점수 이득(average normalized score gain)을 달성했습니다.",
     [q("7개", 7), of("percent", "7.7%", 7.7)]),
    ("거의 100%의 코드 관련 쿼리를 전문화된 Qwen2.5-Coder 모델로 라우팅하여",
     [of("percent", "100%", 100, qualifiers="approx"), name("identifier", "Qwen2.5-Coder")]),
    ("Ring-1T는 1조 개의 매개변수를 보유하며, 토큰당 약 500억 개가 활성화되는 최초의 오픈소스 사고 모델입니다.",
     [name("identifier", "Ring-1T"), q("1조", 1e12), q("500억", 5e10, qualifiers="approx")]),
    ("조 단위 규모의 강화 학습(RL) 훈련을 위한 세 가지 혁신적인 기법을 통해", [q("세", 3)]),
    ("AIME-2025에서 93.4점(오픈 가중치 모델 중 최고), HMMT-2025에서 86.72점, CodeForces 등급 2088점(전체 최고)을 기록했습니다.",
     [name("identifier", "AIME-2025"), of("score", "93.4점", 93.4), name("identifier", "HMMT-2025"),
      of("score", "86.72점", 86.72), of("score", "2088점", 2088)]),
    ("순수 자연어 추론만으로 IMO-2025 은메달을 획득하는 놀라운 능력을 보여주었습니다.", [name("identifier", "IMO-2025")]),
    ("이 과정에서 1-2‰(천분율)의 토큰만이 클리핑(clipping)이 필요하여", [of("permille", "1-2‰", 1, 2)]),
    ("이로 인해 롤아웃 속도는 2.5배, 엔드투엔드 처리 속도는 1.5배 향상됩니다.",
     [of("multiplier", "2.5배", 2.5), of("multiplier", "1.5배", 1.5)]),
    ("AState(초 미만 가중치 동기화), ASandbox(100ms 시작)를 포함하여", [of("duration", "100ms", 100)]),
    ("수학(46%), STEM(26%), 코드(20%) 데이터에 대한 Long-CoT SFT",
     [of("percent", "46%", 46), of("percent", "26%", 26), of("percent", "20%", 20)]),
    ("3,000개 이상의 HuggingFace 데이터셋(datasets)에서", [q("3,000개", 3000, qualifiers="min")]),
    ("90개 작업(unseen tasks)에서 F1 점수를 4-9점 개선하는 동시에, 인컨텍스트 학습 방식보다 3-13배 적은 토큰만을 필요로 합니다.",
     [q("90개", 90), name("identifier", "F1"), of("score", "4-9점", 4, 9), of("multiplier", "3-13배", 3, 13)]),
    ("90개의 보지 못한 작업(unseen tasks)에서 4-9 F1 점수 개선(F1 point improvements)을 달성하는",
     [q("90개", 90), q("4-9", 4, 9), name("identifier", "F1"), name("identifier", "F1")]),
    ("기존의 APE(2,000회 LLM 호출)나 GEPA(150회 호출)와는 다르게", [q("2,000회", 2000), q("150회", 150)]),
    ("APE(2000 LLM 호출) 및 GEPA(150 호출)와 달리", [q("2000", 2000), q("150", 150)]),
    ("Prompt-MII는 단 한 번의 순방향 전달(single forward pass)만으로 간결한 지시를 생성하며", [q("한", 1)]),
    ("이 시스템은 DeepResearch Bench에서 49.86점(SOTA)을 달성했고, DeepConsult에서는 71.57%의 승률을 기록했으며",
     [of("score", "49.86점", 49.86), of("percent", "71.57%", 71.57)]),
    ("LangChain 기반의 오픈 심층 연구(open deep research) 방식보다 4배 적은 토큰을 소비하며", [of("multiplier", "4배", 4)]),
    ("7.  **Ring-1T: 1조 매개변수 오픈소스 사고 모델의 등장**",
     [name("list_number", "7."), name("identifier", "Ring-1T"), q("1조", 1e12)]),
    ("10. **기업 심층 연구를 위한 EDR**", [name("list_number", "10.")]),
    # --- 002: durations, resolutions, counters
    ("640×360 해상도에서 9.6초 컨텍스트(context)로 20+ FPS의 대화형 추론(inference)을 제공하며",
     [name("resolution", "640×360"), of("duration", "9.6초", 9.6), q("20", 20, qualifiers="min")]),
    ("2.5K 시간 VPT 계약자 데이터셋(dataset)으로만 훈련된 에이전트는 60분 에피소드(episode) 내에",
     [of("duration", "2.5K 시간", 2500), of("duration", "60분", 60)]),
    ("플레이 테스트(play test)에서 Dreamer 4는 14개 작업에서 성공하며",
     [name("identifier", "Dreamer 4"), q("14개", 14)]),
    # --- Korean compounds and words
    ("3억 5천만", [q("3억 5천만", 350_000_000)]),
    ("2.5억", [q("2.5억", 250_000_000)]),
    ("1,200만", [q("1,200만", 12_000_000)]),
    ("8000만", [q("8000만", 80_000_000)]),
    ("1조 2000억", [q("1조 2000억", 1.2e12)]),
    ("십만 개의 예시", [q("십만", 100_000)]),
    ("오백억 개", [q("오백억", 5e10)]),
    ("5~10만 원", [q("5~10만", 50_000, 100_000)]),
    ("100만~1,000만 개", [q("100만~1,000만", 1_000_000, 10_000_000)]),
    ("두 배 빠르다", [of("multiplier", "두 배", 2)]),
    ("세 번째 실험", [of("ordinal", "세 번째", 3)]),
    ("100여 개의 언어", [q("100", 100, qualifiers="approx")]),
    ("97퍼센트, 7.7%p 상승", [of("percent", "97퍼센트", 97), of("percent_point", "7.7%p", 7.7)]),
    ("최대 10배, 최소 3개, 10% 정도", [of("multiplier", "10배", 10, qualifiers="max"), q("3개", 3, qualifiers="min"),
                                 of("percent", "10%", 10, qualifiers="approx")]),
    # words that only look like numbers
    ("구조와 기억, 수십억 개, 일반 이상, 천천히, 천분율, 배치, 점수, 요약 10", [q("10", 10)]),
    ("1,000. 7억이 256.", [q("1,000", 1000), q("7억", 7e8), q("256", 256)]),
    # --- English
    ("80M, 50B, 200K, 1T and 2.8B", [q("80M", 8e7), q("50B", 5e10), q("200K", 2e5), q("1T", 1e12), q("2.8B", 2.8e9)]),
    ("Ring-1T has 1 trillion parameters", [name("identifier", "Ring-1T"), q("1 trillion", 1e12)]),
    ("over 200K pages per day", [q("200K", 2e5, qualifiers="min")]),
    ("~50B active per token", [q("50B", 5e10, qualifiers="approx")]),
    ("up to 10x faster, twice as fast, 10-fold, 3 times faster",
     [of("multiplier", "10x", 10, qualifiers="max"), of("multiplier", "twice", 2), of("multiplier", "10-fold", 10),
      of("multiplier", "3 times", 3)]),
    ("more than 3,000 datasets, less than 800 tokens, about 100 languages",
     [q("3,000", 3000, qualifiers="min"), q("800", 800, qualifiers="max"), q("100", 100, qualifiers="approx")]),
    ("three innovations for 4–9 point gains at 10×", [q("three", 3), of("score", "4–9 point", 4, 9),
                                                    of("multiplier", "10×", 10)]),
    ("1 to 10 million slots, 3,000+ datasets", [q("1 to 10 million", 1e6, 1e7), q("3,000", 3000, qualifiers="min")]),
    ("In 2025, Over 200K", [q("2025", 2025), q("200K", 2e5, qualifiers="min")]),
    # --- identifiers and dates
    ("GPT-4, V3.2, DeepSeek-V3.2-Exp, GSM8K, C3PO++, SAM-base and 2025-10-27",
     [name("identifier", "GPT-4"), name("identifier", "V3.2"), name("identifier", "DeepSeek-V3.2-Exp"),
      name("identifier", "GSM8K"), name("identifier", "C3PO++"), name("date", "2025-10-27")]),
    # --- folding: full-width forms read as ASCII, spans stay in the original
    ("１０％와 ＧＰＴ－４, ２０만 페이지", [of("percent", "１０％", 10), name("identifier", "ＧＰＴ－４"), q("２０만", 200_000)]),
    ("10² 개", [q("10", 10)]),
    # --- labels: a listing, figure, table, chapter or appendix is named, not counted; 4-7 is no range
    ("as shown in Listing 4-7.", [name("label", "Listing 4-7")]),
    ("예제 4-7의 `first_word` 함수", [name("label", "예제 4-7")]),
    ("리스트 4-2 일부", [name("label", "리스트 4-2")]),
    ("항목 3-3의 구문, 코드 3-5의 코드", [name("label", "항목 3-3"), name("label", "코드 3-5")]),
    ("항목 3개, 코드 2개, 표 3개, 그림 2장", [q("3개", 3), q("2개", 2), q("3개", 3), q("2장", 2)]),  # 코드 and 항목 name a listing only before a chapter-number pair
    ("Figure 4-5: Representation, 그림 4-5: 표현", [name("label", "Figure 4-5"), name("label", "그림 4-5")]),
    ("Table 3-1 and 표 3-1", [name("label", "Table 3-1"), name("label", "표 3-1")]),
    ("Chapter 13, 13장에서, 제3장", [name("label", "Chapter 13"), name("label", "13장"), name("label", "제3장")]),
    ("Appendix B, 부록 C를", [name("label", "Appendix B"), name("label", "부록 C")]),
    ("Listings 4-1 and 4-2", [name("label", "Listings 4-1"), name("label", "4-2")]),
    ("Section 3.2, 3.2절에서", [name("label", "Section 3.2"), name("label", "3.2절")]),
    ("as you did in [Chapter\n2][variables]", [name("label", "Chapter 2")]),  # a hard-wrapped line, shown unwrapped
    # --- inline code is an identifier, whatever its digits say
    ("`let y = 6;`은 구문입니다", [name("identifier", "`let y = 6;`")]),
    ("in the case of `let\nworld = &s[6..11];`, a length of `5`",
     [name("identifier", "`let\nworld = &s[6..11];`"), name("identifier", "`5`")]),
    # --- dates: one fact however written
    ("On August 22, Dec 22 and October 22, 2012", [name("date", "August 22"), name("date", "Dec 22"),
                                                 name("date", "October 22, 2012")]),
    ("8월 22일에, 2012년 10월 22일, 2012년 10월", [name("date", "8월 22일"), name("date", "2012년 10월 22일"),
                                             name("date", "2012년 10월")]),
    ("22 August 2012, in August, 3개월", [name("date", "22 August 2012"), name("date", "August"), q("3개월", 3)]),
    ("1992-1995, 1992년~1995년, 1992~1995년", [q("1992-1995", 1992, 1995), q("1992년~1995년", 1992, 1995),
                                           q("1992~1995년", 1992, 1995)]),
    # --- English words for numbers
    ("forty, twenty-five, twenty five, a hundred, two thousand three hundred and five",
     [q("forty", 40), q("twenty-five", 25), q("twenty five", 25), q("a hundred", 100),
      q("two thousand three hundred and five", 2305)]),
    ("two and three, five six", [q("two", 2), q("three", 3), q("five", 5), q("six", 6)]),
    ("three billion people, one parameter, the first one, often", [q("three billion", 3e9), q("one", 1),
                                                                    of("ordinal", "first", 1)]),
    # --- ordinals: positions, compared only with positions
    ("6번째 값, 여섯 번째 값, the sixth value, 6th, 첫 번째, 제3의 방식",
     [of("ordinal", "6번째", 6), of("ordinal", "여섯 번째", 6), of("ordinal", "sixth", 6), of("ordinal", "6th", 6),
      of("ordinal", "첫 번째", 1), of("ordinal", "제3", 3)]),
    ("`first_word`, a second, 2 seconds", [of("duration", "2 seconds", 2)]),
    # a Rust range left outside its backticks by a wrapped line is code
    ("world = &s[6..11];`, `world` is a slice", [name("identifier", "6..11")]),
    ("about 20 thousands, 20 thousand", [q("20 thousands", 20_000, qualifiers="approx"), q("20 thousand", 20_000)]),
    # --- Korean: a spaced big unit, native numbers standing alone
    ("10 억 달러, 10 억이, 10 조건, 10 만들기", [q("10 억", 1e9), q("10 억", 1e9), q("10", 10), q("10", 10)]),
    ("둘 중 하나, 셋 모두, 하나님, 셋째", [q("둘", 2), q("하나", 1), q("셋", 3), of("ordinal", "셋째", 3)]),
]


@pytest.mark.parametrize(("text", "expected"), PARSE_CASES, ids=[case[0][:40] for case in PARSE_CASES])
def test_extract_numbers(text, expected):
    assert facts(text) == expected


UNIT_CASES = [
    ("SAM-base(8천만 매개변수)", "param"),
    ("Tiny(64 토큰)", "token"),
    ("하루에 20만 페이지 이상을", "page"),
    ("over 200K pages per day", "page"),
    ("1,000개의 텍스트 토큰", "item"),
    ("세 가지 혁신", "kind"),
    ("(1-10M 슬롯)", "slot"),
    ("9.6초", "s"),
    ("2.5K 시간", "h"),
    ("40GB", "GB"),
    ("97%", None),
    ("586 km", "km"),
    ("586km", "km"),
    ("3,492킬로미터", "km"),
    ("about 365 miles", "mile"),
    ("$620,000", "USD"),
    ("약 7억 원을", "KRW"),
    ("두 나라", "country"),
    ("3,000 people", "person"),
    ("1992년~1995년", "year"),
]


@pytest.mark.parametrize(("text", "unit"), UNIT_CASES)
def test_units(text, unit):
    (fact,) = extract_numbers(text)
    assert fact.unit == unit


def test_spans_point_into_decomposed_hangul():
    text = unicodedata.normalize("NFD", "SAM-base(8천만 매개변수)")
    (fact,) = extract_numbers(text)
    assert fact.text == unicodedata.normalize("NFD", "8천만")
    assert (fact.low, fact.unit) == (80_000_000, "param")


def test_canonical_names_ignore_case_and_separators():
    names = [f.canonical for f in extract_numbers("GPT-4, GPT 4, Claude 3.5, 1024 × 1024, 2025.10.27")]
    assert names == ["gpt4", "gpt4", "claude3.5", "1024×1024", "2025-10-27"]


@pytest.mark.parametrize("path", [FREE, LEAD], ids=["001", "003"])
def test_whole_digest_spans_are_exact_and_disjoint(path):
    text = path.read_text(encoding="utf-8")
    found = extract_numbers(text)
    assert len(found) > 80
    assert all(text[f.start : f.end] == f.text for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789,.-~ x×%배만억조천백십일이삼개 약이상MKBTaZ-０１％\n", max_size=40))
def test_any_text_gives_exact_disjoint_spans(text):
    found = extract_numbers(text)
    assert all(text[f.start : f.end] == f.text and f.start < f.end for f in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# --------------------------------------------------------------------------- comparison

EQUIVALENT = [
    ("SAM-base (80M) and CLIP-large (300M)", "SAM-base(8천만 매개변수)와 CLIP-large(3억 매개변수)"),
    ("SAM-base(80M)와 CLIP-large(300M)", "SAM-base(8천만 매개변수)와 CLIP-large(3억 매개변수)"),
    ("80M", "80,000,000"),
    ("80M", "8000만"),
    ("8천만", "8000만"),
    ("300M", "3억"),
    ("1-10M slots", "1백만에서 1천만 개의 슬롯"),
    ("(1-10M 슬롯)", "100만~1,000만 개의 슬롯"),
    ("1백만에서 1천만", "100만~1,000만"),
    ("200K", "20만"),
    ("50B", "500억"),
    ("1T", "1조"),
    ("10x", "10배"),
    ("10×", "10배"),
    ("1,000", "1000"),
    ("2배 빠른", "두 배 빠른"),
    ("twice as fast", "2배 빠른"),
    ("97%", "97퍼센트"),
    ("약 60%의 정확도", "60%의 정확도"),
    ("compressing 20x", "20배 압축"),
    ("over 200K pages per day", "하루 20만 페이지 이상"),
    ("~50B active per token", "토큰당 약 500억 개 활성"),
    ("1T parameters (~50B active per token)", "1조 개의 매개변수(토큰당 약 500억 개 활성)"),
    ("Achieves 10-20x compression", "10배에서 20배에 이르는 압축"),
    ("4-9 F1 point improvements", "F1 점수를 4-9점 개선"),
    ("three innovations", "세 가지 혁신"),
    ("90분", "1.5시간"),
    ("Claude 3.5 Haiku", "Claude 3.5 Haiku가"),
    ("GPT-4", "GPT 4"),
    ("89% and 71%", "LoRA의 71%, 전체 미세 조정의 89%"),
    (  # 001 against 003, same sentence
        "기존의 APE(2,000회 LLM 호출)나 GEPA(150회 호출)와는 다르게",
        "APE(2000 LLM 호출) 및 GEPA(150 호출)와 달리",
    ),
    (
        "Ring-1T는 1조 개의 매개변수를 보유하며, 토큰당 약 500억 개가 활성화되는 최초의 오픈소스 사고 모델",
        "Ring-1T는 1조 개의 매개변수(토큰당 약 500억 개 활성(active per token))를 가진 최초의 오픈 소스 사고 모델",
    ),
    (
        "AIME-2025에서 93.4점(오픈 가중치 모델 중 최고), HMMT-2025에서 86.72점, CodeForces 등급 2088점(전체 최고)",
        "AIME-2025에서 93.4점(최고 오픈 가중치), HMMT-2025에서 86.72점, CodeForces 등급 2088점(전체 최고)",
    ),
    (
        "AIME-2025 93.4, HMMT-2025 86.72, CodeForces rating 2088",
        "AIME-2025에서 93.4점, HMMT-2025에서 86.72점, CodeForces 등급 2088점",
    ),
    (
        "DeepResearch Bench에서 49.86점(SOTA)을 달성했고, DeepConsult에서는 71.57%의 승률",
        "DeepResearch Bench에서 SOTA(49.86), DeepConsult에서 71.57%의 승률",
    ),
    # labels compare with labels of their kind, never as ranges
    ("Let’s try that, as shown in Listing 4-7.", "예제 4-7처럼 시도해 봅시다."),
    ("Consider the program in Listing 4-8 that uses the function from Listing 4-7.",
     "예제 4-7의 함수를 사용하는 예제 4-8의 프로그램을 봅시다."),
    ("as shown in Listing 3-4", "리스트 3-4에서처럼"),
    ("Figure 4-5 shows it", "그림 4-5가 보여 줍니다"),
    ("Table 3-1 lists them", "표 3-1에 나와 있습니다"),
    ("We’ll cover this in Chapter 13.", "이는 13장에서 다룹니다."),
    ("see Appendix B", "부록 B를 보세요"),
    ("Listing 4-7 and Figure 4-5", "그림 4-5와 예제 4-7"),
    # dates
    ("On August 22 it shipped", "8월 22일에 출시되었다"),
    ("Dec 22", "12월 22일"),
    ("On October 22, 2012, it shipped", "2012년 10월 22일에 출시되었다"),
    ("On August 22 it shipped", "2012년 8월 22일에 출시되었다"),  # a year added is no change
    ("1992-1995", "1992년~1995년"),
    ("1992-1995", "1992~1995년"),
    # English words
    ("about 20 thousands participants", "약 2만 명의 참가자"),
    ("20 thousand", "2만"),
    ("forty people", "40명"),
    ("twenty-five pages", "25페이지"),
    ("a hundred languages", "100개 언어"),
    ("1 billion dollars", "10 억 달러"),
    ("10 billion dollars", "100억 달러"),
    ("one of two ways", "둘 중 한 가지 방법"),
    ("either of the two", "둘 중 하나"),
    # ordinals
    ("the loop stops before the sixth value", "반복문은 6번째 값 전에 멈춥니다"),
    ("6번째 값을 가져오려 하지 않고", "여섯 번째 값을 가져오려 하지 않고"),
]


@pytest.mark.parametrize(("reference", "rendering"), EQUIVALENT, ids=[f"{a[:20]}={b[:20]}" for a, b in EQUIVALENT])
def test_equal_quantities_written_differently_are_not_findings(reference, rendering):
    assert findings(reference, rendering) == []


MISMATCHES = [
    ("SAM-base(80M)와 CLIP-large(300M)", "SAM-base(8천만 매개변수)와 CLIP-large(30억 매개변수)", [("30억", "300M", "error")]),
    ("CLIP-large(3억 매개변수)", "CLIP-large(8천만 매개변수)", [("8천만", "3억", "error")]),
    ("(1-10M 슬롯)", "1백만에서 1억 개의 슬롯", [("1백만에서 1억", "1-10M", "error")]),
    ("10-20x compression", "10배에서 30배에 이르는 압축", [("10배에서 30배", "10-20x", "error")]),
    ("10-20x compression", "10배 압축", [("10배", "10-20x", "error")]),
    ("97% accuracy", "79%의 정확도", [("79%", "97%", "error")]),
    ("1T parameters", "1억 개의 매개변수", [("1억", "1T", "error")]),
    ("~50B active per token", "토큰당 약 50억 개 활성", [("50억", "50B", "error")]),
    ("over 200K pages per day", "하루 2만 페이지 이상", [("2만", "200K", "error")]),
    ("uses GPT-4", "GPT-5를 사용", [("GPT-5", "GPT-4", "error")]),
    ("AIME-2025에서 93.4점", "AIME-2024에서 93.4점", [("AIME-2024", "AIME-2025", "error")]),
    ("Claude 3.5 Haiku", "Claude 3.7 Haiku", [("Claude 3.7", "Claude 3.5", "error")]),
    ("6,000+ tokens per page", "페이지당 6,000개 미만의 토큰", [("6,000개", "6,000", "error")]),
    ("약 60%", "61%", [("61%", "60%", "warning")]),
    ("약 60%", "66%", [("66%", "60%", "error")]),
    ("8.84배", "약 8.8배", [("8.8배", "8.84배", "warning")]),
    ("8.84x the cost", "8.9배의 비용", [("8.9배", "8.84x", "error")]),
    ("~50B", "약 480억", [("480억", "50B", "warning")]),
    ("전체 미세 조정의 89%, LoRA의 71%", "전체 미세 조정의 89%, LoRA의 17%", [("17%", "71%", "error")]),
    ("롤아웃 속도는 2.5배, 엔드투엔드 처리 속도는 1.5배", "롤아웃 속도는 2.5배, 엔드투엔드 처리 속도는 5.1배",
     [("5.1배", "1.5배", "error")]),
    ("고해상도 이미지(1024x1024)", "고해상도 이미지(1024x768)", [("1024x768", "1024x1024", "error")]),
    ("n×100+256개 토큰", "n×100+265개 토큰", [("n×100+265", "n×100+256", "error")]),
    ("블록 크기 B=192", "블록 크기 B=128", [("B=128", "B=192", "error")]),
    ("7. **Ring-1T**", "8. **Ring-1T**", [("8.", "7.", "error")]),
    ("9.6초 컨텍스트", "6.9초 컨텍스트", [("6.9초", "9.6초", "error")]),
    ("1-2‰의 토큰", "1-2%의 토큰", []),  # another kind: the omission and addition checks own it
    ("HumanEval에서 57.3%(GRPO는 53.7%)", "HumanEval에서 57.3%(GRPO는 35.7%)", [("35.7%", "53.7%", "error")]),
    ("AlpacaEval 2.88점(GRPO 2.38점)", "AlpacaEval 2.88점(GRPO 2.83점)", [("2.83점", "2.38점", "error")]),
    ("3-13x fewer tokens", "3-31배 적은 토큰", [("3-31배", "3-13x", "error")]),
    ("두 배 빠른", "세 배 빠른", [("세 배", "두 배", "error")]),
    ("3억 5천만", "3억 5백만", [("3억 5백만", "3억 5천만", "error")]),
    # a renumbered label of the same kind: most often another edition's numbering, so a warning
    ("as shown in Listing 4-7.", "Listing 4-10에서 보듯이", [("Listing 4-10", "Listing 4-7", "warning")]),
    ("as shown in Listing 4-7.", "예제 4-8에서 보듯이", [("예제 4-8", "Listing 4-7", "warning")]),
    # dates and spelled-out numbers are still compared
    ("On October 22, 2012", "2012년 10월 23일에", [("2012년 10월 23일", "October 22, 2012", "error")]),
    ("On August 22", "9월 22일에", [("9월 22일", "August 22", "error")]),
    ("forty people", "50명", [("50명", "forty", "error")]),
    ("the sixth value", "7번째 값", [("7번째", "sixth", "error")]),
    ("10 billion dollars", "10 억 달러", [("10 억", "10 billion", "error")]),
]


@pytest.mark.parametrize(
    ("reference", "rendering", "expected"), MISMATCHES, ids=[f"{a[:20]}>{b[:20]}" for a, b, _ in MISMATCHES]
)
def test_real_mismatches_are_found(reference, rendering, expected):
    assert findings(reference, rendering) == expected


NOT_REPORTED = [
    ("89% and 71%", "89%"),  # a missing number belongs to the omission check
    ("10배", "10배, 20%"),  # an added one to the addition check
    ("10%, 20%", "15%"),  # two candidates for one rendering value: no telling which was changed
    ("uses MATH500", "AIME-2025를 사용"),  # unrelated names are not each other's counterpart
    ("Claude 3.5 Haiku", "3.5배 빠른"),  # a version is no quantity
    ("AIME 2025", "AIME-2025"),
    ("20%", "20배"),
    # a label is only ever compared with a label of its kind
    ("Let’s try that, as shown in Listing 4-7.", "7개의 항목"),
    ("Listing 4-7", "그림 4-8"),
    ("Chapter 13", "13개"),
    ("August 22", "22일 동안"),  # a date is not a duration
    # units keep numbers apart: 586 km is not in the place of "두 나라"
    ("The border is 586 km (about 365 miles) long.", "두 나라의 국경은 586km에 이른다."),
    ("worth at least $620,000", "약 7억 원을 호가하는"),  # converted currency: no telling
    ("one of two options", "둘 중 한 가지"),
    ("one thing", "세 가지"),  # "한"/"one" only ever pair when equal
    ("and both equal `5`", "둘 다 5입니다"),  # 둘 다 is "both": a noun numeral pairs only when equal
    ("어떤 시점에서 `5`에 도달하더라도 6번째 값을", "인덱스가 5에 도달하면 여섯 번째 값을"),  # code is no prose number
    ("the byte at index 6", "7번째 바이트"),  # an ordinal is not in the place of an index
]


@pytest.mark.parametrize(("reference", "rendering"), NOT_REPORTED)
def test_unpaired_or_ambiguous_values_are_not_reported(reference, rendering):
    assert findings(reference, rendering) == []


def test_reason_names_both_numbers_as_written_and_read():
    (mismatch,) = compare_numbers(extract_numbers("CLIP-large(3억 매개변수)"), extract_numbers("SAM-base(8천만 매개변수)"))
    assert mismatch.reason == "8천만 (80,000,000) where the reference has 3억 (300,000,000)"


def test_rounding_reason_says_rounding():
    (mismatch,) = compare_numbers(extract_numbers("8.84배"), extract_numbers("약 8.8배"))
    assert mismatch.reason == "8.8배 (about 8.8×) differs from the reference's 8.84배 (8.84×) only by rounding"


def test_same_quantity_needs_compatible_kinds():
    def fact(text: str) -> NumericFact:
        (only,) = extract_numbers(text)
        return only

    assert same_quantity(fact("80M"), fact("8천만"))
    assert same_quantity(fact("93.4"), fact("93.4점"))
    assert not same_quantity(fact("20%"), fact("20배"))
    assert not same_quantity(fact("GPT-4"), fact("GPT-5"))
