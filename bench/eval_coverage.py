"""Precision and recall of the omission and addition checks on injected edits.

A clean example rendering is edited at random (seeded): sentences deleted, factual
and generic sentences inserted (written for this script), sentences paraphrased
(by hand, below), split at a comma, merged with the next, or swapped with it.
Only deletions and insertions should be reported. Run:

    python bench/eval_coverage.py [--runs 5] [--seed 1]

- with --source: the clean rendering is the source, the edited copy the rendering;
- without a source: the edited copy beside two copies that are only paraphrased,
  split, merged and reordered (differently), and the freer real rendering 001;
- the real renderings of the late-October digest, without a source: the findings.

A finding counts as correct when it names an injected sentence (an addition whose
text is an inserted one; an omission whose expected text, or, by consensus, a copy
it cites, holds the deleted sentence or its paraphrase); recall is the share of
injected sentences some finding names.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from checker.embed import Encoder
from checker.decode import read_document
from checker.models import Role
from checker.config import Settings
from checker.pipeline import run
from checker.segment import Segmenter

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "2025-10-w4"
BASE = EXAMPLES / "003_d97949ae6726edfb.txt"
FREE = EXAMPLES / "001_3b669d72a2bc1990.txt"

FACTUAL = [
    "또한 이 모델은 법률 문서 요약에서도 85%의 정확도를 보였습니다.",
    "연구진은 이 방법이 GPT-4보다 3배 빠르다고 주장합니다.",
    "이 실험에는 총 512개의 H100 GPU가 사용되었습니다.",
    "공개된 체크포인트는 Hugging Face에서 450만 회 이상 다운로드되었습니다.",
    "후속 연구에서는 ImageNet 정확도가 92.7%까지 향상되었습니다.",
    "이 모델의 학습에는 약 3주와 120만 달러의 비용이 들었습니다.",
    "저자들은 2026년 상반기에 Gemini 기반 버전을 공개할 예정이라고 밝혔습니다.",
    "Meta는 이 기술을 Llama 4 학습 파이프라인에 이미 적용했다고 발표했습니다.",
    "벤치마크 MMLU-Pro에서는 기존 대비 14포인트 높은 점수를 기록했습니다.",
    "이 시스템은 하루 평균 3천만 건의 요청을 처리하는 서비스에 배포되었습니다.",
]
GENERIC = [
    "이 연구는 앞으로 여러 분야에 영향을 줄 것입니다.",
    "이러한 결과는 매우 흥미로운 시사점을 제공합니다.",
    "앞으로의 발전이 더욱 기대되는 부분입니다.",
    "연구자들에게 새로운 방향을 제시한다는 점에서 의미가 큽니다.",
    "이는 업계 전반에 걸쳐 주목할 만한 변화라고 할 수 있습니다.",
    "많은 전문가들이 이 접근법의 가능성에 주목하고 있습니다.",
    "이 분야의 연구는 빠르게 진화하고 있습니다.",
    "실무자들에게도 유용한 통찰을 줄 것으로 보입니다.",
    "향후 후속 연구를 통해 더 많은 사실이 밝혀질 것입니다.",
    "결국 중요한 것은 실제 환경에서의 활용 가능성입니다.",
]
# Paraphrases written for this script, keyed by the start of the sentence they rewrite.
PARAPHRASES = {
    "핵심 압축 통찰(compression insight)": "핵심 통찰은 이미지가 텍스트를 압축하는 효율적인 매체가 될 수 있다는 것입니다.",
    "이러한 접근 방식은 기존 OCR 시스템이": "이 방식은 기존 OCR 시스템이 대규모 문서를 처리할 때 겪던 병목을 해결하는 데 초점을 맞춥니다.",
    "DeepSeek-OCR은 다양한 해상도 모드를": "DeepSeek-OCR은 여러 해상도 모드를 지원하고, 하나의 모델로 다양한 압축률을 다루어 사용자가 압축률과 품질 사이의 균형을 자유롭게 정할 수 있게 합니다.",
    "핵심 문제(Core problem)": "핵심 문제는 언어 모델이 새 정보로 업데이트될 때 치명적 망각이 일어나 이전에 익힌 능력을 잃어버린다는 점입니다.",
    "이 연구는 언어 모델이 새로운 지식을": "이 논문은 언어 모델이 기존 지식을 지키면서 새로운 지식을 효율적으로 받아들이는 방법을 제안합니다.",
    "이는 정보 저장에 대한": "덕분에 정보를 어디에 저장할지 세밀하게 제어(granular control)할 수 있습니다.",
    "이 연구는 언어 모델이 텍스트 공간 내에서": "이 연구는 언어 모델이 텍스트 안에서 시각적, 공간적 추론을 수행하는 방식을 깊이 들여다봅니다.",
    "이는 문자 위치가 이산 특징과": "이것이 가능한 이유는 문자 위치가 이산적인 특징과 1차원 특징 매니폴드 두 가지 방식으로 함께 인코딩되기 때문입니다.",
    "BIF의 핵심 혁신은": "BIF가 새로운 점은 까다로운 헤세 행렬의 역행렬을 구하는 대신 지역 사후 분포(local posterior distribution)의 공분산을 추정한다는 것입니다.",
    "이 방법은 아키텍처 불가지론적": "이 방법은 특정 아키텍처에 얽매이지 않으며(architecture-agnostic) 구조적 근사 없이도 수십억 개 매개변수 규모로 확장됩니다.",
    "이는 적지만 고확률 경로를": "그 결과 경로 수는 적어도 확률이 높은 경로를 가진 토큰에 더 큰 가중치가 실려 추론이 더 정확해집니다.",
    "재훈련 실험에서 SOTA 성능을": "재훈련 실험에서는 최고 수준(SOTA)의 성능을 보였고, 가장 큰 Pythia 모델(2.8B 매개변수)에서 평가 속도가 2배 빨랐습니다.",
}


@dataclass
class Edit:
    deleted: list[str]
    inserted: list[str]


def _sentences_by_paragraph(path: Path) -> list[tuple[str, list[str]]]:
    """(item marker or "", sentences) per paragraph, titles kept as their own sentence."""
    doc = Segmenter().segment(read_document(str(path), Role.RENDERING))
    out = []
    for p in doc.paragraphs:
        marker = re.match(r"\d+\.\s+", p.text)
        out.append((marker.group() if marker else "", [s.text for s in p.sentences]))
    return out


def _render(paragraphs: list[tuple[str, list[str]]]) -> str:
    lines = []
    for marker, sentences in paragraphs:
        body = " ".join(sentences)
        lines.append(("\n" + marker + body) if marker else ("    " + body if lines else body))
    return "\n".join(lines).strip() + "\n"


def _paraphrase(sentences: list[str], rng: random.Random, edits: dict[str, int]) -> list[str]:
    """Meaning-preserving rewrites: hand paraphrases, comma splits, merges, swaps."""
    out = list(sentences)
    for i, s in enumerate(out):
        for prefix, new in PARAPHRASES.items():
            if s.startswith(prefix) and rng.random() < edits["paraphrase"]:
                out[i] = new
    i = 0
    while i < len(out):
        s = out[i]
        if s.startswith("**"):
            i += 1
            continue
        roll = rng.random()
        if roll < edits["split"] and ", " in s:
            cut = min((m.start() for m in re.finditer(", ", s)), key=lambda c: abs(c - len(s) / 2))
            out[i : i + 1] = [s[:cut] + ".", s[cut + 2 :]]
            i += 2
            continue
        if roll < edits["split"] + edits["merge"] and i + 1 < len(out) and not out[i + 1].startswith("**"):
            out[i : i + 2] = [s.rstrip(".") + ", 그리고 " + out[i + 1]]
        elif roll < edits["split"] + edits["merge"] + edits["swap"] and i + 1 < len(out) and not out[i + 1].startswith("**"):
            out[i], out[i + 1] = out[i + 1], out[i]
            i += 1
        i += 1
    return out


def variant(paragraphs, rng: random.Random, inject: bool, rates: dict[str, float]) -> tuple[str, Edit]:
    """A rewritten copy; with inject, 4 sentences deleted and 2 factual + 2 generic inserted."""
    edit = Edit([], [])
    candidates = [
        (pi, si)
        for pi, (_, sentences) in enumerate(paragraphs)
        for si, s in enumerate(sentences)
        if not s.startswith("**") and pi > 0
    ]
    deletions = set(rng.sample(candidates, 4)) if inject else set()
    targets = rng.sample(range(1, len(paragraphs)), 4) if inject else []
    inserts = rng.sample(FACTUAL, 2) + rng.sample(GENERIC, 2) if inject else []
    result = []
    for pi, (marker, sentences) in enumerate(paragraphs):
        kept = []
        for si, s in enumerate(sentences):
            if (pi, si) in deletions:
                edit.deleted.append(s)
            else:
                kept.append(s)
        rewritten = _paraphrase(kept, rng, rates)
        for new, target in zip(inserts, targets):
            if target == pi:
                first = 1 if rewritten and rewritten[0].startswith("**") else 0
                rewritten.insert(rng.randint(first, len(rewritten)), new)
                edit.inserted.append(new)
        if rewritten:
            result.append((marker, rewritten))
    return _render(result), edit


def names(finding, sentence: str) -> bool:
    """Does the finding point at the injected sentence, in its own or another copy's wording?

    An addition names it by its text. An omission names it by its expected text, or,
    by consensus, by citing the sentence as a paraphrased copy words it.
    """
    if finding.check == "addition":
        return sentence in finding.text
    wordings = {sentence} | {new for prefix, new in PARAPHRASES.items() if sentence.startswith(prefix)}
    cited = [finding.expected] + [e.text for e in finding.evidence]
    return any(_opening(w) in text for w in wordings for text in cited)


def _opening(sentence: str) -> str:
    """A split or merged copy keeps the sentence's opening words (up to its first comma, at most 40 characters)."""
    return sentence.split(", ")[0][:40]


