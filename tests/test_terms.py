"""term-inconsistent and term-glossary on small texts, and on excerpts of three Rust-book translations."""

from __future__ import annotations

import pytest

from checker.checks import CHECKS
from checker.checks.terms import check_term_glossary, check_term_inconsistent
from checker.models import Analysis, Decoded, DigestGroup, Document, Role, SentenceLink, Unit
from checker.terminology import DEFAULT_GLOSSARY
from tests.paths import DATA

GLOSSARY = """en,ko,status,count,files,note
fine-tuning,미세 조정,preferred,,,
fine-tuning,파인튜닝,allowed,,,
power distribution,거듭제곱 분포,preferred,,,
power distribution,멱 분포,allowed,,,
power distribution,전력 분포,forbidden,,,electric power
inference,추론,preferred,,,
inference,인퍼런스,allowed,,,
reasoning,추론,preferred,,,
attention,어텐션,preferred,,,
"""


def _analysis(segmenter, tmp_path, texts: dict[str, str], glossary: str | None = GLOSSARY,
              source: str | None = None, units: tuple[Unit, ...] = ()) -> Analysis:
    documents = []
    for name, text in texts.items():
        role = Role.SOURCE if name == source else Role.RENDERING
        lang = "en" if name.startswith("en") else "ko"
        document = Document(path=name, role=role, text=text, encoding="utf-8", lang=lang,
                            decoded=Decoded(text=text, encoding="utf-8", original=text))
        documents.append(segmenter.segment(document))
    glossaries = ()
    if glossary is not None:
        path = tmp_path / "glossary.csv"
        path.write_text(glossary, encoding="utf-8")
        glossaries = (str(path),)
    paths = tuple(texts)
    return Analysis(documents=tuple(documents), source=source, groups=(DigestGroup(0, paths),), compared=paths,
                    units=units, document_similarity=(), encoder_signature="test", glossaries=glossaries)


def _found(analysis: Analysis) -> list[tuple[str, str, str, str, str]]:
    findings = [*check_term_inconsistent(analysis), *check_term_glossary(analysis)]
    return sorted((f.check, f.severity.value, f.file, f.text, f.expected) for f in findings)


CASES = [
    pytest.param(
        {"a.md": "컨텍스트 윈도우(context window)가 길다. 문맥 창(context window)을 늘리면 컨텍스트 윈도우도 커진다."},
        None, None,
        [("term-inconsistent", "warning", "a.md", "문맥 창", "컨텍스트 윈도우")],
        id="one file, two renderings: the minority is reported",
    ),
    pytest.param(
        {"a.md": "모델은 치명적 망각(catastrophic forgetting)을 겪는다. 치명적 망각은 흔하다.",
         "b.md": "모델은 파국적 망각(catastrophic forgetting)을 겪는다."},
        None, None,
        [("term-inconsistent", "warning", "b.md", "파국적 망각", "치명적 망각")],
        id="two renderings of one digest disagree",
    ),
    pytest.param(
        {"a.md": "값은 힙(heap)에 있다.", "b.md": "값은 힙 영역(heap)에 있다. 힙 영역은 넓다."},
        None, None, [],
        id="a qualifier is style, not a second term",
    ),
    pytest.param(
        {"a.md": "파인튜닝(fine-tuning)을 한다. 파인튜닝은 빠르다.", "b.md": "미세 조정을 한다."},
        GLOSSARY, None,
        [("term-inconsistent", "warning", "a.md", "파인튜닝", "미세 조정"),
         ("term-inconsistent", "warning", "a.md", "파인튜닝", "미세 조정")],
        id="the glossary's preferred term wins over the majority, one finding per occurrence",
    ),
    pytest.param(
        {"a.md": "인퍼런스 비용이 크다. 인퍼런스를 줄인다.", "b.md": "추론 비용이 크다. 추론이 어렵다."},
        GLOSSARY, None, [],
        id="a word that renders two glossary terms counts for neither",
    ),
    pytest.param(
        {"ref.md": "모델은 파국적 망각(catastrophic forgetting)을 겪는다.",
         "a.md": "모델은 치명적 망각(catastrophic forgetting)을 겪는다. 치명적 망각은 흔하다.",
         "b.md": "모델은 치명적 망각(catastrophic forgetting)을 겪는다."},
        None, "ref.md",
        [("term-inconsistent", "warning", "a.md", "치명적 망각", "파국적 망각"),
         ("term-inconsistent", "warning", "a.md", "치명적 망각", "파국적 망각"),
         ("term-inconsistent", "warning", "b.md", "치명적 망각", "파국적 망각")],
        id="a Korean source sets the term, and is not reported itself",
    ),
    pytest.param(
        {"a.md": "거듭제곱 분포 대신 전력 분포에서 샘플링하고, 전력분포를 다시 쓴다."},
        GLOSSARY, None,
        [("term-glossary", "error", "a.md", "전력 분포", "거듭제곱 분포"),
         ("term-glossary", "error", "a.md", "전력분포", "거듭제곱 분포")],
        id="a forbidden term, through particles and spacing",
    ),
    pytest.param(
        {"a.md": "고전력 분포 장치와 전력 분포망을 본다."},
        GLOSSARY, None, [],
        id="never inside a longer word",
    ),
    pytest.param(
        {"a.md": "지수 분포(power distribution)에서 샘플링한다."},
        GLOSSARY, None,
        [("term-glossary", "warning", "a.md", "지수 분포", "거듭제곱 분포")],
        id="a rendering the glossary does not list, found with its English",
    ),
    pytest.param(
        {"a.md": "멱 분포(power distribution)에서 샘플링한다. 거듭제곱 분포는 날카롭다."},
        GLOSSARY, None,
        [("term-inconsistent", "warning", "a.md", "멱 분포", "거듭제곱 분포")],
        id="an allowed rendering is no glossary finding, but beside the preferred one it is inconsistent",
    ),
    pytest.param(
        {"a.md": "전력 분포(power distribution)에서 샘플링한다."},
        GLOSSARY, None,
        [("term-glossary", "error", "a.md", "전력 분포", "거듭제곱 분포")],
        id="a forbidden rendering with its English is one error, not also a warning",
    ),
    pytest.param(
        {"a.md": "치명적 망각(catastrophic forgetting)을 겪는다.", "b.md": "치명적 망각(catastrophic forgetting)이 있다.",
         "c.md": "파국적 망각(catastrophic forgetting)을 겪는다. 파국적 망각은 흔하다."},
        None, None,
        [("term-inconsistent", "warning", "c.md", "파국적 망각", "치명적 망각"),
         ("term-inconsistent", "warning", "c.md", "파국적 망각", "치명적 망각")],
        id="three files: one finding per deviating occurrence, not per pair of files",
    ),
    pytest.param(
        {"en.md": "Catastrophic forgetting (a loss of skills) is common.",
         "a.md": "치명적 망각(catastrophic forgetting)을 겪는다."},
        GLOSSARY, None, [],
        id="an English file has no Korean terms",
    ),
    pytest.param(
        {"a.md": "작업(task)을 나눈다. 작업은 많다.", "b.md": "태스크(task)를 나눈다. 태스크는 많다."},
        None, None,
        [("term-inconsistent", "warning", "b.md", "태스크", "작업"),
         ("term-inconsistent", "warning", "b.md", "태스크", "작업")],
        id="a short learned word counts bare only where the file gave its English",
    ),
]


