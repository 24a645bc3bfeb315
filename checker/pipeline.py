"""The pipeline, one stage a line: load, decode, segment, embed, group, align, checks, filters.

``analyse`` runs the stages up to the alignment (``checker glossary learn`` stops there);
``run`` adds the checks and the filters. The stage in progress, and the file it reads, are
kept in ``Timings`` so that a failure can say where it happened.
"""

from __future__ import annotations

import dataclasses
import itertools
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from . import align, filters
from .checks import CHECKS
from .checks.context import Context
from .config import Settings, run_signature
from .decode import decode_document
from .embed import Encoder
from .errors import InputError
from .load import load_inputs
from .models import Analysis, Finding, PairSimilarity, Segmented, Unit
from .segment import Segmenter
from .terminology import term_renderings


@dataclass
class Timings:
    """Seconds spent per stage (for the benchmark), and where the run is now."""

    stages: dict[str, float] = field(default_factory=dict)
    current: str | None = None  # the stage in progress
    reading: str | None = None  # the file it reads, when it reads one at a time

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.current, self.reading = name, None
        clock = time.perf_counter()
        yield
        self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - clock


@dataclass(frozen=True)
class Result:
    analysis: Analysis
    findings: tuple[Finding, ...]
    timings: Timings


class CheckFailed(Exception):
    """A check raised: checker's fault, not the user's. Names the check and the file it read."""

    def __init__(self, check: str, path: str | None, error: Exception):
        where = f" while reading {path}" if path else ""
        super().__init__(f"check {check} failed{where}: {type(error).__name__}: {error}")
        self.check, self.path, self.error = check, path, error


def analyse(settings: Settings, encoder: Encoder | None = None, timings: Timings | None = None) -> Analysis:
    timings = timings if timings is not None else Timings()
    encoder = encoder or Encoder(settings.model)
    with timings.stage("load"):
        inputs = load_inputs(settings.paths, settings.source)
        encoder.load()
    with timings.stage("decode"):
        documents = []
        for raw in inputs:
            timings.reading = raw.path
            documents.append(decode_document(raw))
    with timings.stage("segment"):
        segmenter = Segmenter(settings.glossary.user_words())  # glossary terms stay whole
        segmented = []
        for document in documents:
            timings.reading = document.path
            doc = segmenter.segment(document)
            if not doc.paragraphs:
                raise InputError(doc.path, "no prose to check (only code, markup or rules)")
            segmented.append(doc)
    with timings.stage("embed"):
        # One batch for every sentence: the encoder is fastest on large batches, later stages hit the cache.
        align.text_vectors([s for d in segmented if not d.document.decoded.still_broken for s in d.sentences], encoder)
    with timings.stage("group"):
        excluded = {
            d.path: "its text is mojibake that could not be repaired" for d in segmented if d.document.decoded.still_broken
        }
        comparable = [d for d in segmented if d.path not in excluded]
        similarities = _document_similarities(comparable, encoder)
        source = settings.source
        groups = align.group_digests(comparable, similarities, source if source not in excluded else None)
        main = list(groups[0].paths) if groups else []
        for group in groups[1:]:
            for path in group.paths:
                excluded[path] = "it renders a different digest"
    with timings.stage("align"):
        compared = [d for d in segmented if d.path in main]
        units = align.build_units(compared, encoder) if len(compared) > 1 else _lone_units(compared)
    analysis = Analysis(
        documents=tuple(segmented),
        source=source,
        groups=tuple(groups),
        compared=tuple(d.path for d in compared),
        units=tuple(units),
        document_similarity=tuple(similarities.values()),
        encoder_signature=encoder.signature,
        excluded=excluded,
        sentence_vectors={d.path: align.text_vectors(list(d.sentences), encoder) for d in compared},
    )
    return dataclasses.replace(analysis, signature=run_signature(settings, analysis))


def run(settings: Settings, encoder: Encoder | None = None, timings: Timings | None = None) -> Result:
    timings = timings if timings is not None else Timings()
    analysis = analyse(settings, encoder, timings)
    context = Context(analysis, settings.glossary)
    found: list[Finding] = []
    for check in CHECKS.values():
        if not settings.wants(check.id):
            continue
        with timings.stage(f"check {check.id}"):
            try:
                found += check.run(context)
            except Exception as error:  # noqa: BLE001 - any failure of a check is reported as one
                raise CheckFailed(check.id, context.reading, error) from error
    terminology = context.built_terminology
    if terminology is not None:
        analysis = dataclasses.replace(analysis, terms=tuple(term_renderings(terminology)))
    with timings.stage("filters"):
        findings = filters.apply(found, settings, analysis)
    return Result(analysis=analysis, findings=findings, timings=timings)


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
