"""Structure: items, paragraphs and sentences, with offsets into the file."""

from __future__ import annotations

import pytest

from checker.segment import paragraph_spans

LONG_A = "가" * 160 + "입니다."
LONG_B = "나" * 160 + "입니다."


def _paragraphs(text: str) -> list[tuple[str, str | None, bool]]:
    return [(text[s.start : s.end], s.item, s.is_title) for s in paragraph_spans(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "제목\n\n1.  **A** 본문 하나.\n\n2.  **B** 본문 둘.\n",
            [("제목", None, False), ("1.  **A** 본문 하나.", "1", False), ("2.  **B** 본문 둘.", "2", False)],
            id="header then one-line items",
        ),
        pytest.param(
            f"1.  **제목**\n    {LONG_A}\n    {LONG_B}\n\n2.  **둘**\n    짧은 본문.\n",
            [("1.  **제목**", "1", True), (LONG_A, "1", False), (LONG_B, "1", False),
             ("2.  **둘**", "2", True), ("짧은 본문.", "2", False)],
            id="title lines and long indented paragraphs",
        ),
        pytest.param(
            "첫 문단은 여기서 시작하고\n다음 줄로 이어집니다.\n\n둘째 문단입니다.\n",
            [("첫 문단은 여기서 시작하고\n다음 줄로 이어집니다.", None, False), ("둘째 문단입니다.", None, False)],
            id="hard-wrapped prose joins",
        ),
        pytest.param(
            "1. **A** 하나.\n2. **B** 둘.\n",
            [("1. **A** 하나.", "1", False), ("2. **B** 둘.", "2", False)],
            id="items without blank lines",
        ),
        pytest.param(
            "1. **A** 하나.\n\n    들여쓴 둘째 문단.\n\n맺음말은 항목 밖입니다.\n",
            [("1. **A** 하나.", "1", False), ("들여쓴 둘째 문단.", "1", False), ("맺음말은 항목 밖입니다.", None, False)],
            id="indented paragraph continues the item, unindented one leaves it",
        ),
        pytest.param(
            "1.  **A**\n본문이 들여쓰기 없이 이어집니다.\n",
            [("1.  **A**", "1", True), ("본문이 들여쓰기 없이 이어집니다.", "1", False)],
            id="unindented body right under its title",
        ),
        pytest.param(
            "머리말\n\n=========\n\n본문.\n",
            [("머리말", None, False), ("본문.", None, False)],
            id="decoration lines are not paragraphs",
        ),
        pytest.param(
            "설명:\n\n```rust\nfn main() {\n\n    let s = 1;\n}\n```\n\n끝.\n",
            [("설명:", None, False), ("```rust\nfn main() {\n\n    let s = 1;\n}\n```", None, False), ("끝.", None, False)],
            id="a fenced code block is one paragraph",
        ),
        pytest.param(
            "> ### 스택과 힙\n>\n> 첫 줄\n> 둘째 줄\n",
            [("> ### 스택과 힙", None, False), ("> 첫 줄\n> 둘째 줄", None, False)],
            id="block quote paragraphs",
        ),
        pytest.param(
            "제목\r\n\r\n1. **A** 하나.\r\n",
            [("제목", None, False), ("1. **A** 하나.", "1", False)],
            id="CRLF line ends",
        ),
    ],
)
def test_paragraph_spans(text, expected):
    assert _paragraphs(text) == expected


def test_sentences_keep_offsets_drop_markers_and_split_titles(tmp_path, segment):
    text = "머리말\n\n1.  **DeepSeek-OCR** DeepSeek-OCR은 긴 문맥을 압축합니다. 정확도는 97%입니다.\n"
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    doc = segment(path)
    sentences = [s.text for s in doc.sentences]
    assert sentences == ["머리말", "**DeepSeek-OCR**", "DeepSeek-OCR은 긴 문맥을 압축합니다.", "정확도는 97%입니다."]
    for s in doc.sentences:
        assert text[s.start : s.end] == s.text
    assert [s.index for s in doc.sentences] == [0, 1, 2, 3]
    assert [s.paragraph for s in doc.sentences] == [0, 1, 1, 1]
    assert doc.document.locate(doc.sentences[2].start) == (3, 22)


def test_examples_have_their_items(segment):
    from tests.paths import FREE, LEAD

    lead = segment(LEAD)
    free = segment(FREE)
    assert sorted({p.item for p in lead.paragraphs if p.item}, key=int) == [str(i) for i in range(1, 11)]
    assert sorted({p.item for p in free.paragraphs if p.item}, key=int) == [str(i) for i in range(1, 11)]
    # 003 renders each item as a lead paragraph and a second one
    assert [len([p for p in lead.paragraphs if p.item == str(i)]) for i in range(1, 11)] == [2] * 10
    assert sum(p.is_title for p in free.paragraphs) == 10
