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
            [("설명:", None, False), ("끝.", None, False)],
            id="a fenced code block is no paragraph, blank lines inside it included",
        ),
        pytest.param(
            f"짧은 줄이\n이어집니다.\n\n```\n{'x' * 200}\n```\n",
            [("짧은 줄이\n이어집니다.", None, False)],
            id="a long line of code does not make hard-wrapped prose one paragraph a line",
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


def _segmented(text: str, tmp_path, segment):
    """Segment ``text`` as a Markdown file; every sentence and paragraph must slice the document."""
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    doc = segment(path)
    for p in doc.paragraphs:
        assert doc.document.text[p.start : p.end] == p.text
        assert p.sentences, "a paragraph without sentences cannot be aligned"
    for s in doc.sentences:
        assert doc.document.text[s.start : s.end] == s.text
    assert [p.index for p in doc.paragraphs] == list(range(len(doc.paragraphs)))
    assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))
    return doc


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "However, the second part is different. In languages with a *garbage collector\n(GC)*, the GC keeps"
            " track of and cleans up memory that isn’t being used\nanymore. In most languages without a GC, it’s"
            " our responsibility.",
            [
                "However, the second part is different.",
                (
                    "In languages with a *garbage collector\n(GC)*, the GC keeps track of and cleans up memory that"
                    " isn’t being used\nanymore."
                ),
                "In most languages without a GC, it’s our responsibility.",
            ],
            id="hard-wrapped English prose",
        ),
        pytest.param(
            "Use a tool, e.g. Cargo, to build it. Read the docs, i.e. The Book. Add tests etc. Then run.",
            ["Use a tool, e.g. Cargo, to build it.", "Read the docs, i.e. The Book.", "Add tests etc. Then run."],
            id="e.g. i.e. etc. do not end a sentence",
        ),
        pytest.param(
            "Rust vs. Go is a debate. Mr. Smith and Dr. Jones met in the U.S. Navy. See Fig. 3 and No. 5 there.",
            ["Rust vs. Go is a debate.", "Mr. Smith and Dr. Jones met in the U.S. Navy.", "See Fig. 3 and No. 5 there."],
            id="titles, dotted initials and numbered references",
        ),
        pytest.param(
            "The answer is no. The figure is Fig. Then we go on.",
            ["The answer is no.", "The figure is Fig.", "Then we go on."],
            id="No. and Fig. end a sentence when no number follows",
        ),
        pytest.param(
            "Rust 1.75 costs 3.5 MB. Version 2.0.1 fixes main.rs. It works!",
            ["Rust 1.75 costs 3.5 MB.", "Version 2.0.1 fixes main.rs.", "It works!"],
            id="decimals, versions and file names",
        ),
        pytest.param(
            "It goes on... `drop` is called. We wait… Then it compiles. Does it? Yes.",
            ["It goes on... `drop` is called.", "We wait… Then it compiles.", "Does it?", "Yes."],
            id="an ellipsis goes on",
        ),
        pytest.param(
            "It is fast (see Chapter 3. It explains why) and safe. Call `a. B` now. Next.",
            ["It is fast (see Chapter 3. It explains why) and safe.", "Call `a. B` now.", "Next."],
            id="no split inside parentheses or inline code",
        ),
        pytest.param(
            "He said “Stop.” Then he left. This is *last in, first out*. Think of `drop`. `String` is next.",
            ["He said “Stop.”", "Then he left.", "This is *last in, first out*.", "Think of `drop`.", "`String` is next."],
            id="closing quotes, emphasis and code stay with the sentence they close",
        ),
        pytest.param(
            "It ends here. then it goes on.",
            ["It ends here. then it goes on."],
            id="a lowercase word does not open a sentence",
        ),
        pytest.param(
            "Tuples qualify. `(i32, i32)` is\n`Copy`, and it prints `\"ahoy, world!\"`.",
            ["Tuples qualify.", "`(i32, i32)` is\n`Copy`, and it prints `\"ahoy, world!\"`."],
            id="no cut after inline code, no sentence of punctuation alone",
        ),
        pytest.param(
            "It has a GC. 러스트에는 GC가 없습니다. 그래서 빠릅니다.",
            ["It has a GC.", "러스트에는 GC가 없습니다.", "그래서 빠릅니다."],
            id="English before Korean",
        ),
        pytest.param(
            "> Think of a stack of\n> plates. Adding plates from the middle wouldn’t work!\n> Adding data is called *pushing*.",
            [
                "Think of a stack of\n> plates.",
                "Adding plates from the middle wouldn’t work!",
                "Adding data is called *pushing*.",
            ],
            id="hard-wrapped block quote",
        ),
        pytest.param(
            "> 1. 러스트의 각각의 값은 *오너*(*owner*)를 갖고 있다.\n> 2. 한번에 하나의 오너만 존재할 수 있다.",
            ["1. 러스트의 각각의 값은 *오너*(*owner*)를 갖고 있다.", "2. 한번에 하나의 오너만 존재할 수 있다."],
            id="numbered list in a Korean block quote",
        ),
        pytest.param(
            'EDR의 핵심은 자동화에 있습니다. "할 일 기반 작업 관리"는 하위 작업을 생성합니다. 다음 문장입니다.',
            ["EDR의 핵심은 자동화에 있습니다.", '"할 일 기반 작업 관리"는 하위 작업을 생성합니다.', "다음 문장입니다."],
            id="a quoted term opens the sentence of its particle",
        ),
        pytest.param(
            "이는 연구에 중요합니다. “휴먼 인 더 루프”는 사람을 포함합니다.",
            ["이는 연구에 중요합니다.", "“휴먼 인 더 루프”는 사람을 포함합니다."],
            id="curly quotes too",
        ),
        pytest.param(
            '결과가 요구에 부합합니다. "휴먼 인 더 루프(human-in-the-loop)" 접근 방식은 신뢰성을 높입니다.',
            ["결과가 요구에 부합합니다.", '"휴먼 인 더 루프(human-in-the-loop)" 접근 방식은 신뢰성을 높입니다.'],
            id="a quotation after a full stop opens the next sentence",
        ),
        pytest.param(
            '그는 "멈춰"라고 말했습니다. 다음 문장입니다.',
            ['그는 "멈춰"라고 말했습니다.', "다음 문장입니다."],
            id="a quotation inside a sentence stays",
        ),
        pytest.param(
            "* `Copy`가 가능한 타입만으로 구성된 튜플들. `(i32, i32)`는 `Copy`가 되지만,\n  `(i32, String)`은 안됩니다.",
            ["* `Copy`가 가능한 타입만으로 구성된 튜플들.", "`(i32, i32)`는 `Copy`가 되지만,\n  `(i32, String)`은 안됩니다."],
            id="inline code after a full stop opens the sentence of its particle",
        ),
        pytest.param(
            "10배 압축에서 97%의 정확도를 보입니다. <b>태그</b>는 강조입니다.",
            ["10배 압축에서 97%의 정확도를 보입니다.", "<b>태그</b>는 강조입니다."],
            id="an opening tag after a full stop opens the next sentence",
        ),
        pytest.param(
            "이 과정을 _힙에 할당(allocating on the heap)_이라고 하며, 줄여서 _할당_이라고도 합니다.",
            ["이 과정을 _힙에 할당(allocating on the heap)_이라고 하며, 줄여서 _할당_이라고도 합니다."],
            id="a particle glued to emphasis stays with it",
        ),
        pytest.param(
            '마지막에 출력되는 값은 `"ahoy, world!"`입니다. 다음 문장입니다.',
            ['마지막에 출력되는 값은 `"ahoy, world!"`입니다.', "다음 문장입니다."],
            id="a particle glued to inline code stays with it",
        ),
    ],
)
def test_sentences_of_english_and_block_quotes(text, expected, tmp_path, segment):
    assert [s.text for s in _segmented(text, tmp_path, segment).sentences] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("설명:\n\n```rust\nfn main() {\n\n    let s = 1;\n}\n```\n\n끝.\n", ["설명:", "끝."], id="code fence"),
        pytest.param("Before:\n\n~~~\nlet s = 1;\n~~~\nAfter.\n", ["Before:", "After."], id="tilde fence"),
        pytest.param(
            "> Quoted:\n>\n> ```rust\n> let s = 1;\n> ```\n>\n> Done.\n", ["Quoted:", "Done."], id="fence in a block quote"
        ),
        pytest.param(
            "Text.\n\n```rust\n{{#rustdoc_include ../listings/main.rs:here}}\n```\n\n{{#include ../output.txt}}\n\nEnd.\n",
            ["Text.", "End."],
            id="mdBook directives",
        ),
        pytest.param(
            '<Listing number="4-1" caption="A variable">\n\n```rust\nlet s = 1;\n```\n\n</Listing>\n\nEnd.\n',
            ["A variable", "End."],
            id="Listing element: its caption is prose, as a Listing line is in other editions",
        ),
        pytest.param(
            '<img alt="Two tables: the first table. The second table."\nsrc="img/trpl04-01.svg" class="center"\n'
            'style="width: 50%;" />\n\n<span class="caption">Figure 4-1: Representation in memory of a `String`\n'
            "holding the value</span>\n",
            ["Figure 4-1: Representation in memory of a `String`\nholding the value"],
            id="image over several lines and a caption",
        ),
        pytest.param(
            "<!-- Old heading. Do not remove\nor links may break. -->\n\n<a id=\"ways\"></a>\n\n#### Move\n",
            ["#### Move"],
            id="comment over two lines and an anchor",
        ),
        pytest.param(
            "We covered it in the [“Data Types”][data-types]<!-- ignore --> section. See\n[Chapter 8][ch8]<!--"
            " ignore -->.\n\n[data-types]: ch03-02-data-types.html#data-types\n[ch8]: ch08-02-strings.html\n",
            ["We covered it in the [“Data Types”][data-types]<!-- ignore --> section.", "See\n[Chapter 8][ch8]<!-- ignore -->."],
            id="inline comments stay in prose, link definitions go",
        ),
    ],
)
def test_code_and_markup_yield_no_sentences(text, expected, tmp_path, segment):
    assert [s.text for s in _segmented(text, tmp_path, segment).sentences] == expected


