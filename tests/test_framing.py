"""What sets a finding's severity: short lines of framing are a note (info), not a warning; a
figure, listing or chapter number is a label, not a fact."""

from __future__ import annotations

import pytest

from checker.support import framing
from checker.text import facts

CASES = [
    pytest.param("We’d do so like this:", "en", True, id="English framing line"),
    pytest.param("Its signature would have to look like this:", "en", True, id="43 characters of English"),
    pytest.param("기억하세요!", "ko", True, id="Korean exclamation"),
    pytest.param("러스트에서는 그렇지 않습니다.", "ko", True, id="short Korean sentence"),
    pytest.param("이 연구는 앞으로 여러 분야에 영향을 줄 것입니다.", "ko", True, id="a short generic line (22 characters)"),
    pytest.param("이 연구는 앞으로 의료와 교육을 비롯한 여러 분야에 걸쳐 매우 큰 영향을 줄 것으로 기대됩니다.", "ko", False,
                 id="a generic claim of 39 characters"),
    pytest.param("`for` 반복문은 다음 예제 3-6과 같습니다:", "ko", True, id="a line announcing a listing, with code"),
    pytest.param("이번엔 앞선 예제를 `String`으로 바꿔보았습니다:", "ko", True, id="a line announcing code"),
    pytest.param("예제 3-4는 `while` 반복문으로 배열 `a`의 요소 다섯 개를 처음부터 끝까지 하나씩 차례로 순회하면서 그 값을 각각 화면에 출력합니다:", "ko", False,
                 id="announcing, but too long to be framing"),
    pytest.param("이 값은 100,000입니다:", "ko", False, id="announcing a number"),
    pytest.param("그냥 숫자 `5`만 있습니다.", "ko", False, id="code is a fact"),
    pytest.param("GPT-4보다 3배 빠릅니다.", "ko", False, id="a number and a name"),
    pytest.param(
        "Recall from the borrowing rules that if we have an immutable reference to something, we cannot also take a mutable reference.",
        "en",
        False,
        id="a long English sentence",
    ),
]


@pytest.mark.parametrize("text, lang, expected", CASES)
def test_framing(text, lang, expected):
    assert framing(text, lang) is expected


FACT_CASES = [
    pytest.param("So, what actually happens is shown in Figure 4-4.", set(), id="a figure number is a label"),
    pytest.param("예제 4-7의 `first_word` 함수를 사용하는", set(), id="a listing number is a label"),
    pytest.param("UTF-8 문자를 다루는 방법은 8장에서 다룹니다.", {"utf-8", "8"}, id="a chapter is a label, UTF-8 a name"),
    pytest.param("GPT-4보다 3배 빠릅니다.", {"gpt-4", "4", "3"}, id="numbers and names stay"),
    pytest.param("값을 100,000으로 설정합니다.", {"100,000"}, id="a value"),
    pytest.param("[2장][storing-values-with-variables]<!-- ignore -->에서 했던 것처럼", set(), id="a link id is markup"),
    pytest.param("[슬라이스](ch04-03-slices.md)와 GPT-4", {"gpt-4", "4"}, id="a link target is markup, its text stays"),
]


@pytest.mark.parametrize("text, expected", FACT_CASES)
def test_facts_leave_labels_out(text, expected):
    assert facts(text) == expected
