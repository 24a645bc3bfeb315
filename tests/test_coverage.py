"""omission and addition on constructed edits of a real rendering: exact findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.pipeline import run
from tests.paths import EXAMPLES, LEAD

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
INSIGHT = "핵심 압축 통찰(compression insight): 이미지를 텍스트를 위한 효율적인 압축 매체로 취급합니다."
# 001's free wording of INSIGHT: it scores under the support threshold, but each is the other's best match.
LOOSE = "핵심 발상은 이미지를 텍스트 데이터의 효과적인 압축 매개체로 활용하는 것입니다."


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
    elif kind == "loose paraphrase":
        text = text.replace(INSIGHT, LOOSE)
    elif kind == "delete a sentence like its neighbour":
        text = _without(text, ORIGINAL_OF_SPLIT)
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
        ("loose paraphrase", []),
        # its neighbour is close by cosine but keeps none of its names and numbers
        ("delete a sentence like its neighbour", [("omission", "error", "", ORIGINAL_OF_SPLIT)]),
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


def test_a_header_line_only_one_rendering_has_is_a_note(tmp_path, encoder):
    """Lines above a digest's first item (title, author, URL) are worded freely: info, not warning."""
    paths = []
    for name, header in (("a.txt", "Author: Elvis Saravia\n\n"), ("b.txt", ""), ("c.txt", "")):
        path = tmp_path / name
        path.write_text(header + _TEXT.split("\n\n", 1)[1], encoding="utf-8")
        paths.append(str(path))
    result = run(paths, encoder=encoder)
    found = [(f.check, f.severity.value, f.text) for f in result.findings if f.check in ("omission", "addition")]
    assert found == [("addition", "info", "Author: Elvis Saravia")]


BOOK = EXAMPLES.parent / "rust-book-ch04-01"
EN = BOOK / "en.upstream-21cf8408.md"
KO = BOOK / "ko.rust-kr-doc.rust-kr.org-1d07d28a.md"
RULE_EN = "* When the owner goes out of scope, the value will be dropped."
RULE_KO = "* 소유자가 스코프 밖으로 벗어날 때, 값은 버려집니다 (dropped)."
INVENTED_KO = "이 규칙 덕분에 러스트 프로그램은 평균 30% 더 빠르게 실행됩니다."


@pytest.fixture(scope="module")
def book_findings(encoder):
    """The Korean translation against the English it translates, as it is."""
    result = run([str(KO)], source=str(EN), encoder=encoder)
    return {(f.check, f.text or f.expected) for f in result.findings if f.check in ("omission", "addition")}


@pytest.mark.parametrize(
    "edit, expected",
    [
        ("as written", set()),
        ("delete a rule", {("omission", RULE_EN)}),
        ("insert a claim", {("addition", INVENTED_KO)}),
    ],
)
def test_against_an_english_source(edit, expected, book_findings, tmp_path, encoder):
    """Between languages only meaning counts: a translated sentence is supported, a dropped one
    is an omission of the English, an invented one an addition. Findings of the text as written
    (loose translations, real differences) are the baseline."""
    text = KO.read_text(encoding="utf-8")
    assert RULE_KO in text
    if edit == "delete a rule":
        text = text.replace(RULE_KO + "\n", "")
    elif edit == "insert a claim":
        text = text.replace(RULE_KO, RULE_KO + " " + INVENTED_KO)
    rendering = tmp_path / "ko.md"
    rendering.write_text(text, encoding="utf-8")
    result = run([str(rendering)], source=str(EN), encoder=encoder)
    found = {(f.check, f.text or f.expected) for f in result.findings if f.check in ("omission", "addition")}
    assert found - book_findings == expected


def test_a_faithful_translation_is_mostly_supported(book_findings):
    """rust-kr translates every sentence of its source: most of its 203 sentences find their English."""
    assert len(book_findings) < 60


KERNALIX = BOOK / "ko.Kernalix7-2f5cfbe3.md"
KERNALIX_EN = BOOK / "en.upstream-3e9dc46a.md"


@pytest.fixture(scope="module")
def baselines(encoder):
    """Findings of each translation against its English, as written, computed once per pair."""
    cache: dict[tuple[Path, Path], set[tuple[str, str]]] = {}

    def findings(rendering: Path, source: Path) -> set[tuple[str, str]]:
        if (rendering, source) not in cache:
            result = run([str(rendering)], source=str(source), encoder=encoder)
            cache[(rendering, source)] = {
                (f.check, f.text or f.expected) for f in result.findings if f.check in ("omission", "addition")
            }
        return cache[(rendering, source)]

    return findings


@pytest.mark.parametrize(
    "rendering, source, deleted, english",
    [
        pytest.param(
            KO,
            EN,
            "이 중 첫 번째는 이미 우리 손으로 해결했습니다.\n`String::from` 호출 시, 필요한 만큼 메모리를 요청하도록 구현되어 있거든요.",
            "That first part is done by us: when we call `String::from`, its implementation\nrequests the memory it needs.",
            id="the neighbour's rendering is too short to hold both sentences",
        ),
        pytest.param(
            KO,
            EN,
            "메모리 안정성을 보장하기 위해서, 러스트는 `let s2 = s1;` 라인 뒤로는 `s1`이\n더 이상 유효하지 않다고 판단합니다.",
            "To ensure memory safety, after the line `let s2 = s1;`, Rust considers `s1` as\nno longer valid.",
            id="a window of neighbours on the same topic",
        ),
        pytest.param(
            KO,
            EN,
            "결과적으로\n예제가 간략해져서 보일러 플레이트 코드가 아닌 실제 세부 사항에\n집중하게끔 해줄 것입니다.",
            "As a result, our examples will be a\nbit more concise, letting us focus on the actual details rather than\nboilerplate code.",
            id="what stands in its place is the rest of the previous sentence",
        ),
        pytest.param(
            KERNALIX,
            KERNALIX_EN,
            "그림 4-2: `s1`의 포인터, 길이, 용량을 복사한 변수 `s2`의 메모리 표현",
            "Figure 4-2: Representation in memory of the variable `s2`\nthat has a copy of the pointer, length, and capacity of `s1`",
            id="the caption of another figure",
        ),
        pytest.param(
            KERNALIX,
            KERNALIX_EN,
            "컴파일 타임에 크기를 알 수 없거나, 실행 중에 크기가 변할 수 있는 텍스트를 바이너리에 직접 넣을 수는 없습니다.",
            "Unfortunately, we can’t put a blob of memory into the\nbinary for each piece of text whose size is unknown at compile time and whose\nsize might change while running the program.",
            id="a close neighbour that is another sentence's partner",
        ),
        pytest.param(
            KERNALIX,
            KERNALIX_EN,
            "- 런타임에 메모리 할당자에게 메모리를 요청해야 합니다.",
            "- The memory must be requested from the memory allocator at runtime.",
            id="the next list item",
        ),
    ],
)
def test_a_deleted_translation_is_an_omission_of_its_english(rendering, source, deleted, english, baselines, tmp_path, encoder):
    """A sentence whose rendering is deleted must not pass as said by the neighbours' renderings:
    between languages a match must be clear or mutual, a merge must be long enough, and a loose
    translation is excused only where nothing else claims the place."""
    text = rendering.read_text(encoding="utf-8")
    assert deleted in text
    edited = tmp_path / "ko.md"
    edited.write_text(text.replace(deleted, "", 1), encoding="utf-8")
    result = run([str(edited)], source=str(source), encoder=encoder)
    found = {(f.check, f.text or f.expected) for f in result.findings if f.check in ("omission", "addition")}
    assert found - baselines(rendering, source) == {("omission", english)}
