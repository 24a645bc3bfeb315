"""omission and addition on constructed edits of a real rendering: exact findings."""

from __future__ import annotations

import pytest

from checker.pipeline import run
from tests.paths import LEAD

_TEXT = LEAD.read_text(encoding="utf-8")
ITEMS = "\n\n".join(_TEXT.split("\n\n")[1:3]) + "\n"  # items 1 and 2 of 003, four paragraphs

NUMERIC = "표준 미세 조정은 89%의 성능 저하를 유발하고, LoRA는 보류된 작업(held-out tasks)에서 71%의 저하를 초래하여, 고비용 데이터 재생 전략(expensive data replay strategies) 없이는 지속 학습(continual learning)을 비실용적으로 만듭니다."
FRAMING = "이러한 접근 방식은 기존 OCR 시스템이 직면했던 대규모 문서 처리의 병목 현상을 해결하는 데 중점을 둡니다."
FACTUAL = "또한 이 모델은 법률 문서 요약에서도 85%의 정확도를 보였습니다."
GENERIC = "이 연구는 앞으로 여러 분야에 영향을 줄 것입니다."
ANCHOR = "이는 정보 저장에 대한 세분화된 제어(granular control)를 가능하게 합니다."
SPLIT = (
    "DeepEncoder 아키텍처는 SAM-base(80M)와 CLIP-large(300M) 모델의 강점을 결합합니다. "
    "이를 통해 16배 컨볼루션 압축기로 효율적인 시각적 토큰 생성을 가능하게 합니다."
)
ORIGINAL_OF_SPLIT = "DeepEncoder 아키텍처는 SAM-base(80M)와 CLIP-large(300M) 모델의 강점을 결합하여 16배 컨볼루션 압축기를 통해 효율적인 시각적 토큰 생성을 가능하게 합니다."
PARAPHRASE = "덕분에 정보를 어디에 저장할지 세밀하게 제어(granular control)할 수 있습니다."


def _without(text: str, sentence: str) -> str:
    """The text less one sentence and the space that joined it to its neighbour."""
    joined = sentence + " " if sentence + " " in text else " " + sentence
    return text.replace(joined, "", 1)


def _edits(kind: str) -> str:
    text = ITEMS
    if kind == "delete numeric":
        text = _without(text, NUMERIC)
    elif kind == "delete framing":
        text = _without(text, FRAMING)
    elif kind == "insert factual":
        text = text.replace(ANCHOR, ANCHOR + " " + FACTUAL)
    elif kind == "insert generic":
        text = text.replace(ANCHOR, ANCHOR + " " + GENERIC)
    elif kind == "paraphrase":
        text = text.replace(ANCHOR, PARAPHRASE)
    elif kind == "split":
        text = text.replace(ORIGINAL_OF_SPLIT, SPLIT)
    elif kind == "reorder items":
        first, second = text.strip().split("\n\n")
        text = second.replace("2.  ", "1.  ", 1) + "\n\n" + first.replace("1.  ", "2.  ", 1) + "\n"
    elif kind == "merge paragraphs":
        text = text.replace("\n    ", " ")
    assert text != ITEMS or kind == "unchanged"
    return text


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    path = tmp_path_factory.mktemp("src") / "source.txt"
    path.write_text(ITEMS, encoding="utf-8")
    return path


def _findings(tmp_path, source, encoder, kind):
    rendering = tmp_path / "rendering.txt"
    rendering.write_text(_edits(kind), encoding="utf-8")
    result = run([str(rendering)], source=str(source), encoder=encoder)
    return [f for f in result.findings if f.check in ("omission", "addition")]


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("unchanged", []),
        ("delete numeric", [("omission", "error", "", NUMERIC)]),
        ("delete framing", [("omission", "warning", "", FRAMING)]),
        ("insert factual", [("addition", "error", FACTUAL, "")]),
        ("insert generic", [("addition", "warning", GENERIC, "")]),
        ("paraphrase", []),
        ("split", []),
        ("reorder items", []),
        ("merge paragraphs", []),
    ],
)
def test_against_a_source(kind, expected, tmp_path, source, encoder):
    found = _findings(tmp_path, source, encoder, kind)
    assert [(f.check, f.severity.value, f.text, f.expected) for f in found] == expected


def test_omission_points_where_the_content_would_be(tmp_path, source, encoder):
    (omission,) = _findings(tmp_path, source, encoder, "delete numeric")
    text = _edits("delete numeric")
    before = "이전에 습득한 능력을 잃습니다."
    assert text[: omission.start].endswith(before)
    assert "89" in omission.message and "71" in omission.message
    assert omission.evidence[0].text == NUMERIC


def test_consensus_of_three_renderings(tmp_path, encoder):
    """Without a source: dropped in one of three is an omission there, added in one is an addition."""
    paths = []
    for name, kind in (("a.txt", "delete numeric"), ("b.txt", "paraphrase"), ("c.txt", "insert generic")):
        path = tmp_path / name
        path.write_text(_edits(kind), encoding="utf-8")
        paths.append(str(path))
    result = run(paths, encoder=encoder)
    found = sorted(
        (f.check, f.file.rsplit("/", 1)[-1], f.text or f.expected) for f in result.findings if f.check in ("omission", "addition")
    )
    assert found == [("addition", "c.txt", GENERIC), ("omission", "a.txt", NUMERIC)]


def test_two_renderings_without_source_name_both_sides(tmp_path, encoder):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ITEMS, encoding="utf-8")
    b.write_text(_edits("insert factual"), encoding="utf-8")
    result = run([str(a), str(b)], encoder=encoder)
    found = [f for f in result.findings if f.check in ("omission", "addition")]
    assert [(f.check, f.severity.value, f.file, f.text) for f in found] == [("addition", "warning", str(b), FACTUAL)]
    assert "either this one added it or the other dropped it" in found[0].message
