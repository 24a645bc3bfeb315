"""Digest groups, paragraph units and sentence links.

Paragraphs are matched by encoder cosine plus lexical anchors (Latin-script
names such as DeepSeek-OCR, numbers written in digits, English terms in
parentheses), which survive translation and paraphrase. Units are built by
joining best matches greedily, strongest first, under one rule: a unit holds a
run of consecutive paragraphs of each file. That rule is what lets items be
reordered, split, merged or dropped without one item swallowing another.
Inside a unit, sentences are aligned many-to-many by dynamic programming.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import pickle
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .cache import Store, key
from .embed import Encoder
from .models import (
    DigestGroup,
    PairSimilarity,
    Paragraph,
    Segmented,
    Sentence,
    SentenceLink,
    SentenceVectors,
    Unit,
)
from .text import kept_tokens, plain, without_spaces

# Paragraph links below this combined score are not the same content.
LINK_THRESHOLD = 0.45
# Paragraphs that say the same thing twice (a repeated item, a recurring sentence) are told
# apart by where they stand: a small prior for the same relative position, too small to
# overrule content when items are reordered.
POSITION_WEIGHT = 0.05
# A lone paragraph beside a unit of its own item joins it from this score on.
ATTACH_THRESHOLD = 0.3
# Two files render the same digest when their digest score reaches this: the mean of
# paragraph match cosine and shared-anchor overlap (measured: same content 0.64-0.99,
# cross-lingual included; another week's digest 0.38-0.39; unrelated text 0.15-0.22).
DIGEST_THRESHOLD = 0.5
# With too few anchors to count, the cosine alone decides, against this.
DIGEST_COSINE_ONLY = 0.65
_FEW_ANCHORS = 5
# A sentence bead must beat this cosine to count as a translation of its partner.
SENTENCE_THRESHOLD = 0.5
# Beads of several sentences must earn their merge: a 1-1 link is preferred unless
# the joined text matches clearly better.
MERGE_PENALTY = 0.04
_MAX_BEAD = 3


_CHRF_ORDER = 6
_CHRF_BETA = 2


def chrf(hypothesis: str, reference: str) -> float:
    """sacrebleu's sentence chrF (character 1- to 6-grams without whitespace, beta 2, averaged
    over the orders both texts have), as a fraction.

    Only the n-grams of the shorter text are counted, and the longer one is scanned for them:
    the memory grows with the shorter text. sacrebleu lists every n-gram of both, about 300
    bytes per character of the longer file (700 MB for a 15 MB file beside a 33 KB one).
    """
    hyp, ref = without_spaces(hypothesis), without_spaces(reference)
    short, long = (hyp, ref) if len(hyp) <= len(ref) else (ref, hyp)
    precision = recall = 0.0
    orders = 0
    for n in range(1, _CHRF_ORDER + 1):
        wanted = Counter(short[i : i + n] for i in range(len(short) - n + 1))
        seen = Counter(g for g in (long[i : i + n] for i in range(len(long) - n + 1)) if g in wanted)
        matches = sum(min(count, wanted[g]) for g, count in seen.items())
        n_hyp, n_ref = max(0, len(hyp) - n + 1), max(0, len(ref) - n + 1)
        if n_hyp and n_ref:  # sacrebleu's effective order: an order one text lacks is left out
            precision += matches / n_hyp
            recall += matches / n_ref
            orders += 1
    if not orders:
        return 0.0
    precision, recall = precision / orders, recall / orders
    if not precision + recall:
        return 0.0
    factor = _CHRF_BETA**2
    # sacrebleu's operations in its order, so that the figure is the same to the last bit
    score = (1 + factor) * precision * recall
    score /= (factor * precision) + recall
    return 100 * score / 100.0


@dataclass(frozen=True)
class _Side:
    """The paragraphs of one file as vectors and anchor sets."""

    doc: Segmented
    vectors: np.ndarray
    anchors: tuple[frozenset[str], ...]


def _unit_mean(vectors: np.ndarray) -> np.ndarray:
    total = vectors.sum(axis=0)
    norm = np.linalg.norm(total)
    return total / norm if norm else total


def text_vectors(sentences: list[Sentence], encoder: Encoder) -> np.ndarray:
    """One vector per sentence; longer texts are the normalised mean of their sentences.

    Encoding each sentence once and averaging is an order of magnitude faster than
    encoding every paragraph and window again (the encoder's cost grows with length).
    """
    return encoder.encode([encoded_text(s) for s in sentences])


def encoded_text(sentence: Sentence) -> str:
    """What the encoder reads of a sentence: its plain text (its markup when that is all it has)."""
    return plain(sentence.text) or sentence.text


def sentence_vectors(sentences: Sequence[Sentence], encoder: Encoder) -> SentenceVectors:
    """The vectors of a file's sentences, a repeated text's vector kept once."""
    texts = [encoded_text(s) for s in sentences]
    row = {t: i for i, t in enumerate(dict.fromkeys(texts))}
    distinct_texts = list(row)
    distinct = encoder.encode(distinct_texts)
    encoder.adopt(distinct_texts, distinct)
    return SentenceVectors(distinct, np.array([row[t] for t in texts], dtype=np.int32))


def paragraph_vector(paragraph: Paragraph, encoder: Encoder) -> np.ndarray:
    return _unit_mean(text_vectors(list(paragraph.sentences), encoder))


def _side(doc: Segmented, encoder: Encoder) -> _Side:
    vectors = np.stack([paragraph_vector(p, encoder) for p in doc.paragraphs]) if doc.paragraphs else np.zeros((0, 1))
    return _Side(doc, vectors, tuple(kept_tokens(p.text) for p in doc.paragraphs))


def _scores(a: _Side, b: _Side) -> np.ndarray:
    """Paragraph-by-paragraph match score: cosine, raised by shared anchors."""
    cosine = a.vectors @ b.vectors.T
    bonus = jaccard_matrix(a.anchors, b.anchors)
    return cosine + 0.5 * bonus * (1 - cosine)


def jaccard_matrix(a: tuple[frozenset[str], ...], b: tuple[frozenset[str], ...]) -> np.ndarray:
    """|x & y| / |x | y| for every pair of sets, built from a token index: the work grows with
    the pairs that share a token, not with all pairs (a Python loop over all of them was the
    alignment's hot spot: 12 M calls for a file of 16 sections)."""
    shared = np.zeros((len(a), len(b)), dtype=np.float64)
    rows_of: dict[str, list[int]] = {}
    for i, tokens in enumerate(a):
        for token in tokens:
            rows_of.setdefault(token, []).append(i)
    cols_of: dict[str, list[int]] = {}
    for j, tokens in enumerate(b):
        for token in tokens:
            if token in rows_of:
                cols_of.setdefault(token, []).append(j)
    for token, cols in cols_of.items():
        shared[np.ix_(rows_of[token], cols)] += 1
    size_a = np.array([len(x) for x in a], dtype=np.float64)
    size_b = np.array([len(y) for y in b], dtype=np.float64)
    union = size_a[:, None] + size_b[None, :] - shared
    return np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)


def _position_gap(a: _Side, b: _Side) -> np.ndarray:
    """Distance between relative positions in the two files (0 = same place, 1 = opposite ends)."""
    pa = (np.arange(len(a.doc.paragraphs)) + 0.5) / len(a.doc.paragraphs)
    pb = (np.arange(len(b.doc.paragraphs)) + 0.5) / len(b.doc.paragraphs)
    return np.abs(pa[:, None] - pb[None, :])


def _lang(doc: Segmented) -> str:
    return doc.document.lang


# --- digest groups -------------------------------------------------------------------


@dataclass(frozen=True)
class _Profile:
    """What a file is compared by: its paragraphs as vectors and anchors, and its anchors as a whole."""

    side: _Side
    names: frozenset[str]


def _profile(doc: Segmented, encoder: Encoder) -> _Profile:
    return _Profile(_side(doc, encoder), kept_tokens(doc.document.text))


def document_similarity(a: Segmented, b: Segmented, encoder: Encoder) -> PairSimilarity:
    """How well the paragraphs of two files find partners in each other (0..1)."""
    return _with_chrf(_similarity(_profile(a, encoder), _profile(b, encoder)), a, b)


def _with_chrf(sim: PairSimilarity, a: Segmented, b: Segmented) -> PairSimilarity:
    """The pair's chrF, for the report (costly on whole files: computed only for the pairs reported)."""
    if _lang(a) != _lang(b):
        return sim
    return dataclasses.replace(sim, chrf=round(chrf(a.document.text, b.document.text), 4))


def _similarity(pa: _Profile, pb: _Profile) -> PairSimilarity:
    a, b = pa.side.doc, pb.side.doc
    scores = _scores(pa.side, pb.side)
    weights_a = np.array([len(p.text) for p in a.paragraphs], dtype=float)
    weights_b = np.array([len(p.text) for p in b.paragraphs], dtype=float)
    a_to_b = float(np.average(scores.max(axis=1), weights=weights_a))
    b_to_a = float(np.average(scores.max(axis=0), weights=weights_b))
    names_a, names_b = pa.names, pb.names
    shared = None
    if min(len(names_a), len(names_b)) >= _FEW_ANCHORS:
        shared = round(len(names_a & names_b) / min(len(names_a), len(names_b)), 4)
    return PairSimilarity(
        a=a.path,
        b=b.path,
        cosine=round((a_to_b + b_to_a) / 2, 4),
        chrf=None,
        anchors=shared,
    )


def digest_score(sim: PairSimilarity) -> float:
    """One figure for "same digest": cosine and shared anchors, or cosine alone when anchors are few."""
    if sim.anchors is None:
        return round(sim.cosine * DIGEST_THRESHOLD / DIGEST_COSINE_ONLY, 4)
    return round((sim.cosine + sim.anchors) / 2, 4)


@dataclass(frozen=True)
class Grouping:
    """The digest groups of a run and the file similarities that decided them."""

    groups: tuple[DigestGroup, ...]
    similarities: dict[tuple[str, str], PairSimilarity]


# Content grouping scores a file only against its nearest files by sketch and by shared rare
# anchors: the cost grows with the number of files, not with its square.
_CANDIDATES = 5
# An anchor found in more files than this says nothing about which of them belong together.
_COMMON_ANCHOR = 16
# Sections of one book share names and code (String, let, s1), so their digest scores reach the
# threshold; what sets a section's renderings apart is the cosine, far above any other file's
# (measured on the Rust-book sections: 0.75-0.87 within a section, at most 0.53 across). A link
# seeds a group only when, for one of its files at least, no other file is closer by this much.
_RIVAL_MARGIN = 0.2


def group_digests(
    docs: list[Segmented], encoder: Encoder, source: str | None = None, settled: tuple[tuple[str, ...], ...] = (),
    store: Store | None = None,
) -> Grouping:
    """Files that render the same digest, each group to be aligned and checked on its own.

    ``settled`` are sets of files that the paths already pair (the same relative path under
    each given folder); their members are still compared with each other, and a member that
    renders something else falls back to content grouping with the files no path settled.
    Groups join by average linkage (the mean digest score over every pair of the two groups
    reaches DIGEST_THRESHOLD), so a chain of files each a little like the next does not make
    one group of a whole book.

    The main group (id 0) holds ``source``, or else the most files (ties: the earliest file);
    the other groups follow in file order. ``checked`` says which groups are aligned: with a
    source file only its group (every other file renders another digest than the source);
    without one every group of two files or more, or the main group when no file has a partner.
    A file of an unchecked group is scored against the nearest checked group, for its message.
    With a ``store``, each pair's similarity is kept for the next run (keyed by both files' texts).
    """
    scorer = _PairScorer(docs, encoder, store)
    by_path = {d.path: d for d in docs}
    clusters: list[list[str]] = []
    loose: list[str] = []
    in_settled = {p for paths in settled for p in paths}
    for paths in settled:
        members = [p for p in paths if p in by_path]
        pieces = _average_linkage(members, list(itertools.combinations(members, 2)), scorer)
        clusters += [m for m in pieces if len(m) > 1]
        loose += [m[0] for m in pieces if len(m) == 1]
    loose += [d.path for d in docs if d.path not in in_settled]
    loose.sort(key=scorer.order.__getitem__)
    clusters += _average_linkage(loose, _candidate_pairs([by_path[p] for p in loose], scorer), scorer)
    clusters.sort(key=lambda m: scorer.order[m[0]])
    if source is not None and source in by_path:
        main = next(m for m in clusters if source in m)
    else:
        main = max(clusters, key=len) if clusters else []  # max keeps the first of equals: the earliest file
    ranked = [main] + [m for m in clusters if m is not main] if clusters else []
    if source is not None and source in by_path:
        checked = [i == 0 for i in range(len(ranked))]
    else:
        paired = any(len(m) > 1 for m in ranked)
        checked = [len(m) > 1 if paired else i == 0 for i, m in enumerate(ranked)]
    groups = tuple(DigestGroup(id=i, paths=tuple(m), checked=c) for i, (m, c) in enumerate(zip(ranked, checked)))
    _score_against_nearest(groups, scorer)
    scorer.scored()
    reported = _reported(groups, scorer)
    scorer.save()
    return Grouping(groups, reported)


class _PairScorer:
    """Document similarities computed on demand, each pair once, in input order."""

    def __init__(self, docs: list[Segmented], encoder: Encoder, store: Store | None = None):
        self.encoder = encoder
        self.by_path = {d.path: d for d in docs}
        self.order = {d.path: i for i, d in enumerate(docs)}
        self.computed: dict[tuple[str, str], PairSimilarity] = {}
        self._sketches: dict[str, np.ndarray] = {}
        self._profiles: dict[str, _Profile] = {}
        self._store = store
        self._new: dict[bytes, PairSimilarity] = {}

    def score(self, a: str, b: str) -> float:
        if self.order[a] > self.order[b]:
            a, b = b, a
        if (a, b) not in self.computed:
            self.computed[(a, b)] = self.kept("pair", a, b, lambda: _similarity(self.profile(a), self.profile(b)))
        return digest_score(self.computed[(a, b)])

    def kept(self, kind: str, a: str, b: str, compute) -> PairSimilarity:
        """A pair's figure from the store, or computed (and kept for the next run)."""
        if self._store is None:
            return compute()
        da, db = self.by_path[a].document, self.by_path[b].document
        record = key(kind, self.encoder.signature, a, da.role.value, da.text, b, db.role.value, db.text)
        found = self._new.get(record) or self._store.get_object(record)
        if not isinstance(found, PairSimilarity):
            found = self._new[record] = compute()
        return found

    def save(self) -> None:
        if self._store is not None and self._new:
            self._store.put_many((k, pickle.dumps(v, pickle.HIGHEST_PROTOCOL)) for k, v in self._new.items())
            self._new.clear()

    def cosine(self, a: str, b: str) -> float:
        self.score(a, b)
        return self.computed[(a, b) if self.order[a] < self.order[b] else (b, a)].cosine

    def scored(self) -> None:
        """Every pair is scored: the profiles go before the reported pairs' chrF is worked out
        (each is a long file's size again, and the two were the group stage's peak)."""
        self._profiles.clear()

    def profile(self, path: str) -> _Profile:
        if path not in self._profiles:
            self._profiles[path] = _profile(self.by_path[path], self.encoder)
        return self._profiles[path]

    def sketch(self, doc: Segmented) -> np.ndarray:
        """One vector for a whole file: the length-weighted mean of its paragraphs."""
        if doc.path not in self._sketches:
            vectors = self.profile(doc.path).side.vectors
            if not len(vectors):
                self._sketches[doc.path] = np.zeros(1)
                return self._sketches[doc.path]
            # summed a row at a time, in the order (and so to the bit) of a sum over the weighted
            # rows, which would be a copy of a long file's paragraph vectors in float64
            total = np.zeros(vectors.shape[1])
            for row, paragraph in zip(vectors, doc.paragraphs):
                total += row.astype(np.float64) * np.float64(len(paragraph.text))
            norm = np.linalg.norm(total)
            self._sketches[doc.path] = total / norm if norm else total
        return self._sketches[doc.path]


def _candidate_pairs(docs: list[Segmented], scorer: _PairScorer) -> list[tuple[str, str]]:
    """Each file with its nearest files by sketch cosine and by shared uncommon anchors."""
    if len(docs) <= _CANDIDATES + 1:
        return list(itertools.combinations([d.path for d in docs], 2))
    sketches = np.stack([scorer.sketch(d) for d in docs])
    nearest = np.argsort(-(sketches @ sketches.T), axis=1, kind="stable")[:, : _CANDIDATES + 1]
    pairs = {(min(i, int(j)), max(i, int(j))) for i, row in enumerate(nearest) for j in row if i != j}
    holders: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        for token in kept_tokens(d.document.text):
            holders.setdefault(token, []).append(i)
    shared: dict[tuple[int, int], int] = {}
    for files in holders.values():
        if len(files) <= _COMMON_ANCHOR:
            for i, j in itertools.combinations(files, 2):
                shared[(i, j)] = shared.get((i, j), 0) + 1
    best: dict[int, list[tuple[int, tuple[int, int]]]] = {}
    for pair, count in shared.items():
        for i in pair:
            best.setdefault(i, []).append((count, pair))
    for options in best.values():
        pairs |= {pair for _, pair in sorted(options, key=lambda o: (-o[0], o[1]))[:_CANDIDATES]}
    return [(docs[i].path, docs[j].path) for i, j in sorted(pairs)]


def _average_linkage(paths: list[str], pairs: list[tuple[str, str]], scorer: _PairScorer) -> list[list[str]]:
    """Clusters of ``paths``: candidate pairs strongest first join their groups when the mean
    digest score over all pairs across the two groups reaches DIGEST_THRESHOLD."""
    cluster_of = {p: i for i, p in enumerate(paths)}
    members = {i: [p] for i, p in enumerate(paths)}
    scored = sorted(((scorer.score(a, b), a, b) for a, b in pairs), key=lambda s: (-s[0], scorer.order[s[1]], scorer.order[s[2]]))
    best: dict[str, float] = {}
    for a, b in pairs:
        cosine = scorer.cosine(a, b)
        best[a], best[b] = max(best.get(a, cosine), cosine), max(best.get(b, cosine), cosine)
    for score, a, b in scored:
        ca, cb = cluster_of[a], cluster_of[b]
        if score < DIGEST_THRESHOLD:
            break
        if ca == cb or min(best[a], best[b]) - scorer.cosine(a, b) > _RIVAL_MARGIN:
            continue
        cross = [scorer.score(x, y) for x in members[ca] for y in members[cb]]
        if sum(cross) / len(cross) < DIGEST_THRESHOLD:
            continue
        keep, gone = min(ca, cb), max(ca, cb)
        for p in members[gone]:
            cluster_of[p] = keep
        members[keep] = sorted(members[keep] + members.pop(gone), key=scorer.order.__getitem__)
    return list(members.values())


def _reported(groups: tuple[DigestGroup, ...], scorer: _PairScorer) -> dict[tuple[str, str], PairSimilarity]:
    """The similarities a report shows: inside each group, and of each unchecked file to the
    files it was scored against. Pairs scored only to tell two groups apart are left out."""
    group_of = {p: g for g in groups for p in g.paths}
    return {
        (a, b): scorer.kept("pair+chrf", a, b, lambda a=a, b=b, sim=sim: _with_chrf(sim, scorer.by_path[a], scorer.by_path[b]))
        for (a, b), sim in scorer.computed.items()
        if group_of[a] is group_of[b] or not group_of[a].checked or not group_of[b].checked
    }


def _score_against_nearest(groups: tuple[DigestGroup, ...], scorer: _PairScorer) -> None:
    """Score each file of an unchecked group against every file of the checked group nearest to it."""
    checked = [g for g in groups if g.checked]
    if not checked or all(g.checked for g in groups):
        return
    sketches = {g.id: _unit_mean(np.stack([scorer.sketch(scorer.by_path[p]) for p in g.paths])) for g in checked}
    for group in groups:
        if group.checked:
            continue
        for path in group.paths:
            mine = scorer.sketch(scorer.by_path[path])
            nearest = max(checked, key=lambda g: float(mine @ sketches[g.id]))
            for other in nearest.paths:
                scorer.score(path, other)


# --- paragraph units -----------------------------------------------------------------


def align_paragraphs(docs: list[Segmented], encoder: Encoder) -> list[dict[str, tuple[int, ...]]]:
    """Clusters of paragraphs (path -> consecutive indices) that render the same content."""
    sides = [_side(d, encoder) for d in docs]
    scores = {
        (fa, fb): _scores(a, b) - POSITION_WEIGHT * _position_gap(a, b)
        for (fa, a), (fb, b) in itertools.combinations(enumerate(sides), 2)
        if len(a.doc.paragraphs) and len(b.doc.paragraphs)
    }
    clusters = _Clusters([len(d.paragraphs) for d in docs])
    for _, x, y in _candidate_links(scores):
        clusters.join_if_runs_stay_apart(x, y)
    clusters.attach_titles(docs)
    clusters.attach_to_neighbours(docs, scores)
    clusters.absorb_gaps()
    result = []
    for cluster in clusters.members.values():
        by_file = {}
        for f, d in enumerate(docs):
            idx = sorted(p for ff, p in cluster if ff == f)
            if idx:
                by_file[d.path] = tuple(idx)
        result.append(by_file)
    return _order_units(result, docs)


class _Clusters:
    """Union of paragraphs (file, index) under the rule that clusters never interleave.

    Each cluster of two or more paragraphs keeps its span (first, last index) per file, and
    each file keeps those spans sorted: they never overlap, so whether a join would make two
    clusters interleave is a look-up beside the new span, not a scan of every cluster.
    """

    def __init__(self, sizes: list[int]):
        self.owner = {(f, p): (f, p) for f, n in enumerate(sizes) for p in range(n)}
        self.members = {key: {key} for key in self.owner}
        self._spans: dict[tuple[int, int], dict[int, tuple[int, int]]] = {k: {k[0]: (k[1], k[1])} for k in self.owner}
        self._starts: list[list[int]] = [[] for _ in sizes]  # per file: sorted first indices of spans
        self._span_at: list[dict[int, tuple[int, tuple[int, int]]]] = [{} for _ in sizes]  # first -> (last, root)

    def _overlaps(self, f: int, low: int, high: int, own: tuple[tuple[int, int], ...]) -> bool:
        """Does a span of another cluster in file f overlap low..high?"""
        starts = self._starts[f]
        k = bisect.bisect_right(starts, high) - 1
        while k >= 0:
            last, root = self._span_at[f][starts[k]]
            if last < low:
                return False  # spans are disjoint and sorted: the earlier ones end earlier still
            if root not in own:
                return True
            k -= 1
        return False

    def _index(self, root: tuple[int, int], add: bool) -> None:
        if len(self.members[root]) == 1:
            return  # lone paragraphs in between are absorbed at the end
        for f, (low, high) in self._spans[root].items():
            if add:
                bisect.insort(self._starts[f], low)
                self._span_at[f][low] = (high, root)
            else:
                del self._starts[f][bisect.bisect_left(self._starts[f], low)]
                del self._span_at[f][low]

    def join_if_runs_stay_apart(self, x: tuple[int, int], y: tuple[int, int]) -> bool:
        cx, cy = self.owner[x], self.owner[y]
        if cx == cy:
            return False
        spans = dict(self._spans[cx])
        for f, (low, high) in self._spans[cy].items():
            spans[f] = (min(low, spans[f][0]), max(high, spans[f][1])) if f in spans else (low, high)
        if any(self._overlaps(f, low, high, (cx, cy)) for f, (low, high) in spans.items()):
            return False
        self._index(cx, add=False)
        self._index(cy, add=False)
        for member in self.members[cy]:
            self.owner[member] = cx
        self.members[cx] |= self.members.pop(cy)
        del self._spans[cy]
        self._spans[cx] = spans
        self._index(cx, add=True)
        return True

    def attach_titles(self, docs: list[Segmented]) -> None:
        """A title line left alone joins the paragraph that follows it in its item."""
        for f, d in enumerate(docs):
            for p in d.paragraphs[:-1]:
                nxt = d.paragraphs[p.index + 1]
                if p.is_title and nxt.item == p.item and len(self.members[self.owner[(f, p.index)]]) == 1:
                    self.join_if_runs_stay_apart((f, p.index), (f, nxt.index))

    def attach_to_neighbours(self, docs: list[Segmented], scores: dict[tuple[int, int], np.ndarray]) -> None:
        """A lone paragraph of a numbered item joins the cluster next to it in the same item
        when it resembles that cluster's paragraphs in the other files (a split-off sentence
        or an added remark inside an item); a lone paragraph of an unnumbered text, or of an
        item no other file has, stays alone."""

        def score(x: tuple[int, int], y: tuple[int, int]) -> float:
            if x[0] < y[0]:
                return float(scores[(x[0], y[0])][x[1], y[1]])
            return float(scores[(y[0], x[0])][y[1], x[1]])

        for f, d in enumerate(docs):
            for p in d.paragraphs:
                key = (f, p.index)
                if p.item is None or len(self.members[self.owner[key]]) > 1:
                    continue
                options = []
                for q in (p.index - 1, p.index + 1):
                    if not 0 <= q < len(d.paragraphs) or d.paragraphs[q].item != p.item:
                        continue
                    root = self.owner[(f, q)]
                    others = [m for m in self.members[root] if m[0] != f]
                    if others:
                        options.append((max(score(key, m) for m in others), q))
                if options:
                    best, q = max(options)
                    if best >= ATTACH_THRESHOLD:
                        self.join_if_runs_stay_apart(key, (f, q))

    def absorb_gaps(self) -> None:
        """A lone paragraph between two paragraphs of one cluster belongs to that cluster."""
        for root in [r for r, c in self.members.items() if len(c) > 1]:
            cluster = self.members[root]
            for f, (low, high) in self._spans[root].items():
                for p in range(low, high + 1):
                    other = self.owner[(f, p)]
                    if other != root and len(self.members[other]) == 1:
                        del self.members[other]
                        self.owner[(f, p)] = root
                        cluster.add((f, p))


def _candidate_links(
    all_scores: dict[tuple[int, int], np.ndarray],
) -> list[tuple[float, tuple[int, int], tuple[int, int]]]:
    """Best matches in either direction between every pair of files, strongest first."""
    links = []
    for (fa, fb), scores in all_scores.items():
        best_b = scores.argmax(axis=1)
        best_a = scores.argmax(axis=0)
        pairs = {(i, int(best_b[i])) for i in range(scores.shape[0])}
        pairs |= {(int(best_a[j]), j) for j in range(scores.shape[1])}
        for i, j in pairs:
            score = float(scores[i, j])
            if score >= LINK_THRESHOLD:
                mutual = best_b[i] == j and best_a[j] == i
                # Mutual best matches are the surest evidence: they join first.
                links.append((score + (1.0 if mutual else 0.0), (fa, i), (fb, j)))
    links.sort(key=lambda link: (-link[0], link[1], link[2]))
    return links


def _order_units(clusters: list[dict[str, tuple[int, ...]]], docs: list[Segmented]) -> list[dict[str, tuple[int, ...]]]:
    """Reading order of the first file (the source, when there is one); others slot in after their neighbours."""
    sizes = {d.path: max(len(d.paragraphs), 1) for d in docs}

    def key(cluster: dict[str, tuple[int, ...]]) -> tuple[float, float]:
        for d in docs:
            if d.path in cluster:
                return (cluster[d.path][0] / sizes[d.path], docs.index(d))
        return (1.0, 0)

    return sorted(clusters, key=key)


# --- sentences -----------------------------------------------------------------------


def align_sentences(
    a: list[Sentence], b: list[Sentence], encoder: Encoder, path_a: str, path_b: str
) -> list[SentenceLink]:
    """Monotonic many-to-many sentence alignment (beads up to 3-1, 1-3, 2-2)."""
    n, m = len(a), len(b)
    if not n or not m:
        return [SentenceLink(path_a, path_b, tuple(s.index for s in a), tuple(s.index for s in b), None)] if (n or m) else []
    va = _windows(a, encoder)
    vb = _windows(b, encoder)
    best = np.full((n + 1, m + 1), -np.inf)
    back: dict[tuple[int, int], tuple[int, int, float | None]] = {}
    best[0, 0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i, j] == -np.inf:
                continue
            for di, dj in _moves():
                ni, nj = i + di, j + dj
                if ni > n or nj > m:
                    continue
                if di and dj:
                    sim = float(va[(i, di)] @ vb[(j, dj)])
                    gain = sim - SENTENCE_THRESHOLD - MERGE_PENALTY * (di + dj - 2)
                else:
                    sim, gain = None, 0.0
                if best[i, j] + gain > best[ni, nj]:
                    best[ni, nj] = best[i, j] + gain
                    back[(ni, nj)] = (di, dj, sim)
    links = []
    i, j = n, m
    while i or j:
        di, dj, sim = back[(i, j)]
        links.append(
            SentenceLink(
                path_a,
                path_b,
                tuple(s.index for s in a[i - di : i]),
                tuple(s.index for s in b[j - dj : j]),
                None if sim is None else round(sim, 4),
            )
        )
        i, j = i - di, j - dj
    return _join_gaps(links[::-1])


def _moves() -> list[tuple[int, int]]:
    moves = [(1, 0), (0, 1)]
    moves += [(i, j) for i in range(1, _MAX_BEAD + 1) for j in range(1, _MAX_BEAD + 1) if i + j <= 4]
    return moves


def _windows(sentences: list[Sentence], encoder: Encoder) -> dict[tuple[int, int], np.ndarray]:
    vectors = text_vectors(sentences, encoder)
    return {
        (start, size): _unit_mean(vectors[start : start + size])
        for start in range(len(sentences))
        for size in range(1, _MAX_BEAD + 1)
        if start + size <= len(sentences)
    }


def _join_gaps(links: list[SentenceLink]) -> list[SentenceLink]:
    """Consecutive one-sided links on the same side become one link."""
    joined: list[SentenceLink] = []
    for link in links:
        prev = joined[-1] if joined else None
        if (
            prev is not None
            and link.similarity is None
            and prev.similarity is None
            and bool(link.a_sentences) == bool(prev.a_sentences)
        ):
            joined[-1] = SentenceLink(
                link.a, link.b, prev.a_sentences + link.a_sentences, prev.b_sentences + link.b_sentences, None
            )
        else:
            joined.append(link)
    return joined


# --- units ---------------------------------------------------------------------------


def build_units(docs: list[Segmented], encoder: Encoder) -> list[Unit]:
    """Paragraph units of the compared files, with similarity figures and sentence links."""
    units = []
    for number, cluster in enumerate(align_paragraphs(docs, encoder), start=1):
        present = [d for d in docs if d.path in cluster]
        paragraphs = {d.path: [d.paragraphs[i] for i in cluster[d.path]] for d in present}
        texts = {path: plain("\n".join(p.text for p in ps)) for path, ps in paragraphs.items()}
        vectors = {path: _unit_mean(text_vectors(_sentences(ps), encoder)) for path, ps in paragraphs.items()}
        similarity = []
        links: list[SentenceLink] = []
        for da, db in itertools.combinations(present, 2):
            similarity.append(
                PairSimilarity(
                    a=da.path,
                    b=db.path,
                    cosine=round(float(vectors[da.path] @ vectors[db.path]), 4),
                    chrf=round(chrf(texts[db.path], texts[da.path]), 4) if _lang(da) == _lang(db) else None,
                )
            )
            links += align_sentences(
                _sentences(paragraphs[da.path]), _sentences(paragraphs[db.path]), encoder, da.path, db.path
            )
        units.append(
            Unit(id=str(number), paragraphs=dict(cluster), similarity=tuple(similarity), sentence_links=tuple(links))
        )
    return units


def _sentences(paragraphs: list[Paragraph]) -> list[Sentence]:
    return [s for p in paragraphs for s in p.sentences]
