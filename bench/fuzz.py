"""A long fuzzing run (not in CI): the properties of tests/test_properties.py over many more inputs.

    python bench/fuzz.py                  # the default counts: 106,200 inputs
    python bench/fuzz.py --scale 0.1      # a tenth of each count

Each stage gets generated inputs (tests/fuzzing.py) and must keep its property: decoding any
bytes gives text or an InputError; any text (controls, bidi marks, joiners, conjoining jamo,
full-width forms, lone surrogates) decodes and segments into sentences that are their own text;
numbers round-trip their canonical digits; the repair leaves clean Korean unchanged and is
idempotent; the whole pipeline on two or three generated files gives findings that point at
their text, or an InputError. A failing stage prints hypothesis's shrunk example and the run
goes on; the exit code is the number of failing stages.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.decode import decode_bytes, decode_document
from checker.embed import Encoder
from checker.errors import InputError
from checker.models import RawInput, Role
from checker.numbers import extract_numbers
from checker.repair import detect_mojibake, mojibake, repair_text
from checker.segment import Segmenter
from tests.fuzzing import (
    canonical_digits,
    check_pipeline_on,
    check_segmented,
    clean_korean,
    hostile_text,
    number_text,
    rendering,
)

COUNTS = {"decode": 60_000, "numbers": 40_000, "segment": 4_000, "repair": 2_000, "pipeline": 200}


def stages(segmenter: Segmenter, encoder: Encoder, folder: Path) -> dict:
    def decode(data: bytes) -> None:
        try:
            decode_bytes("f.txt", data)
        except InputError:
            pass

    def segment(text: str) -> None:
        try:
            document = decode_document(RawInput("f.md", Role.RENDERING, text.encode("utf-8", errors="surrogatepass")))
        except InputError:
            return
        check_segmented(segmenter.segment(document))

    def numbers(text: str) -> None:
        facts = [f for f in extract_numbers(text) if f.kind in ("quantity", "percent") and f.low is not None]
        if len(facts) == 1:
            again = [f for f in extract_numbers(canonical_digits(facts[0])) if f.kind == facts[0].kind]
            assert [(f.low, f.high) for f in again] == [(facts[0].low, facts[0].high)], (text, again)

    def repair(text: str) -> None:
        assert not detect_mojibake(text) and repair_text(text).text == text
        once = repair_text(mojibake(text)).text
        assert repair_text(once).text == once

    def pipeline(texts: list[bytes]) -> None:
        check_pipeline_on(texts, folder, encoder)

    return {
        "decode": (decode, st.binary(max_size=600)),
        "numbers": (numbers, number_text()),
        "segment": (segment, hostile_text(600)),
        "repair": (repair, clean_korean()),
        "pipeline": (pipeline, st.lists(rendering(), min_size=2, max_size=3)),
    }


def _counted(check, ran: list[int]):
    def counted(value) -> None:
        ran[0] += 1
        check(value)

    return counted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="share of the default counts")
    parser.add_argument("--only", help="comma-separated stages: " + ",".join(COUNTS))
    args = parser.parse_args()
    segmenter, encoder = Segmenter(), Encoder()
    failing, total = 0, 0
    with tempfile.TemporaryDirectory() as folder:
        table = stages(segmenter, encoder, Path(folder))
        print("| stage | inputs | seconds | result |\n| --- | --- | --- | --- |")
        for name, count in COUNTS.items():
            if args.only and name not in args.only.split(","):
                continue
            check, strategy = table[name]
            n = max(1, int(count * args.scale))
            ran = [0]
            fuzz = settings(max_examples=n, deadline=None, database=None,
                            suppress_health_check=list(HealthCheck))(given(strategy)(_counted(check, ran)))
            clock = time.perf_counter()
            try:
                fuzz()
                outcome = "no failure"
            except Exception as error:  # noqa: BLE001 - a failing property is reported, the run goes on
                failing += 1
                outcome = f"FAILED: {type(error).__name__}: {str(error)[:300]}"
                traceback.print_exc(file=sys.stderr)
            total += ran[0]
            print(f"| {name} | {ran[0]:,} | {time.perf_counter() - clock:.0f} | {outcome} |", flush=True)
    print(f"{total:,} inputs in all; {failing} failing stage(s)")
    return failing


if __name__ == "__main__":
    sys.exit(main())
