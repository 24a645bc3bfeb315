"""Segmentation is linear in the size of pathological inputs (issue 15: a 1 MB file with no line
break took 303 s in ``_parentheses``). Work is counted, not timed: the Python lines that
segmentation runs, at size N and 2N, must grow about twice (a quadratic step grows four times)."""

from __future__ import annotations

import sys

import pytest

from checker.decode import decode_bytes, language_of
from checker.models import Document, Role

SENTENCE = "딥시크 OCR은 10배 압축(compression)으로 97%의 정확도를 유지합니다. "

SHAPES = {  # name -> text of about n characters; n is above the size Kiwi is given at once
    "no line breaks": lambda n: SENTENCE * (n // len(SENTENCE)),
    "short lines": lambda n: "짧은 줄입니다.\n" * (n // 9),
    "numbered items": lambda n: "".join(f"{i}. **항목 {i}** 본문은 {i}개입니다.\n\n" for i in range(1, n // 26)),
    "one long sentence": lambda n: "이 문장은 " + "아주 " * (n // 3) + "깁니다.",
    "nested parentheses": lambda n: "괄호 " + "([" * (n // 4) + "안" + "])" * (n // 4) + " 끝.",
    "table rows": lambda n: "| 이름 | 값 |\n| --- | --- |\n" + "".join(f"| 항목 {i} | `{i}` |\n" for i in range(n // 18)),
    "unclosed comments": lambda n: "<!-- 열린 주석 " * (n // 12) + "끝입니다.",
    "English, stops that end nothing": lambda n: "See Fig. 3 and e.g. the (U.S. data) " * (n // 36) + "here.",
}
N = 6000


def _document(text: str) -> Document:
    decoded = decode_bytes("shape.md", text.encode("utf-8"))
    return Document(path="shape.md", role=Role.RENDERING, text=decoded.text, encoding=decoded.encoding,
                    lang=language_of(decoded.text), decoded=decoded)


def _lines_run(segmenter, text: str) -> int:
    """Python lines executed in checker's own modules while segmenting ``text``."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if "checker" not in frame.f_code.co_filename:
            return None
        if event == "line":
            count += 1
        return tracer

    document = _document(text)
    sys.settrace(tracer)
    try:
        segmenter.segment(document)
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("name", SHAPES)
def test_work_grows_linearly(segmenter, name):
    build = SHAPES[name]
    segmenter.segment(_document(build(100)))  # Kiwi loaded before counting
    small, large = _lines_run(segmenter, build(N)), _lines_run(segmenter, build(2 * N))
    assert small > 0
    assert large / small < 2.4, f"{name}: {small} lines at N, {large} at 2N"
