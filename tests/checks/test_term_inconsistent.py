"""term-inconsistent on small texts, and on excerpts of three Rust-book translations.

Both term checks run, through the filter chain: each row says every finding of either."""

from __future__ import annotations

import pytest

from checker.checks import CHECKS
from checker.terminology import DEFAULT_GLOSSARY
from checker.models import SentenceLink, Unit
from checker.checks.context import Context
from checker.models import Analysis, DigestGroup
from checker.terminology import load_glossaries
from checker.terminology.repaired import on_uncertain
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
    pytest.param(
        {"a.md": "잠재적인 추론 능력(latent reasoning capabilities)을 본다. 잠재적인 추론 능력은 크다.",
         "b.md": "잠재적 추론 능력(latent reasoning capabilities)을 본다."},
        None, None, [],
        id="-적인 and -적 before a noun are one term (example 001 beside 003)",
    ),
    pytest.param(
        {"a.md": "긍정적 영향(positive influence)을 준다. 긍정적 영향이 크다.",
         "b.md": "긍정적인 영향(positive influence)을 준다. 데이터 셋(dataset)이 크다.",
         "c.md": "긍정적 영향을 준다. 데이터셋(dataset)을 쓴다. 데이터셋은 크다."},
        None, None, [],
        id="-적인/-적 and spacing variants are never reported",
    ),
]


@pytest.mark.parametrize("texts, glossary, source, expected", CASES)
def test_term_inconsistent(segmenter, tmp_path, texts, glossary, source, expected):
    assert term_rows(term_context(segmenter, tmp_path, texts, glossary, source)) == sorted(expected)


REPAIRED = [
    pytest.param(
        {"a.md": "보조 응답 모델말(auxiliary response modeling)을 쓴다.",
         "b.md": "보조 응답 모델링(auxiliary response modeling)을 쓴다."},
        {"a.md": "모델말"}, [],
        id="a guessed syllable wins no tie (example 000's 모델말 for 모델링) and is not reported itself",
    ),
    pytest.param(
        {"a.md": "클리핑(clipping)을 한다.", "b.md": "폴리핑(clipping)을 한다."},
        {"b.md": "폴리핑"}, [],
        id="a clean file first or not, the guess is never the expected term",
    ),
    pytest.param(
        {"a.md": "파국적 망각(catastrophic forgetting)을 겪는다. 파국적 망각은 흔하다.",
         "b.md": "치명적 망각(catastrophic forgetting)을 겪는다."},
        {"a.md": ""},
        [("term-inconsistent", "warning", "a.md", "파국적 망각", "치명적 망각", 2)],
        id="a repaired file does not vote: the clean minority sets the term",
    ),
    pytest.param(
        {"a.md": "파국적 망각(catastrophic forgetting)을 겪는다. 치명적 망각(catastrophic forgetting)도."},
        {"a.md": ""}, [],
        id="only a repaired file uses the concept: nothing to measure it against",
    ),
    pytest.param(
        {"a.md": "커리페럼 마스킹 전략(curriculum masking strategy)을 쓰고 커리큘럼 마스킹 전략은 아니다.",
         "b.md": "커리큘럼 마스킹 전략(curriculum masking strategy)을 쓴다."},
        {"a.md": "커리페럼"}, [],
        id="a term on a guessed syllable is dropped, its certain spelling agrees",
    ),
]


@pytest.mark.parametrize("texts, repaired, expected", REPAIRED)
def test_repaired_renderings(segmenter, tmp_path, texts, repaired, expected):
    assert term_rows(term_context(segmenter, tmp_path, texts, None, repaired=repaired)) == sorted(expected)


def test_the_repaired_example_sets_no_term(segmenter):
    """Examples 000 (mojibake, repaired in memory), 001 and 003: 000 comes first in the files and
    used to win every tie with its guesses (폴리핑 for 클리핑, 모델말 for 모델링, 말각 for 망각)."""
    from checker.decode import read_document
    from checker.models import Role
    from tests.repair.samples import EXAMPLES as FOLDER, SEED

    docs = [segmenter.segment(read_document(str(FOLDER / name), Role.RENDERING))
            for name in (SEED, "001_3b669d72a2bc1990.txt", "003_d97949ae6726edfb.txt")]
    seed = docs[0].document
    assert seed.decoded.repair is not None and seed.decoded.repair.uncertain
    paths = tuple(d.path for d in docs)
    analysis = Analysis(documents=tuple(docs), source=None, groups=(DigestGroup(0, paths),), compared=paths,
                        units=(), document_similarity=(), encoder_signature="test")
    context = Context(analysis, load_glossaries([DEFAULT_GLOSSARY]))
    found = term_findings(context)
    expected = {f.expected for f in found}
    assert not expected & {"폴리핑", "보조 응답 모델말", "학습-말각 절충 경계"}
    assert not [f for f in found if f.text in ("클리핑", "보조 응답 모델링", "학습-망각 절충 곡선")]
    guessed = [f for f in found if f.file == seed.path
               and any(on_uncertain(seed, o.start, o.end) for o in f.occurrences)]
    assert guessed == []


FINGERPRINTED = [
    pytest.param("파국적 망각(catastrophic forgetting)을 겪는다. 파국적 망각은 흔하다.",
                 "파국적 망각(catastrophic forgetting)을 겪는다. 파국적 망각은 흔하다. 파국적 망각도 있다.",
                 id="an occurrence added after"),
    pytest.param("모델은 파국적 망각(catastrophic forgetting)을 겪는다.",
                 "파국적 망각이 있다.\n\n모델은 파국적 망각(catastrophic forgetting)을 겪는다.",
                 id="an occurrence added before the first"),
]


@pytest.mark.parametrize("before, after", FINGERPRINTED)
def test_a_grouped_finding_keeps_its_fingerprint(segmenter, tmp_path, before, after):
    """A baseline names a file's term choice, not how often it is used."""
    prints = []
    for text in (before, after):
        texts = {"a.md": "치명적 망각(catastrophic forgetting)을 겪는다. 치명적 망각은 흔하다. 치명적 망각도.",
                 "b.md": text}
        [finding] = term_findings(term_context(segmenter, tmp_path, texts, None))
        assert len(finding.occurrences) == text.count("파국적 망각")
        assert f"{len(finding.occurrences)} times" in finding.message or len(finding.occurrences) == 1
        assert (finding.line, finding.column) == (finding.occurrences[0].line, finding.occurrences[0].column)
        prints.append(finding.fingerprint)
    assert prints[0] == prints[1]


def test_a_finding_lists_every_occurrence(segmenter, tmp_path):
    context = term_context(segmenter, tmp_path, {
        "a.md": "치명적 망각(catastrophic forgetting)을 겪는다. 치명적 망각은 흔하다. 치명적 망각도.",
        "b.md": "파국적 망각(catastrophic forgetting)을 겪는다.\n둘째 줄의 파국적 망각.",
    })
    [finding] = term_findings(context)
    assert [(o.line, o.column, o.text) for o in finding.occurrences] == [(1, 1, "파국적 망각"), (2, 7, "파국적 망각")]
    assert "2 times in this file, first here with its English" in finding.message


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
