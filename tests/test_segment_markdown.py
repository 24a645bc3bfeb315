"""Segmentation of real Markdown (mdBook chapters): what makes a faithful translation align.

Snippets are copied from the Rust-book translations in /work/shared/corpora (see tests/data/README.md:
"Rust-book snippets in tests/test_segment_markdown.py"); a few are written for the test and say so.
"""

from __future__ import annotations

import pytest

from checker.segment import paragraph_spans
from checker.text import NOT_PROSE

from .test_segment import _segmented

# ch03-01 en.for-kernalix7.md, lines 3-9 and 36: hard-wrapped prose and one prose line of 156 characters.
EN_WRAPPED = (
    "As mentioned in the [“Storing Values with\n"
    "Variables”][storing-values-with-variables]<!-- ignore --> section, by default,\n"
    "variables are immutable. This is one of many nudges Rust gives you to write\n"
    "your code in a way that takes advantage of the safety and easy concurrency that\n"
    "Rust offers. However, you still have the option to make your variables mutable.\n"
    "Let’s explore how and why Rust encourages you to favor immutability and why\n"
    "sometimes you might want to opt out.\n"
)
EN_LONG_PROSE = (
    "You received the error message `` cannot assign twice to immutable variable `x` `` because you tried"
    " to assign a second value to the immutable `x` variable.\n"
)
# ch04-03 en.for-kernalix7.md, line 82: a Listing element of 154 characters.
LISTING_4_8 = (
    '<Listing number="4-8" file-name="src/main.rs" caption="Storing the result from calling the `first_word`'
    ' function and then changing the `String` contents">\n'
)
# Written for the test: a table row longer than 150 characters.
LONG_ROW = "| " + " | ".join(["a cell that goes on for a while"] * 5) + " |\n|---|---|---|---|---|\n"
# ch04-01 ko.Kernalix7-2f5cfbe3.md, lines 29-31 (one paragraph a line) and a long line written for the test.
KO_ONE_A_LINE = "러스트는 " + "메모리를 안전하게 관리합니다. " * 12


def _texts(text: str) -> list[str]:
    """The paragraphs of ``text``, found in it with its markup masked, as segmentation does."""
    masked = NOT_PROSE.sub(lambda m: "".join("\n" if c == "\n" else " " for c in m.group()), text)
    return [text[s.start : s.end] for s in paragraph_spans(masked)]


WRAP_CASES = [
    pytest.param(
        EN_WRAPPED + "\n" + EN_LONG_PROSE,
        [EN_WRAPPED.rstrip(), EN_LONG_PROSE.rstrip()],
        id="one long prose line does not make a hard-wrapped chapter one paragraph a line",
    ),
    pytest.param(
        LISTING_4_8 + "\n" + EN_WRAPPED,
        [EN_WRAPPED.rstrip()],
        id="a long HTML line says nothing about wrapping",
    ),
    pytest.param(
        LONG_ROW + "\n" + EN_WRAPPED,
        ["| " + " | ".join(["a cell that goes on for a while"] * 5) + " |", EN_WRAPPED.rstrip()],
        id="a long table row says nothing about wrapping",
    ),
    pytest.param(
        f"{KO_ONE_A_LINE}\n{KO_ONE_A_LINE}\n짧은 줄입니다.\n",
        [KO_ONE_A_LINE.rstrip(), KO_ONE_A_LINE.rstrip(), "짧은 줄입니다."],
        id="a file of long lines is still one paragraph a line",
    ),
]


@pytest.mark.parametrize("text, expected", WRAP_CASES)
def test_wrapped_or_one_paragraph_a_line(text, expected):
    assert _texts(text) == expected


# Written for the test, in the shape of the Rust book's Table 3-1 and a Korean rendering of it.
TABLE_EN = "| Length  | Signed  | Unsigned |\n|---------|---------|----------|\n| 8-bit   | `i8`    | `u8`     |\n"
TABLE_KO = "| 길이 | 부호 있음 | 부호 없음 |\n|:---:|:---:|:---:|\n| 8비트 | `i8` | `u8` |\n"

