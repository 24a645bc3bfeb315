"""Alignment: digest groups, paragraph units under edits, sentence links, cross-lingual."""

from __future__ import annotations

import itertools
import re

import pytest

from checker import align
from checker.models import Role
from tests.paths import DATA, FREE, LEAD, OTHER_DIGEST

_MARKER = re.compile(r"^\d+\.\s+")


def _lead_items() -> tuple[str, list[list[str]]]:
    """003 as its header and, per item, its paragraphs (marker removed)."""
    header, *blocks = LEAD.read_text(encoding="utf-8").strip().split("\n\n")
    items = [[_MARKER.sub("", line.strip()) for line in block.split("\n")] for block in blocks]
    return header, items


def _render(header: str, paragraphs: list[str], numbered_items: list[list[str]]) -> str:
    """Items as in 003: the first paragraph carries the number, the rest are indented."""
    blocks = [header]
    for number, paras in enumerate(numbered_items, start=1):
        blocks.append("\n".join([f"{number}.  {paras[0]}"] + [f"    {p}" for p in paras[1:]]))
    return "\n\n".join(blocks) + "\n"


def _variant(kind: str) -> tuple[str, list[list[int]]]:
    """A rewritten 003 and, for each of its paragraphs, the 003 paragraphs it comes from."""
    header, items = _lead_items()
    origin = {}  # (item, paragraph) -> paragraph index in 003 (0 is the header)
    for i, paras in enumerate(items):
        for j in range(len(paras)):
            origin[(i, j)] = 1 + 2 * i + j
    out_items: list[list[str]] = []
    sources: list[list[int]] = [[0]]
    order = list(range(len(items)))
    if kind == "reordered":
        order = [2, 0, 1, 5, 3, 4, 9, 8, 7, 6]
    if kind == "dropped":
        order = [i for i in order if i != 6]
    for i in order:
        paras = items[i]
        if kind == "split" and i == 1:
            first, rest = paras[1].split(". ", 1)
            out_items.append([paras[0], first + ".", rest])
            sources += [[origin[(i, 0)]], [origin[(i, 1)]], [origin[(i, 1)]]]
            continue
        if kind == "merged" and i in (3, 4):
            if i == 3:
                out_items.append([" ".join(items[3] + items[4])])
                sources.append([origin[(3, 0)], origin[(3, 1)], origin[(4, 0)], origin[(4, 1)]])
            continue
        out_items.append(paras)
        sources += [[origin[(i, j)]] for j in range(len(paras))]
    text = _render(header, [], out_items)
    if kind == "unnumbered":
        text = re.sub(r"(?m)^\d+\.\s+", "", text)
    return text, sources


