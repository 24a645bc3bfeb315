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

import itertools
from dataclasses import dataclass

import numpy as np

from .embed import Encoder
from .models import (
    DigestGroup,
    PairSimilarity,
    Paragraph,
    Segmented,
    Sentence,
    SentenceLink,
    Unit,
)
from .text import kept_tokens, plain

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


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def chrf(hypothesis: str, reference: str) -> float:
    from sacrebleu.metrics import CHRF

    return CHRF().sentence_score(hypothesis, [reference]).score / 100.0


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
    return encoder.encode([plain(s.text) or s.text for s in sentences])


def paragraph_vector(paragraph: Paragraph, encoder: Encoder) -> np.ndarray:
    return _unit_mean(text_vectors(list(paragraph.sentences), encoder))


def _side(doc: Segmented, encoder: Encoder) -> _Side:
    vectors = np.stack([paragraph_vector(p, encoder) for p in doc.paragraphs]) if doc.paragraphs else np.zeros((0, 1))
    return _Side(doc, vectors, tuple(kept_tokens(p.text) for p in doc.paragraphs))


def _scores(a: _Side, b: _Side) -> np.ndarray:
    """Paragraph-by-paragraph match score: cosine, raised by shared anchors."""
    cosine = a.vectors @ b.vectors.T
    bonus = np.array([[_jaccard(x, y) for y in b.anchors] for x in a.anchors]).reshape(cosine.shape)
    return cosine + 0.5 * bonus * (1 - cosine)


def _position_gap(a: _Side, b: _Side) -> np.ndarray:
    """Distance between relative positions in the two files (0 = same place, 1 = opposite ends)."""
    pa = (np.arange(len(a.doc.paragraphs)) + 0.5) / len(a.doc.paragraphs)
    pb = (np.arange(len(b.doc.paragraphs)) + 0.5) / len(b.doc.paragraphs)
    return np.abs(pa[:, None] - pb[None, :])


def _lang(doc: Segmented) -> str:
    return doc.document.lang


# --- digest groups -------------------------------------------------------------------


def document_similarity(a: Segmented, b: Segmented, encoder: Encoder) -> PairSimilarity:
    """How well the paragraphs of two files find partners in each other (0..1)."""
    sa, sb = _side(a, encoder), _side(b, encoder)
    scores = _scores(sa, sb)
    weights_a = np.array([len(p.text) for p in a.paragraphs], dtype=float)
    weights_b = np.array([len(p.text) for p in b.paragraphs], dtype=float)
    a_to_b = float(np.average(scores.max(axis=1), weights=weights_a))
    b_to_a = float(np.average(scores.max(axis=0), weights=weights_b))
    same_lang = _lang(a) == _lang(b)
    names_a, names_b = kept_tokens(a.document.text), kept_tokens(b.document.text)
    shared = None
    if min(len(names_a), len(names_b)) >= _FEW_ANCHORS:
        shared = round(len(names_a & names_b) / min(len(names_a), len(names_b)), 4)
    return PairSimilarity(
        a=a.path,
        b=b.path,
        cosine=round((a_to_b + b_to_a) / 2, 4),
        chrf=round(chrf(a.document.text, b.document.text), 4) if same_lang else None,
        anchors=shared,
    )


def digest_score(sim: PairSimilarity) -> float:
    """One figure for "same digest": cosine and shared anchors, or cosine alone when anchors are few."""
    if sim.anchors is None:
        return round(sim.cosine * DIGEST_THRESHOLD / DIGEST_COSINE_ONLY, 4)
    return round((sim.cosine + sim.anchors) / 2, 4)


def group_digests(
    docs: list[Segmented], similarities: dict[tuple[str, str], PairSimilarity], source: str | None
) -> list[DigestGroup]:
    """Files linked by a similarity above DIGEST_THRESHOLD form one group.

    The main group (id 0) holds the source, or else the most files (ties: the
    earliest file); the other groups follow in file order.
    """
    parent = {d.path: d.path for d in docs}

    def find(p: str) -> str:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    for (a, b), sim in similarities.items():
        if digest_score(sim) >= DIGEST_THRESHOLD:
            parent[find(a)] = find(b)
    members: dict[str, list[str]] = {}
    for d in docs:
        members.setdefault(find(d.path), []).append(d.path)
    order = [d.path for d in docs]
    clusters = sorted(members.values(), key=lambda m: order.index(m[0]))
    if source is not None:
        main = next(m for m in clusters if source in m)
    else:
        main = max(clusters, key=len)  # max keeps the first of equals: the earliest file
    ranked = [main] + [m for m in clusters if m is not main]
    return [DigestGroup(id=i, paths=tuple(m)) for i, m in enumerate(ranked)]


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
    """Union of paragraphs (file, index) under the rule that clusters never interleave."""

    def __init__(self, sizes: list[int]):
        self.owner = {(f, p): (f, p) for f, n in enumerate(sizes) for p in range(n)}
        self.members = {key: {key} for key in self.owner}

    def _span(self, cluster: set[tuple[int, int]], f: int) -> tuple[int, int] | None:
        idx = [p for ff, p in cluster if ff == f]
        return (min(idx), max(idx)) if idx else None

    def join_if_runs_stay_apart(self, x: tuple[int, int], y: tuple[int, int]) -> bool:
        cx, cy = self.owner[x], self.owner[y]
        if cx == cy:
            return False
        merged = self.members[cx] | self.members[cy]
        for f in {ff for ff, _ in merged}:
            low, high = self._span(merged, f)
            for root, cluster in self.members.items():
                if root in (cx, cy) or len(cluster) == 1:
                    continue  # lone paragraphs in between are absorbed at the end
                span = self._span(cluster, f)
                if span and span[0] <= high and low <= span[1]:
                    return False
        for key in self.members.pop(cy):
            self.owner[key] = cx
        self.members[cx] = merged
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
            for f in {ff for ff, _ in cluster}:
                low, high = self._span(cluster, f)
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
