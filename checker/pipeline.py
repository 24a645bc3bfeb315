"""The pipeline, one stage a line: load, decode, segment, embed, group, align, checks, filters.

``analyse`` runs the stages up to the alignment (``checker glossary learn`` stops there);
``run`` adds the checks and the filters. The files are grouped by the digest they render
(the same relative path under each given folder, else their content), and each group is
aligned and checked on its own, with its own source when it has one: links never reach
across groups. Groups are independent, so ``Settings.jobs`` processes share them out. Their
results come back as one record (units tagged by group) that the reports read as before.
The stage in progress, and the file it reads, are kept in ``Timings`` so that a failure can
say where it happened.
"""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import pickle
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import align, filters
from .cache import Store, code_signature, key
from .checks import CHECKS
from .checks.context import Context
from .config import Settings, run_signature
from .decode import decode_document
from .embed import Encoder
from .errors import InputError
from .load import load_inputs, paired_by_path
from .models import (
    Analysis,
    DigestGroup,
    Finding,
    RawInput,
    ReferenceMode,
    Role,
    Segmented,
    SentenceVectors,
    TermRendering,
    Unit,
)
from .segment import Segmenter
from .terminology import merged_terms, term_renderings

# Checks that read every input, not one group: they run once, on the whole run's record.
WHOLE_RUN = ("encoding", "digest-mismatch")
# Checks that call Kiwi run in this process, group by group as the groups come back: Kiwi's
# thread pool does not survive a fork, and a fresh Kiwi in each worker would cost seconds.
WITH_KIWI = ("term-inconsistent", "term-glossary")


@dataclass
class Timings:
    """Seconds spent per stage (for the benchmark), and where the run is now."""

    stages: dict[str, float] = field(default_factory=dict)
    current: str | None = None  # the stage in progress
    reading: str | None = None  # the file it reads, when it reads one at a time
    on_stage: Callable[[str], None] | None = None  # told when a stage begins (the progress bar)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self.current, self.reading = name, None
        if self.on_stage is not None:
            self.on_stage(name)
        clock = time.perf_counter()
        yield
        self.add(name, time.perf_counter() - clock)

    def add(self, name: str, seconds: float) -> None:
        self.stages[name] = self.stages.get(name, 0.0) + seconds


@dataclass(frozen=True)
class Result:
    analysis: Analysis
    findings: tuple[Finding, ...]
    timings: Timings
    hidden: dict[str, int] = field(default_factory=dict)  # findings a suppression or the baseline took out, by why


ANALYSIS_STAGES = ("load", "decode", "segment", "embed", "group", "align")


def stage_names(settings: Settings) -> list[str]:
    """The stages ``run`` goes through, in order (the progress bar counts them; a group's
    align and checks repeat for every group)."""
    return [*ANALYSIS_STAGES, *(f"check {c}" for c in CHECKS if settings.wants(c)), "filters"]


class _GroupFailed(Exception):
    """A group's stage raised (perhaps in a worker process): the stage, the file it read, the error.
    Unwrapped in the parent, so the one-line message names where it happened."""

    def __init__(self, stage: str | None, reading: str | None, error: BaseException):
        super().__init__(stage, reading, error)
        self.stage, self.reading, self.error = stage, reading, error

    def __reduce__(self):
        return _GroupFailed, (self.stage, self.reading, self.error)


@dataclass(frozen=True)
class _Prepared:
    """Every input segmented and grouped: what each group's alignment starts from."""

    documents: tuple[Segmented, ...]
    grouping: align.Grouping
    excluded: dict[str, str]
    vectors: dict[str, SentenceVectors]  # of every comparable file, shared by its group and the whole run


@dataclass(frozen=True)
class _GroupResult:
    """One group aligned (and checked): its units and findings, and the seconds each stage took."""

    units: tuple[Unit, ...]
    findings: tuple[Finding, ...]
    stages: dict[str, float]
    terms: tuple[TermRendering, ...] = ()  # the terminology the group's term checks built (the review page's glossary)


def analyse(settings: Settings, encoder: Encoder | None = None, timings: Timings | None = None) -> Analysis:
    timings = timings if timings is not None else Timings()
    encoder = encoder or Encoder(settings.model)
    prepared = _prepare(settings, encoder, timings)
    return _combined(settings, prepared, encoder, _each_group(settings, prepared, encoder, timings, checks=False))


