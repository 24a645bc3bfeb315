"""term-inconsistent on small texts, and on excerpts of three Rust-book translations.

Both term checks run, through the filter chain: each row says every finding of either."""

from __future__ import annotations

import pytest

from checker.checks import CHECKS
from checker.terminology import DEFAULT_GLOSSARY
from checker.models import SentenceLink, Unit
from tests.checks.helpers import GLOSSARY, term_context, term_findings, term_rows
from tests.paths import DATA

CASES = [
    pytest.param(
        {"a.md": "컨텍스트 윈도우(context window)가 길다. 컨텍스트 윈도우도 커진다.\n\n"
                 "<!--\n옛 번역: 문맥 창(context window)을\n늘린다.\n-->\n\n컨텍스트 윈도우는 중요하다."},
        None, None, [],
        id="a term inside a multi-line HTML comment is not read (segmentation does not read it either)",
    ),
    pytest.param(
        {"a.md": "컨텍스트 윈도우(context window)가 길다. 컨텍스트 윈도우도 커진다.\n\n"
                 "[문맥 창]: https://example.org/context-window\n"},
        None, None, [],
        id="a link definition is not prose",
    ),
    pytest.param(
        {"a.md": "컨텍스트 윈도우(context window)가 길다. 문맥 창(context window)을 늘리면 컨텍스트 윈도우도 커진다."},
        None, None,
        [("term-inconsistent", "warning", "a.md", "문맥 창", "컨텍스트 윈도우", 1)],
        id="one file, two renderings: the minority is reported",
    ),
    pytest.param(
        {"a.md": "모델은 치명적 망각(catastrophic forgetting)을 겪는다. 치명적 망각은 흔하다.",
         "b.md": "모델은 파국적 망각(catastrophic forgetting)을 겪는다."},
        None, None,
        [("term-inconsistent", "warning", "b.md", "파국적 망각", "치명적 망각", 1)],
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
        [("term-inconsistent", "warning", "a.md", "파인튜닝", "미세 조정", 2)],
        id="the glossary's preferred term wins over the majority, one finding for a file's two uses",
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
        [("term-inconsistent", "warning", "a.md", "치명적 망각", "파국적 망각", 2),
         ("term-inconsistent", "warning", "b.md", "치명적 망각", "파국적 망각", 1)],
        id="a Korean source sets the term, and is not reported itself",
    ),
    pytest.param(
        {"a.md": "치명적 망각(catastrophic forgetting)을 겪는다.", "b.md": "치명적 망각(catastrophic forgetting)이 있다.",
         "c.md": "파국적 망각(catastrophic forgetting)을 겪는다. 파국적 망각은 흔하다."},
        None, None,
        [("term-inconsistent", "warning", "c.md", "파국적 망각", "치명적 망각", 2)],
        id="three files: one finding per deviating file and term, not per occurrence or pair of files",
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
        [("term-inconsistent", "warning", "b.md", "태스크", "작업", 2)],
        id="a short learned word counts bare only where the file gave its English",
    ),
]


@pytest.mark.parametrize("texts, glossary, source, expected", CASES)
def test_term_inconsistent(segmenter, tmp_path, texts, glossary, source, expected):
    assert term_rows(term_context(segmenter, tmp_path, texts, glossary, source)) == sorted(expected)


def test_a_finding_names_the_evidence(segmenter, tmp_path):
    context = term_context(segmenter, tmp_path, {
        "a.md": "모델은 치명적 망각(catastrophic forgetting)을 겪는다. 치명적 망각은 흔하다.\n전력 분포를 쓴다.",
        "b.md": "모델은 파국적 망각(catastrophic forgetting)을 겪는다.",
    })
    [drift] = [f for f in term_findings(context) if f.check == "term-inconsistent"]
    assert (drift.file, drift.line, drift.column) == ("b.md", 1, 5)
    assert "'catastrophic forgetting'" in drift.message and "치명적 망각' x2" in drift.message
    assert [(e.file, e.line) for e in drift.evidence] == [("a.md", 1), ("a.md", 1)]
    assert "치명적 망각" in drift.evidence[0].text


def test_aligned_sentences_teach_a_variant(segmenter, tmp_path):
    texts = {
        "a.md": "입력 토큰은 어텐션을 거쳐 다음 계층으로 전달된다. 어텐션이 핵심이다.",
        "b.md": "입력 토큰은 주의 메커니즘을 거쳐 다음 계층으로 전달된다. 어텐션이 핵심이다.",
    }
    link = SentenceLink("a.md", "b.md", (0,), (0,), 0.93)
    unit = Unit(id="1", paragraphs={"a.md": (0,), "b.md": (0,)}, similarity=(), sentence_links=(link,))
    context = term_context(segmenter, tmp_path, texts, units=(unit,))
    assert term_rows(context) == [("term-inconsistent", "warning", "b.md", "주의 메커니즘", "어텐션", 1)]
    [finding] = CHECKS["term-inconsistent"].run(context)
    assert "in an aligned sentence" in finding.message and finding.unit == "1"


def test_weakly_aligned_sentences_teach_nothing(segmenter, tmp_path):
    texts = {
        "a.md": "입력 토큰은 어텐션을 거쳐 다음 계층으로 전달된다.",
        "b.md": "입력 토큰은 주의 메커니즘을 거쳐 다음 계층으로 전달된다.",
    }
    link = SentenceLink("a.md", "b.md", (0,), (0,), 0.6)
    unit = Unit(id="1", paragraphs={"a.md": (0,), "b.md": (0,)}, similarity=(), sentence_links=(link,))
    assert term_rows(term_context(segmenter, tmp_path, texts, units=(unit,))) == []


def test_three_rust_book_translations(segmenter, tmp_path):
    """Real drift between three translations: 오너 for "owner" (three times, one finding), 가비지 콜렉터."""
    texts = {name: (DATA / "rust_ch04_ko" / name).read_text(encoding="utf-8")
             for name in ("kernalix7.md", "rinthel.md", "rust_kr.md")}
    glossary = DEFAULT_GLOSSARY.read_text(encoding="utf-8")
    found = term_rows(term_context(segmenter, tmp_path, texts, glossary))
    assert found == [
        ("term-inconsistent", "warning", "rinthel.md", "가비지 콜렉터", "가비지 컬렉터", 1),
        ("term-inconsistent", "warning", "rinthel.md", "오너", "소유자", 3),
    ]


def test_the_check_is_registered_with_examples():
    doc = CHECKS["term-inconsistent"].doc
    assert "Bad:" in doc and "Good:" in doc
