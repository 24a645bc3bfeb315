"""Omission and addition against professional MQM annotations of English->Korean MT, per sentence.

Reads ``../shared/corpora/mqm-enko-dev/en_ko_mqm_dev.tsv`` (research use: it is read from
there, never copied; without it the script says so and exits 0). Each row becomes one numbered
item of an English file and a Korean file, so that they align one to one; checker runs on them
with the English as ``--source`` (in-process: ``--cli`` runs the CLI too and checks that it gives
the same findings). A row is positive for omission (addition) when the annotators marked an
Accuracy/omission (Accuracy/addition) span in it; a row is predicted positive when checker has
an omission (addition) finding in its item.

The rows are split by a seeded hash of their id: two thirds ``fit`` (every threshold and weight
is fitted there), one third ``rest`` (reported apart, never tuned on). Beside checker, in the
same run: the length ratio (Korean / English characters, without spaces; threshold tuned on
``fit``) and the sentence count (fewer Korean sentences than English: omission; more: addition).
Checker's figures are given for every finding, for errors and warnings only, and for the
clause findings alone. Span overlap: of checker's findings in annotated rows, the share whose ``expected`` (omission) or
``text`` (addition) overlaps an annotated span.

    python bench/eval_mqm.py              # the figures
    python bench/eval_mqm.py --fit        # also refit checker/coverage.py's models on ``fit``, print them
    python bench/eval_mqm.py --cli        # also check that the CLI gives the same findings
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import json
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from checker.checks.context import Context
from checker.config import Settings
from checker.coverage import EVIDENCE, OFF, Judged, Model, length
from checker.embed import Encoder
from checker.pipeline import run

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "mqm-enko-dev" / "en_ko_mqm_dev.tsv"
SEED = "mqm-split-1"
KINDS = ("omission", "addition")
_MARK = re.compile(r"\s*(.+?)\(([a-z ]+)/(minor|major|critical)\)\s*,?")
# clause findings say so in their message; the others are whole sentences
CLAUSE = "clause coverage"


@dataclass
class Row:
    id: str
    en: str
    ko: str
    spans: dict[str, list[str]]  # category -> annotated spans
    split: str
    item: int = 0
    predicted: dict[str, bool] = field(default_factory=dict)


def read_rows(path: Path) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for record in csv.DictReader(f, delimiter="\t"):
            spans: dict[str, list[str]] = defaultdict(list)
            accuracy = next((line for line in html.unescape(record["annotation"]).splitlines() if line.startswith("Accuracy:")), "")
            for m in _MARK.finditer(accuracy[len("Accuracy:") :]):
                spans[m.group(2)].append(m.group(1).strip())
            digest = hashlib.sha256(f"{SEED}:{record['row']}".encode()).digest()
            split = "rest" if digest[0] % 3 == 0 else "fit"
            # the data set keeps some HTML entities (&quot;, &#39;) of its web sources
            en, ko = (" ".join(html.unescape(record[k]).split()) for k in ("en_source", "ko_target"))
            rows.append(Row(record["row"], en, ko, dict(spans), split))
    return rows


def write_files(rows: list[Row], folder: Path) -> tuple[Path, Path]:
    en, ko = folder / "en.md", folder / "ko.md"
    for i, row in enumerate(rows, start=1):
        row.item = i
    en.write_text("".join(f"{r.item}. {r.en}\n\n" for r in rows), encoding="utf-8")
    ko.write_text("".join(f"{r.item}. {r.ko}\n\n" for r in rows), encoding="utf-8")
    return en, ko


def prf(truth: list[bool], predicted: list[bool]) -> tuple[float, float, float, int]:
    tp = sum(t and p for t, p in zip(truth, predicted))
    fp = sum(p and not t for t, p in zip(truth, predicted))
    fn = sum(t and not p for t, p in zip(truth, predicted))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, tp + fp


def tuned(values: list[float], truth: list[bool], below: bool) -> float:
    """The threshold on ``values`` with the best F1 (predicted: value < t, or > t)."""
    best, chosen = -1.0, 0.0
    for t in sorted(set(values)):
        t = t + (1e-9 if below else -1e-9)
        f1 = prf(truth, [(v < t) if below else (v > t) for v in values])[2]
        if f1 > best:
            best, chosen = f1, t
    return chosen


def precise_threshold(scores: list[float], truth: list[bool], floor: float = 0.6) -> float:
    """The score threshold with the best F1 among those with precision >= floor and five rows
    flagged; OFF where none reaches the floor (precision first)."""
    candidates = []
    for t in sorted(set(scores) - {0.0}):
        p, _, f1, n = prf(truth, [s >= t for s in scores])
        if n >= 5 and p >= floor:
            candidates.append((f1, -t))
    return -max(candidates)[1] if candidates else OFF


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """Newton's method on the L2-penalised log loss (the bias is not penalised)."""
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + penalty * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-6)
        w -= np.linalg.solve(hessian, gradient)
    return w


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)


