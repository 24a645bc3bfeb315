"""Glossaries: keys, inline pairs and their boundaries, particle-aware matching, CSV files, learning."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.errors import InputError
from checker.glossary import (
    DEFAULT_GLOSSARY,
    Glossary,
    GlossaryEntry,
    TermMatcher,
    build_terminology,
    en_key,
    extract_pairs,
    ko_key,
    learned_entries,
    load_glossary,
    write_glossary,
)
from checker.models import Decoded, Document, Paragraph, Role, Segmented
from checker.kiwi import kiwi as shared_kiwi
from tests.paths import DATA


@pytest.fixture(scope="module")
def kiwi():
    return shared_kiwi(())


def _document(text: str, path: str = "t.md", lang: str = "ko") -> Document:
    return Document(path=path, role=Role.RENDERING, text=text, encoding="utf-8", lang=lang,
                    decoded=Decoded(text=text, encoding="utf-8", original=text))


def _segmented(text: str, path: str) -> Segmented:
    """A document as one paragraph: the terminology reads the text, not the sentences."""
    paragraph = Paragraph(doc=path, index=0, start=0, end=len(text), text=text, item=None,
                          is_title=False, sentences=())
    return Segmented(document=_document(text, path), paragraphs=(paragraph,))


# --- keys -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("Fine-tuning", "fine tuning"),
        ("finetuning", "fine-tuning"),
        ("models", "model"),
        ("LLMs", "LLM"),
        ("pre-trained", "pre-training"),
        ("held-out tasks", "held-out task"),
        ("strategies", "strategy"),
        ("biases", "bias"),
        ("state-of-the-art", "state of the art"),
    ],
)
def test_en_keys_ignore_case_plural_and_hyphens(a, b):
    assert en_key(a) == en_key(b)


@pytest.mark.parametrize(
    "a, b",
    [("bias", "bia"), ("analysis", "analysi"), ("masked model", "masking model"), ("corpus", "corpu")],
)
def test_en_keys_keep_singular_words_whole(a, b):
    assert en_key(a) != en_key(b)


@pytest.mark.parametrize(
    "a, b", [("사전학습", "사전 학습"), ("휴먼-인-더-루프", "휴먼 인 더 루프"), ("미세\n조정", "미세 조정"), ("KV 캐시", "kv캐시")]
)
def test_ko_keys_ignore_spacing_and_hyphens(a, b):
    assert ko_key(a) == ko_key(b)


# --- inline pairs: where the Korean term starts and ends --------------------------------------

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
    pairs = [p for p in extract_pairs(_document(text), kiwi) if not p.loose]
    assert [(p.ko, p.en) for p in pairs] == expected
    for pair in pairs:
        assert " ".join(text[pair.start : pair.end].split()) == pair.ko  # offsets point at the term


@pytest.mark.parametrize(
    "text, phrase",
    [("값은 힙 영역(heap)에 있다", "힙 영역"), ("MID 토큰 블록 사이의 토큰 어텐션(attention)을", "토큰 어텐션"),
     ("잠재 변수(latent)를", "잠재 변수")],
)
def test_a_phrase_longer_than_its_english_is_loose(kiwi, text, phrase):
    [pair] = extract_pairs(_document(text), kiwi)
    assert (pair.ko, pair.loose) == (phrase, True)


def test_english_files_have_no_pairs(kiwi):
    assert extract_pairs(_document("Ownership (a set of rules) governs memory.", lang="en"), kiwi) == []


# --- matching through particles and spacing ---------------------------------------------------

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
]


@pytest.mark.parametrize("terms, text, found", MATCHES, ids=[m[1] for m in MATCHES])
def test_matching_is_particle_and_spacing_aware_and_never_inside_a_word(terms, text, found):
    assert [text[m.start : m.end] for m in TermMatcher(terms).find(text)] == found


# --- glossary files -----------------------------------------------------------------------------

HEADER = "en,ko,status,count,files,note\n"
MALFORMED = [
    ("en,ko,stat\nattention,어텐션,preferred\n", "line 1: unknown column 'stat'"),
    ("en,status\nattention,preferred\n", "line 1: missing column 'ko'"),
    (HEADER + "attention,어텐션,preferred,,,\nfine-tuning,미세 조정,prefered,,,\n", "line 3: status 'prefered'"),
    (HEADER + "attention,,preferred,,,\n", "line 2: ko '' has no Korean letters"),
    (HEADER + "어텐션,어텐션,preferred,,,\n", "line 2: en '어텐션' is not an English term"),
    (HEADER + "attention,어텐션,preferred\n", "line 2: 3 fields, the header has 6"),
    (HEADER + "attention,어텐션,preferred,,,\nattention,어텐션,allowed,,,\n", "line 3: 'attention' -> '어텐션' is already on line 2"),
    (HEADER + "attention,어텐션,preferred,,,\nAttention,주의,preferred,,,\n", "line 3: a second preferred rendering"),
    (HEADER + "attention,어텐션,preferred,many,,\n", "line 2: count 'many' is not a whole number"),
    (HEADER + '\n\nattention,"어텐션,preferred\n', "line 4: 2 fields"),
    ("", "line 1: empty glossary"),
]


@pytest.mark.parametrize("content, message", MALFORMED, ids=[m[1] for m in MALFORMED])
def test_a_malformed_glossary_names_its_line(tmp_path, content, message):
    path = tmp_path / "g.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_glossary(path)
    assert str(error.value).startswith(f"{path}: ") and message in str(error.value)


def test_a_glossary_may_have_a_bom_blank_lines_quotes_and_no_optional_columns(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes('\ufeffen,ko,status\n\n"attention, self",셀프 어텐션,preferred\n'.encode())
    [entry] = load_glossary(path).entries
    assert (entry.en, entry.ko, entry.status, entry.line, entry.count) == ("attention, self", "셀프 어텐션", "preferred", 3, None)


def test_a_glossary_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "g.csv"
    path.write_bytes("en,ko,status\nattention,어텐션,preferred\n".encode("cp949"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_glossary(path)


def test_the_bundled_glossary_is_sound():
    glossary = load_glossary(DEFAULT_GLOSSARY)
    assert len(glossary.entries) >= 150
    concepts = {en_key(e.en) for e in glossary.entries}
    assert set(glossary.preferred) == concepts  # every term has one preferred rendering
    forbidden = {ko_key(e.ko): e for e in glossary.entries if e.status == "forbidden"}
    assert {"전력분포", "변압기", "중퇴"} <= set(forbidden)
    assert all(e.note for e in forbidden.values())  # every forbidden rendering says why


def test_later_glossaries_override_earlier_ones():
    first = GlossaryEntry("baseline", "베이스라인", "preferred", source="a.csv", line=2)
    second = GlossaryEntry("baseline", "기준선", "preferred", source="b.csv", line=2)
    demoted = GlossaryEntry("baseline", "베이스라인", "allowed", source="b.csv", line=3)
    assert Glossary((first, second, demoted)).preferred["baseline"].ko == "기준선"
    assert Glossary((first, demoted)).preferred == {}
    assert Glossary((first,)).user_words() == ("베이스라인",)


def test_written_glossaries_read_back(tmp_path):
    entries = [GlossaryEntry("owner", "소유자", "preferred", 7, ("a.md", "b.md"), "most used")]
    write_glossary(entries, tmp_path / "out" / "g.csv")
    [entry] = load_glossary(tmp_path / "out" / "g.csv").entries
    assert (entry.en, entry.ko, entry.status, entry.count, entry.files, entry.note) == (
        "owner", "소유자", "preferred", 7, ("a.md", "b.md"), "most used"
    )


# --- learning -----------------------------------------------------------------------------------


def _learn(kiwi, texts: dict[str, str], glossary: Glossary = Glossary()) -> list[tuple[str, str, str, int]]:
    documents = [_segmented(text, path) for path, text in texts.items()]
    entries = learned_entries(build_terminology(documents, glossary, kiwi))
    return [(e.en, e.ko, e.status, e.count) for e in entries]


def test_the_most_used_rendering_is_preferred_across_files(kiwi):
    rows = _learn(kiwi, {
        "a.md": "각 값에는 *소유자(owner)* 가 있다. 소유자는 하나다.",
        "b.md": "값에는 *오너*(*owner*)가 있다. 오너는 하나다.",
        "c.md": "값의 소유자 (owner) 는 하나뿐이다.",
    })
    assert rows == [("owner", "소유자", "preferred", 3), ("owner", "오너", "allowed", 2)]


def test_a_curated_glossary_decides_the_preferred_rendering(kiwi):
    glossary = Glossary((GlossaryEntry("fine-tuning", "미세 조정", "preferred", source="g.csv", line=2),))
    rows = _learn(kiwi, {"a.md": "파인튜닝(fine-tuning)을 한다. 파인튜닝(finetuning)은 빠르다."}, glossary)
    assert rows == [("fine-tuning", "미세 조정", "preferred", 0), ("fine-tuning", "파인튜닝", "allowed", 2)]


def test_an_acronym_joins_the_term_it_abbreviates(kiwi):
    rows = _learn(kiwi, {
        "a.md": "*가비지 컬렉터 (garbage collector, GC)* 를 갖는 언어",
        "b.md": "*가비지 콜렉터(GC)* 를 갖고 있는 언어",
        "c.md": "_가비지 컬렉터(GC)_가 있는 언어",
    })
    assert rows == [
        ("garbage collector", "가비지 컬렉터", "preferred", 2),
        ("garbage collector", "가비지 콜렉터", "allowed", 1),
    ]


def test_a_korean_phrase_ending_in_a_known_rendering_keeps_only_that(kiwi):
    glossary = Glossary((GlossaryEntry("attention", "어텐션", "preferred", source="g.csv", line=2),))
    rows = _learn(kiwi, {"a.md": "반복되는 MID 토큰 블록 사이의 토큰 어텐션(attention)을 막는다."}, glossary)
    assert rows == [("attention", "어텐션", "preferred", 1)]


def test_learning_is_deterministic(kiwi):
    texts = {"b.md": "값의 오너(owner)와 소유자(owner).", "a.md": "값의 소유자(owner)와 오너(owner)."}
    assert _learn(kiwi, texts) == _learn(kiwi, dict(reversed(texts.items())))


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
    [pair] = extract_pairs(_document(text), kiwi)
    assert pair.acronyms == acronyms


# --- the command line -----------------------------------------------------------------------------

RUST = [str(DATA / "rust_ch04_ko" / name) for name in ("kernalix7.md", "rinthel.md", "rust_kr.md")]


@pytest.mark.parametrize("command", [["lint", RUST[0]], ["glossary", "learn", RUST[0], "-o", "out.csv"]])
def test_a_malformed_glossary_is_exit_2_naming_the_line(tmp_path, command):
    glossary = tmp_path / "bad.csv"
    glossary.write_text(HEADER + "attention,어텐션,preferred,,,\nfine-tuning,미세 조정,maybe,,,\n", encoding="utf-8")
    result = CliRunner().invoke(main, command + ["--glossary", str(glossary), "--out" if command[0] == "lint" else "-o",
                                                 str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == (
        f"checker: error: {glossary}: line 3: status 'maybe' is not one of preferred|allowed|forbidden"
    )


def test_glossary_learn_writes_the_same_file_every_time(tmp_path):
    outputs = []
    for run in ("first", "second"):
        out = tmp_path / run / "learned.csv"
        result = CliRunner().invoke(main, ["glossary", "learn", *RUST, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert f"wrote {out}" in result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    rows = [line.split(",")[:4] for line in outputs[0].decode("utf-8").splitlines()]
    assert rows[0] == ["en", "ko", "status", "count"]
    assert ["owner", "소유자", "preferred", "6"] in rows and ["owner", "오너", "allowed", "3"] in rows
    assert ["garbage collector", "가비지 컬렉터", "preferred", "2"] in rows


def test_lint_applies_the_bundled_glossary_unless_told_not_to(tmp_path):
    text = tmp_path / "a.md"
    text.write_text("추론 시간 전력 분포 샘플링으로 성능을 높인다. 이 방법은 전력 분포에서 샘플링한다.\n", encoding="utf-8")
    with_default = CliRunner().invoke(main, ["lint", str(text), "--out", str(tmp_path / "r1"), "--format", "json"])
    assert with_default.exit_code == 1 and "term-glossary" in with_default.output
    without = CliRunner().invoke(
        main, ["lint", str(text), "--out", str(tmp_path / "r2"), "--format", "json", "--no-default-glossary"]
    )
    assert without.exit_code == 0 and "term-glossary" not in without.output