SENTENCE_CASES = [
    pytest.param(
        TABLE_EN,
        [["Length", "Signed", "Unsigned"], ["8-bit", "`i8`", "`u8`"]],
        id="table: a row is a paragraph, a cell a sentence, the delimiter row nothing",
    ),
    pytest.param(
        "앞 문단입니다.\n\n" + TABLE_KO,
        [["앞 문단입니다."], ["길이", "부호 있음", "부호 없음"], ["8비트", "`i8`", "`u8`"]],
        id="table: the Korean rows have as many cells as the English ones",
    ),
    pytest.param(
        "| `a \\| b` | x \\| y |\n|---|---|\n|  | 끝 |\n",
        [["`a \\| b`", "x \\| y"], ["끝"]],
        id="table: an escaped pipe or one in code splits no cell, an empty cell is no sentence",
    ),
    pytest.param(
        "Not a table | just a pipe.\nIt goes on.\n",
        [["Not a table | just a pipe.", "It goes on."]],
        id="table: a pipe without a delimiter row is prose",
    ),
    pytest.param(
        # ch03-01 en.for-rust-kr.md, lines 184-188
        "Now that we’ve explored how variables work, let’s look at more data types they\ncan have.\n\n"
        "[comparing-the-guess-to-the-secret-number]:\n"
        "ch02-00-guessing-game-tutorial.html#comparing-the-guess-to-the-secret-number\n"
        "[data-types]: ch03-02-data-types.html#data-types\n",
        [["Now that we’ve explored how variables work, let’s look at more data types they\ncan have."]],
        id="a link definition wrapped onto a second line is not prose",
    ),
    pytest.param(
        # ch04-03 en.for-rust-kr.md, lines 24 and 30-31
        '<span class="filename">Filename: src/main.rs</span>\n\n<span class="caption">Listing 4-7: The `first_word`'
        " function that returns a\nbyte index value into the `String` parameter</span>\n",
        [["Listing 4-7: The `first_word` function that returns a\nbyte index value into the `String` parameter"]],
        id="captions in a span: the text inside it; a file label is no prose",
    ),
    pytest.param(
        # ch04-03 ko.rust-kr.md, lines 24 and 30-31, written without the spans
        "파일명: src/main.rs\n\n예제 4-7: `String` 매개변수의 바이트 인덱스 값을 반환하는\n`first_word` 함수\n",
        [["예제 4-7: `String` 매개변수의 바이트 인덱스 값을 반환하는\n`first_word` 함수"]],
        id="captions as plain text: the same",
    ),
    pytest.param(
        '<span class="filename">Filename: src/main.rs</span>\nThe code follows.\n예제 4-7: 함수\n',
        [["The code follows."], ["예제 4-7: 함수"]],
        id="a file label and a caption open a paragraph even without a blank line (written for the test)",
    ),
    pytest.param(
        "An `i8` can store numbers from -(2<sup>7</sup>) to 2<sup>7</sup> - 1. <b>Bold</b> goes on.",
        [["An `i8` can store numbers from -(2<sup>7</sup>) to 2<sup>7</sup> - 1.", "<b>Bold</b> goes on."]],
        id="inline tags are markup; a sentence keeps a tag it closes (written for the test, after ch03-02)",
    ),
    pytest.param(
        # ch04-03 ko.kernalix7.md, line 108 (one line)
        "불변 참조가 있으면, 가변 참조를 동시에 만들 수 없습니다. `clear`는 `String`을 변경해야 하므로, 가변 참조가 필요합니다.",
        [["불변 참조가 있으면, 가변 참조를 동시에 만들 수 없습니다.", "`clear`는 `String`을 변경해야 하므로, 가변 참조가 필요합니다."]],
        id="a Korean sentence that opens with inline code",
    ),
    pytest.param(
        # ch03-03 ko.rust-kr.md (hard-wrapped)
        "우리는 실제로는 이미 구문과 표현식을 사용해 봤습니다.\n`let` 키워드로 변수를 만들고 값을 할당하는 것은 구문입니다.",
        [["우리는 실제로는 이미 구문과 표현식을 사용해 봤습니다.", "`let` 키워드로 변수를 만들고 값을 할당하는 것은 구문입니다."]],
        id="inline code opens a Korean sentence after a line break",
    ),
    pytest.param(
        "값을 저장합니다. `s` is a String. 다음입니다.",
        [["값을 저장합니다.", "`s` is a String.", "다음입니다."]],
        id="inline code opens an English sentence after a Korean one (written for the test)",
    ),
    pytest.param(
        # ch03-03 ko.rust-kr.md
        "`5`가 `another_function`으로 전달되면,\n`println!`\n매크로는 포맷 문자열 내 중괄호 쌍의 위치에 `5`를\n집어넣습니다.",
        [["`5`가 `another_function`으로 전달되면,\n`println!`\n매크로는 포맷 문자열 내 중괄호 쌍의 위치에 `5`를\n집어넣습니다."]],
        id="a stop inside inline code ends no sentence",
    ),
    pytest.param(
        # ch04-03 ko.rust-kr.md
        "`..` 범위 표현법은 인덱스 0부터 시작하는 경우, 앞의 값을 생략할 수 있습니다. 러스트의 `..`\n범위 문법을 씁니다.",
        [["`..` 범위 표현법은 인덱스 0부터 시작하는 경우, 앞의 값을 생략할 수 있습니다.", "러스트의 `..`\n범위 문법을 씁니다."]],
        id="a range operator in code ends no sentence",
    ),
    pytest.param(
        # ch04-01 ko.rust-kr-doc.rust-kr.org-1d07d28a.md, lines 399-400
        "러스트에는 정수형처럼 스택에 저장되는 타입에 달아 놓을 수 있는\n`Copy` 트레이트가 있습니다\n"
        "(트레이트는 [10장][traits]<!-- ignore -->에서\n자세히 다룹니다).",
        [
            [
                "러스트에는 정수형처럼 스택에 저장되는 타입에 달아 놓을 수 있는\n`Copy` 트레이트가 있습니다\n"
                "(트레이트는 [10장][traits]<!-- ignore -->에서\n자세히 다룹니다)."
            ]
        ],
        id="a parenthesis before the stop belongs to the sentence",
    ),
    pytest.param(
        "다음 문장입니다. (괄호 안의 문장입니다.) 끝.",
        [["다음 문장입니다.", "(괄호 안의 문장입니다.)", "끝."]],
        id="a parenthesis after a stop opens a sentence (written for the test)",
    ),
]


@pytest.mark.parametrize("text, expected", SENTENCE_CASES)
def test_markdown_sentences(text, expected, tmp_path, segment):
    doc = _segmented(text, tmp_path, segment)
    assert [[s.text for s in p.sentences] for p in doc.paragraphs] == expected


TERM_CASES = [
    pytest.param("The range is 0 to 2<sup>n</sup> - 1.", ("range", "0", "2", "n", "1"), id="no sup in English terms"),
    pytest.param("범위는 0부터 2<sup>n</sup> - 1까지입니다.", ("범위", "0", "2", "n", "1"), id="no sup in Korean terms"),
]


@pytest.mark.parametrize("text, terms", TERM_CASES)
def test_inline_tags_leave_no_fragments(text, terms, tmp_path, segment):
    doc = _segmented(text, tmp_path, segment)
    assert tuple(t for s in doc.sentences for t in s.terms) == terms
