"""addition: a sentence that neither the source nor any other rendering says."""

from __future__ import annotations

from collections.abc import Iterator

from ..coverage import Scored, clause_severity
from ..findings import evidence_at, finding_at
from ..models import Finding, ReferenceMode, Sentence, Severity
from ..support import Match, SupportIndex, framing, unsupported_confidence
from ..text import facts
from .context import Context

TWO_WAY_ABSENT = 0.45


def check_addition(context: Context) -> Iterator[Finding]:
    """A sentence no reference supports: said by neither the source nor any other rendering.

    Bad:  ``또한 이 모델은 법률 문서 요약에서도 85%의 정확도를 보였습니다.`` where no other
          file mentions legal documents (error: a new number and claim);
          ``이 연구는 앞으로 여러 분야에 영향을 줄 것입니다.`` (warning: commentary).
    Good: every sentence says something the source (or another rendering) says too.

    With two renderings and no source checker cannot tell an addition in one from an
    omission in the other: each sentence only one of them has is reported as a warning.

    Inside a sentence, against a source in the other language (``checker.coverage``), where
    the fitted thresholds allow (none does today: ``coverage.ADDITION``):
    Bad:  source ``He influenced students.``, rendering ``그는 결과적으로 모든 학생에게 매우 큰
          영향을 주었습니다.`` (모든, "all", is new: warning; a new number or name: error)
    Good: ``그는 학생들에게 영향을 주었습니다.``
    """
    yield from _sentence_additions(context)
    for path in context.each(context.renderings):
        for pair in context.clause_pairs(path):
            for sentence, scored in zip(pair.renderings, pair.additions):
                best = scored.strongest
                if scored.flagged and best is not None:
                    yield _clause_finding(context, sentence, pair.sources, best, scored.score)


def _clause_finding(context: Context, sentence: Sentence, sources: tuple[Sentence, ...], best: Scored, score: float) -> Finding:
    """The added part's own span, with the source sentence(s) as evidence."""
    analysis = context.analysis
    part = best.part
    what = f"{', '.join(a.text for a in best.lost)}" if best.lost else f"this {part.kind}"
    return finding_at(
        analysis,
        "addition",
        clause_severity(best),
        sentence.doc,
        sentence.start + part.start,
        sentence.start + part.end,
        message=f"the source sentence does not say {what} (clause coverage {score:.2f})",
        confidence=score,
        evidence=[evidence_at(analysis, s.doc, s.start, s.end) for s in sources],
    )


def _sentence_additions(context: Context) -> Iterator[Finding]:
    """Whole sentences that no reference supports."""
    index = context.support
    for unit in context.analysis.units:
        for path in context.each(context.renderings):
            judged = context.references(path)
            others = list(judged.paths)
            if not others:
                continue
            two_way = judged.mode is ReferenceMode.TWO_WAY
            # With no third opinion, only content clearly absent from the other file is worth a
            # warning: scores just under the support threshold were paraphrases on the examples.
            for sentence in index.sentences(unit.id, path):
                if not sentence.terms:
                    continue  # a connective alone ("즉.") adds nothing
                matches = [index.support(sentence, unit.id, other) for other in others]
                if any(m.supported or (two_way and m.score >= TWO_WAY_ABSENT) for m in matches):
                    continue
                if _paired(index, unit.id, sentence, others):
                    continue  # split, merged or loosely worded: the alignment pairs it
                yield _addition_finding(context, sentence, matches, two_way=two_way)


def _paired(index: SupportIndex, unit_id: str, sentence: Sentence, others: list[str]) -> bool:
    """Does a length-aware alignment pair the sentence with the source's sentences, or with those
    of most other renderings (one loose pairing among several renderings is no consensus)?"""
    paired = [(sentence.doc, sentence.index) not in index.unaligned(unit_id, sentence.doc, o) for o in others]
    if any(p and index.crosses(sentence.doc, o) for p, o in zip(paired, others)):
        return True
    return sum(paired) > len(others) / 2


def _addition_finding(context: Context, sentence: Sentence, matches: list[Match], two_way: bool) -> Finding:
    analysis, index = context.analysis, context.support
    best = max(matches, key=lambda m: m.score)
    new = sorted(facts(sentence.text).difference(*(index.file_anchors[m.other] for m in matches)))
    if context.in_header(sentence):
        severity = Severity.INFO
        message = f"a header line no other file has (closest {best.score:.2f})"
        new = []
    elif two_way:
        severity = Severity.WARNING
        message = (
            f"only this rendering says this; {best.other} has no sentence that does "
            f"(closest {best.score:.2f}): with two renderings and no source, either this one added it "
            "or the other dropped it"
        )
    else:
        brief = not new and framing(sentence.text, analysis.by_path[sentence.doc].document.lang)
        severity = Severity.ERROR if new else Severity.INFO if brief else Severity.WARNING
        whom = "the source" if analysis.source in {m.other for m in matches} else "any other rendering"
        claim = f"it brings {', '.join(new[:6])}, found nowhere else" if new else "it reads as commentary"
        if brief:
            claim = "a short sentence of framing"
        message = f"no sentence of {whom} says this (closest {best.score:.2f}); {claim}"
    return finding_at(
        analysis,
        "addition",
        severity,
        sentence.doc,
        sentence.start,
        sentence.end,
        expected="",
        message=message,
        confidence=unsupported_confidence(best.score, bool(new)),
        evidence=[
            evidence_at(analysis, m.other, m.window[0].start, m.window[-1].end, similarity=m.score)
            for m in sorted(matches, key=lambda m: -m.score)
            if m.window
        ],
    )
