"""Clause coverage (checker/coverage.py): the splitters, the anchors, the score and the findings it
gives the omission and addition checks, on small hand-written sentences."""

from __future__ import annotations

import math

import pytest

from checker.config import Settings
from checker.coverage import (
    ADDITION,
    OFF,
    OMISSION,
    Coverage,
    Judged,
    Model,
    Part,
    Scored,
    clause_severity,
    english_anchor_kept,
    english_anchors,
    english_parts,
    korean_anchor_licensed,
    korean_anchors,
    korean_parts,
)
from checker.models import Severity
from checker.pipeline import run

ENGLISH_PARTS = [
    pytest.param("A local resident said:", ["A local resident said"], id="one clause"),
    pytest.param(
        "In southern China in particular, toxins have been discharged with sewage by mining operations.",
        ["In southern China", "in particular", "toxins have been discharged", "with sewage", "by mining operations."],
        id="punctuation and prepositions",
    ),
    pytest.param(
        "We need investors in Fiji who are willing to contribute to the economy.",
        ["We need investors", "in Fiji", "who are willing", "to contribute", "to the economy."],
        id="a relative clause",
    ),
    pytest.param(
        "A driver can only be punished up to 5 years in jail.",
        ["A driver can only be punished up to 5 years", "in jail."],
        id="up to stays whole",
    ),
    pytest.param("It rained, and then it stopped.", ["It rained", "and then it stopped."], id="a conjunction"),
    pytest.param("Go to bed.", ["Go to bed."], id="a one-word part joins its neighbour"),
]


@pytest.mark.parametrize("sentence, parts", ENGLISH_PARTS)
def test_english_parts(sentence, parts):
    found = english_parts(sentence)
    assert [p.text for p in found] == parts
    assert all(sentence[p.start : p.end] == p.text for p in found)


KOREAN_PARTS = [
    pytest.param(
        "광업 활동으로 인해 유해 물질이 방출되어 궁극적으로 논을 오염시켰습니다.",
        [("광업 활동으로", "clause"), ("인해", "clause"), ("유해 물질이 방출되어", "clause"),
         ("궁극적으로", "clause"), ("논을 오염시켰습니다.", "clause")],
        id="connective endings and adverbial particles",
    ),
    pytest.param(
        "포괄적인 설명을 제공해야 합니다.",
        [("포괄적인 설명을 제공해야", "clause"), ("포괄적인", "modifier"), ("합니다.", "clause")],
        id="a modifier inside a phrase is a part of its own",
    ),
    pytest.param("중국 남부 지역의 하수에", [("중국 남부 지역의 하수에", "clause"), ("지역의", "modifier")], id="a genitive"),
]


@pytest.mark.parametrize("sentence, parts", KOREAN_PARTS)
def test_korean_parts(sentence, parts):
    found = korean_parts(sentence)
    assert [(p.text, p.kind) for p in found] == parts
    assert all(sentence[p.start : p.end] == p.text for p in found)


# (English, Korean, the English anchors the Korean does not carry)
LOST = [
    pytest.param("@omarc: I waited for 2 hours.", "2시간을 기다렸습니다.", ["@omarc"], id="a handle"),
    pytest.param("I waited for 2 hours.", "나는 3시간을 기다렸다.", ["2 hours"], id="a number"),
    pytest.param("20 thousand people came.", "2만 명이 왔다.", [], id="a number by value"),
    pytest.param("He can only be punished up to 5 years.", "그는 5년의 처벌을 받을 수 있다.", ["only", "up to"],
                 id="qualifiers"),
    pytest.param("He can only be punished up to 5 years.", "그는 최대 5년의 처벌만 받을 수 있다.", [], id="qualifiers kept"),
    pytest.param("They did not stop.", "그들은 멈췄다.", ["not"], id="a negation"),
    pytest.param("They did not stop.", "그들은 멈추지 않았다.", [], id="a negation kept"),
    pytest.param("GPT-4 and LoRA were compared.", "GPT-4와 로라를 비교했다.", ["LoRA"], id="a name kept in Latin script"),
    pytest.param("The sensor-controlled car in PHOTO 2.", "사진 2의 센서 제어 자동차.", [], id="not names: translated words"),
    pytest.param("Listing 4-4 shows it.", "예제 4-3이 보여줍니다.", [], id="not numbers: labels"),
    pytest.param("He said &#39;no&#39;.", "그는 거절했다.", [], id="not numbers: an HTML entity"),
]


@pytest.mark.parametrize("english, korean, lost", LOST)
def test_english_anchors_lost(english, korean, lost):
    assert [a.text for a in english_anchors(english) if not english_anchor_kept(a, korean)] == lost


def test_glossary_terms_are_anchors():
    terms = {"ownership": ("소유권",)}
    anchors = english_anchors("Ownership is a set of rules.", terms)
    assert [(a.text, a.kind) for a in anchors] == [("Ownership", "term")]
    assert english_anchor_kept(anchors[0], "소유권은 규칙의 모음입니다.", terms)
    assert not english_anchor_kept(anchors[0], "소유는 규칙의 모음입니다.", terms)


# (Korean, English, the Korean anchors the English does not license)
ADDED = [
    pytest.param("유해 물질이 궁극적으로 논을 오염시켰다.", "Toxins made their way into rice paddies.", ["궁극적으로"],
                 id="an added adverb"),
    pytest.param("유해 물질이 결국 논을 오염시켰다.", "Toxins eventually made their way into rice paddies.", [],
                 id="a licensed adverb"),
    pytest.param("GPT-4는 2023년에 공개되었다.", "It was released.", ["GPT-4", "2023년"], id="a name and a number"),
    pytest.param("1년 전에 도착했어야 했다.", "It should have arrived a year ago.", [], id="1 is often 'a'"),
    pytest.param("#qldfloods는 많은 글을 모은다.", "#qldfloods captures many posts.", [], id="a hashtag with a particle"),
]


