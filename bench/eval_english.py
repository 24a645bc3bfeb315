"""omission and addition against an English source: real translations, edited at random.

Each Korean rendering of the Rust book's chapter 4.1 is checked against the English it
translates (examples/rust-book-ch04-01). First as it is: every finding there is either a
real difference or a false alarm on a loose translation. Then with sentences deleted and
Korean sentences (written for this script) inserted, seeded:

    python bench/eval_english.py [--runs 10] [--seed 1]

A deletion counts as found when the edited run has an omission the clean run does not have;
an insertion when an addition's text is the inserted sentence. Any other new finding is an
extra (a false alarm caused by the edit).
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections import Counter
from pathlib import Path

from checker.embed import Encoder
from checker.decode import read_document
from checker.models import Role
from checker.config import Settings
from checker.pipeline import run
from checker.segment import Segmenter

BOOK = Path(__file__).resolve().parent.parent / "examples" / "rust-book-ch04-01"
# Each rendering with the English it translates.
PAIRS = {
    "ko.rust-kr-doc.rust-kr.org-1d07d28a.md": "en.upstream-21cf8408.md",
    "ko.Kernalix7-2f5cfbe3.md": "en.upstream-3e9dc46a.md",
    "ko.rinthel-second-edition-776d8600.md": "en.second-edition-6d4ef020.md",
}
INSERTS = [
    "또한 이 방식은 GPU 메모리를 40% 절약해 줍니다.",
    "이 기능은 2015년에 러스트 1.0과 함께 처음 도입되었습니다.",
    "많은 개발자들이 이 개념을 처음에는 어려워합니다.",
    "이 부분은 나중에 다시 자세히 살펴보게 될 것입니다.",
    "C++의 스마트 포인터도 같은 문제를 해결하려고 만들어졌습니다.",
    "이 규칙 덕분에 러스트 프로그램은 평균 30% 더 빠르게 실행됩니다.",
]


def _keys(findings, path: str) -> set[tuple[str, str]]:
    return {(f.check, f.expected or f.text) for f in findings if f.file == path and f.check in ("omission", "addition")}


def _partners(result, rendering: str) -> dict[int, set[str]]:
    """English sentences that each Korean sentence renders, as the clean run matched them (both ways)."""
    analysis = result.analysis
    index = analysis.support
    unit_of = {(path, i): unit.id for unit in analysis.units for path, ps in unit.paragraphs.items() for i in ps}
    partners: dict[int, set[str]] = {}
    for english in analysis.by_path[analysis.source].sentences:
        match = index.support(english, unit_of[(analysis.source, english.paragraph)], rendering)
        if match.supported:
            for korean in match.window:
                partners.setdefault(korean.index, set()).add(english.text)
    for korean in analysis.by_path[rendering].sentences:
        match = index.support(korean, unit_of[(rendering, korean.paragraph)], analysis.source)
        if match.supported:
            partners.setdefault(korean.index, set()).update(english.text for english in match.window)
    return partners


def evaluate_pair(rendering: Path, source: Path, runs: int, seed: int, encoder: Encoder) -> Counter:
    text = rendering.read_text(encoding="utf-8")
    sentences = Segmenter().segment(read_document(str(rendering), Role.RENDERING)).sentences
    clean = run(Settings([str(rendering)], source=str(source)), encoder)
    baseline = _keys(clean.findings, str(rendering))
    flagged = {f.text for f in clean.findings if f.check == "addition"}
    partners = _partners(clean, str(rendering))
    tally = Counter(
        clean_omissions=sum(k[0] == "omission" for k in baseline),
        clean_additions=sum(k[0] == "addition" for k in baseline),
        sentences=len(sentences),
    )
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(runs):
            rng = random.Random(seed + r)
            # Whole prose sentences the clean run finds said in the source (a deletion of a sentence
            # already reported cannot make a new finding), never two side by side.
            candidates = [
                s for i, s in enumerate(sentences) if len(s.text) > 25 and i % 2 == r % 2 and s.text not in flagged
            ]
            gone = rng.sample(candidates, 4)
            spots = rng.sample([s for s in sentences if s not in gone and s.text.endswith(".")], 2)
            added = rng.sample(INSERTS, 2)
            edits = [(s.start, s.end, "") for s in gone] + [(s.end, s.end, " " + new) for s, new in zip(spots, added)]
            edited = text
            for start, end, new in sorted(edits, key=lambda e: (-e[0], -e[1])):
                edited = edited[:start] + new + edited[end:]
            target = Path(tmp) / "ko.md"
            target.write_text(edited, encoding="utf-8")
            result = run(Settings([str(target)], source=str(source)), encoder)
            new = _keys(result.findings, str(target)) - baseline
            hits = {k for k in new if k[0] == "addition" and any(a in k[1] for a in added)}
            # A deletion is found by an omission that quotes the English it rendered.
            found = {
                k
                for k in new
                if k[0] == "omission" and any(english in k[1] for s in gone for english in partners.get(s.index, ()))
            }
            tally["deleted"] += len(gone)
            tally["found_deleted"] += sum(
                any(english in k[1] for k in found for english in partners.get(s.index, ())) for s in gone
            )
            tally["inserted"] += len(added)
            tally["found_inserted"] += len(hits)
            tally["extra"] += len(new - hits - found)
    return tally


def evaluate(runs: int, seed: int) -> None:
    encoder = Encoder()
    total: Counter = Counter()
    print("| rendering | sentences | clean: omissions / additions | deletions found | insertions found | other new findings |")
    print("|---|---|---|---|---|---|")
    for rendering, source in PAIRS.items():
        t = evaluate_pair(BOOK / rendering, BOOK / source, runs, seed, encoder)
        total += t
        print(f"| {rendering} | {t['sentences']} | {t['clean_omissions']} / {t['clean_additions']} | "
              f"{t['found_deleted']}/{t['deleted']} | {t['found_inserted']}/{t['inserted']} | {t['extra']} |")
    print(f"| all | {total['sentences']} | {total['clean_omissions']} / {total['clean_additions']} | "
          f"{total['found_deleted']}/{total['deleted']} ({total['found_deleted'] / total['deleted']:.2f}) | "
          f"{total['found_inserted']}/{total['inserted']} ({total['found_inserted'] / total['inserted']:.2f}) | "
          f"{total['extra']} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    evaluate(args.runs, args.seed)


if __name__ == "__main__":
    main()
