"""Recall of number-mismatch on injected changes, and equivalent rewrites it flags.

One example rendering is the source. Two renderings are made from it:
- changed: some numbers (seeded choice) multiplied by three, written as before;
- equivalent: every number that has another common spelling rewritten in it
  (80M -> 8천만, 300M -> 3억, 10-20배 -> 10배에서 20배, 20만 -> 200,000, 97% ->
  97퍼센트, 1,000 -> 1000, 16배 -> 16x).
`checker lint --source` runs on each; the script prints recall on the changes and
the number of flagged equivalents (the bar: every change found, none flagged).

    python bench/eval_numbers.py [--changes 12] [--seed 1] [--source FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tempfile
from pathlib import Path

from click.testing import CliRunner

from checker.cli import main as cli
from checker.numbers import extract_numbers

SOURCE = Path(__file__).resolve().parent.parent / "examples" / "2025-10-w4" / "003_d97949ae6726edfb.txt"
_CHANGEABLE = {"quantity", "percent", "multiplier", "score"}


def _korean(value: int) -> str:
    """80_000_000 -> 8천만, 300_000_000 -> 3억, 240_000_000 -> 2억 4천만, 1_200_000 -> 120만."""
    parts = []
    for unit, name in ((10**12, "조"), (10**8, "억"), (10**4, "만"), (1, "")):
        count, value = divmod(value, unit)
        if count:
            written = f"{count // 1000}천" if count % 1000 == 0 and count >= 1000 else f"{count:,}"
            parts.append(written + name)
    return " ".join(parts) or "0"


_SCALES = {"K": 10**3, "M": 10**6, "B": 10**9, "T": 10**12}
_REWRITES = [
    (re.compile(r"^(\d+)([KMBT])$"), lambda m: _korean(int(m[1]) * _SCALES[m[2]])),
    (re.compile(r"^(\d+)-(\d+)배$"), lambda m: f"{m[1]}배에서 {m[2]}배"),
    (re.compile(r"^(\d+)배$"), lambda m: f"{m[1]}x"),
    (re.compile(r"^(\d+)%$"), lambda m: f"{m[1]}퍼센트"),
    (re.compile(r"^(\d+)만$"), lambda m: f"{int(m[1]) * 10**4:,}"),
    (re.compile(r"^(\d{1,3}),(\d{3})(.*)$"), lambda m: f"{m[1]}{m[2]}{m[3]}"),
]


def _equivalent(text: str) -> str | None:
    for pattern, rewrite in _REWRITES:
        match = pattern.match(text)
        if match:
            return rewrite(match)
    return None


def _tripled(fact) -> str:
    """The fact with its number multiplied by three, written the same way."""
    text = fact.text
    unit = re.search(r"[\d,.]+\s*[십백천]?[만억조]", text)
    if unit:  # Korean large units: write the new value the Korean way (2억 4천만, not 24천만)
        return _korean(int(fact.low * 3)) + text[unit.end() :]
    match = re.search(r"\d+(?:\.\d+)?", text)
    number = match.group()
    value = float(number) * 3
    written = f"{value:.{len(number.split('.')[1])}f}" if "." in number else str(int(value))
    return text[: match.start()] + written + text[match.end() :]


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _lint(source: Path, rendering: Path, out: Path) -> list[dict]:
    CliRunner().invoke(cli, ["lint", str(rendering), "--source", str(source), "--out", str(out), "--format", "json"])
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    return [f for f in findings if f["check"] == "number-mismatch"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--source", type=Path, default=SOURCE)
    args = parser.parse_args()
    text = args.source.read_text(encoding="utf-8")
    facts = extract_numbers(text)
    changeable = [f for f in facts if f.kind in _CHANGEABLE and not f.is_range and re.search(r"\d", f.text)]
    chosen = random.Random(args.seed).sample(changeable, min(args.changes, len(changeable)))
    changes = [(f.start, f.end, _tripled(f)) for f in chosen]
    equivalents = [(f.start, f.end, new) for f in facts if (new := _equivalent(f.text))]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        changed, same = tmp / "changed.txt", tmp / "equivalent.txt"
        changed.write_text(_apply(text, changes), encoding="utf-8")
        same.write_text(_apply(text, equivalents), encoding="utf-8")
        found = _lint(args.source, changed, tmp / "changed")
        flagged = _lint(args.source, same, tmp / "equivalent")
    found_texts = [f["text"] for f in found]
    recalled = sum(new in found_texts for _, _, new in changes)
    print(f"source: {args.source.name}; {len(changes)} numbers changed, {len(equivalents)} rewritten as equivalents")
    print(f"recall on changes: {recalled}/{len(changes)} = {recalled / len(changes):.2f}")
    print(f"findings on the changed rendering: {len(found)} (of which not a change: {len(found) - recalled})")
    print(f"flagged equivalents: {len(flagged)}")
    for f in found:
        if f["text"] not in [new for _, _, new in changes]:
            print(f"  extra: {f['text']} | {f['expected']} | {f['message']}")
    for (start, end, new) in changes:
        if new not in found_texts:
            print(f"  missed: {text[start:end]} -> {new}")
    for f in flagged:
        print(f"  flagged: {f['text']} | {f['expected']} | {f['message']}")
    print("equivalents:", ", ".join(f"{text[s:e]} -> {n}" for s, e, n in equivalents))


if __name__ == "__main__":
    main()