def test_one_line_per_paragraph_file_drops_a_tag_over_several_lines(tmp_path, segment):
    long_line = "러스트는 " + "메모리를 안전하게 관리합니다. " * 12
    text = f'{long_line}\n\n<img alt="Two tables: the first\ntable. The second table."\nsrc="a.svg" />\n\n끝.\n'
    doc = _segmented(text, tmp_path, segment)
    assert [p.text for p in doc.paragraphs] == [long_line.rstrip(), "끝."]


EXCERPT = """### The `String` Type

Take a look at Figure 4-1 to see what is happening to `String` under the
covers. A `String` is made up of three parts: a pointer, a length, and a capacity.

```rust
{{#rustdoc_include ../listings/ch04-understanding-ownership/no-listing-03-string-move/src/main.rs:here}}
```

<img alt="Two tables: the first table contains the representation of s1 on the
stack." src="img/trpl04-01.svg" class="center" style="width: 50%;" />

<span class="caption">Figure 4-1: Representation in memory of a `String`
holding the value `"hello"` bound to `s1`</span>

> Note: In C++, this pattern of deallocating resources at the end of an item’s
> lifetime is sometimes called *Resource Acquisition Is Initialization (RAII)*.
> The `drop` function in Rust will be familiar to you.
"""


def test_rust_book_excerpt(tmp_path, segment):
    doc = _segmented(EXCERPT, tmp_path, segment)
    assert [[s.text for s in p.sentences] for p in doc.paragraphs] == [
        ["### The `String` Type"],
        [
            "Take a look at Figure 4-1 to see what is happening to `String` under the\ncovers.",
            "A `String` is made up of three parts: a pointer, a length, and a capacity.",
        ],
        ["Figure 4-1: Representation in memory of a `String`\nholding the value `\"hello\"` bound to `s1`"],
        [
            (
                "Note: In C++, this pattern of deallocating resources at the end of an item’s\n> lifetime is sometimes"
                " called *Resource Acquisition Is Initialization (RAII)*."
            ),
            "The `drop` function in Rust will be familiar to you.",
        ],
    ]
    assert doc.document.locate(doc.sentences[-1].start) == (18, 3)


