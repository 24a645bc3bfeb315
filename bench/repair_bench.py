"""Benchmark the mojibake repair against ftfy, and rebuild the Korean model it uses.

    python bench/repair_bench.py                 # print the table (Markdown)
    python bench/repair_bench.py --out bench/repair_results.md
    python bench/repair_bench.py build-model     # rebuild checker/data/ko_bigrams.tsv.gz

Each clean example rendering (001, 002, 003 of examples/2025-10-w4) is corrupted
the way example 000 was (UTF-8 read as Windows-1252, bytes lost), then repaired
by ftfy and by checker. Accuracy is difflib's ratio between the repair and the
clean text (1.0 = identical). Neither tool sees the clean text, and the Korean
model checker uses was built from other text (see checker/data/README.md), so
the numbers are out-of-sample. ftfy is needed for the benchmark only:
``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import difflib
import gettext
import glob
import gzip
import html
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker import repair  # noqa: E402
from checker.repair import AS_SEEN_IN_000, LATIN1, LOSSLESS, LOSSY, Corruption  # noqa: E402

EXAMPLES = ROOT / "examples" / "2025-10-w4"
CLEAN_FILES = ("001_3b669d72a2bc1990.txt", "002_56b1a48b12fb120d.txt", "003_d97949ae6726edfb.txt")
SEED_FILE = "000_8b22f52c2dcbb72c.txt"


@dataclass(frozen=True)
class Scenario:
    name: str
    corruption: Corruption
    times: int


SCENARIOS = (
    Scenario("lossy (issue: 5 undefined bytes + soft hyphen dropped, NBSP→space)", LOSSY, 1),
    Scenario("lossy as seen in 000 (also Ž ž dropped, NBSP kept)", AS_SEEN_IN_000, 1),
    Scenario("lossless cp1252", LOSSLESS, 1),
    Scenario("lossless Latin-1", LATIN1, 1),
    Scenario("lossless, twice", LOSSLESS, 2),
    Scenario("lossy, twice", LOSSY, 2),
)


@dataclass(frozen=True)
class Measurement:
    accuracy: float
    seconds: float


def accuracy(clean: str, repaired: str) -> float:
    """Character-level similarity: difflib's ratio, without the junk heuristic."""
    return difflib.SequenceMatcher(None, clean, repaired, autojunk=False).ratio()


def measure(fix, clean: str, broken: str) -> Measurement:
    start = time.perf_counter()
    repaired = fix(broken)
    seconds = time.perf_counter() - start
    return Measurement(accuracy(clean, repaired), seconds)


def fixers() -> dict:
    import ftfy

    return {
        "ftfy": ftfy.fix_text,
        "checker": lambda t: repair.repair_text(t).text,
        "checker (bigrams only)": lambda t: repair.repair_text(t, use_kiwi=False).text,
    }


def warm_up() -> float:
    """Load the bigram table and Kiwi once, outside the timings; return how long it took."""
    start = time.perf_counter()
    repair.repair_text(repair.mojibake("모델을 불러옵니다", LOSSY))
    return time.perf_counter() - start


def run_benchmark() -> str:
    load_seconds = warm_up()
    tools = fixers()
    names = list(tools)
    lines = [
        "| corruption | file | " + " | ".join(f"{n} acc | {n} s" for n in names) + " |",
        "|---|---|" + "---:|---:|" * len(names),
    ]
    for scenario in SCENARIOS:
        per_tool: dict[str, list[Measurement]] = {n: [] for n in names}
        for name in CLEAN_FILES:
            clean = (EXAMPLES / name).read_text(encoding="utf-8")
            broken = repair.mojibake(clean, scenario.corruption, scenario.times)
            row = []
            for tool in names:
                m = measure(tools[tool], clean, broken)
                per_tool[tool].append(m)
                row.append(f"{m.accuracy:.4f} | {m.seconds:.2f}")
            lines.append(f"| {scenario.name} | {name[:3]} | " + " | ".join(row) + " |")
            print(lines[-1], file=sys.stderr, flush=True)
        mean = [
            f"**{statistics.mean(m.accuracy for m in per_tool[t]):.4f}** | {sum(m.seconds for m in per_tool[t]):.2f}"
            for t in names
        ]
        lines.append(f"| {scenario.name} | **mean / total s** | " + " | ".join(mean) + " |")
    seed = (EXAMPLES / SEED_FILE).read_text(encoding="utf-8")
    result = repair.repair_text(seed)
    footer = [
        "",
        f"Accuracy: difflib ratio against the clean rendering. Times exclude the one-off model "
        f"loading ({load_seconds:.1f} s: bigram table and Kiwi). Machine: {os.cpu_count()} cores.",
        f"Real seed {SEED_FILE} (no clean original): codec {result.wrong_codec}, {len(result.spans)} spans "
        f"repaired, {result.guessed} with lost bytes reconstructed, {result.uncertain} of those uncertain.",
    ]
    return "\n".join(lines + footer) + "\n"


# ----------------------------------------------------------------------- the model

MO_GLOBS = (
    "/usr/share/locale/ko/LC_MESSAGES/*.mo",
    "/usr/share/vim/vim*/lang/ko.UTF-8/LC_MESSAGES/*.mo",
)
RUST_BY_EXAMPLE_GLOB = os.path.expanduser(
    "~/.rustup/toolchains/stable-*/share/doc/rust/html/rust-by-example/ko/**/*.html"
)
HANGUL = re.compile("[\uac00-\ud7a3]")


def translation_catalogs() -> list[str]:
    """Korean messages of the installed programs' gettext catalogs (coreutils, apt, ...)."""
    texts = []
    for path in sorted(p for pattern in MO_GLOBS for p in glob.glob(pattern)):
        try:
            with open(path, "rb") as f:
                catalog = gettext.GNUTranslations(f)._catalog  # no public way to list them
        except (OSError, UnicodeDecodeError, gettext.struct.error):
            continue
        texts += [v for _, v in sorted(catalog.items(), key=lambda kv: str(kv[0])) if HANGUL.search(v)]
    return texts


def rust_by_example() -> list[str]:
    """Prose of the Korean translation of Rust by Example (code blocks removed)."""
    texts = []
    for path in sorted(glob.glob(RUST_BY_EXAMPLE_GLOB, recursive=True)):
        page = Path(path).read_text(encoding="utf-8")
        main = re.search(r"<main>(.*?)</main>", page, re.S)
        if main:
            prose = re.sub(r"<pre.*?</pre>", "", main.group(1), flags=re.S)
            texts.append(html.unescape(re.sub(r"<[^>]+>", "", prose)))
    return texts


def build_model(out: Path) -> None:
    texts = translation_catalogs() + rust_by_example()
    model = repair.SyllableModel.from_texts(texts)
    out.write_bytes(gzip.compress(model.to_tsv().encode("utf-8"), 9, mtime=0))
    syllables = sum(len(HANGUL.findall(t)) for t in texts)
    print(f"{out}: {len(texts)} texts, {syllables} syllables, {len(model.unigrams)} tokens, "
          f"{sum(len(r) for r in model.bigrams.values())} bigrams")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="bench", choices=("bench", "build-model"))
    parser.add_argument("--out", type=Path, help="also write the table here")
    args = parser.parse_args()
    if args.command == "build-model":
        build_model(ROOT / "checker" / "data" / "ko_bigrams.tsv.gz")
        return
    table = run_benchmark()
    print(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