def run(settings: Settings, encoder: Encoder | None = None, timings: Timings | None = None) -> Result:
    timings = timings if timings is not None else Timings()
    encoder = encoder or Encoder(settings.model)
    prepared = _prepare(settings, encoder, timings)
    results = _each_group(settings, prepared, encoder, timings, checks=True)
    analysis = _combined(settings, prepared, encoder, results)
    found = [f for r in results for f in r.findings]
    found += _run_checks(Context(analysis, settings.glossary, encoder), settings, WHOLE_RUN, timings)
    with timings.stage("filters"):
        kept = filters.filtered(found, settings, analysis)
    return Result(analysis=analysis, findings=kept.findings, timings=timings, hidden=kept.hidden)


def _prepare(settings: Settings, encoder: Encoder, timings: Timings) -> _Prepared:
    segmenter = Segmenter(settings.glossary.user_words())  # glossary terms stay whole
    store = _store(settings, "segmented")
    with timings.stage("load"):
        inputs = load_inputs(settings.paths, settings.source)
        keys = {raw.path: _segment_key(raw, segmenter) for raw in inputs}
        cached = _cached(store, keys)
        # Kiwi's load and first call, and the encoder's load, run beside decoding; a run whose
        # files are all segmented already needs no Kiwi, one with vectors cached maybe no encoder.
        kiwi_ready = threading.Thread(target=_warm_kiwi, args=(segmenter,))
        if len(cached) < len(inputs):
            kiwi_ready.start()
        if not encoder.has_cache_file:
            encoder.load_in_background()
    with timings.stage("decode"):
        documents = {}
        for raw in inputs:
            if raw.path not in cached:
                timings.reading = raw.path
                documents[raw.path] = decode_document(raw)
    with timings.stage("segment"):
        if kiwi_ready.ident is not None:  # started
            kiwi_ready.join()
        segmented = []
        for raw in inputs:
            timings.reading = raw.path
            doc = cached.get(raw.path) or segmenter.segment(documents[raw.path])
            if not doc.paragraphs:
                raise InputError(doc.path, "no prose to check (only code, markup or rules)")
            segmented.append(doc)
        if store is not None:
            store.put_many((keys[d.path], pickle.dumps(d, pickle.HIGHEST_PROTOCOL)) for d in segmented if d.path not in cached)
    with timings.stage("embed"):
        # One batch for every sentence: the encoder is fastest on large batches, later stages hit the cache.
        comparable = [d for d in segmented if not d.document.decoded.still_broken]
        encoder.prepare([align.encoded_text(s) for d in comparable for s in d.sentences])
        vectors = {d.path: align.sentence_vectors(d.sentences, encoder) for d in comparable}
        if all(d.document.role is not Role.SOURCE for d in segmented):
            encoder.release()  # every text is encoded: only clause coverage, against a source, encodes more
    with timings.stage("group"):
        excluded = {
            d.path: "its text is mojibake that could not be repaired" for d in segmented if d.document.decoded.still_broken
        }
        source = settings.source if settings.source in {d.path for d in comparable} else None
        settled = paired_by_path(settings.paths, settings.source)
        grouping = align.group_digests(comparable, encoder, source, settled, _store(settings, "pairs"))
        roles = {d.path: d.document.role for d in comparable}
        for group in grouping.groups:
            if not group.checked:
                # A source of a folder that no rendering renders is not wrong, only unused.
                excluded.update((path, "it renders a different digest" if roles[path] is Role.RENDERING
                                 else "no rendering of it was given") for path in group.paths)
    return _Prepared(tuple(segmented), grouping, excluded, vectors)


def _store(settings: Settings, name: str) -> Store | None:
    return Store(settings.cache_dir, name, code_signature()) if settings.cache_dir is not None else None


def _cached(store: Store | None, keys: dict[str, bytes]) -> dict:
    """What the store holds for each of the keys (path -> record), unreadable records left out."""
    if store is None:
        return {}
    found = store.get_many(list(keys.values()))
    records = {}
    for path, record in keys.items():
        try:
            records[path] = pickle.loads(found[record])
        except Exception:  # noqa: BLE001 - absent or unreadable: computed again
            continue
    return records