class Corpus:
    """The run on the two files, what it found per row, and where the annotated spans are."""

    def __init__(self, rows: list[Row], result, en: Path, ko: Path):
        self.rows, self.result = rows, result
        self.en, self.ko = str(en), str(ko)
        analysis = result.analysis
        self.by_item = {r.item: r for r in rows}
        self.paragraphs = {
            path: {int(p.item): p for p in analysis.by_path[path].paragraphs if p.item} for path in (self.en, self.ko)
        }
        self.findings: dict[tuple[int, str], list] = defaultdict(list)
        for f in result.findings:
            paragraph = analysis.paragraph_at(f.file, f.start)
            if f.check in KINDS and paragraph is not None and paragraph.item:
                self.findings[(int(paragraph.item), f.check)].append(f)

    def item_of(self, path: str, offset: int) -> int | None:
        paragraph = self.result.analysis.paragraph_at(path, offset)
        return int(paragraph.item) if paragraph is not None and paragraph.item else None

    def spans(self, row: Row, kind: str, path: str) -> list[tuple[int, int]]:
        """Where the annotated spans of a kind lie in the item's paragraph of the file."""
        paragraph = self.paragraphs[path].get(row.item)
        if paragraph is None:
            return []
        text = self.result.analysis.by_path[path].document.text
        found = []
        for span in row.spans.get(kind, []):
            at = text.find(span, paragraph.start, paragraph.end)
            if at >= 0:
                found.append((at, at + len(span)))
        return found

    def sentences(self, row: Row, path: str) -> int:
        paragraph = self.paragraphs[path].get(row.item)
        return len(paragraph.sentences) if paragraph else 0

    def overlap(self, kind: str, split: str) -> tuple[int, int]:
        """(findings in annotated rows whose span overlaps an annotated span, findings in annotated rows)."""
        hit = total = 0
        text = self.result.analysis.by_path[self.en].document.text
        for row in self.rows:
            if row.split != split or kind not in row.spans:
                continue
            for f in self.findings[(row.item, kind)]:
                total += 1
                here = _overlaps(f.start, f.end, self.spans(row, kind, self.ko))
                if kind == "omission" and f.expected:
                    paragraph = self.paragraphs[self.en].get(row.item)
                    at = text.find(f.expected, paragraph.start, paragraph.end) if paragraph else -1
                    here = here or (at >= 0 and _overlaps(at, at + len(f.expected), self.spans(row, kind, self.en)))
                hit += here
        return hit, total


def sentence_table(corpus: Corpus, context: Context, kind: str) -> list[tuple[Row, Judged]]:
    """Every judged sentence (source sentences for omission, rendering sentences for addition),
    with the row it belongs to."""
    table = []
    for pair in context.clause_pairs(corpus.ko):
        sentences, judged = (pair.sources, pair.omissions) if kind == "omission" else (pair.renderings, pair.additions)
        for sentence, j in zip(sentences, judged):
            item = corpus.item_of(sentence.doc, sentence.start)
            if item is not None:
                table.append((corpus.by_item[item], j))
    return table


def refit(corpus: Corpus, context: Context, kind: str) -> Model:
    """The sentence model fitted on the fit rows (a sentence is positive where its row is), and a
    threshold per kind of evidence: the best F1 of the fit rows at a precision of 0.6 or more with
    five rows flagged, else OFF."""
    table = sentence_table(corpus, context, kind)
    train = [(j.features, kind in row.spans) for row, j in table if row.split == "fit"]
    x = np.array([f for f, _ in train])
    y = np.array([float(label) for _, label in train])
    weights = tuple(round(float(v), 3) for v in fit_logistic(x, y))
    unfitted = Model(weights, (OFF, OFF, OFF))
    fit_rows = [r for r in corpus.rows if r.split == "fit"]
    truth = [kind in r.spans for r in fit_rows]
    thresholds = []
    for evidence in EVIDENCE:
        best: dict[str, float] = defaultdict(float)
        for row, j in table:
            if j.evidence == evidence:
                best[row.id] = max(best[row.id], unfitted.score(j.features))
        thresholds.append(precise_threshold([best.get(r.id, 0.0) for r in fit_rows], truth))
    model = Model(weights, tuple(round(t, 3) for t in thresholds))
    print(f"\n{kind}: refit on {len(train)} sentences of the fit rows ({int(y.sum())} in annotated rows)")
    print(f"  {kind.upper()} = Model(weights={model.weights}, thresholds={model.thresholds})")
    for split in ("fit", "rest"):
        rows = [r for r in corpus.rows if r.split == split]
        flagged = {row.id for row, j in table if model.score(j.features) >= model.threshold(j.evidence)}
        p, r_, f1, n = prf([kind in r.spans for r in rows], [r.id in flagged for r in rows])
        print(f"  refit model, clause findings alone, on {split}: P {p:.2f} R {r_:.2f} F1 {f1:.2f} ({n} flagged)")
    return model


