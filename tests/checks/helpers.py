"""What the check tables share: hand-built analyses for the term checks, and constructed edits
of a real rendering (example 003) and of the Rust-book translations for the coverage and
number checks."""

from __future__ import annotations

import re
from pathlib import Path

from checker import filters
from checker.checks import CHECKS
from checker.checks.context import Context
from checker.config import Settings
from checker.terminology import Glossary, load_glossaries
from checker.models import (
    Analysis, Decoded, DigestGroup, Document, Finding, RepairPiece, RepairResult, RepairSpan, Role, Unit,
)
from checker.pipeline import run
from tests.paths import EXAMPLES, LEAD

# ----------------------------------------------------------------- term checks

GLOSSARY = """en,ko,status,count,files,note
fine-tuning,미세 조정,preferred,,,
fine-tuning,파인튜닝,allowed,,,
power distribution,거듭제곱 분포,preferred,,,
power distribution,멱 분포,allowed,,,
power distribution,전력 분포,forbidden,,,electric power
inference,추론,preferred,,,
inference,인퍼런스,allowed,,,
reasoning,추론,preferred,,,
attention,어텐션,preferred,,,
"""

TERM_CHECKS = ("term-inconsistent", "term-glossary")


def term_context(segmenter, tmp_path: Path, texts: dict[str, str], glossary: str | None = GLOSSARY,
                 source: str | None = None, units: tuple[Unit, ...] = (),
                 repaired: dict[str, str] | None = None) -> Context:
    """The texts (name -> text; a name starting with "en" is English) as one digest group,
    with the glossary written to tmp_path/glossary.csv. ``repaired`` names the texts to read
    as repaired from mojibake, each with the words whose syllables the repair guessed ("" for none)."""
    documents = []
    for name, text in texts.items():
        role = Role.SOURCE if name == source else Role.RENDERING
        lang = "en" if name.startswith("en") else "ko"
        repair = None if repaired is None or name not in repaired else repaired_from_mojibake(text, repaired[name])
        document = Document(path=name, role=role, text=text, encoding="utf-8", lang=lang,
                            decoded=Decoded(text=text, encoding="utf-8", original=text, repair=repair))
        documents.append(segmenter.segment(document))
    loaded = Glossary()
    if glossary is not None:
        path = tmp_path / "glossary.csv"
        path.write_text(glossary, encoding="utf-8")
        loaded = load_glossaries([path])
    paths = tuple(texts)
    analysis = Analysis(documents=tuple(documents), source=source, groups=(DigestGroup(0, paths),), compared=paths,
                        units=units, document_similarity=(), encoder_signature="test")
    return Context(analysis, loaded)


def repaired_from_mojibake(text: str, guessed: str) -> RepairResult:
    """A repair that changed every Hangul syllable one for one and guessed those of each
    occurrence of the words in ``guessed`` (space-separated) with a low margin."""
    uncertain = {i for word in guessed.split() for m in re.finditer(re.escape(word), text)
                 for i in range(m.start(), m.end())}
    pieces = tuple(
        RepairPiece(i, i + 1, i, i + 1, changed=True, guessed=i in uncertain, uncertain=i in uncertain, out=ch)
        if "가" <= ch <= "힣" else RepairPiece(i, i + 1, i, i + 1, changed=False)
        for i, ch in enumerate(text)
    )
    spans = tuple(RepairSpan(p.start, p.end, p.out_start, p.out_end, p.uncertain) for p in pieces if p.changed)
    return RepairResult(text, "cp1252", spans, guessed=len(uncertain), uncertain=len(uncertain), _pieces=pieces)


def term_findings(context: Context) -> list[Finding]:
    """Both term checks, through the filter chain (a forbidden or unlisted rendering is the glossary's)."""
    found = [f for check in TERM_CHECKS for f in CHECKS[check].run(context)]
    return list(filters.apply(found, Settings(context.analysis.compared), context.analysis))


def term_rows(context: Context) -> list[tuple[str, str, str, str, str, int]]:
    """(check, severity, file, text, expected, how many places the finding stands for)."""
    return sorted(
        (f.check, f.severity.value, f.file, f.text, f.expected, len(f.occurrences)) for f in term_findings(context)
    )


# ---------------------------------------------------- omission, addition, numbers

TEXT = LEAD.read_text(encoding="utf-8")
ITEMS = "\n\n".join(TEXT.split("\n\n")[1:3]) + "\n"  # items 1 and 2 of 003, four paragraphs

NUMERIC = "표준 미세 조정은 89%의 성능 저하를 유발하고, LoRA는 보류된 작업(held-out tasks)에서 71%의 저하를 초래하여, 고비용 데이터 재생 전략(expensive data replay strategies) 없이는 지속 학습(continual learning)을 비실용적으로 만듭니다."
FRAMING = "이러한 접근 방식은 기존 OCR 시스템이 직면했던 대규모 문서 처리의 병목 현상을 해결하는 데 중점을 둡니다."
FACTUAL = "또한 이 모델은 법률 문서 요약에서도 85%의 정확도를 보였습니다."
# An invented claim with no number or name, long enough not to be a line of framing.
GENERIC = "이 연구는 앞으로 의료와 교육을 비롯한 여러 분야에 걸쳐 매우 큰 영향을 줄 것으로 기대됩니다."
ANCHOR = "이는 정보 저장에 대한 세분화된 제어(granular control)를 가능하게 합니다."
SPLIT = (
    "DeepEncoder 아키텍처는 SAM-base(80M)와 CLIP-large(300M) 모델의 강점을 결합합니다. "
    "이를 통해 16배 컨볼루션 압축기로 효율적인 시각적 토큰 생성을 가능하게 합니다."
)
ORIGINAL_OF_SPLIT = "DeepEncoder 아키텍처는 SAM-base(80M)와 CLIP-large(300M) 모델의 강점을 결합하여 16배 컨볼루션 압축기를 통해 효율적인 시각적 토큰 생성을 가능하게 합니다."
PARAPHRASE = "덕분에 정보를 어디에 저장할지 세밀하게 제어(granular control)할 수 있습니다."
INSIGHT = "핵심 압축 통찰(compression insight): 이미지를 텍스트를 위한 효율적인 압축 매체로 취급합니다."
# 001's free wording of INSIGHT: it scores under the support threshold, but each is the other's best match.
LOOSE = "핵심 발상은 이미지를 텍스트 데이터의 효과적인 압축 매개체로 활용하는 것입니다."

