"""Short lines of framing: a difference in one is a note (info), not a warning."""

from __future__ import annotations

import pytest

from checker.support import framing

CASES = [
    pytest.param("We’d do so like this:", "en", True, id="English framing line"),
    pytest.param("Its signature would have to look like this:", "en", True, id="43 characters of English"),
    pytest.param("기억하세요!", "ko", True, id="Korean exclamation"),
    pytest.param("러스트에서는 그렇지 않습니다.", "ko", True, id="short Korean sentence"),
    pytest.param("이 연구는 앞으로 여러 분야에 영향을 줄 것입니다.", "ko", False, id="a generic claim is longer"),
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