def _segment_key(raw: RawInput, segmenter: Segmenter) -> bytes:
    """A file's segmentation depends on its bytes, its name and role, and the words Kiwi keeps whole."""
    return key("segmented", raw.path, raw.role.value, raw.data, *segmenter.user_words)


def _group_key(settings: Settings, prepared: _Prepared, encoder: Encoder, group: DigestGroup, checks: bool) -> bytes:
    """A group's units and findings depend on its files, the encoder, the glossaries and the checks asked for."""
    docs = [d for d in prepared.documents if d.path in group.paths]
    glossaries = [f"{p}@{hashlib.sha256(Path(p).read_bytes()).hexdigest()}" for p in settings.glossary_paths]
    return key(
        "group", encoder.signature, _tag(prepared, group), str(checks), ",".join(settings.select),
        ",".join(settings.ignore), *glossaries,
        *(part for d in docs for part in (d.path, d.document.role.value, d.document.text)),
    )


def _warm_kiwi(segmenter: Segmenter) -> None:
    segmenter.kiwi.split_into_sents("가.")  # the first call loads Kiwi's models


# The run a worker process serves: set before the processes fork, so they inherit it unpickled.
_WORK: tuple[Settings, _Prepared, Encoder, bool] | None = None


def _each_group(settings: Settings, prepared: _Prepared, encoder: Encoder, timings: Timings,
                checks: bool) -> list[_GroupResult]:
    """Align (and check) every checked group: in this process, or spread over ``settings.jobs``;
    a group whose files, encoder and settings are unchanged since a run that kept it is read back."""
    global _WORK
    groups = [g for g in prepared.grouping.groups if g.checked]
    store = _store(settings, "groups")
    keys = {g.id: _group_key(settings, prepared, encoder, g, checks) for g in groups} if store is not None else {}
    done: dict[int, _GroupResult] = _cached(store, keys)
    todo = [g for g in groups if g.id not in done]
    jobs = min(settings.jobs, len(todo))
    try:
        if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            fresh = [_finish(settings, prepared, encoder, g,
                             _group(settings, prepared, encoder, g, checks, timings.on_stage), checks, timings)
                     for g in todo]
        else:
            _WORK = (settings, prepared, encoder, checks)
            try:
                with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
                    # Each group's Kiwi checks run here while the workers align the next groups.
                    fresh = [_finish(settings, prepared, encoder, g, r, checks, timings)
                             for g, r in zip(todo, pool.map(_group_in_worker, [g.id for g in todo]))]
            finally:
                _WORK = None
    except _GroupFailed as failed:
        timings.current, timings.reading = failed.stage, failed.reading
        raise failed.error from None
    for group, result in zip(todo, fresh):
        done[group.id] = result
        for name, seconds in result.stages.items():
            timings.add(name, seconds)
    if store is not None and todo:
        store.put_many((keys[g.id], pickle.dumps(dataclasses.replace(done[g.id], stages={}), pickle.HIGHEST_PROTOCOL))
                       for g in todo)
    return [done[g.id] for g in groups]


def _group_in_worker(group_id: int) -> _GroupResult:
    settings, prepared, encoder, checks = _WORK
    encoder.detach_cache()  # every vector is in memory already; the cache file stays the parent's
    group = next(g for g in prepared.grouping.groups if g.id == group_id)
    try:
        return _group(settings, prepared, encoder, group, checks, None)
    except _GroupFailed as failed:
        try:
            pickle.dumps(failed.error)
        except Exception:  # noqa: BLE001 - an error that cannot cross to the parent crosses as its text
            raise _GroupFailed(failed.stage, failed.reading,
                               RuntimeError(f"{type(failed.error).__name__}: {failed.error}")) from None
        raise