@pytest.mark.parametrize("texts, glossary, source, expected", CASES)
def test_term_checks(segmenter, tmp_path, texts, glossary, source, expected):
    assert _found(_analysis(segmenter, tmp_path, texts, glossary, source)) == sorted(expected)


def test_a_finding_names_the_glossary_line_and_the_evidence(segmenter, tmp_path):
    analysis = _analysis(segmenter, tmp_path, {
        "a.md": "모델은 치명적 망각(catastrophic forgetting)을 겪는다. 치명적 망각은 흔하다.\n전력 분포를 쓴다.",
        "b.md": "모델은 파국적 망각(catastrophic forgetting)을 겪는다.",
    })
    [drift] = check_term_inconsistent(analysis)
    assert (drift.file, drift.line, drift.column) == ("b.md", 1, 5)
    assert "'catastrophic forgetting'" in drift.message and "치명적 망각' x2" in drift.message
    assert [(e.file, e.line) for e in drift.evidence] == [("a.md", 1), ("a.md", 1)]
    assert "치명적 망각" in drift.evidence[0].text
    [error] = check_term_glossary(analysis)
    assert f"{tmp_path / 'glossary.csv'}:6" in error.message and f"{tmp_path / 'glossary.csv'}:4" in error.message
    assert (error.line, error.column) == (2, 1)


def test_aligned_sentences_teach_a_variant(segmenter, tmp_path):
    texts = {
        "a.md": "입력 토큰은 어텐션을 거쳐 다음 계층으로 전달된다. 어텐션이 핵심이다.",
        "b.md": "입력 토큰은 주의 메커니즘을 거쳐 다음 계층으로 전달된다. 어텐션이 핵심이다.",
    }
    link = SentenceLink("a.md", "b.md", (0,), (0,), 0.93)
    unit = Unit(id="1", paragraphs={"a.md": (0,), "b.md": (0,)}, similarity=(), sentence_links=(link,))
    analysis = _analysis(segmenter, tmp_path, texts, units=(unit,))
    assert _found(analysis) == [("term-inconsistent", "warning", "b.md", "주의 메커니즘", "어텐션")]
    [finding] = check_term_inconsistent(analysis)
    assert "in an aligned sentence" in finding.message and finding.item == "1"


def test_weakly_aligned_sentences_teach_nothing(segmenter, tmp_path):
    texts = {
        "a.md": "입력 토큰은 어텐션을 거쳐 다음 계층으로 전달된다.",
        "b.md": "입력 토큰은 주의 메커니즘을 거쳐 다음 계층으로 전달된다.",
    }
    link = SentenceLink("a.md", "b.md", (0,), (0,), 0.6)
    unit = Unit(id="1", paragraphs={"a.md": (0,), "b.md": (0,)}, similarity=(), sentence_links=(link,))
    assert _found(_analysis(segmenter, tmp_path, texts, units=(unit,))) == []


def test_three_rust_book_translations(segmenter, tmp_path):
    """Real drift between three translations: 오너 for "owner" (three times), 가비지 콜렉터."""
    texts = {name: (DATA / "rust_ch04_ko" / name).read_text(encoding="utf-8")
             for name in ("kernalix7.md", "rinthel.md", "rust_kr.md")}
    glossary = DEFAULT_GLOSSARY.read_text(encoding="utf-8")
    found = _found(_analysis(segmenter, tmp_path, texts, glossary))
    assert found == [
        ("term-inconsistent", "warning", "rinthel.md", "가비지 콜렉터", "가비지 컬렉터"),
        ("term-inconsistent", "warning", "rinthel.md", "오너", "소유자"),
        ("term-inconsistent", "warning", "rinthel.md", "오너", "소유자"),
        ("term-inconsistent", "warning", "rinthel.md", "오너", "소유자"),
    ]


def test_the_checks_are_registered_with_examples():
    for check_id in ("term-inconsistent", "term-glossary"):
        doc = CHECKS[check_id].doc
        assert "Bad:" in doc and "Good:" in doc