@pytest.mark.parametrize("korean, english, added", ADDED)
def test_korean_anchors_added(korean, english, added):
    assert [a.text for a in korean_anchors(korean) if not korean_anchor_licensed(a, english)] == added


def test_model_score_is_a_logistic_of_the_weighted_features():
    model = Model(weights=(0.5, 2.0), thresholds=(0.5, 0.6, OFF))
    assert model.score((1.0, 0.0)) == pytest.approx(1 / (1 + math.exp(-0.5)))
    assert model.score((1.0, -1.0)) == pytest.approx(1 / (1 + math.exp(1.5)))
    assert model.threshold("qualifier") == 0.6
    assert model.score((1.0, 100.0)) < OFF  # no score reaches OFF


def _scored(text: str, kind: str, drop: float, share: float, lost: tuple[Part, ...] = ()) -> Scored:
    return Scored(Part(0, len(text), text, kind), drop=drop, alone=0.0, share=share, lost=lost)


STRONGEST = [
    pytest.param([_scored("in Fiji", "clause", 0.05, 0.2), _scored("We need", "clause", 0.0, 0.3)], "We need",
                 id="the clause that lowers the similarity least for its size"),
    pytest.param([_scored("We need", "clause", 0.0, 0.3),
                  _scored("only", "qualifier", 0.01, 0.05, (Part(0, 4, "only", "qualifier"),)),
                  _scored("@omarc", "name", 0.02, 0.1, (Part(0, 6, "@omarc", "name"),))], "@omarc",
                 id="a lost name before a lost qualifier before a clause"),
    pytest.param([_scored("모든 사람이", "clause", 0.1, 0.5, (Part(0, 2, "모든", "qualifier"),)),
                  _scored("모든", "modifier", 0.0, 0.2, (Part(0, 2, "모든", "qualifier"),))], "모든",
                 id="the smallest part that holds the anchor"),
    pytest.param([], None, id="nothing to report"),
]


@pytest.mark.parametrize("parts, text", STRONGEST)
def test_strongest_part(parts, text):
    judged = Judged(tuple(parts), (), 0.9, "clause", True)
    assert (judged.strongest.part.text if judged.strongest else None) == text


@pytest.fixture(scope="module")
def coverage(encoder):
    return Coverage(encoder)


def test_only_sentences_that_can_be_reported_are_encoded(coverage):
    assert OMISSION.threshold("clause") == OFF and ADDITION.threshold("clause") == OFF
    faithful, lossy = coverage.omissions([
        ("I waited for 2 hours at the desk.", "나는 데스크에서 2시간을 기다렸다."),
        ("@omarc: I waited for 2 hours at the desk.", "나는 데스크에서 2시간을 기다렸다."),
    ])
    assert faithful.parts == () and not faithful.flagged
    assert lossy.evidence == "lost" and lossy.strongest.part.text == "@omarc"
    assert len(lossy.features) == len(OMISSION.weights)


# Four numbered items: the English, and a rendering of each (the first as said in SAID).
ITEMS_EN = [
    "@omarc: I have been waiting at the Bahrain immigration desk for 2 hours and I am still waiting.",
    "The statement that the government made at the UN Security Council carried no weight.",
    "Many parents expressed their concern about the new teachers on their blogs.",
    "The hashtags are capturing much of the general comment as well as local stories.",
]
ITEMS_KO = [
    "정부가 유엔 안전보장이사회에서 한 성명은 아무런 무게가 없었습니다.",
    "많은 부모들이 블로그에서 새 교사들에 대한 우려를 표명했습니다.",
    "해시태그들은 지역 이야기뿐 아니라 전반적인 논평의 상당 부분을 모으고 있습니다.",
]
WITHOUT_HANDLE = "바레인 입국심사대에서 2시간을 기다렸는데 아직도 기다리고 있습니다."


def _clause_findings(tmp_path, encoder, first: str):
    source, rendering = tmp_path / "en.md", tmp_path / "ko.md"
    source.write_text("".join(f"{i}. {t}\n\n" for i, t in enumerate(ITEMS_EN, start=1)), encoding="utf-8")
    rendering.write_text("".join(f"{i}. {t}\n\n" for i, t in enumerate([first, *ITEMS_KO], start=1)), encoding="utf-8")
    findings = run(Settings([str(rendering)], source=str(source)), encoder).findings
    return [f for f in findings if f.check in ("omission", "addition")]


def test_an_added_qualifier_is_judged_when_asked(encoder):
    # the addition thresholds are off (see ADDITION): judged only for fitting
    (judged,) = Coverage(encoder, complete=True).additions(
        [("그는 결과적으로 모든 학생에게 매우 큰 영향을 주었습니다.", "He influenced students.")]
    )
    assert judged.evidence == "qualifier" and not judged.flagged
    assert judged.strongest.part.text == "모든"
    assert clause_severity(judged.strongest) is Severity.WARNING


def test_a_dropped_handle_is_an_error_on_the_rendering_sentence(tmp_path, encoder):
    found = _clause_findings(tmp_path, encoder, WITHOUT_HANDLE)
    assert [(f.check, f.severity, f.text, f.expected) for f in found] == [
        ("omission", Severity.ERROR, WITHOUT_HANDLE, "@omarc")
    ]
    assert (found[0].line, found[0].column) == (1, 4)


def test_a_faithful_rendering_has_no_clause_finding(tmp_path, encoder):
    assert _clause_findings(tmp_path, encoder, "@omarc: " + WITHOUT_HANDLE) == []
