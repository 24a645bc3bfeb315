"""Does a change alter what checker finds? Record the reports of fixed runs, then compare.

    python bench/same_output.py record /tmp/before     # before the change
    python bench/same_output.py check  /tmp/before     # after: exit 1 on any difference

The runs: examples/2025-10-w4/, examples/rust-book-ch04-01/ renderings alone, and each
rust-book rendering against its own English (--source). findings.json and alignment.json
must be byte-identical; a refactor that changes no algorithm keeps them so.
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUST = Path("examples") / "rust-book-ch04-01"  # relative: reports name files as given
# each Korean rendering beside the English it was made from (examples/rust-book-ch04-01/README.md)
OWN_SOURCE = {
    "ko.rust-kr-doc.rust-kr.org-1d07d28a.md": "en.upstream-21cf8408.md",
    "ko.Kernalix7-2f5cfbe3.md": "en.upstream-3e9dc46a.md",
    "ko.rinthel-second-edition-776d8600.md": "en.second-edition-6d4ef020.md",
}
REPORTS = ("findings.json", "alignment.json")


def runs() -> dict[str, list[str]]:
    koreans = [str(RUST / k) for k in OWN_SOURCE]
    result = {
        "digest": ["examples/2025-10-w4"],
        "rust-alone": koreans,
    }
    for ko, en in OWN_SOURCE.items():
        result[f"rust-source-{ko.split('.')[1]}"] = [str(RUST / ko), "--source", str(RUST / en)]
    return result


def lint(args: list[str], out: Path) -> int:
    command = [sys.executable, "-c", "from checker.cli import main; main()", "lint", *args, "--out", str(out), "--format", "json"]
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"checker lint {' '.join(args)} failed (exit {done.returncode}):\n{done.stderr}")
    return done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("record", "check"))
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    differences = 0
    for name, lint_args in runs().items():
        if args.mode == "record":
            out = args.folder / name
            out.mkdir(parents=True, exist_ok=True)
            code = lint(lint_args, out)
            (out / "exit_code").write_text(f"{code}\n")
            print(f"recorded {name}: exit {code}")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            code = lint(lint_args, Path(tmp))
            recorded = (args.folder / name / "exit_code").read_text().strip()
            same = [filecmp.cmp(Path(tmp) / r, args.folder / name / r, shallow=False) for r in REPORTS]
            ok = all(same) and str(code) == recorded
            differences += not ok
            detail = ", ".join(r for r, s in zip(REPORTS, same) if not s) or (f"exit {code} vs {recorded}" if not ok else "")
            print(f"{'same' if ok else 'DIFFERENT'} {name}" + (f": {detail}" if detail else ""))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