@pytest.mark.parametrize(
    "text, terms",
    [
        pytest.param(
            "Rust’s `String` type doesn’t copy the heap data in Listing 4-1.",
            ("rust", "string", "type", "copy", "heap", "data", "listing", "4-1"),
            id="English: words lowercased, stopwords and negations left out",
        ),
        pytest.param(
            "**Continual Learning via Sparse Memory Finetuning.** See https://example.com/a-b for it.",
            ("continual", "learning", "via", "sparse", "memory", "finetuning", "see"),
            id="English: whole words, not Kiwi's pieces; no address",
        ),
        pytest.param("러스트의 *소유권(ownership)* 규칙입니다.", ("러스트", "소유권", "규칙"), id="Korean: Kiwi's morphemes"),
    ],
)
def test_sentence_terms(text, terms, tmp_path, segment):
    doc = _segmented(text, tmp_path, segment)
    assert tuple(t for s in doc.sentences for t in s.terms) == terms


@pytest.mark.parametrize(
    "text, expected",
    [
        ("> ### The Stack and the Heap", "The Stack and the Heap"),
        ("Adding data is called *pushing\n> onto the stack*, and _popping_.", "Adding data is called pushing onto the stack, and popping."),
        ("*포인터 (pointer)*", "포인터 (pointer)"),
        ("_소유자(owner)_가 있다.", "소유자(owner)가 있다."),
        ("> 1. 러스트의 값은 `String`이다.\n>", "러스트의 값은 String이다."),
        ("the [Types][types]<!-- ignore --> of `string_from` and `Vec<T>`, 5 * 3", "the [Types][types] of string_from and Vec<T>, 5 * 3"),
    ],
)
def test_plain_text_for_the_encoder(text, expected):
    from checker.text import plain

    assert plain(text) == expected