COVERAGE = ("omission", "addition")


def without(text: str, sentence: str) -> str:
    """The text less one sentence and the space that joined it to its neighbour."""
    joined = sentence + " " if sentence + " " in text else " " + sentence
    return text.replace(joined, "", 1)


def edits(kind: str) -> str:
    """ITEMS with one kind of edit."""
    text = ITEMS
    if kind == "delete numeric":
        text = without(text, NUMERIC)
    elif kind == "delete framing":
        text = without(text, FRAMING)
    elif kind == "insert factual":
        text = text.replace(ANCHOR, ANCHOR + " " + FACTUAL)
    elif kind == "insert generic":
        text = text.replace(ANCHOR, ANCHOR + " " + GENERIC)
    elif kind == "paraphrase":
        text = text.replace(ANCHOR, PARAPHRASE)
    elif kind == "loose paraphrase":
        text = text.replace(INSIGHT, LOOSE)
    elif kind == "delete a sentence like its neighbour":
        text = without(text, ORIGINAL_OF_SPLIT)
    elif kind == "split":
        text = text.replace(ORIGINAL_OF_SPLIT, SPLIT)
    elif kind == "reorder items":
        first, second = text.strip().split("\n\n")
        text = second.replace("2.  ", "1.  ", 1) + "\n\n" + first.replace("1.  ", "2.  ", 1) + "\n"
    elif kind == "merge paragraphs":
        text = text.replace("\n    ", " ")
    assert text != ITEMS or kind == "unchanged"
    return text


def write_items(tmp_path_factory) -> Path:
    """ITEMS unchanged, as a source for the module."""
    path = tmp_path_factory.mktemp("src") / "source.txt"
    path.write_text(ITEMS, encoding="utf-8")
    return path


def coverage_findings(tmp_path: Path, source: Path, encoder, kind: str) -> list[Finding]:
    """Omissions and additions of ITEMS edited one way (tmp_path/rendering.txt) against ITEMS."""
    rendering = tmp_path / "rendering.txt"
    rendering.write_text(edits(kind), encoding="utf-8")
    result = run(Settings([str(rendering)], source=str(source)), encoder)
    return [f for f in result.findings if f.check in COVERAGE]


def coverage_rows(findings: list[Finding]) -> list[tuple[str, str, str, str, str]]:
    return [(f.check, f.severity.value, Path(f.file).name, f.text, f.expected) for f in findings]


def consensus_findings(tmp_path: Path, encoder) -> list[Finding]:
    """Three renderings of ITEMS, no source: a.txt drops NUMERIC, b.txt paraphrases, c.txt adds GENERIC."""
    paths = []
    for name, kind in (("a.txt", "delete numeric"), ("b.txt", "paraphrase"), ("c.txt", "insert generic")):
        path = tmp_path / name
        path.write_text(edits(kind), encoding="utf-8")
        paths.append(str(path))
    result = run(Settings(paths), encoder)
    return [f for f in result.findings if f.check in COVERAGE]


BOOK = EXAMPLES.parent / "rust-book-ch04-01"
EN = BOOK / "en.upstream-21cf8408.md"
KO = BOOK / "ko.rust-kr-doc.rust-kr.org-1d07d28a.md"
RULE_EN = "* When the owner goes out of scope, the value will be dropped."
RULE_KO = "* 소유자가 스코프 밖으로 벗어날 때, 값은 버려집니다 (dropped)."
INVENTED_KO = "이 규칙 덕분에 러스트 프로그램은 평균 30% 더 빠르게 실행됩니다."
KERNALIX = BOOK / "ko.Kernalix7-2f5cfbe3.md"
KERNALIX_EN = BOOK / "en.upstream-3e9dc46a.md"


def coverage_set(rendering: Path, source: Path, encoder) -> set[tuple[str, str]]:
    """(check, text or expected) of every omission and addition of a rendering against a source."""
    result = run(Settings([str(rendering)], source=str(source)), encoder)
    return {(f.check, f.text or f.expected) for f in result.findings if f.check in COVERAGE}


_BASELINES: dict[tuple[Path, Path], set[tuple[str, str]]] = {}


def baseline(rendering: Path, source: Path, encoder) -> set[tuple[str, str]]:
    """The findings of a translation against its English as written: computed once per session
    (the omission and the addition tables both subtract them)."""
    if (rendering, source) not in _BASELINES:
        _BASELINES[(rendering, source)] = coverage_set(rendering, source, encoder)
    return _BASELINES[(rendering, source)]


def edited_book(edit: str) -> str:
    """rust-kr's chapter 4.1 as written, less a rule, or with an invented claim after it."""
    text = KO.read_text(encoding="utf-8")
    assert RULE_KO in text
    if edit == "delete a rule":
        text = text.replace(RULE_KO + "\n", "")
    elif edit == "insert a claim":
        text = text.replace(RULE_KO, RULE_KO + " " + INVENTED_KO)
    return text
