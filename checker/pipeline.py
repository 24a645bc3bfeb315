"""load -> decode -> segment -> group -> align -> checks -> findings, as one function."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field

from . import align
from .checks import CHECKS
from .embed import Encoder
from .errors import InputError
from .findings import finalise
from .load import load_documents
from .models import Analysis, Finding, PairSimilarity, Segmented, Unit
from .segment import Segmenter
from .terminology import load_glossaries


@dataclass
class Timings:
    """Seconds spent per stage, for the benchmark and --verbose."""

    stages: dict[str, float] = field(default_factory=dict)

    def add(self, stage: str, seconds: float) -> None:
        self.stages[stage] = self.stages.get(stage, 0.0) + seconds


@dataclass(frozen=True)
class Result:
    analysis: Analysis
    findings: tuple[Finding, ...]
    timings: Timings


def analyse(
    paths: list[str],
    source: str | None = None,
    encoder: Encoder | None = None,
    timings: Timings | None = None,
    glossaries: tuple[str, ...] = (),
) -> Analysis:
    timings = timings if timings is not None else Timings()
    encoder = encoder or Encoder()
    clock = time.perf_counter()
    documents = load_documents(paths, source)
    encoder.load()
    timings.add("load", time.perf_counter() - clock)

    clock = time.perf_counter()
    segmenter = Segmenter(load_glossaries(glossaries).user_words())  # glossary terms stay whole
    segmented = [segmenter.segment(d) for d in documents]
    for doc in segmented:
        if not doc.paragraphs:
            raise InputError(doc.path, "no prose to check (only code, markup or rules)")
    timings.add("segment", time.perf_counter() - clock)

    clock = time.perf_counter()
    # One batch for every sentence: the encoder is fastest on large batches, later stages hit the cache.
    align.text_vectors([s for d in segmented if not d.document.decoded.still_broken for s in d.sentences], encoder)
    timings.add("embed", time.perf_counter() - clock)

    clock = time.perf_counter()
    excluded = {
        d.path: "its text is mojibake that could not be repaired" for d in segmented if d.document.decoded.still_broken
    }
    comparable = [d for d in segmented if d.path not in excluded]
    similarities = _document_similarities(comparable, encoder)
    groups = align.group_digests(comparable, similarities, source if source not in excluded else None)
    main = list(groups[0].paths) if groups else []
    for group in groups[1:]:
        for path in group.paths:
            excluded[path] = "it renders a different digest"
    timings.add("group", time.perf_counter() - clock)

    clock = time.perf_counter()
    compared = [d for d in segmented if d.path in main]
    units = align.build_units(compared, encoder) if len(compared) > 1 else _lone_units(compared)
    timings.add("align", time.perf_counter() - clock)
    return Analysis(
        documents=tuple(segmented),
        source=source,
        groups=tuple(groups),
        compared=tuple(d.path for d in compared),
        units=tuple(units),
        document_similarity=tuple(similarities.values()),
        encoder_signature=encoder.signature,
        excluded=excluded,
        glossaries=tuple(glossaries),
        sentence_vectors={d.path: align.text_vectors(list(d.sentences), encoder) for d in compared},
    )


def run(
    paths: list[str],
    source: str | None = None,
    encoder: Encoder | None = None,
    glossaries: tuple[str, ...] = (),
) -> Result:
    timings = Timings()
    analysis = analyse(paths, source, encoder, timings, glossaries)
    found: list[Finding] = []
    for check in CHECKS.values():
        clock = time.perf_counter()
        found += check.run(analysis)
        timings.add(f"check {check.id}", time.perf_counter() - clock)
    return Result(analysis=analysis, findings=tuple(finalise(found, analysis)), timings=timings)


def _document_similarities(docs: list[Segmented], encoder: Encoder) -> dict[tuple[str, str], PairSimilarity]:
    return {
        (a.path, b.path): align.document_similarity(a, b, encoder) for a, b in itertools.combinations(docs, 2)
    }


def _lone_units(docs: list[Segmented]) -> list[Unit]:
    """One file alone: each paragraph is its own unit (nothing to compare it with)."""
    return [
        Unit(id=str(i), paragraphs={d.path: (p.index,)}, similarity=(), sentence_links=())
        for d in docs
        for i, p in enumerate(d.paragraphs, start=1)
    ]
