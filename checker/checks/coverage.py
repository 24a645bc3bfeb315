"""omission and addition: dropped facts and invented ones, by source or by consensus."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..findings import evidence_at, finding_at
from ..models import Analysis, Finding, Sentence, Severity
from ..support import (
    BACKING_THRESHOLD,
    SUPPORT_THRESHOLD,
    Match,
    SupportIndex,
    anchor_set,
)

TWO_WAY_ABSENT = 0.45
_HEADER_PARAGRAPHS = 5


@dataclass(frozen=True)
class _Gap:
    """Content of one or more files that a rendering lacks."""

    rendering: str
    unit: str
    sentences: tuple[Sentence, ...]  # consecutive sentences of the reference that hold it
    evidence: tuple[Match, ...]  # where it is said: the reference and any other rendering
    best_here: Match  # the closest this rendering comes to it


def _renderings(analysis: Analysis) -> list[str]:
    return [p for p in analysis.compared if p != analysis.source]


def check_omission(analysis: Analysis) -> Iterator[Finding]:
    """Content of the source (or of most other renderings) that a rendering does not say.

    Bad:  source ``... 97% OCR 정확도를 달성합니다. 20배 압축에서도 약 60%를 유지합니다.``,
          rendering ``... 97% OCR 정확도를 달성합니다.`` (the 60% sentence is gone: error,
          it carries a number)
    Good: the rendering says both, in any order, split or merged as it likes.
    """
    index = analysis.support
    for gap in _gaps(analysis, index):
        yield _omission_finding(analysis, index, gap)


def check_addition(analysis: Analysis) -> Iterator[Finding]:
    """A sentence no reference supports: said by neither the source nor any other rendering.

    Bad:  ``또한 이 모델은 법률 문서 요약에서도 85%의 정확도를 보였습니다.`` where no other
          file mentions legal documents (error: a new number and claim);
          ``이 연구는 앞으로 여러 분야에 영향을 줄 것입니다.`` (warning: commentary).
    Good: every sentence says something the source (or another rendering) says too.

    With two renderings and no source checker cannot tell an addition in one from an
    omission in the other: each sentence only one of them has is reported as a warning.
    """
    index = analysis.support
    renderings = _renderings(analysis)
    references = [analysis.source] if analysis.source in analysis.compared else None
    for unit in analysis.units:
        for path in renderings:
            others = references or [p for p in renderings if p != path]
            if not others:
                continue
            two_way = references is None and len(others) == 1
            # With no third opinion, only content clearly absent from the other file is worth a
            # warning: scores just under the support threshold were paraphrases on the examples.
            for sentence in index.sentences(unit.id, path):
                if not sentence.terms:
                    continue  # a connective alone ("즉.") adds nothing
                matches = [index.support(sentence, unit.id, other) for other in others]
                if any(m.supported or (two_way and m.score >= TWO_WAY_ABSENT) for m in matches):
                    continue
                yield _addition_finding(analysis, index, sentence, matches, two_way=two_way)


def _gaps(analysis: Analysis, index: SupportIndex) -> Iterator[_Gap]:
    renderings = _renderings(analysis)
    source = analysis.source if analysis.source in analysis.compared else None
    for unit in analysis.units:
        for path in renderings:
            if source is not None:
                references = [source]
            elif len(renderings) >= 3:
                references = [p for p in renderings if p != path]
            else:
                continue  # two renderings, no source: check_addition reports the differences
            missing: list[tuple[Sentence, Match, list[Match]]] = []
            covered: set[tuple[str, int]] = set()  # sentences already reported, in any wording
            for reference in references:
                for sentence in index.sentences(unit.id, reference):
                    here = index.support(sentence, unit.id, path)
                    if here.supported:
                        continue
                    backing = _backing(index, sentence, unit.id, reference, references)
                    if source is None and 1 + len(backing) <= len(references) / 2:
                        continue  # not the consensus: most other renderings do not say it either
                    if _says_in_other_words(index, backing, unit.id, path):
                        continue  # this rendering says what another rendering's wording of it says
                    said = {(s.doc, s.index) for m in backing for s in m.window}
                    if (sentence.doc, sentence.index) in covered or said & covered:
                        continue  # already missing in an earlier rendering's wording
                    covered |= said | {(sentence.doc, sentence.index)}
                    missing.append((sentence, here, backing))
            yield from _runs(path, unit.id, missing)


def _backing(index: SupportIndex, sentence: Sentence, unit_id: str, owner: str, references: list[str]) -> list[Match]:
    """The other references that say the sentence too."""
    matches = [index.support(sentence, unit_id, other) for other in references if other != owner]
    return [m for m in matches if m.score >= BACKING_THRESHOLD]


def _says_in_other_words(index: SupportIndex, backing: list[Match], unit_id: str, path: str) -> bool:
    """Paraphrase is not transitive by score: A ~ B and B ~ C while A !~ C. If the rendering
    supports another rendering's wording of the sentence, it has the content.

    Only by a clear score: where content is missing, the other wording's nearest sentence
    here has lost its own partner and can look like a mutual match, and a wording that merges
    the missing sentence with a neighbour is half supported by that neighbour."""
    for match in backing:
        wording = max(match.window, key=lambda s: index.cosine(match.sentence, (s,)))
        if index.support(wording, unit_id, path).score >= BACKING_THRESHOLD:
            return True
    return False


def _runs(path: str, unit_id: str, missing: list[tuple[Sentence, Match, list[Match]]]) -> Iterator[_Gap]:
    """Consecutive missing sentences of one reference make one gap."""
    run: list[tuple[Sentence, Match, list[Match]]] = []
    for entry in missing:
        if run and (entry[0].doc != run[-1][0].doc or entry[0].index != run[-1][0].index + 1):
            yield _gap(path, unit_id, run)
            run = []
        run.append(entry)
    if run:
        yield _gap(path, unit_id, run)


def _gap(path: str, unit_id: str, run: list[tuple[Sentence, Match, list[Match]]]) -> _Gap:
    sentences = tuple(s for s, _, _ in run)
    backing = tuple(m for _, _, ms in run for m in ms)
    best_here = max((here for _, here, _ in run), key=lambda m: m.score)
    return _Gap(path, unit_id, sentences, backing, best_here)


def _omission_finding(analysis: Analysis, index: SupportIndex, gap: _Gap) -> Finding:
    expected = " ".join(s.text for s in gap.sentences)
    here_text = " ".join(s.text for s in index.sentences(gap.unit, gap.rendering))
    lost = sorted(anchor_set(expected) - anchor_set(here_text))
    position = _position(analysis, index, gap)
    header = in_header(analysis, gap.sentences[0])
    what = f"loses {', '.join(lost[:6])}" if lost else "loses a sentence of framing"
    if header:
        what = "has no such header line"
    reference = gap.sentences[0].doc
    sources = "the source" if reference == analysis.source else f"{1 + len({m.other for m in gap.evidence})} other renderings"
    evidence = [evidence_at(analysis, s.doc, s.start, s.end) for s in gap.sentences]
    evidence += [
        evidence_at(analysis, m.other, m.window[0].start, m.window[-1].end, similarity=m.score) for m in gap.evidence
    ]
    return finding_at(
        analysis,
        "omission",
        Severity.INFO if header else Severity.ERROR if lost else Severity.WARNING,
        gap.rendering,
        position,
        position,
        expected=expected,
        message=(
            f"{len(gap.sentences)} sentence(s) said in {sources} have no counterpart here "
            f"(closest support {gap.best_here.score:.2f}); the rendering {what}"
        ),
        confidence=_confidence(gap.best_here.score, bool(lost) and not header),
        evidence=evidence,
    )


def _position(analysis: Analysis, index: SupportIndex, gap: _Gap) -> int:
    """Where the content would be: after the rendering's sentence that renders the preceding one."""
    here = index.sentences(gap.unit, gap.rendering)
    first = gap.sentences[0]
    reference = index.sentences(gap.unit, first.doc)
    before = [s for s in reference if s.index < first.index]
    for sentence in reversed(before):
        match = index.best_match(sentence, here, gap.rendering)
        if match.score >= SUPPORT_THRESHOLD:
            return match.window[-1].end
    if here:
        return here[0].start
    # the rendering has nothing in this unit: after its paragraph in the previous unit
    doc = analysis.by_path[gap.rendering]
    position = 0
    for unit in analysis.units:
        if unit.id == gap.unit:
            break
        if gap.rendering in unit.paragraphs:
            position = doc.paragraphs[unit.paragraphs[gap.rendering][-1]].end
    return position


