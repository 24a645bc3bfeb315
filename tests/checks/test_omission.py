"""omission on constructed edits of a real rendering, and of a translation against its English:
exact findings. Each row says every omission and addition."""

from __future__ import annotations

import pytest

from tests.checks.helpers import (
    EN,
    FRAMING,
    KERNALIX,
    KERNALIX_EN,
    KO,
    NUMERIC,
    ORIGINAL_OF_SPLIT,
    RULE_EN,
    baseline,
    consensus_findings,
    coverage_findings,
    coverage_rows,
    coverage_set,
    edited_book,
    edits,
    write_items,
)


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    return write_items(tmp_path_factory)


# ITEMS edited one way (rendering.txt), against ITEMS as the source.
CASES = [
    pytest.param("unchanged", [], id="unchanged"),
    pytest.param("delete numeric", [("omission", "error", "rendering.txt", "", NUMERIC)],
                 id="a deleted sentence with numbers is an error"),
    pytest.param("delete framing", [("omission", "warning", "rendering.txt", "", FRAMING)],
                 id="a deleted framing sentence is a warning"),
    # its neighbour is close by cosine but keeps none of its names and numbers
    pytest.param("delete a sentence like its neighbour", [("omission", "error", "rendering.txt", "", ORIGINAL_OF_SPLIT)],
                 id="a deleted sentence like its neighbour"),
    pytest.param("split", [], id="a sentence split in two"),
    pytest.param("reorder items", [], id="items reordered"),
    pytest.param("merge paragraphs", [], id="paragraphs merged"),
]


@pytest.mark.parametrize("kind, expected", CASES)
def test_against_a_source(kind, expected, tmp_path, source, encoder):
    assert coverage_rows(coverage_findings(tmp_path, source, encoder, kind)) == expected


def test_omission_points_where_the_content_would_be(tmp_path, source, encoder):
    (omission,) = coverage_findings(tmp_path, source, encoder, "delete numeric")
    text = edits("delete numeric")
    before = "이전에 습득한 능력을 잃습니다."
    assert text[: omission.start].endswith(before)
    assert "89" in omission.message and "71" in omission.message
    assert omission.evidence[0].text == NUMERIC


def test_consensus_of_three_renderings(tmp_path, encoder):
    """Without a source: dropped in one of three is an omission there (the addition is in test_addition)."""
    found = sorted(
        (f.check, f.file.rsplit("/", 1)[-1], f.text or f.expected)
        for f in consensus_findings(tmp_path, encoder)
        if f.check == "omission"
    )
    assert found == [("omission", "a.txt", NUMERIC)]


ENGLISH_SOURCE = [
    pytest.param("as written", set(), id="as written"),
    pytest.param("delete a rule", {("omission", RULE_EN)}, id="delete a rule"),
]


@pytest.mark.parametrize("edit, expected", ENGLISH_SOURCE)
def test_against_an_english_source(edit, expected, tmp_path, encoder):
    """Between languages only meaning counts: a dropped sentence is an omission of the English.
    Findings of the text as written (loose translations, real differences) are the baseline."""
    rendering = tmp_path / "ko.md"
    rendering.write_text(edited_book(edit), encoding="utf-8")
    assert coverage_set(rendering, EN, encoder) - baseline(KO, EN, encoder) == expected


DELETED = [
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
]


@pytest.mark.parametrize("rendering, source, deleted, english", DELETED)
def test_a_deleted_translation_is_an_omission_of_its_english(rendering, source, deleted, english, tmp_path, encoder):
    """A sentence whose rendering is deleted must not pass as said by the neighbours' renderings:
    between languages a match must be clear or mutual, a merge must be long enough, and a loose
    translation is excused only where nothing else claims the place."""
    text = rendering.read_text(encoding="utf-8")
    assert deleted in text
    edited = tmp_path / "ko.md"
    edited.write_text(text.replace(deleted, "", 1), encoding="utf-8")
    assert coverage_set(edited, source, encoder) - baseline(rendering, source, encoder) == {("omission", english)}
