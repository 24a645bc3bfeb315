"""What clause coverage adds to `checker lint --source` on the bundled Rust-book example.

Each Korean translation of examples/rust-book-ch04-01 is checked against the English it was
made from, in-process, twice in the same run: with clause coverage and without it (the
context's sentence pairs left empty). The encoder cache is cleared before each run, so each
pays for its own embeddings. Timings on a shared machine are noisy: read the ratio.

    python bench/bench_coverage.py [--repeat 1]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from unittest import mock

from checker.checks.context import Context
from checker.config import Settings
from checker.embed import Encoder
from checker.pipeline import run

BOOK = Path(__file__).resolve().parent.parent / "examples" / "rust-book-ch04-01"
PAIRS = (
    ("ko.rust-kr-doc.rust-kr.org-1d07d28a.md", "en.upstream-21cf8408.md"),
    ("ko.Kernalix7-2f5cfbe3.md", "en.upstream-3e9dc46a.md"),
    ("ko.rinthel-second-edition-776d8600.md", "en.second-edition-6d4ef020.md"),
)


def timed(encoder: Encoder) -> tuple[float, int]:
    clock, found = time.perf_counter(), 0
    for korean, english in PAIRS:
        encoder._cache.clear()
        result = run(Settings([str(BOOK / korean)], source=str(BOOK / english)), encoder)
        found += sum(f.check in ("omission", "addition") for f in result.findings)
    return time.perf_counter() - clock, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    encoder = Encoder()
    encoder.load()
    timed(encoder)  # warm-up: Kiwi, the number patterns and the encoder load once, outside both timings
    for _ in range(args.repeat):
        with mock.patch.object(Context, "_pair_clauses", lambda self, path: ()):
            without, plain_found = timed(encoder)
        with_coverage, found = timed(encoder)
        print(
            f"lint --source, 3 translations: {without:.1f}s without clause coverage, {with_coverage:.1f}s with "
            f"(ratio {with_coverage / without:.2f}); omission+addition findings {plain_found} -> {found}"
        )


if __name__ == "__main__":
    main()
