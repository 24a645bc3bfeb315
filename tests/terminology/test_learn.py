"""Learning a glossary from the terminology of the texts, and `checker glossary learn`."""

from __future__ import annotations

import pytest

from click.testing import CliRunner

from checker.cli import main
from checker.terminology.glossary_file import Glossary, GlossaryEntry
from checker.models import TermRendering
from checker.terminology.learn import learned_entries, merged_terms, term_renderings
from checker.terminology.vocabulary import build_terminology
from tests.terminology.texts import RUST, segmented


def _learn(kiwi, texts: dict[str, str], glossary: Glossary = Glossary()) -> list[tuple[str, str, str, int]]:
    documents = [segmented(text, path) for path, text in texts.items()]
    entries = learned_entries(build_terminology(documents, glossary, kiwi))
    return [(e.en, e.ko, e.status, e.count) for e in entries]


def test_the_most_used_rendering_is_preferred_across_files(kiwi):
    rows = _learn(kiwi, {
        "a.md": "각 값에는 *소유자(owner)* 가 있다. 소유자는 하나다.",
        "b.md": "값에는 *오너*(*owner*)가 있다. 오너는 하나다.",
        "c.md": "값의 소유자 (owner) 는 하나뿐이다.",
    })
    assert rows == [("owner", "소유자", "preferred", 3), ("owner", "오너", "allowed", 2)]


def test_a_curated_glossary_decides_the_preferred_rendering(kiwi):
    glossary = Glossary((GlossaryEntry("fine-tuning", "미세 조정", "preferred", source="g.csv", line=2),))
    rows = _learn(kiwi, {"a.md": "파인튜닝(fine-tuning)을 한다. 파인튜닝(finetuning)은 빠르다."}, glossary)
    assert rows == [("fine-tuning", "미세 조정", "preferred", 0), ("fine-tuning", "파인튜닝", "allowed", 2)]


def test_the_review_page_gets_every_rendering_with_its_count_per_file(kiwi):
    glossary = Glossary((GlossaryEntry("owner", "소유자", "preferred", source="g.csv", line=2),))
    documents = [segmented(text, path) for path, text in {
        "a.md": "각 값에는 *소유자(owner)* 가 있다. 소유자는 하나다.",
        "b.md": "값에는 *오너*(*owner*)가 있다. 오너는 하나다. 소유자(owner)도 있다.",
    }.items()]
    rows = term_renderings(build_terminology(documents, glossary, kiwi))
    assert [(t.en, t.ko, t.status, t.curated, t.counts) for t in rows] == [
        ("owner", "소유자", "preferred", True, {"a.md": 2, "b.md": 1}),
        ("owner", "오너", "allowed", False, {"b.md": 2}),
    ]


def test_an_acronym_joins_the_term_it_abbreviates(kiwi):
    rows = _learn(kiwi, {
        "a.md": "*가비지 컬렉터 (garbage collector, GC)* 를 갖는 언어",
        "b.md": "*가비지 콜렉터(GC)* 를 갖고 있는 언어",
        "c.md": "_가비지 컬렉터(GC)_가 있는 언어",
    })
    assert rows == [
        ("garbage collector", "가비지 컬렉터", "preferred", 2),
        ("garbage collector", "가비지 콜렉터", "allowed", 1),
    ]


def test_a_korean_phrase_ending_in_a_known_rendering_keeps_only_that(kiwi):
    glossary = Glossary((GlossaryEntry("attention", "어텐션", "preferred", source="g.csv", line=2),))
    rows = _learn(kiwi, {"a.md": "반복되는 MID 토큰 블록 사이의 토큰 어텐션(attention)을 막는다."}, glossary)
    assert rows == [("attention", "어텐션", "preferred", 1)]


def test_learning_is_deterministic(kiwi):
    texts = {"b.md": "값의 오너(owner)와 소유자(owner).", "a.md": "값의 소유자(owner)와 오너(owner)."}
    assert _learn(kiwi, texts) == _learn(kiwi, dict(reversed(texts.items())))


def test_glossary_learn_writes_the_same_file_every_time(tmp_path):
    outputs = []
    for run in ("first", "second"):
        out = tmp_path / run / "learned.csv"
        result = CliRunner().invoke(main, ["glossary", "learn", *RUST, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert f"wrote {out}" in result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    rows = [line.split(",")[:4] for line in outputs[0].decode("utf-8").splitlines()]
    assert rows[0] == ["en", "ko", "status", "count"]
    assert ["owner", "소유자", "preferred", "6"] in rows and ["owner", "오너", "allowed", "3"] in rows
    assert ["garbage collector", "가비지 컬렉터", "preferred", "2"] in rows


def _term(ko: str, status: str, counts: dict[str, int], curated: bool = False, note: str = "") -> TermRendering:
    return TermRendering("fine-tuning", ko, status, curated, counts, note)


@pytest.mark.parametrize(
    "groups, expected",
    [
        # one group: its rows as they are
        ([(_term("미세 조정", "preferred", {"a1": 2}),)], [_term("미세 조정", "preferred", {"a1": 2})]),
        # the same rendering in two sections: one row, the counts of both
        (
            [(_term("미세 조정", "preferred", {"a1": 2}),), (_term("미세 조정", "preferred", {"a2": 3}),)],
            [_term("미세 조정", "preferred", {"a1": 2, "a2": 3})],
        ),
        # ruled differently: the status of the section that uses it most, and a note
        (
            [(_term("파인튜닝", "allowed", {"a1": 1}),), (_term("파인튜닝", "preferred", {"a2": 4}, curated=True),)],
            [_term("파인튜닝", "preferred", {"a1": 1, "a2": 4}, curated=True,
                   note="ruled differently by section: allowed, preferred")],
        ),
        # different renderings stay different rows, in the order they were first seen
        (
            [(_term("미세 조정", "preferred", {"a1": 2}),), (_term("파인튜닝", "preferred", {"a2": 1}),)],
            [_term("미세 조정", "preferred", {"a1": 2}), _term("파인튜닝", "preferred", {"a2": 1})],
        ),
    ],
)
def test_merged_terms_joins_the_sections_glossaries(groups, expected):
    assert list(merged_terms(groups)) == expected