def _group(settings: Settings, prepared: _Prepared, encoder: Encoder, group: DigestGroup,
           checks: bool, on_stage: Callable[[str], None] | None) -> _GroupResult:
    """One digest group aligned, and checked against its own source, as if it were the whole run
    (but for the checks that need Kiwi: ``_finish``)."""
    timings = Timings(on_stage=on_stage)
    tag = _tag(prepared, group)
    try:
        with timings.stage("align"):
            docs = [d for d in prepared.documents if d.path in group.paths]
            units = align.build_units(docs, encoder) if len(docs) > 1 else _lone_units(docs)
            units = [dataclasses.replace(u, id=tag + u.id) for u in units]
        found = []
        if checks:
            ids = tuple(c for c in CHECKS if c not in WHOLE_RUN + WITH_KIWI)
            analysis = _group_analysis(prepared, encoder, group, tuple(units))
            found = _run_checks(Context(analysis, settings.glossary, encoder), settings, ids, timings)
    except Exception as error:  # noqa: BLE001 - re-raised in the parent, named by its stage and file
        raise _GroupFailed(timings.current, timings.reading, error) from error
    return _GroupResult(tuple(units), tuple(found), timings.stages)


def _tag(prepared: _Prepared, group: DigestGroup) -> str:
    """What a group's unit ids start with: nothing when it is the only group checked."""
    return "" if sum(g.checked for g in prepared.grouping.groups) == 1 else f"g{group.id}-"


def _finish(settings: Settings, prepared: _Prepared, encoder: Encoder, group: DigestGroup, result: _GroupResult,
            checks: bool, timings: Timings) -> _GroupResult:
    """The group's checks that need Kiwi, in this process."""
    if not checks:
        return result
    context = Context(_group_analysis(prepared, encoder, group, result.units), settings.glossary, encoder)
    found = _run_checks(context, settings, WITH_KIWI, timings)
    terminology = context.built_terminology
    terms = tuple(term_renderings(terminology)) if terminology is not None else ()
    return dataclasses.replace(result, findings=result.findings + tuple(found), terms=terms)


def _group_analysis(prepared: _Prepared, encoder: Encoder, group: DigestGroup, units: tuple[Unit, ...]) -> Analysis:
    docs = [d for d in prepared.documents if d.path in group.paths]
    paths = tuple(d.path for d in docs)
    sources = [d.path for d in docs if d.document.role is Role.SOURCE]
    return Analysis(
        documents=tuple(docs),
        source=sources[0] if sources else None,
        groups=(dataclasses.replace(group, id=0),),
        compared=paths,
        units=units,
        document_similarity=tuple(s for (a, b), s in prepared.grouping.similarities.items() if a in paths and b in paths),
        encoder_signature=encoder.signature,
        sentence_vectors={d.path: prepared.vectors[d.path] for d in docs},
    )


def _run_checks(context: Context, settings: Settings, ids: tuple[str, ...], timings: Timings) -> list[Finding]:
    found: list[Finding] = []
    for check in CHECKS.values():
        if check.id not in ids or not settings.wants(check.id):
            continue
        with timings.stage(f"check {check.id}"):
            try:
                found += check.run(context)
            except Exception:
                timings.reading = context.reading  # the file the check read when it failed, for the message
                raise
    return found


def _combined(settings: Settings, prepared: _Prepared, encoder: Encoder, results: list[_GroupResult]) -> Analysis:
    """The whole run as one record: every group's units, every checked file as compared."""
    checked = [g for g in prepared.grouping.groups if g.checked]
    compared = tuple(p for g in checked for p in g.paths)
    by_path = {d.path: d for d in prepared.documents}
    sources = tuple(p for p in compared if by_path[p].document.role is Role.SOURCE)
    analysis = Analysis(
        documents=prepared.documents,
        source=sources[0] if len(sources) == 1 else (settings.source if settings.source in by_path else None),
        groups=prepared.grouping.groups,
        compared=compared,
        units=tuple(u for r in results for u in r.units),
        document_similarity=tuple(prepared.grouping.similarities.values()),
        encoder_signature=encoder.signature,
        excluded=prepared.excluded,
        sentence_vectors={p: prepared.vectors[p] for p in compared},
        reference=ReferenceMode.SOURCE if len(sources) > 1 else None,
        terms=merged_terms([r.terms for r in results]),
    )
    return dataclasses.replace(analysis, signature=run_signature(settings, analysis))


def _lone_units(docs: list[Segmented]) -> list[Unit]:
    """One file alone: each paragraph is its own unit (nothing to compare it with)."""
    return [
        Unit(id=str(i), paragraphs={d.path: (p.index,)}, similarity=(), sentence_links=())
        for d in docs
        for i, p in enumerate(d.paragraphs, start=1)
    ]