def in_header(analysis: Analysis, sentence: Sentence) -> bool:
    """Before a digest's first numbered item: its title, author and URL lines. Renderings word
    (or drop) their headers freely; a difference there is worth a note, not a warning."""
    paragraphs = analysis.by_path[sentence.doc].paragraphs
    first_item = next((p.index for p in paragraphs if p.item is not None), None)
    items = {p.item for p in paragraphs if p.item is not None}
    # A header is a few lines above a list of items, not the prose before a book's first list.
    return first_item is not None and first_item <= _HEADER_PARAGRAPHS and len(items) >= 3 and sentence.paragraph < first_item


def _addition_finding(
    analysis: Analysis, index: SupportIndex, sentence: Sentence, matches: list[Match], two_way: bool
) -> Finding:
    best = max(matches, key=lambda m: m.score)
    new = sorted(anchor_set(sentence.text).difference(*(index.file_anchors[m.other] for m in matches)))
    if in_header(analysis, sentence):
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
        severity = Severity.ERROR if new else Severity.WARNING
        whom = "the source" if analysis.source in {m.other for m in matches} else "any other rendering"
        claim = f"it brings {', '.join(new[:6])}, found nowhere else" if new else "it reads as commentary"
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
        confidence=_confidence(best.score, bool(new)),
        evidence=[
            evidence_at(analysis, m.other, m.window[0].start, m.window[-1].end, similarity=m.score)
            for m in sorted(matches, key=lambda m: -m.score)
            if m.window
        ],
    )


def _confidence(best: float, anchored: bool) -> float:
    """Far below the support threshold, or carrying a fact: surer."""
    distance = max(0.0, SUPPORT_THRESHOLD - best) / SUPPORT_THRESHOLD
    return 0.5 + 0.35 * distance + (0.15 if anchored else 0.0)
