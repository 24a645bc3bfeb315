"""Time `checker lint` on the bundled examples at 1x, 10x and 40x their size.

Each example file is scaled by repeating its numbered items (renumbered) after its
header; the run is in-process so that the pipeline's own stage timings can be
printed. Not a test: timings on a shared 2-core machine are noisy, so compare the
ratios within one run.

    python bench/bench_lint.py [--sizes 1,10,40] [--files examples/2025-10-w4]
"""

from __future__ import annotations

import argparse
import platform
import re
import tempfile
import time
from datetime import date
from pathlib import Path

from checker.checks import CHECKS
from checker.embed import Encoder
from checker.config import Settings
from checker.pipeline import run

_ITEM = re.compile(r"(?m)^(\d{1,3})\.(?=\s)")


def scaled(text: str, factor: int) -> str:
    """The header once, then the items `factor` times, numbered on from the last."""
    first = _ITEM.search(text)
    if first is None or factor == 1:
        return text * factor if first is None else text
    header, body = text[: first.start()], text[first.start() :].rstrip("\n") + "\n\n"
    count = len(_ITEM.findall(body))
    copies = []
    for k in range(factor):
        copies.append(_ITEM.sub(lambda m, k=k: f"{int(m.group(1)) + k * count}.", body))
    return header + "".join(copies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,40")
    parser.add_argument("--files", default="examples/2025-10-w4")
    args = parser.parse_args()
    files = sorted(Path(args.files).glob("*.txt"))
    print(f"# checker lint on {args.files} ({len(files)} files), {date.today()}, "
          f"{platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    stages = ("load", "segment", "embed", "group", "align")
    checks = [f"check {c}" for c in CHECKS]
    print("| size | chars | " + " | ".join(stages + tuple(c.removeprefix("check ") for c in checks)) + " | total s | chars/s |")
    print("|---" * (len(stages) + len(checks) + 4) + "|")
    encoder = Encoder()
    encoder.load()
    for factor in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for f in files:
                target = Path(tmp) / f.name
                target.write_text(scaled(f.read_text(encoding="utf-8"), factor), encoding="utf-8")
                paths.append(str(target))
            chars = sum(len(Path(p).read_text(encoding="utf-8")) for p in paths)
            encoder._cache.clear()  # each size pays for its own embeddings
            clock = time.perf_counter()
            result = run(Settings(paths), encoder)
            total = time.perf_counter() - clock
            spent = result.timings.stages
            cells = " | ".join(f"{spent.get(s, 0.0):.2f}" for s in stages + tuple(checks))
            print(f"| {factor}x | {chars:,} | {cells} | {total:.2f} | {chars / total:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
