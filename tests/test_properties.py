"""Properties over generated inputs (hypothesis, bounded example counts so the file runs in well
under a minute): no input crashes a stage, every finding points at its own text, the repair is
idempotent and leaves clean Korean alone, numbers round-trip their canonical digits, and a
learned glossary does not depend on the order of its files. ``bench/fuzz.py`` runs the same
properties over many more inputs."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.decode import decode_bytes, decode_document
from checker.errors import InputError
from checker.models import Analysis, DigestGroup, RawInput, Role
from checker.numbers import extract_numbers, same_quantity
from checker.repair import detect_mojibake, mojibake, repair_text
from checker.terminology import learned_entries, load_glossaries
from checker.terminology.glossary_file import DEFAULT_GLOSSARY
from checker.terminology.vocabulary import build_terminology
from tests.fuzzing import (
    check_pipeline_on,
    KOREAN_SENTENCES,
    VARIANTS,
    canonical_digits,
    check_segmented,
    clean_korean,
    hostile_text,
    number_text,
    rendering,
)

FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SOME = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
PIPELINE = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_are_refused(data):
    try:
        decoded = decode_bytes("f.txt", data)
    except InputError as error:
        assert error.path == "f.txt" and error.problem
        return
    assert decoded.text.strip()
    assert all(decoded.original[b.offset] == "\ufffd" for b in decoded.invalid)


@FEW
@given(hostile_text())
def test_any_text_decodes_and_segments(segmenter, text):
    """Control characters, bidi marks, joiners, conjoining jamo, full-width forms, lone
    surrogates (written as the bytes surrogatepass gives them, which are not UTF-8)."""
    data = text.encode("utf-8", errors="surrogatepass")
    try:
        document = decode_document(RawInput("f.md", Role.RENDERING, data))
    except InputError:
        return
    check_segmented(segmenter.segment(document))


@PIPELINE
@given(st.lists(rendering(), min_size=2, max_size=3))
def test_the_pipeline_never_crashes_and_findings_point_at_their_text(encoder, tmp_path_factory, texts):
    check_pipeline_on(texts, tmp_path_factory.mktemp("run"), encoder)


@SOME
@given(clean_korean())
def test_the_repair_leaves_clean_korean_unchanged(text):
    assert not detect_mojibake(text)
    assert repair_text(text).text == text


@SOME
@given(clean_korean())
def test_the_repair_is_idempotent(text):
    once = repair_text(mojibake(text)).text
    assert repair_text(once).text == once


@settings(max_examples=200, deadline=None)
@given(number_text())
def test_numbers_round_trip_their_canonical_digits(text):
    [fact] = [f for f in extract_numbers(text) if f.kind in ("quantity", "percent")] or [None]
    if fact is None or fact.low is None:
        return
    canonical = canonical_digits(fact)
    [again] = [f for f in extract_numbers(canonical) if f.kind == fact.kind]
    assert (again.low, again.high) == (fact.low, fact.high), (text, canonical)
    assert same_quantity(fact, again)


@pytest.fixture(scope="module")
def glossary():
    return load_glossaries([DEFAULT_GLOSSARY])


@SOME
@given(st.lists(st.lists(st.sampled_from(VARIANTS), min_size=1, max_size=4), min_size=2, max_size=4), st.randoms())
def test_the_glossary_learner_is_stable_under_reordering(segmenter, glossary, tmp_path_factory, files, random):
    folder = tmp_path_factory.mktemp("learn")
    docs = []
    for i, variants in enumerate(files):
        path = folder / f"{i}.md"
        path.write_text(" ".join(f"{v}를 씁니다." for v in variants) + " " + KOREAN_SENTENCES[i], encoding="utf-8")
        docs.append(segmenter.segment(decode_document(RawInput(str(path), Role.RENDERING, path.read_bytes()))))

    def learned(order):
        paths = tuple(d.path for d in order)
        analysis = Analysis(documents=tuple(order), source=None, groups=(DigestGroup(0, paths),), compared=paths,
                            units=(), document_similarity=(), encoder_signature="test")
        return learned_entries(build_terminology(order, glossary, segmenter.kiwi, analysis))

    shuffled = list(docs)
    random.shuffle(shuffled)
    assert [dataclasses.astuple(e) for e in learned(shuffled)] == [dataclasses.astuple(e) for e in learned(docs)]