def _expected_units(sources: list[list[int]], base_size: int) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Connected components of the came-from relation; base paragraphs with no copy stand alone."""
    units = []
    for v, src in enumerate(sources):
        joined = [u for u in units if set(u[0]) & set(src)]
        base = set(src).union(*[u[0] for u in joined])
        var = {v}.union(*[u[1] for u in joined])
        units = [u for u in units if u not in joined] + [(base, var)]
    covered = set().union(*[u[0] for u in units])
    units += [({b}, set()) for b in range(base_size) if b not in covered]
    return {(tuple(sorted(b)), tuple(sorted(v))) for b, v in units}


@pytest.mark.parametrize("kind", ["identical", "reordered", "unnumbered", "split", "merged", "dropped"])
def test_paragraph_units_follow_the_edit(kind, tmp_path, segment, encoder):
    text, sources = _variant(kind)
    path = tmp_path / f"{kind}.txt"
    path.write_text(text, encoding="utf-8")
    base = segment(LEAD)
    variant = segment(path)
    assert len(variant.paragraphs) == len(sources)
    clusters = align.align_paragraphs([base, variant], encoder)
    got = {(c.get(base.path, ()), c.get(variant.path, ())) for c in clusters}
    assert got == _expected_units(sources, len(base.paragraphs))


def test_units_of_two_real_renderings_stay_within_items(segment, encoder):
    free, lead = segment(FREE), segment(LEAD)
    clusters = align.align_paragraphs([free, lead], encoder)
    for cluster in clusters:
        items = {doc.paragraphs[i].item for doc in (free, lead) for i in cluster.get(doc.path, ())}
        assert len(items) == 1, cluster
    # every item of 003 shares a unit with the same item of 001
    shared = {free.paragraphs[c[free.path][0]].item for c in clusters if free.path in c and lead.path in c}
    assert shared >= {str(i) for i in range(1, 11)}


def test_every_paragraph_is_in_exactly_one_unit(segment, encoder):
    docs = [segment(FREE), segment(LEAD)]
    units = align.build_units(docs, encoder)
    for doc in docs:
        seen = [i for u in units for i in u.paragraphs.get(doc.path, ())]
        assert sorted(seen) == list(range(len(doc.paragraphs)))
    assert [u.id for u in units] == [str(i) for i in range(1, len(units) + 1)]


def test_sentence_links_cover_each_side_once_and_are_monotonic(segment, encoder):
    docs = [segment(FREE), segment(LEAD)]
    for unit in align.build_units(docs, encoder):
        for a, b in itertools.combinations([d for d in docs if d.path in unit.paragraphs], 2):
            links = [link for link in unit.sentence_links if (link.a, link.b) == (a.path, b.path)]
            a_seen = [i for link in links for i in link.a_sentences]
            b_seen = [i for link in links for i in link.b_sentences]
            assert a_seen == sorted(a_seen) and b_seen == sorted(b_seen)
            expected_a = [s.index for i in unit.paragraphs[a.path] for s in a.paragraphs[i].sentences]
            assert a_seen == expected_a
            assert len(set(b_seen)) == len(b_seen)


def test_sentence_alignment_many_to_many(tmp_path, segment, encoder):
    one = "DeepEncoder는 SAM-base(80M)와 CLIP-large(300M)를 16배 컨볼루션 압축기로 결합하며, 1024x1024 이미지에서도 256개 시각 토큰만 생성합니다. 단일 A100-40G GPU에서 하루 20만 페이지 이상을 처리합니다."
    two = "DeepEncoder는 SAM-base(80M)와 CLIP-large(300M)를 16배 컨볼루션 압축기로 결합합니다. 그 결과 1024x1024 이미지에서도 시각 토큰 256개만 만들어집니다. 단일 A100-40G GPU로 하루에 20만 페이지 넘게 처리할 수 있습니다."
    (tmp_path / "one.txt").write_text(one, encoding="utf-8")
    (tmp_path / "two.txt").write_text(two, encoding="utf-8")
    a, b = segment(tmp_path / "one.txt"), segment(tmp_path / "two.txt")
    links = align.align_sentences(list(a.sentences), list(b.sentences), encoder, a.path, b.path)
    assert [(link.a_sentences, link.b_sentences) for link in links] == [((0,), (0, 1)), ((1,), (2,))]


def test_sentence_only_on_one_side(tmp_path, segment, encoder):
    base = "표준 미세 조정은 89%의 성능 저하를 유발합니다. LoRA는 71%의 저하를 초래합니다."
    extra = "표준 미세 조정은 89%의 성능 저하를 유발합니다. 또한 이 모델은 법률 문서 요약에서도 85%의 정확도를 보였습니다. LoRA는 71%의 저하를 초래합니다."
    (tmp_path / "a.txt").write_text(base, encoding="utf-8")
    (tmp_path / "b.txt").write_text(extra, encoding="utf-8")
    a, b = segment(tmp_path / "a.txt"), segment(tmp_path / "b.txt")
    links = align.align_sentences(list(a.sentences), list(b.sentences), encoder, a.path, b.path)
    assert [(link.a_sentences, link.b_sentences) for link in links] == [((0,), (0,)), ((), (1,)), ((1,), (2,))]
    assert links[1].similarity is None


def test_digest_groups_put_the_other_week_apart(segment, encoder):
    docs = [segment(FREE), segment(OTHER_DIGEST), segment(LEAD)]
    grouping = align.group_digests(docs, encoder)
    assert [(g.paths, g.checked) for g in grouping.groups] == [((str(FREE), str(LEAD)), True), ((str(OTHER_DIGEST),), False)]
    sims = grouping.similarities
    same = align.digest_score(sims[(str(FREE), str(LEAD))])
    other = align.digest_score(sims[(str(FREE), str(OTHER_DIGEST))])
    assert same >= align.DIGEST_THRESHOLD > other


def test_source_decides_the_main_group(segment, encoder):
    docs = [segment(OTHER_DIGEST, Role.SOURCE), segment(FREE), segment(LEAD)]
    groups = align.group_digests(docs, encoder, source=str(OTHER_DIGEST)).groups
    assert (groups[0].paths, groups[0].checked) == ((str(OTHER_DIGEST),), True)
    assert (groups[1].paths, groups[1].checked) == ((str(FREE), str(LEAD)), False)


def test_cross_lingual_units_with_an_english_source(tmp_path, segment, encoder):
    header, items = _lead_items()
    korean = tmp_path / "ko.txt"
    korean.write_text(_render(header, [], items[:3]), encoding="utf-8")
    source = segment(DATA / "en_source_3items.md", Role.SOURCE)
    rendering = segment(korean)
    assert source.document.lang == "en" and rendering.document.lang == "ko"
    sim = align.document_similarity(source, rendering, encoder)
    assert sim.chrf is None
    assert align.digest_score(sim) >= align.DIGEST_THRESHOLD
    clusters = align.align_paragraphs([source, rendering], encoder)
    # English items 1, 2, 3 render Korean items 3, 1, 2
    pairs = {
        source.paragraphs[c[source.path][0]].item: {rendering.paragraphs[i].item for i in c[rendering.path]}
        for c in clusters
        if source.path in c and rendering.path in c and source.paragraphs[c[source.path][0]].item
    }
    assert pairs == {"1": {"3"}, "2": {"1"}, "3": {"2"}}