@dataclass
class Score:
    found: int = 0
    correct: int = 0
    injected: int = 0
    recalled: int = 0

    def add(self, findings: list, injected: list[str]) -> None:
        self.found += len(findings)
        self.correct += sum(any(names(f, s) for s in injected) for f in findings)
        self.injected += len(injected)
        self.recalled += sum(any(names(f, s) for f in findings) for s in injected)

    def line(self, name: str) -> str:
        precision = self.correct / self.found if self.found else 1.0
        recall = self.recalled / self.injected if self.injected else 1.0
        return f"| {name} | {self.injected} | {self.found} | {precision:.2f} | {recall:.2f} |"


def evaluate(runs: int, seed: int) -> None:
    encoder = Encoder()
    paragraphs = _sentences_by_paragraph(BASE)
    rates = {"paraphrase": 0.6, "split": 0.08, "merge": 0.08, "swap": 0.06}
    scores = {key: Score() for key in ("omission, source", "addition, source", "omission, consensus", "addition, consensus")}
    print("| check, reference | injected | findings | precision | recall |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(runs):
            rng = random.Random(seed + r)
            edited, edit = variant(paragraphs, rng, inject=True, rates=rates)
            target = Path(tmp) / "edited.txt"
            target.write_text(edited, encoding="utf-8")
            result = run(Settings([str(target)], source=str(BASE)), encoder)
            _score(scores, "source", result.findings, str(target), edit)

            copies = []
            for k in range(2):
                text, _ = variant(paragraphs, rng, inject=False, rates=rates)
                copy = Path(tmp) / f"copy{k}.txt"
                copy.write_text(text, encoding="utf-8")
                copies.append(str(copy))
            result = run(Settings([str(target), *copies, str(FREE)]), encoder)
            _score(scores, "consensus", result.findings, str(target), edit)
    for name, score in scores.items():
        print(score.line(name))


def _score(scores: dict[str, Score], mode: str, findings, path: str, edit: Edit) -> None:
    mine = [f for f in findings if f.file == path]
    scores[f"omission, {mode}"].add([f for f in mine if f.check == "omission"], edit.deleted)
    scores[f"addition, {mode}"].add([f for f in mine if f.check == "addition"], edit.inserted)


def real_renderings(paths: list[str]) -> None:
    result = run(Settings(paths))
    print(f"\n## Real renderings, no source: {', '.join(Path(p).name for p in result.analysis.compared)}")
    for f in result.findings:
        if f.check in ("omission", "addition"):
            shown = f.text or f.expected
            print(f"- {f.check} {f.severity.value} {Path(f.file).name}:{f.line}: {shown[:90]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--real", nargs="*", default=[str(EXAMPLES / n) for n in ("000_8b22f52c2dcbb72c.txt", "001_3b669d72a2bc1990.txt", "003_d97949ae6726edfb.txt")])
    args = parser.parse_args()
    evaluate(args.runs, args.seed)
    real_renderings(args.real)


if __name__ == "__main__":
    main()
