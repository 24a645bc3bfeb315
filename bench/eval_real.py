"""Precision on real translations no one here wrote, and recall of errors injected into them.

The corpora are three independent Korean translations of Rust-book sections, each beside
the English it was made from (``../shared/corpora/rust-book-ch04-01`` and
``../shared/corpora/rust-book-more``). Every section is checked in three modes:

- ``alone``: the three renderings, no source (judged by their consensus);
- ``one-source``: the three renderings against one English (rust-kr's, the newest edition);
- ``own-source``: each rendering against the English it was made from (three runs).

Every finding is looked up in the hand labels (``bench/labels/<section>.csv``), keyed by
the check, the reference, the file and the normalised text and expected value of the
finding (as the fingerprint is, without the path spelling): ``real`` when what the finding
says is true of the files given (a number changed, a sentence of the reference not said,
a term used differently), ``false`` otherwise, with the cause. Findings without a label are
counted apart and can be written out for labelling (``--todo FILE``).

On top of the real files, errors are injected into rust-kr's rendering (seeded, 10 of each
kind per section where the text allows): changed numbers, deleted sentences, invented
factual sentences, swapped terms. Each kind is run once with rust-kr's own English as the
source and once beside the other two renderings; an injection is found when a finding of
the right check, absent from the clean run, lands on it.

Two sections are held out of all tuning (``HELD_OUT``) and reported apart: that figure is
the one that predicts what users will see. Run:

    python bench/eval_real.py                    # everything (about 10 minutes here)
    python bench/eval_real.py --no-inject        # precision only
    python bench/eval_real.py --sections ch04-03-slices --todo /tmp/todo.csv
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from checker.cli import _glossaries
from checker.config import Settings
from checker.embed import Encoder
from checker.filters import fails
from checker.models import Finding
from checker.pipeline import run
from checker.text import normalised

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
LABELS = Path(__file__).resolve().parent / "labels"
HELD_OUT = ("ch05-02-example-structs", "ch06-02-match")
TRANSLATORS = ("rust-kr", "kernalix7", "rinthel")
ONE_SOURCE = "rust-kr"  # the English of the newest edition
INJECTED = "rust-kr"  # the rendering errors are injected into
PER_KIND = 10
CHECKS_OF = {
    "number": ("number-mismatch",),
    "delete": ("omission",),
    "add": ("addition",),
    "swap": ("term-inconsistent", "term-glossary"),
}
# Invented factual sentences (written for this script): names, numbers and claims no
# translation of the Rust book makes.
INVENTED = [
    "이 규칙은 2014년 러스트 0.9 버전에서 처음 도입되었으며 당시 17명의 기여자가 설계에 참여했습니다.",
    "모질라 연구팀의 측정에 따르면 이 방식은 C++보다 메모리 오류를 70% 줄였습니다.",
    "구글은 안드로이드 13에서 이 기능을 사용해 취약점을 절반으로 줄였다고 발표했습니다.",
    "이 최적화 덕분에 컴파일 시간이 평균 23% 단축되었습니다.",
    "러스트 재단은 2021년 2월 8일에 AWS, 화웨이, 구글, 마이크로소프트, 모질라가 함께 설립했습니다.",
    "리눅스 커널 6.1부터는 이 기능으로 작성된 드라이버가 공식적으로 포함되었습니다.",
    "벤치마크에서 이 코드는 초당 450만 건의 요청을 처리했습니다.",
    "디스코드는 이 방식으로 서비스를 다시 작성해 지연 시간을 10배 줄였습니다.",
    "스택 오버플로 설문조사에서 러스트는 8년 연속 가장 사랑받는 언어로 뽑혔습니다.",
    "이 설계는 1980년대 사이클론 언어의 영역 기반 메모리 관리에서 영감을 받았습니다.",
    "마이크로소프트에 따르면 자사 보안 취약점의 약 70%가 메모리 안전성 문제였습니다.",
    "파이어폭스의 CSS 엔진 스타일로는 이 기능 덕분에 병렬화에 성공했습니다.",
    "이 기능은 임베디드 환경에서 메모리 사용량을 32킬로바이트 이하로 유지해 줍니다.",
    "드롭박스는 동기화 엔진을 이 방식으로 옮긴 뒤 충돌 보고가 90% 감소했다고 밝혔습니다.",
    "러스트 컴파일러는 이 검사를 위해 약 1만 2천 줄의 코드를 사용합니다.",
    "클라우드플레어는 이 기법으로 하루 1조 건 이상의 요청을 처리하고 있습니다.",
    "이 방식은 가비지 컬렉터를 쓰는 자바보다 평균 3배 적은 메모리를 사용합니다.",
    "2018년 에디션부터 이 규칙은 논리적 수명(non-lexical lifetimes)으로 완화되었습니다.",
    "그레이던 호어는 2006년에 개인 프로젝트로 이 언어를 처음 만들었습니다.",
    "이 검사를 끄는 컴파일러 옵션은 보안상의 이유로 2019년에 제거되었습니다.",
    "아마존의 파이어크래커는 이 원칙에 따라 5만 줄의 코드로 작성되었습니다.",
    "이 개념은 러스트 1.0이 출시된 2015년 5월 15일 이후 한 번도 바뀌지 않았습니다.",
    "대부분의 러스트 프로그래머는 이 규칙에 익숙해지는 데 평균 2주가 걸린다고 답했습니다.",
    "이 동작은 웹어셈블리 대상에서 최대 40% 더 작은 바이너리를 만들어 냅니다.",
]
# Pairs of Korean terms that translators of the Rust book use for one concept: swapping one
# occurrence for the other makes a file inconsistent with itself and with the others.
TERM_SWAPS = [
    ("소유권", "오너십"),
    ("참조자", "레퍼런스"),
    ("참조", "레퍼런스"),
    ("메서드", "메소드"),
    ("트레이트", "트레잇"),
    ("구조체", "스트럭트"),
    ("열거형", "이넘"),
    ("슬라이스", "조각"),
    ("불변", "변경 불가능"),
    ("가변", "변경 가능"),
    ("빌림", "대여"),
    ("변수", "변량"),
    ("문자열", "스트링"),
    ("함수", "펑션"),
    ("반복자", "이터레이터"),
    ("패턴", "형식"),
    ("타입", "자료형"),
    ("튜플", "순서쌍"),
    ("벡터", "동적 배열"),
    ("힙", "더미"),
    ("스택", "적재"),
    ("인덱스", "색인"),
    ("표현식", "식"),
    ("구문", "문장"),
]


@dataclass(frozen=True)
class Pair:
    translator: str
    ko: Path
    en: Path


@dataclass(frozen=True)
class Section:
    name: str
    pairs: tuple[Pair, ...]

    @property
    def held_out(self) -> bool:
        return self.name in HELD_OUT

    def pair(self, translator: str) -> Pair:
        return next(p for p in self.pairs if p.translator == translator)


@dataclass(frozen=True)
class Run:
    section: Section
    mode: str  # alone, one-source, own-source
    renderings: tuple[Path, ...]
    source: Path | None
    name: str


@dataclass(frozen=True)
class Outcome:
    run: Run
    findings: tuple[Finding, ...]
    keys: tuple[str, ...]  # the label key of each finding
    exit_code: int
    korean_bytes: int


@dataclass(frozen=True)
class Label:
    key: str
    label: str  # real or false
    cause: str


def sections(corpora: Path = CORPORA) -> list[Section]:
    found = []
    first = corpora / "rust-book-ch04-01"
    if first.is_dir():
        # This folder names its files after the repositories and commits.
        def one(pattern: str) -> Path:
            return next(first.glob(pattern))

        found.append(Section("ch04-01-what-is-ownership", (
            Pair("rust-kr", one("ko.rust-kr-*.md"), one("en.upstream-21cf8408.md")),
            Pair("kernalix7", one("ko.Kernalix7-*.md"), one("en.upstream-3e9dc46a.md")),
            Pair("rinthel", one("ko.rinthel-*.md"), one("en.second-edition-*.md")),
        )))
    more = corpora / "rust-book-more"
    for folder in sorted(p for p in more.iterdir() if p.is_dir()) if more.is_dir() else ():
        found.append(Section(folder.name, tuple(
            Pair(t, folder / f"ko.{t}.md", folder / f"en.for-{t}.md") for t in TRANSLATORS
        )))
    return found


def runs_of(section: Section) -> list[Run]:
    kos = tuple(p.ko for p in section.pairs)
    result = [
        Run(section, "alone", kos, None, "alone"),
        Run(section, "one-source", kos, section.pair(ONE_SOURCE).en, f"one-source:{ONE_SOURCE}"),
    ]
    result += [Run(section, "own-source", (p.ko,), p.en, f"own-source:{p.translator}") for p in section.pairs]
    return result


def lint(encoder: Encoder, renderings: Iterable[Path], source: Path | None) -> tuple[Finding, ...]:
    paths = tuple(str(p) for p in renderings)
    settings = Settings(paths=paths, source=str(source) if source else None, **_glossaries((), False))
    return run(settings, encoder).findings


def label_keys(section: Section, findings: Iterable[Finding], source: Path | None, names: dict[str, str]) -> list[str]:
    """The key of each finding: what its fingerprint names, with the file as named in the corpus."""
    reference = source.name if source else "consensus"
    seen: Counter[str] = Counter()
    keys = []
    for f in findings:
        base = "\x1f".join((section.name, reference, f.check, names[f.file], normalised(f.text), normalised(f.expected)))
        seen[base] += 1
        keys.append(hashlib.sha256(f"{base}\x1f{seen[base]}".encode()).hexdigest()[:16])
    return keys


def evaluate(encoder: Encoder, run_: Run) -> Outcome:
    findings = lint(encoder, run_.renderings, run_.source)
    names = {str(p): p.name for p in (*run_.renderings, *((run_.source,) if run_.source else ()))}
    keys = label_keys(run_.section, findings, run_.source, names)
    size = sum(len(p.read_bytes()) for p in run_.renderings)
    return Outcome(run_, findings, tuple(keys), 1 if fails(findings, "error") else 0, size)


def read_labels() -> dict[str, Label]:
    labels: dict[str, Label] = {}
    for path in sorted(LABELS.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["label"] in ("real", "false"):
                    labels[row["key"]] = Label(row["key"], row["label"], row.get("cause", ""))
    return labels


# ---------------------------------------------------------------------------------------
# Figures


@dataclass
class Tally:
    findings: int = 0
    labelled: int = 0
    real: int = 0

    def add(self, label: Label | None) -> None:
        self.findings += 1
        if label is not None:
            self.labelled += 1
            self.real += label.label == "real"

    @property
    def precision(self) -> float | None:
        return self.real / self.labelled if self.labelled else None


def precision_table(outcomes: list[Outcome], labels: dict[str, Label]) -> dict:
    """Per split and mode: findings, precision per check and severity, per 10 KB, exit codes."""
    table: dict = {}
    for split in ("dev", "held-out"):
        for mode in ("alone", "one-source", "own-source"):
            chosen = [o for o in outcomes if o.run.mode == mode and o.run.section.held_out == (split == "held-out")]
            if not chosen:
                continue
            by: dict[str, Tally] = defaultdict(Tally)
            causes: Counter[str] = Counter()
            for o in chosen:
                for f, key in zip(o.findings, o.keys):
                    label = labels.get(key)
                    for name in (f.check, f"severity:{f.severity.value}", "all"):
                        by[name].add(label)
                    if label is not None and label.label == "false":
                        causes[label.cause or "unstated"] += 1
            korean = sum(o.korean_bytes for o in chosen)
            serious = sum(1 for o in chosen for f in o.findings if f.severity.value in ("error", "warning"))
            table[f"{split}/{mode}"] = {
                "runs": len(chosen),
                "exit 0": sum(o.exit_code == 0 for o in chosen),
                "korean KB": round(korean / 1024, 1),
                "errors+warnings per 10 KB": round(serious / (korean / 10240), 2),
                "tallies": {k: vars(v) | {"precision": v.precision} for k, v in sorted(by.items())},
                "false alarm causes": dict(causes.most_common()),
                "per run": {
                    f"{o.run.section.name} {o.run.name}": {
                        "exit": o.exit_code,
                        "errors": sum(f.severity.value == "error" for f in o.findings),
                        "errors+warnings per 10 KB": round(
                            sum(f.severity.value in ("error", "warning") for f in o.findings) / (o.korean_bytes / 10240), 2
                        ),
                    }
                    for o in chosen
                },
            }
    return table


def print_precision(table: dict) -> None:
    for name, row in table.items():
        print(f"\n## {name}: {row['runs']} run(s), {row['korean KB']} KB of Korean, "
              f"{row['errors+warnings per 10 KB']} errors+warnings per 10 KB, exit 0 in {row['exit 0']}/{row['runs']}")
        print("| check / severity | findings | labelled | real | precision |")
        print("| --- | --- | --- | --- | --- |")
        for key, t in row["tallies"].items():
            p = "-" if t["precision"] is None else f"{t['precision']:.2f}"
            print(f"| {key} | {t['findings']} | {t['labelled']} | {t['real']} | {p} |")
        if row["false alarm causes"]:
            print("false alarms by cause: " + ", ".join(f"{c} {n}" for c, n in row["false alarm causes"].items()))


def write_todo(path: Path, outcomes: list[Outcome], labels: dict[str, Label]) -> int:
    """Unlabelled findings, with what a labeller needs to judge them."""
    rows = []
    written: set[str] = set()
    for o in outcomes:
        texts = {str(p): p.read_text(encoding="utf-8") for p in o.run.renderings}
        for f, key in zip(o.findings, o.keys):
            if key in labels or key in written:
                continue
            written.add(key)
            line = texts[f.file].splitlines()[f.line - 1] if f.file in texts else ""
            rows.append({
                "key": key,
                "label": "",
                "cause": "",
                "section": o.run.section.name,
                "run": o.run.name,
                "reference": o.run.source.name if o.run.source else "consensus",
                "file": Path(f.file).name,
                "line": f.line,
                "check": f.check,
                "severity": f.severity.value,
                "text": f.text,
                "expected": f.expected,
                "message": f.message,
                "evidence": " || ".join(f"{Path(e.file).name}:{e.line}: {e.text}" for e in f.evidence[:3]),
                "line_text": line[:600],
            })
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]) if rows else ["key", "label", "cause"])
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


# ---------------------------------------------------------------------------------------
# Injected errors


@dataclass(frozen=True)
class Injection:
    kind: str
    start: int  # span of the injected text in the edited file (a deletion: where it was)
    end: int
    line: int
    what: str


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str
    what: str


def _prose_sentences(path: Path) -> list[tuple[int, int, str]]:
    """Sentences of the file, as checker segments them (offsets into its text)."""
    from checker.decode import read_document
    from checker.models import Role
    from checker.segment import Segmenter

    doc = Segmenter().segment(read_document(str(path), Role.RENDERING))
    return [(s.start, s.end, s.text) for p in doc.paragraphs for s in p.sentences]


# A number standing alone: Korean particles may follow it (5를), other digits, letters and dots not.
_NUMBER = re.compile(r"(?<![0-9A-Za-z_.\-`])\d{1,4}(?![0-9A-Za-z_.\-`])")
_CODE = re.compile(r"`[^`\n]*`")
_LABELED = re.compile(r"(?:예제|그림|표|리스트|장|Listing|Figure)\s*$")


def _number_edits(text: str, sentences, en_text: str, rng: random.Random) -> list[Edit]:
    candidates = []
    for start, end, _ in sentences:
        body = text[start:end]
        code = [(m.start(), m.end()) for m in _CODE.finditer(body)]
        for m in _NUMBER.finditer(body):
            if any(a <= m.start() < b for a, b in code) or _LABELED.search(body[: m.start()]):
                continue
            if m.group() not in en_text:
                continue  # a number the English states too: a fact, not a Korean counter
            candidates.append((start, start + m.start(), start + m.end(), m.group()))
    rng.shuffle(candidates)
    edits, used = [], set()
    for sentence, a, b, number in candidates:
        if sentence in used:
            continue
        used.add(sentence)
        value = int(number)
        changed = str(value + rng.randint(1, 9) if value < 10 else value * 2 + rng.randint(1, 9))
        edits.append(Edit(a, b, changed, f"{number} -> {changed}"))
        if len(edits) == PER_KIND:
            break
    return edits


def _delete_edits(text: str, sentences, rng: random.Random) -> list[Edit]:
    candidates = [(a, b) for a, b, s in sentences[1:] if len(s) >= 30 and not s.lstrip().startswith("#")]
    rng.shuffle(candidates)
    edits: list[Edit] = []
    for a, b in candidates:
        if any(abs(a - e.start) < 400 for e in edits):
            continue  # one deletion a paragraph or so: a finding names one gap
        end = b
        while end < len(text) and text[end] == " ":
            end += 1
        edits.append(Edit(a, end, "", text[a:b]))
        if len(edits) == PER_KIND:
            break
    return edits


def _add_edits(text: str, sentences, rng: random.Random) -> list[Edit]:
    invented = INVENTED[:]
    rng.shuffle(invented)
    candidates = [b for a, b, s in sentences if len(s) >= 20 and s.rstrip().endswith((".", "다"))]
    rng.shuffle(candidates)
    edits: list[Edit] = []
    for b in candidates:
        if any(abs(b - e.start) < 400 for e in edits):
            continue
        sentence = invented.pop()
        edits.append(Edit(b, b, " " + sentence, sentence))
        if len(edits) == PER_KIND:
            break
    return edits


def _swap_edits(text: str, sentences, rng: random.Random) -> list[Edit]:
    candidates = []
    for start, end, body in sentences:
        code = [(m.start(), m.end()) for m in _CODE.finditer(body)]
        for term, other in TERM_SWAPS:
            for m in re.finditer(re.escape(term), body):
                if any(a <= m.start() < b for a, b in code):
                    continue
                if len(re.findall(re.escape(term), text)) < 3:
                    continue  # the file must use the term elsewhere: that is what the swap breaks
                candidates.append((start, start + m.start(), start + m.end(), term, other))
    rng.shuffle(candidates)
    edits, used_sentences, used_terms = [], set(), Counter()
    for sentence, a, b, term, other in candidates:
        if sentence in used_sentences or used_terms[term] >= 2:
            continue
        if any(a < e.end and e.start < b for e in edits):
            continue
        used_sentences.add(sentence)
        used_terms[term] += 1
        edits.append(Edit(a, b, other, f"{term} -> {other}"))
        if len(edits) == PER_KIND:
            break
    return edits


def apply_edits(text: str, edits: list[Edit], kind: str) -> tuple[str, list[Injection]]:
    pieces, injections, at = [], [], 0
    length = 0
    for e in sorted(edits, key=lambda e: e.start):
        pieces.append(text[at:e.start])
        length += e.start - at
        start = length
        pieces.append(e.replacement)
        length += len(e.replacement)
        injections.append(Injection(kind, start, length, 0, e.what))
        at = e.end
    pieces.append(text[at:])
    edited = "".join(pieces)
    return edited, [
        Injection(i.kind, i.start, i.end, edited.count("\n", 0, i.start) + 1, i.what) for i in injections
    ]


def _found(injection: Injection, findings: Iterable[Finding], text: str) -> bool:
    checks = CHECKS_OF[injection.kind]
    if injection.kind == "delete":
        # Where the sentence was: its paragraph in the edited file (a finding points at the gap's neighbours).
        lo = text.rfind("\n\n", 0, injection.start)
        hi = text.find("\n\n", injection.end)
        lo, hi = max(lo, 0), (len(text) if hi < 0 else hi)
        lo_line, hi_line = text.count("\n", 0, lo) + 1, text.count("\n", 0, hi) + 2
        return any(f.check in checks and lo_line <= f.line <= hi_line for f in findings)
    for f in findings:
        if f.check not in checks:
            continue
        if f.start < injection.end and injection.start < f.end:
            return True
        for occurrence in f.occurrences:  # a grouped term finding names every place
            if occurrence.start < injection.end and injection.start < occurrence.end:
                return True
    return False


def inject(encoder: Encoder, section: Section, seed: int) -> dict[str, dict[str, tuple[int, int]]]:
    """Recall per kind, with and without the source: (found, injected)."""
    target = section.pair(INJECTED)
    text = target.ko.read_text(encoding="utf-8")
    en_text = target.en.read_text(encoding="utf-8")
    sentences = _prose_sentences(target.ko)
    rng = random.Random(f"{seed}:{section.name}")
    makers = {
        "number": lambda: _number_edits(text, sentences, en_text, rng),
        "delete": lambda: _delete_edits(text, sentences, rng),
        "add": lambda: _add_edits(text, sentences, rng),
        "swap": lambda: _swap_edits(text, sentences, rng),
    }
    others = [p.ko for p in section.pairs if p.translator != INJECTED]
    clean = {
        "source": _plain_keys(lint(encoder, [target.ko], target.en)),
        "consensus": _plain_keys(f for f in lint(encoder, [target.ko, *others], None) if f.file == str(target.ko)),
    }
    result: dict[str, dict[str, tuple[int, int]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        edited_path = Path(tmp) / target.ko.name
        for kind, make in makers.items():
            edited, injections = apply_edits(text, make(), kind)
            edited_path.write_text(edited, encoding="utf-8")
            for mode, source, renderings in (
                ("source", target.en, [edited_path]),
                ("consensus", None, [edited_path, *others]),
            ):
                findings = [
                    f for f in lint(encoder, renderings, source)
                    if f.file == str(edited_path) and _plain_key(f) not in clean[mode]
                ]
                found = sum(_found(i, findings, edited) for i in injections)
                result.setdefault(kind, {})[mode] = (found, len(injections))
    return result


def _plain_key(f: Finding) -> tuple[str, str, str]:
    return f.check, normalised(f.text), normalised(f.expected)


def _plain_keys(findings: Iterable[Finding]) -> set[tuple[str, str, str]]:
    return {_plain_key(f) for f in findings}


def print_recall(recall: dict[str, dict[str, dict[str, tuple[int, int]]]]) -> dict:
    table: dict = {}
    for split in ("dev", "held-out"):
        names = [n for n in recall if (n in HELD_OUT) == (split == "held-out")]
        if not names:
            continue
        print(f"\n## injected into {INJECTED}'s rendering, {split} ({len(names)} sections)")
        print("| kind | with its source | beside the other two |")
        print("| --- | --- | --- |")
        for kind in CHECKS_OF:
            cells = []
            for mode in ("source", "consensus"):
                found = sum(recall[n][kind][mode][0] for n in names)
                total = sum(recall[n][kind][mode][1] for n in names)
                table.setdefault(split, {}).setdefault(kind, {})[mode] = [found, total]
                cells.append(f"{found}/{total} ({found / total:.2f})" if total else "-")
            print(f"| {kind} | {cells[0]} | {cells[1]} |")
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", default="", help="comma-separated section names (default: all)")
    parser.add_argument("--split", choices=("all", "dev", "held-out"), default="all")
    parser.add_argument("--no-inject", action="store_true", help="precision only")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--todo", type=Path, help="write unlabelled findings here (CSV), for labelling")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--corpora", type=Path, default=CORPORA, help=f"where the corpora are (default: {CORPORA})")
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        print(f"eval_real: {args.corpora} not found: the corpora live in ../shared beside the repository", file=sys.stderr)
        return 2
    chosen = [s for s in sections(args.corpora) if not args.sections or s.name in args.sections.split(",")]
    chosen = [s for s in chosen if args.split == "all" or s.held_out == (args.split == "held-out")]
    encoder = Encoder()  # one for every run: a sentence is encoded once
    labels = read_labels()
    outcomes = []
    for section in chosen:
        for run_ in runs_of(section):
            outcomes.append(evaluate(encoder, run_))
            o = outcomes[-1]
            print(f"{section.name} {run_.name}: {len(o.findings)} finding(s), exit {o.exit_code}", file=sys.stderr)
    figures = {"precision": precision_table(outcomes, labels)}
    unlabelled = sum(k not in labels for o in outcomes for k in o.keys)
    print(f"# eval_real: {len(chosen)} section(s), {len(outcomes)} run(s), {unlabelled} unlabelled finding(s)")
    print_precision(figures["precision"])
    if not args.no_inject:
        recall = {s.name: inject(encoder, s, args.seed) for s in chosen}
        figures["recall"] = print_recall(recall)
    if args.todo:
        n = write_todo(args.todo, outcomes, labels)
        print(f"\nwrote {n} unlabelled finding(s) to {args.todo}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
