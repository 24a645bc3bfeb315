"""The bad inputs of issue 15 (and a few more), tried as a new user would: one `checker lint`
per row, its exit code, seconds and last line on stderr, and whether the inputs are unchanged.

    python bench/bad_inputs.py            # prints the README's table (Markdown)

Every input is written to a temporary folder; the examples are read from examples/.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "2025-10-w4"
SMALL = ROOT / "tests" / "data" / "rust_ch04_ko"
SENTENCE = "딥시크 OCR은 10배 압축으로 97%의 정확도(accuracy)를 유지합니다. "


def lint(args: list[str], out: Path, interrupt: int | None = None) -> tuple[int, float, str]:
    command = [sys.executable, "-c", "from checker.cli import main; main()", "lint", *args, "--out", str(out), "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    clock = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    if interrupt is not None:
        time.sleep(8)
        process.send_signal(interrupt)
    stdout, stderr = process.communicate()
    summary = next((line for line in stdout.splitlines() if line.startswith("checked ")), "")
    said = stderr.strip().splitlines()
    return process.returncode, time.perf_counter() - clock, " / ".join(x for x in (said[-1] if said else "", summary) if x)


def digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for path in sorted(paths):
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file():
                h.update(file.read_bytes())
    return h.hexdigest()


def findings(out: Path) -> list[dict]:
    return json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="bad-inputs."))
    rows = []

    def row(what: str, args: list[str], inputs: list[Path], **kwargs) -> tuple[int, float, str]:
        out = work / f"out{len(rows)}"
        before = digest(inputs)
        code, seconds, line = lint(args, kwargs.pop("out", out), **kwargs)
        same = "yes" if digest(inputs) == before else "NO"
        rows.append(f"| {what} | {code} | {seconds:.0f} | {line.replace('|', '/')[:160]} | {same} |")
        return code, seconds, line

    examples = sorted(EXAMPLES.glob("*.txt"))
    forward, backward = work / "forward", work / "backward"
    lint([str(p) for p in examples], forward)
    lint([str(p) for p in examples[::-1]], backward)
    a, b = findings(forward), findings(backward)
    common = len({f["fingerprint"] for f in a} & {f["fingerprint"] for f in b})
    rows.append(f"| the four examples, forward vs reverse order | - | - | {len(a)} vs {len(b)} findings, {common} "
                f"fingerprints in common, findings.json {'identical' if (forward / 'findings.json').read_bytes() == (backward / 'findings.json').read_bytes() else 'DIFFERENT'} | yes |")

    for size, name in ((256 * 1024, "256 KB"), (1024 * 1024, "1 MB")):
        path = work / f"oneline-{name.replace(' ', '')}.md"
        path.write_text(SENTENCE * (size // len(SENTENCE.encode())), encoding="utf-8")
        row(f"a {name} file with no line breaks, alone", [str(path)], [path])
    lines = work / "lines.md"
    lines.write_text("짧은 줄입니다.\n" * 100_000, encoding="utf-8")
    row("100,000 short lines, alone", [str(lines)], [lines])

    previous = work / "previous"
    lint([str(SMALL)], previous)
    for name, number in (("SIGINT", signal.SIGINT), ("SIGTERM", signal.SIGTERM)):
        before = digest([previous])
        row(f"{name} after 8 s", [str(SMALL)], [SMALL], out=previous, interrupt=number)
        kept = "yes; previous reports kept |" if digest([previous]) == before else "yes; previous reports CHANGED |"
        rows[-1] = rows[-1][: -len("yes |")] + kept
    row("`--out` on a read-only file system (/sys)", [str(SMALL)], [SMALL], out=Path("/sys/checker-reports"))
    replaced = work / "replaced"
    lint([str(SMALL)], replaced)
    (replaced / "findings.csv").unlink()
    (replaced / "findings.csv").mkdir()
    before = digest([replaced])
    row("one report target replaced by a folder", [str(SMALL)], [SMALL], out=replaced)
    rows[-1] = rows[-1][: -len("yes |")] + ("yes; previous set kept |" if digest([replaced]) == before else "NO |")

    korean = (EXAMPLES / "003_d97949ae6726edfb.txt").read_text(encoding="utf-8")
    for codec in ("utf-16-le", "utf-16-be"):
        path = work / f"{codec}.md"
        path.write_bytes(korean.encode(codec))
        row(f"{codec.upper()} without a byte-order mark", [str(path)], [path])
    data = korean.encode("utf-8")
    at = data.index("압축".encode())
    damaged = work / "damaged.md"
    damaged.write_bytes(data[:at] + b"\xff" + data[at:])
    row("one invalid UTF-8 byte in a long file", [str(damaged), "--select", "encoding"], [damaged])
    [bad] = findings(work / f"out{len(rows) - 1}")
    rows[-1] = rows[-1].replace(" | yes |", f"; {bad['severity']} {bad['check']} at {bad['line']}:{bad['column']}: "
                                            f"{bad['message'][:70]}... | yes |")
    mostly = work / "mostly.md"
    mostly.write_bytes(b"title\n" + bytes(range(0x80, 0x100)) * 64)
    row("a file mostly not UTF-8 (no codec reads it)", [str(mostly)], [mostly])
    binary = work / "binary.md"
    binary.write_bytes(bytes(range(256)) * 64)
    row("really binary (every byte value, NULs on both sides)", [str(binary)], [binary])
    glossary = work / "broken.csv"
    glossary.write_text('en,ko,status\n"attention,어텐션,preferred\nloss,손실,preferred\n', encoding="utf-8")
    row("broken glossary CSV (unterminated quote on line 2)", [str(SMALL), "--glossary", str(glossary)], [glossary])
    one = SMALL / "rinthel.md"
    row("the same file twice (and inside its folder)", [str(one), f"./{one.relative_to(ROOT)}", str(SMALL)], [SMALL])
    twins = work / "twins"
    twins.mkdir()
    for name in ("a.md", "b.md"):
        shutil.copy(one, twins / name)
    shutil.copy(SMALL / "rust_kr.md", twins / "c.md")
    code, seconds, line = row("two identical renderings", [str(twins)], [twins])
    said = [f for f in findings(work / f"out{len(rows) - 1}") if f["check"] == "duplicate-rendering"]
    rows[-1] = rows[-1].replace(" | yes |", f"; duplicate-rendering: {said[0]['message'][:60] if said else 'NONE'}... | yes |")
    comments = work / "comments.md"
    comments.write_text("<!-- 열린 주석 " * 20_000 + "\n\n본문입니다.\n", encoding="utf-8")
    row("20,000 unclosed HTML comments", [str(comments)], [comments])

    print("| input | exit | seconds | last line on stderr (or the summary) | inputs unchanged |")
    print("| --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