def cli_findings(en: Path, ko: Path, out: Path) -> set[tuple]:
    from click.testing import CliRunner

    from checker.cli import main as cli

    CliRunner().invoke(cli, ["lint", str(ko), "--source", str(en), "--out", str(out), "--format", "json"])
    found = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    return {(f["check"], f["line"], f["column"], f["text"], f["expected"]) for f in found}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--fit", action="store_true", help="refit the clause models on the fit rows and print them")
    parser.add_argument("--cli", action="store_true", help="also run the CLI and compare its findings")
    parser.add_argument("--show", type=int, default=0, help="print this many findings of each kind on the fit rows")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"eval_mqm: {args.corpus} is not here (it lives in ../shared); nothing to measure")
        sys.exit(0)
    rows = read_rows(args.corpus)
    encoder = Encoder()
    with tempfile.TemporaryDirectory() as tmp:
        en, ko = write_files(rows, Path(tmp))
        result = run(Settings([str(ko)], source=str(en)), encoder)
        corpus = Corpus(rows, result, en, ko)
        if args.cli:
            mine = {(f.check, f.line, f.column, f.text, f.expected) for f in result.findings}
            theirs = cli_findings(en, ko, Path(tmp) / "out")
            print(f"CLI: {len(theirs)} findings, in-process {len(mine)}: {'same' if mine == theirs else 'DIFFERENT'}")
        if args.fit:
            context = Context(result.analysis, Settings([str(ko)], source=str(en)).glossary, encoder)
            context.complete_coverage = True
            for kind in KINDS:
                refit(corpus, context, kind)
        report(corpus, args.show)
    stages = result.timings.stages
    print(f"\ntimings: {', '.join(f'{k} {v:.1f}s' for k, v in stages.items())}")


def report(corpus: Corpus, show: int) -> None:
    rows = corpus.rows
    ratio = {r.id: length(r.ko) / max(1, length(r.en)) for r in rows}
    fit = [r for r in rows if r.split == "fit"]
    print(f"\n{len(rows)} rows: {len(fit)} fit, {len(rows) - len(fit)} rest (seeded hash of the row id)")
    for kind in KINDS:
        below = kind == "omission"
        threshold = tuned([ratio[r.id] for r in fit], [kind in r.spans for r in fit], below)
        print(f"\n## {kind} (length-ratio baseline: {'<' if below else '>'} {threshold:.3f}, tuned on fit)")
        print(
            "| split | annotated | checker P / R / F1 (flagged) | errors+warnings | clause findings | "
            "length ratio P / R / F1 | sentence count P / R / F1 | span overlap |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        for split in ("fit", "rest"):
            part = [r for r in rows if r.split == split]
            truth = [kind in r.spans for r in part]
            checker = prf(truth, [bool(corpus.findings[(r.item, kind)]) for r in part])
            serious = prf(truth, [any(f.severity.value != "info" for f in corpus.findings[(r.item, kind)]) for r in part])
            clause = prf(truth, [any(CLAUSE in f.message for f in corpus.findings[(r.item, kind)]) for r in part])
            by_length = prf(truth, [ratio[r.id] < threshold if below else ratio[r.id] > threshold for r in part])
            counts = [(corpus.sentences(r, corpus.ko), corpus.sentences(r, corpus.en)) for r in part]
            by_count = prf(truth, [k < e if below else k > e for k, e in counts])
            hit, total = corpus.overlap(kind, split)
            print(
                f"| {split} | {sum(truth)}/{len(part)} | {_f(checker)} ({checker[3]}) | {_f(serious)} ({serious[3]}) "
                f"| {_f(clause)} ({clause[3]}) | {_f(by_length)} | {_f(by_count)} "
                f"| {hit}/{total} = {hit / total if total else 0:.2f} |"
            )
        shown = 0
        for r in fit:
            for f in corpus.findings[(r.item, kind)]:
                if shown < show:
                    shown += 1
                    mark = "TP" if kind in r.spans else "FP"
                    print(f"  {mark} row {r.id} [{f.severity.value}] {f.text!r} expected {f.expected!r}; annotated {r.spans.get(kind)}")


def _f(values: tuple[float, float, float, int]) -> str:
    return f"{values[0]:.2f} / {values[1]:.2f} / {values[2]:.2f}"


if __name__ == "__main__":
    main()
