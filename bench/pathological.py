"""Segmentation on pathological shapes: time at size N and 2N (the ratio says linear or not), and
peak memory on a large input.

    python bench/pathological.py                 # the issue's shapes at a quarter of their size, and twice that
    python bench/pathological.py --scale 1       # at the issue's sizes (5 MB with no line break, ...)
    python bench/pathological.py --memory 20     # peak memory deciding and segmenting 20 MB

Each shape is decoded and segmented (the ``decode`` and ``segment`` stages) after a warm-up, best
of ``--repeat`` runs, in CPU seconds; a ratio near 2 for twice the size is linear, near 4 quadratic. Timings on a
shared machine are noisy: read the ratios of one run, not the seconds across runs.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.decode import decode_bytes, language_of
from checker.models import Document, Role
from checker.segment import Segmenter

SENTENCE = "딥시크 OCR은 10배 압축으로 97%의 정확도(accuracy)를 유지합니다. "


def _items(size: int) -> str:
    out, i = [], 0
    while sum(map(len, out)) < size:
        i += 1
        out.append(f"{i}. **항목 {i}** 본문 {i}은 {i * 7}개의 토큰을 씁니다.\n\n")
    return "".join(out)


def _table(size: int) -> str:
    rows = ["| 이름 | 값 | 설명 |\n| --- | --- | --- |\n"]
    i = 0
    while sum(map(len, rows)) < size:
        i += 1
        rows.append(f"| 항목 {i} | {i}개 | `code_{i}` 설명 |\n")
    return "".join(rows)


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


# name -> (the size in characters, builder)
SHAPES = {
    "no line breaks (5 MB)": (1_700_000, lambda n: _repeat(SENTENCE, n)),
    "100,000 short lines": (1_000_000, lambda n: _repeat("짧은 줄입니다.\n", n)),
    "10,000 numbered items": (400_000, _items),
    "one 50,000-character sentence": (50_000, lambda n: "이 문장은 " + _repeat("아주 ", n) + "깁니다."),
    "nested parentheses and brackets": (100_000, lambda n: "괄호 " + "([" * (n // 4) + "안" + "])" * (n // 4) + " 끝."),
    "Markdown table of 5,000 rows": (150_000, _table),
    "unclosed HTML comments": (100_000, lambda n: _repeat("<!-- 열린 주석 ", n)),
    "unmatched backticks": (100_000, lambda n: _repeat("문장 `코드 ", n)),
}


def document(text: str) -> Document:
    decoded = decode_bytes("shape.md", text.encode("utf-8"))
    return Document(path="shape.md", role=Role.RENDERING, text=decoded.text, encoding=decoded.encoding,
                    lang=language_of(decoded.text), decoded=decoded)


def seconds(segmenter: Segmenter, text: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        clock = time.process_time()  # CPU time: less sensitive than wall time to other work on the machine
        segmenter.segment(document(text))
        best = min(best, time.process_time() - clock)
    return best


def ratios(scale: float, repeat: int) -> None:
    segmenter = Segmenter()
    segmenter.segment(document(SENTENCE * 10))  # load Kiwi
    print("| shape | N (characters) | time at N | time at 2N | ratio |\n| --- | --- | --- | --- | --- |")
    for name, (size, build) in SHAPES.items():
        n = max(1000, int(size * scale))
        small, large = build(n), build(2 * n)
        a, b = seconds(segmenter, small, repeat), seconds(segmenter, large, repeat)
        print(f"| {name} | {len(small):,} | {a:.2f} s | {b:.2f} s | {b / max(a, 1e-6):.2f} |", flush=True)


def memory(megabytes: int) -> None:
    segmenter = Segmenter()
    segmenter.segment(document(SENTENCE * 10))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    unit = "".join(build(2000) for _, build in SHAPES.values())  # every shape, in turn
    data = (unit * (megabytes * 1024 * 1024 // len(unit.encode("utf-8")) + 1)).encode("utf-8")
    clock = time.perf_counter()
    segmented = segmenter.segment(document(data.decode("utf-8")))
    took = time.perf_counter() - clock
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(data) / 2**20:.1f} MB, {len(segmented.sentences):,} sentences in {took:.0f} s; "
          f"peak RSS {peak:.0f} MB ({before:.0f} MB with Kiwi loaded, before the input)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=0.25, help="share of the issue's sizes (default 0.25)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per size, the best counts")
    parser.add_argument("--memory", type=int, metavar="MB", help="measure peak memory on an input of MB megabytes")
    args = parser.parse_args()
    if args.memory:
        memory(args.memory)
    else:
        ratios(args.scale, args.repeat)


if __name__ == "__main__":
    main()
