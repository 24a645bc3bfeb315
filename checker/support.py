"""Support: does another file have a sentence (or a run of sentences) that says the same thing?

A sentence is scored against every window of one to three consecutive sentences of
the other file inside the same aligned unit, by two measures that fail in
different ways: encoder cosine (weak on long sentences and on rare words) and the
IDF-weighted share of its content morphemes found in the window (blind to
paraphrase). English glosses in parentheses count only when the window has them
too: renderings add glosses freely, but a shared ``(sparse memory finetuning)`` is
strong evidence. The score mixes both, a window of several sentences pays a small
penalty (it contains more words by chance), and a near-identical meaning by
cosine alone is always enough. The weights were fitted on injected deletions
against kept, paraphrased, split and merged sentences (bench/eval_coverage.py).

Free paraphrases of one sentence score lower than a deleted sentence scores against
its neighbour, so a score alone cannot separate them. What does is competition: a
paraphrase and its original are each other's best match, while a deleted sentence's
nearest neighbour has a better partner of its own. Between a lower floor and the
threshold, a match supports when it is mutual.

Between languages there are no shared words, only what translation keeps as written
(inline code, names, numbers), so the cosine carries the score and competition
decides more: up to CROSS_CLEAR a match must be mutual, a merge must also be about
as long as the sentences it merges, and a loose translation is excused only where
its neighbours' partners leave room for it.
"""

from __future__ import annotations

import math
import re
import statistics
import sys
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from .models import Analysis, Sentence, SentenceVectors
from .text import CODE_SPAN, GLOSS, LABEL, anchors, facts

# A sentence is supported by another file from this score on.
SUPPORT_THRESHOLD = 0.54
# Said clearly enough to count as backing for a consensus.
BACKING_THRESHOLD = 0.62
# Clear enough that the pair is the same content even outside the aligned unit.
SAME_ANYWHERE = 0.7
# From here on, a match that is mutual (each side the other's best) supports.
MUTUAL_FLOOR = 0.4
# What stands between the partners of a sentence's neighbours renders it from this cosine on.
IN_PLACE_COSINE = 0.3
_COSINE_WEIGHT = 0.5
_WINDOW_PENALTY = 0.08
# Cosine alone proves support from here on (deleted sentences reached 0.71 against their neighbours).
_COSINE_ALONE = 0.75
_WINDOW = 3
# A whole-file search looks at the strongest windows by cosine only; sentences are scored
# against a file in blocks of this many, at most _CELLS cosines at a time, and the strongest
# windows of the last few blocks are kept.
_MOST_WINDOWS = 40
_BLOCK = 256
_CELLS = 1 << 21
_BLOCKS_KEPT = 8
# Function words inside glosses ("(learning-forgetting tradeoff frontier)" keeps its content words).
_GLOSS_STOPWORDS = frozenset({"a", "an", "and", "as", "at", "by", "e", "for", "g", "in", "of", "on", "or", "the", "to", "via", "with"})
# Between languages there is no word overlap to add: the cosine alone is the score, lowered so that the
# same thresholds hold. Translations of the Rust book scored a median 0.70 against their partner, and
# 0.35 against the best other sentence once the partner was removed (bench/eval_english.py).
_CROSS_SHIFT = 0.06
# Between languages a match under this score supports only when mutual: a sentence whose partner was
# deleted finds its neighbour's rendering at up to 0.63, and that sentence prefers its own partner.
CROSS_CLEAR = 0.64
# Code spans, names and numbers survive translation: sharing them raises a cross-language score by
# up to this much (faithful Rust-book translations: 90 -> 80 findings, no deletion missed more).
_CODE_BONUS = 0.08
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+")
_SPACE = re.compile(r"\s+")
# Between languages a sentence's best score is noisy (a faithful translation of a short sentence
# can score 0.43, an unrelated neighbour 0.35), so what is left unsaid is decided by a monotonic
# alignment of the two files' sentences around the unit, Gale and Church's length fit beside the
# cosine: a bead pays for a length that does not fit its sentences, so a deleted sentence is
# cheaper left out than merged into its neighbour's partner.
_BEAD_LENGTH = 0.4  # per unit of |log(length / expected length)|
_BEAD_MERGE = 0.02  # per sentence beyond one on each side


@dataclass(frozen=True)
class _BeadBars:
    floor: float  # a pairing gains its cosine above this
    reordered: float  # sentences left out on both sides pair up from this cosine on (a swap)


# Within one language a loose wording still scores 0.6 and more, a neighbour on the same topic
# 0.3 to 0.5: an inserted sentence merged into its neighbour's bead must not pay off.
_BARS = {True: _BeadBars(floor=0.15, reordered=0.3), False: _BeadBars(floor=0.45, reordered=0.6)}  # by crossing
# A heading of one level, or a caption of one figure or listing, is the same line in both files
# however it is worded (## 정리 / ## 요약 / ## Summary): short lines have unreliable cosines.
_SAME_STRUCTURE = 0.3
_CAPTIONS = 0.15
_HEADING = re.compile(r"\s*(#{1,6})\s")
_BEADS = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (2, 2))


# The alignment's moves: a sentence of either file left out, then the beads; a cell's back
# pointer is an index into this tuple.
_MOVES = ((1, 0), (0, 1), *_BEADS)
# Where several moves reach a cell with the same score, the one from the earliest cell wins
# (rows, then columns): the order in which a cell-by-cell loop would have met them.
_INTO_ROW = sorted((k for k, (di, _) in enumerate(_MOVES) if di), key=lambda k: (-_MOVES[k][0], -_MOVES[k][1]))
_INTO_ROW_MOVES = np.asarray(_INTO_ROW, dtype=np.int8)
_LEFT = _MOVES.index((0, 1))


def _bead_path(va: np.ndarray, vb: np.ndarray, la: list[int], lb: list[int], ka: list[str], kb: list[str],
               ratio: float, bars: _BeadBars) -> np.ndarray:
    """The best monotonic alignment of two runs of sentences (unit vectors, lengths, structure
    keys), as each cell's back pointer into ``_MOVES``.

    Worked out a row at a time with whole-row arithmetic: a bead's cosine is the sum of its
    sentences' dot products over the norms of its two sums, so no bead vector is built, and
    the only table kept is a byte per cell (a dictionary of back pointers was 150 bytes a cell,
    and a cell-by-cell loop took minutes for a long file beside a short one)."""
    n, m = len(va), len(vb)
    norms_a, norms_b = _window_norms(va), _window_norms(vb)
    sums_a, sums_b = _run_sums(np.asarray(la, dtype=np.float64)), _run_sums(np.asarray(lb, dtype=np.float64))
    kind_b = np.asarray(kb, dtype=object)
    label_b = np.asarray([k.startswith("label:") for k in kb], dtype=bool)
    back = np.zeros((n + 1, m + 1), dtype=np.int8)
    best: dict[int, np.ndarray] = {}  # the last rows' best scores
    dots: dict[int, list[np.ndarray]] = {}  # row -> run sums of its dot products with vb, by run length

    def gains(start: int, di: int, dj: int) -> np.ndarray:
        """What a bead of ``di`` sentences of a from row ``start`` and ``dj`` of b gains, from
        each column: its cosine above the floor, less its misfit in length and its merge."""
        dot = sum(dots[start + x][dj - 1] for x in range(di))
        cosine = dot / (norms_a[di - 1][start] * norms_b[dj - 1])
        misfit = np.abs(np.log((sums_b[dj - 1] + 10) / (ratio * sums_a[di - 1][start] + 10)))
        return cosine - bars.floor - _BEAD_LENGTH * misfit - _BEAD_MERGE * (di + dj - 2)

    for i in range(n + 1):
        if i < n:
            dots[i] = _run_sums(vb @ va[i])
        into = np.full((len(_INTO_ROW), m + 1), -np.inf)
        if i == 0:
            into[0, 0] = 0.0
        for row, k in enumerate(_INTO_ROW):
            di, dj = _MOVES[k]
            start = i - di  # the row this move comes from
            if start < 0 or dj > m:
                continue
            reached = best[start][: m + 1 - dj]
            if dj:
                reached = reached + gains(start, di, dj)
                if (di, dj) == (1, 1) and ka[start]:
                    # two headings of one level, two captions of one label: short lines, unreliable cosines
                    same = np.maximum(reached, best[start][:m] + _SAME_STRUCTURE)
                    reached = np.where(kind_b == ka[start], same, reached)
                    if ka[start].startswith("label:"):  # another edition numbers its listings its own way
                        reached = np.where(label_b, np.maximum(reached, best[start][:m] + _CAPTIONS), reached)
            into[row, dj:] = reached
        first = np.argmax(into, axis=0)  # the first of equal scores
        reached = into[first, np.arange(m + 1)]
        row_best = np.maximum.accumulate(reached)  # a sentence of b left out costs nothing
        back[i] = np.where(reached < row_best, _LEFT, _INTO_ROW_MOVES[first])
        best[i] = row_best
        best.pop(i - 3, None)
        dots.pop(i - 3, None)
    return back


def _window_norms(vectors: np.ndarray) -> list[np.ndarray]:
    """The norms of the sums of 1, 2 and 3 consecutive vectors, by run length (inf for a zero
    sum: a cosine with it is 0)."""
    windows = _windows(vectors)
    return [windows.norms[windows.sizes == size] for size in range(1, _WINDOW + 1)]


@dataclass(frozen=True, slots=True)
class Match:
    """The best evidence that ``sentence`` is said in file ``other``."""

    sentence: Sentence
    other: str
    window: tuple[Sentence, ...]  # empty when the other file has nothing in the unit
    score: float
    cosine: float
    lexical: float
    mutual: bool = False  # the window's sentence has this sentence as its own best match
    in_place: bool = False  # the window stands where the sentence's neighbours say it should
    contested: bool = False  # between languages, the window's sentence is another sentence's partner

    @property
    def supported(self) -> bool:
        if self.in_place or (self.mutual and self.score >= MUTUAL_FLOOR):
            return True
        return self.score >= SUPPORT_THRESHOLD and not self.contested


@dataclass(frozen=True)
class _Windows:
    """Every run of 1..3 consecutive sentences: where it starts, its size, and the norm of its
    summed vectors. A window's cosine with a sentence is the sum of its sentences' dot products
    over that norm, so no window vector is kept (three per sentence: 390 MB for a 16 MB file)."""

    starts: np.ndarray
    sizes: np.ndarray
    norms: np.ndarray

    def cosines(self, dots: np.ndarray) -> np.ndarray:
        """Cosines of every window with the vectors whose dot products with the sentences are
        ``dots`` (a row per vector, a column per sentence, or one row as a flat array)."""
        return np.concatenate(_run_sums(dots), axis=-1) / self.norms


def _windows(rows: np.ndarray | SentenceVectors) -> _Windows:
    """The windows of consecutive rows. A window's squared norm is the sum of its rows' squared
    norms and twice their dot products, worked out a block at a time: the summed vectors of a
    long file's windows would be three times its vectors."""
    n = len(rows)
    squares, next_dots, skip_dots = np.zeros(n), np.zeros(max(n - 1, 0)), np.zeros(max(n - 2, 0))
    for start in range(0, n, _BLOCK):
        block = np.asarray(rows[start : start + _BLOCK + 2], dtype=np.float64)
        end = start + min(_BLOCK, len(block))
        squares[start:end] = np.einsum("ij,ij->i", block, block)[: end - start]
        next_dots[start : min(end, n - 1)] = np.einsum("ij,ij->i", block[:-1], block[1:])[: min(end, n - 1) - start]
        skip_dots[start : min(end, n - 2)] = np.einsum("ij,ij->i", block[:-2], block[2:])[: min(end, n - 2) - start]
    by_size = [squares]
    if n >= 2:
        by_size.append(squares[:-1] + squares[1:] + 2 * next_dots)
    if n >= 3:
        by_size.append(squares[:-2] + squares[1:-1] + squares[2:] + 2 * (next_dots[:-1] + next_dots[1:] + skip_dots))
    by_size = by_size[:_WINDOW]
    norms = np.sqrt(np.clip(np.concatenate(by_size), 0, None))
    starts = np.concatenate([np.arange(len(s)) for s in by_size])
    sizes = np.concatenate([np.full(len(s), size) for size, s in enumerate(by_size, 1)])
    # a window of zero vectors has cosine 0 with anything
    return _Windows(starts, sizes, np.where(norms == 0, np.inf, norms))


def _run_sums(values: np.ndarray) -> list[np.ndarray]:
    """Sums over every run of 1..3 consecutive columns (the last axis), one array per run length."""
    n = values.shape[-1]
    return [sum(values[..., k : n - size + 1 + k] for k in range(size)) for size in range(1, min(_WINDOW, n) + 1)]


@dataclass(frozen=True, slots=True)
class _Features:
    """What the scores read of one sentence, worked out once. Kept for every sentence of the run,
    so each part is a tuple of interned words, each word once (a set costs 200 bytes and more:
    sets were two thirds of it), and a sentence's terms are its own when none repeats."""

    terms: tuple[str, ...]
    gloss_only: tuple[str, ...]  # words of its English glosses that are not also terms
    anchors: tuple[str, ...]
    own_anchors: tuple[str, ...]  # outside glosses: a rendering may drop a gloss
    labels: frozenset[str]  # figure, listing and table numbers
    structure: str  # "#2" for a heading, "label:4-7" for a caption, else ""
    code: tuple[str, ...]  # what a translation keeps as written: inline code, names, numbers

    @classmethod
    def of(cls, sentence: Sentence) -> _Features:
        text, terms = sentence.text, sentence.terms
        words = (w.lower() for g in GLOSS.findall(text) for w in _LATIN_WORD.findall(g))
        found = anchors(text)
        unglossed = GLOSS.sub("", text)
        code = frozenset(m.group().strip("`").strip().lower() for m in CODE_SPAN.finditer(text))
        return cls(
            terms=terms if len(set(terms)) == len(terms) else tuple(dict.fromkeys(terms)),
            gloss_only=_words(dict.fromkeys(w for w in words if w not in _GLOSS_STOPWORDS and w not in terms)),
            anchors=_words(found),
            own_anchors=_words(found if unglossed == text else anchors(unglossed)),
            labels=frozenset(LABEL.findall(text)) or _NONE,
            structure=_structure(text),
            code=_words(code | found),
        )


def _words(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sys.intern(w) for w in words)


_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Bead:
    """Sentences of a reference and of a rendering that the alignment pairs (1-1 up to 3-1, 2-2)."""

    reference: tuple[Sentence, ...]
    rendering: tuple[Sentence, ...]


@dataclass(frozen=True)
class _Alignment:
    beads: tuple[Bead, ...]
    left_out: frozenset[tuple[str, int]]  # (doc, index) of the sentences without a partner


class SupportIndex:
    """Sentences of the compared files by unit, with vectors and term weights."""

    def __init__(self, analysis: Analysis):
        self.analysis = analysis
        self.vectors = analysis.sentence_vectors
        self._unit_sentences: dict[tuple[str, str], list[Sentence]] = {}
        self._unit_position = {u.id: i for i, u in enumerate(analysis.units)}
        self._unit_order = [u.id for u in analysis.units]
        self._nearby: dict[tuple[str, str], list[Sentence]] = {}
        self._whole: dict[str, _Windows] = {}
        self._some: dict[tuple[str, tuple[int, ...]], _Windows] = {}
        self._closest: OrderedDict[tuple[str, int, str], tuple[np.ndarray, np.ndarray]] = OrderedDict()  # by block
        # by file, a slot per sentence: a dictionary keyed by (file, index) was 150 bytes an entry
        self._feature_cache: dict[str, list[_Features | None]] = {}
        self._weights: dict[str, list[float | None]] = {}
        # omission asks whether a reference's sentence is said here, addition the same question
        # from the other side: across the renderings they are the same questions, answered once
        self._support: dict[tuple[str, int, str, str], Match] = {}
        self._ratios: dict[tuple[str, str], float] = {}
        self._alignments: dict[tuple[str, str, str], _Alignment] = {}
        for unit in analysis.units:
            for path, indices in unit.paragraphs.items():
                doc = analysis.by_path[path]
                self._unit_sentences[(unit.id, path)] = [s for i in indices for s in doc.paragraphs[i].sentences]

    def crosses(self, a: str, b: str) -> bool:
        """Are the two files in different languages? Then words cannot be compared, only meaning."""
        by_path = self.analysis.by_path
        return by_path[a].document.lang != by_path[b].document.lang

    @cached_property
    def _idf(self) -> dict[str, float]:
        frequency: Counter[str] = Counter()
        total = 0
        for path in self.analysis.compared:
            for s in self.analysis.by_path[path].sentences:
                features = self._features(s)
                frequency.update(features.terms)
                frequency.update(features.gloss_only)
                total += 1
        return {term: math.log((total + 1) / (n + 1)) + 1 for term, n in frequency.items()}

    def _candidate_windows(self, candidates: Sequence[Sentence]) -> _Windows:
        key = (candidates[0].doc, tuple(s.index for s in candidates))
        if key not in self._some:
            self._some[key] = _windows(self.vectors[candidates[0].doc][list(key[1])])
        return self._some[key]

    def _strongest(self, sentence: Sentence, other: str) -> tuple[np.ndarray, np.ndarray]:
        """The other file's windows closest to the sentence by cosine, strongest first, with their
        cosines: only these can win a whole-file search.

        Worked out for a block of the sentence's neighbours at once (one matrix product instead of
        one pass over every window of a long file per sentence), and kept for the last few blocks:
        sentences are asked about in file order, and 480 bytes a sentence were 45 MB for 20 MB."""
        block = sentence.index // _BLOCK * _BLOCK
        key = (sentence.doc, block, other)
        if key in self._closest:
            self._closest.move_to_end(key)
        else:
            self._closest[key] = self._block_strongest(sentence.doc, block, other)
            if len(self._closest) > _BLOCKS_KEPT:
                self._closest.popitem(last=False)
        order, strongest = self._closest[key]
        return order[sentence.index - block], strongest[sentence.index - block]

    def _block_strongest(self, path: str, block: int, other: str) -> tuple[np.ndarray, np.ndarray]:
        """The strongest windows of the block's sentences, in two arrays (two small arrays a sentence
        cost 860 bytes); the cosines are worked out a bounded piece at a time: a block's cosines with
        every window of a long file would be gigabytes."""
        rows = self.vectors[path][block : block + _BLOCK]
        windows = self._file_windows(other)
        keep = min(_MOST_WINDOWS, len(windows.norms))
        order, strongest = np.empty((len(rows), keep), dtype=np.int32), np.empty((len(rows), keep))
        step = max(1, _CELLS // len(windows.norms))
        for at in range(0, len(rows), step):
            cosines = windows.cosines(self.vectors[other].dots(rows[at : at + step]))
            top = np.argpartition(-cosines, keep - 1, axis=1)[:, :keep]
            for i, (row, ids) in enumerate(zip(cosines, top), at):
                ids = ids[np.argsort(-row[ids])]
                order[i], strongest[i] = ids, row[ids]
        return order, strongest

    def _file_windows(self, path: str) -> _Windows:
        if path not in self._whole:
            self._whole[path] = _windows(self.vectors[path])
        return self._whole[path]

    @cached_property
    def _file_labels(self) -> dict[str, frozenset[str]]:
        """The figure, listing and table numbers each compared file names."""
        return {
            path: frozenset(label for s in self.analysis.by_path[path].sentences for label in self._features(s).labels)
            for path in self.analysis.compared
        }

    @cached_property
    def file_anchors(self) -> dict[str, frozenset[str]]:
        """Anchors anywhere in each compared file: a name said elsewhere in a file is not new to it."""
        return {path: anchors(self.analysis.by_path[path].document.text) for path in self.analysis.compared}

    def sentences(self, unit_id: str, path: str) -> list[Sentence]:
        return self._unit_sentences.get((unit_id, path), [])

    @cached_property
    def _unit_lengths(self) -> dict[tuple[str, str], int]:
        return {key: sum(length(s.text) for s in found) for key, found in self._unit_sentences.items()}

    def length_ratio(self, path: str, reference: str) -> float:
        """The rendering's usual length for one character of the reference: the median over the
        units both files have (a few long units must not set it), else over the whole files."""
        key = (path, reference)
        if key not in self._ratios:
            sizes = [(self._unit_lengths.get((u, path), 0), self._unit_lengths.get((u, reference), 0)) for u in self._unit_order]
            ratios = [a / b for a, b in sizes if a and b]
            whole = sum(a for a, _ in sizes) / max(1, sum(b for _, b in sizes))
            self._ratios[key] = statistics.median(ratios) if len(ratios) >= 3 else (whole or 1.0)
        return self._ratios[key]

    def unaligned(self, unit_id: str, path: str, reference: str) -> frozenset[tuple[str, int]]:
        """(doc, index) of the sentences, of either file, that a monotonic alignment of the two
        files around the unit leaves without a partner."""
        return self._alignment(unit_id, path, reference).left_out

    def beads(self, unit_id: str, path: str, reference: str) -> tuple[Bead, ...]:
        """The pairs of that alignment whose rendering side has a sentence of the unit."""
        own = {(s.doc, s.index) for s in self.sentences(unit_id, path)}
        return tuple(
            b for b in self._alignment(unit_id, path, reference).beads
            if any((s.doc, s.index) in own for s in b.rendering)
        )

    def _alignment(self, unit_id: str, path: str, reference: str) -> _Alignment:
        key = (unit_id, path, reference)
        if key not in self._alignments:
            self._alignments[key] = self._align(self.nearby(unit_id, reference), self.nearby(unit_id, path), path, reference)
        return self._alignments[key]

    def _align(self, a: list[Sentence], b: list[Sentence], path: str, reference: str) -> _Alignment:
        if not a or not b:
            return _Alignment((), frozenset((s.doc, s.index) for s in (*a, *b)))
        va = np.asarray(self.vectors[reference][[s.index for s in a]], dtype=np.float64)
        vb = np.asarray(self.vectors[path][[s.index for s in b]], dtype=np.float64)
        bars = _BARS[self.crosses(path, reference)]
        back = _bead_path(
            va, vb, [length(s.text) for s in a], [length(s.text) for s in b],
            [self._features(s).structure for s in a], [self._features(s).structure for s in b],
            self.length_ratio(path, reference), bars,
        )
        left_a, left_b, beads = [], [], []
        i, j = len(a), len(b)
        while i or j:
            di, dj = _MOVES[back[i, j]]
            if not dj:
                left_a.append(i - 1)
            elif not di:
                left_b.append(j - 1)
            else:
                beads.append(Bead(tuple(a[i - di:i]), tuple(b[j - dj:j])))
            i, j = i - di, j - dj
        # A monotonic alignment cannot cross: a translator who swaps two sentences leaves one of
        # them out on each side. Left-out sentences of both files that are related pair up.
        cosines = va[left_a] @ vb[left_b].T if left_a and left_b else np.zeros((0, 0))
        close = zip(*np.nonzero(cosines >= bars.reordered))
        related = sorted(((float(cosines[x, y]), left_a[x], left_b[y]) for x, y in close), reverse=True)
        paired_a, paired_b = set(), set()
        for _, x, y in related:
            if x not in paired_a and y not in paired_b:
                paired_a.add(x)
                paired_b.add(y)
                beads.append(Bead((a[x],), (b[y],)))
        left_out = frozenset(
            [(a[x].doc, a[x].index) for x in left_a if x not in paired_a]
            + [(b[y].doc, b[y].index) for y in left_b if y not in paired_b]
        )
        return _Alignment(tuple(sorted(beads, key=lambda b: b.rendering[0].index)), left_out)

    def nearby(self, unit_id: str, path: str) -> list[Sentence]:
        """The file's sentences in the unit and its neighbours: files cut unit borders differently."""
        key = (unit_id, path)
        if key not in self._nearby:
            i = self._unit_position[unit_id]
            found = {s.index: s for u in self._unit_order[max(0, i - 1) : i + 2] for s in self.sentences(u, path)}
            self._nearby[key] = [found[k] for k in sorted(found)]
        return self._nearby[key]

    def lexical(self, sentence: Sentence, window: list[Sentence] | tuple[Sentence, ...]) -> float:
        """IDF-weighted share of the sentence's content morphemes that the window contains;
        gloss words count only where the window has them.

        A window of several sentences contains many words by chance: it must also be mostly
        said by the sentence (a merge), so its share is the geometric mean of both directions.
        """
        share = self._share(sentence, window)
        if len(window) < 2:
            return share
        back = sum(self._share(s, (sentence,)) * len(s.terms) for s in window) / max(1, sum(len(s.terms) for s in window))
        return math.sqrt(share * back)

    def _share(self, sentence: Sentence, window: list[Sentence] | tuple[Sentence, ...]) -> float:
        mine = self._features(sentence)
        found = frozenset().union(*(part for s in window for part in self._offered(s)))
        shared_glosses = [w for w in mine.gloss_only if w in found]
        if not mine.terms and not shared_glosses:
            return 0.0
        idf = self._idf
        bonus = sum(idf.get(t, 1.0) for t in shared_glosses)
        return (sum(idf.get(t, 1.0) for t in mine.terms if t in found) + bonus) / (self._weight(sentence) + bonus)

    def _weight(self, sentence: Sentence) -> float:
        """IDF weight of all the sentence's terms."""
        slots = self._slots(self._weights, sentence.doc)
        if slots[sentence.index] is None:
            slots[sentence.index] = sum(self._idf.get(t, 1.0) for t in self._features(sentence).terms)
        return slots[sentence.index]

    def _kept_anchors(self, sentence: Sentence, window: tuple[Sentence, ...]) -> float:
        """Share of the sentence's numbers and names the window has (1.0 with fewer than two);
        0 when the window names other figures, listings or tables and not the sentence's, where
        the other file numbers them as this one does (it names the sentence's label somewhere).
        Another edition renumbers its figures: there a label says nothing about the content."""
        mine = self._features(sentence)
        if mine.labels:
            theirs = frozenset().union(*(self._features(s).labels for s in window))
            if theirs and not mine.labels & theirs and mine.labels & self._file_labels[window[0].doc]:
                return 0.0
        if len(mine.own_anchors) < 2:
            return 1.0
        theirs = frozenset().union(*(self._features(s).anchors for s in window))
        return sum(a in theirs for a in mine.own_anchors) / len(mine.own_anchors)

    def _offered(self, sentence: Sentence) -> tuple[frozenset[str], frozenset[str]]:
        """What a window's sentence offers: its terms and its gloss words (not kept as one set)."""
        features = self._features(sentence)
        return features.terms, features.gloss_only

    def _features(self, sentence: Sentence) -> _Features:
        slots = self._slots(self._feature_cache, sentence.doc)
        if slots[sentence.index] is None:
            slots[sentence.index] = _Features.of(sentence)
        return slots[sentence.index]

    def _slots(self, cache: dict[str, list], path: str) -> list:
        if path not in cache:
            cache[path] = [None] * len(self.analysis.by_path[path].sentences)
        return cache[path]

    def cosine(self, sentence: Sentence, window: list[Sentence] | tuple[Sentence, ...]) -> float:
        v = self.vectors[sentence.doc][sentence.index]
        rows = self.vectors[window[0].doc][[s.index for s in window]]
        mean = rows.sum(axis=0)
        norm = np.linalg.norm(mean)
        return float(v @ mean / norm) if norm else 0.0

    def best_match(
        self, sentence: Sentence, candidates: Sequence[Sentence], other: str, anchored: bool = True, floor: float = 0.0
    ) -> Match:
        """The window of consecutive candidates that best says what the sentence says.

        ``anchored`` (the default) refuses windows that lack most of the sentence's numbers and
        names; the number check turns it off, since changed numbers are what it looks for.
        Windows that cannot reach ``floor`` are not scored (an empty match when none does).

        Cosines of all windows come from one matrix product; the lexical share is computed
        strongest cosine first, and stops once no remaining window could win.
        """
        best = Match(sentence, other, (), 0.0, 0.0, 0.0)
        if not candidates:
            return best
        cross = self.crosses(sentence.doc, other)
        if candidates is self.analysis.by_path[other].sentences:
            windows = self._file_windows(other)
            order, cosines = self._strongest(sentence, other)
        else:
            windows = self._candidate_windows(candidates)
            rows = self.vectors[candidates[0].doc][[s.index for s in candidates]]
            cosine_all = windows.cosines(rows @ self.vectors[sentence.doc][sentence.index])
            order = np.argsort(-cosine_all)[:_MOST_WINDOWS]
            cosines = cosine_all[order]
        starts, sizes = windows.starts[order].tolist(), windows.sizes[order].tolist()
        for cosine, start, size in zip(cosines.tolist(), starts, sizes):
            if cross:
                ceiling = cosine - _CROSS_SHIFT + _CODE_BONUS
            else:
                ceiling = max(_COSINE_WEIGHT * cosine + (1 - _COSINE_WEIGHT), cosine)
            bar = max(best.score, floor)
            if ceiling <= bar:
                break  # sorted by cosine: no later window, of any size, can beat the best
            penalty = _WINDOW_PENALTY * (size - 1)
            if ceiling - penalty <= bar:
                continue
            window = tuple(candidates[start : start + size])
            if cross:
                lexical = self._code_share(sentence, window)
                score = cosine - _CROSS_SHIFT + _CODE_BONUS * lexical - penalty
            else:
                lexical = self.lexical(sentence, window)
                score = _COSINE_WEIGHT * cosine + (1 - _COSINE_WEIGHT) * lexical - penalty
            if anchored and self._kept_anchors(sentence, window) < 0.5:
                # A window without most of the sentence's numbers and names does not say it:
                # a sentence on 80M and 300M parameters is not one on 1024x1024 images.
                score = min(score, MUTUAL_FLOOR - 0.01)
            elif not cross and cosine >= _COSINE_ALONE + 0.03 * (size - 1):
                score = max(score, cosine)
            if score > best.score and score >= floor:
                best = Match(sentence, other, window, round(score, 4), round(cosine, 4), round(lexical, 4))
        return best

    def support(self, sentence: Sentence, unit_id: str, other: str) -> Match:
        """Best match in the other file's part of the unit (and the units beside it), or anywhere
        in the file when clearly the same.

        Outside the unit the bar is higher: units can be cut differently in each file,
        but a sentence elsewhere must say the same thing, not merely the same topic.
        """
        key = (sentence.doc, sentence.index, unit_id, other)
        if key not in self._support:
            self._support[key] = self._find_support(sentence, unit_id, other)
        return self._support[key]

    def _find_support(self, sentence: Sentence, unit_id: str, other: str) -> Match:
        match = self.best_match(sentence, self.nearby(unit_id, other), other)
        cross = self.crosses(sentence.doc, other)
        if match.score >= (CROSS_CLEAR if cross else SUPPORT_THRESHOLD):
            return match
        if match.score >= MUTUAL_FLOOR and self._is_mutual(match, unit_id):
            return replace(match, mutual=True)
        if match.score >= SUPPORT_THRESHOLD:
            match = replace(match, contested=True)
        anywhere = self.best_match(sentence, self.analysis.by_path[other].sentences, other, floor=SAME_ANYWHERE)
        if anywhere.score >= SAME_ANYWHERE:
            return anywhere
        return self._in_place(sentence, unit_id, other) or match

    def _in_place(self, sentence: Sentence, unit_id: str, other: str) -> Match | None:
        """A loose rendering of the sentence: its neighbours are clearly said in the other file,
        and what stands between their partners there is one or two sentences, related in meaning
        (cosine from IN_PLACE_COSINE), that no other sentence here claims even loosely (a
        remnant of a split sentence belongs to its other half).

        A deleted sentence leaves nothing between its neighbours' partners, an inserted one has
        none to stand beside: neither is excused. Only between languages: translations are looser
        than paraphrase, while in one language a sentence put in another's place is news.
        """
        if not self.crosses(sentence.doc, other):
            return None  # within one language a paraphrase scores high enough; a substitution is news
        mine = self.sentences(unit_id, sentence.doc)
        theirs = self.sentences(unit_id, other)
        position = next((i for i, s in enumerate(mine) if s.index == sentence.index), None)
        if position is None or not theirs:
            return None
        order = {s.index: i for i, s in enumerate(theirs)}
        low, high = 0, len(theirs)
        if position > 0:
            left = self.best_match(mine[position - 1], theirs, other)
            if left.score < SUPPORT_THRESHOLD:
                return None
            low = order[left.window[-1].index] + 1
        if position + 1 < len(mine):
            right = self.best_match(mine[position + 1], theirs, other)
            if right.score < SUPPORT_THRESHOLD:
                return None
            high = order[right.window[0].index]
        gap = tuple(theirs[low:high])
        cosine = self.cosine(sentence, gap) if 1 <= len(gap) <= 2 else 0.0
        if cosine < IN_PLACE_COSINE:
            return None
        for t in gap:
            claim = self.best_match(t, mine, sentence.doc)
            if claim.score >= MUTUAL_FLOOR and all(s.index != sentence.index for s in claim.window):
                return None  # the sentence between is another sentence's rendering
        return Match(sentence, other, gap, round(cosine, 4), round(cosine, 4), 0.0, in_place=True)

    def _code_share(self, sentence: Sentence, window: tuple[Sentence, ...]) -> float:
        """Share of the sentence's code, names and numbers that the window has; a sentence
        with a single one counts half, since one shared name is common between neighbours."""
        mine = self._features(sentence).code
        if not mine:
            return 0.0
        theirs = frozenset().union(*(self._features(s).code for s in window))
        return sum(c in theirs for c in mine) / len(mine) * min(1.0, len(mine) / 2)

    @cached_property
    def _chars(self) -> dict[str, int]:
        return {p: sum(len(s.text) for s in self.analysis.by_path[p].sentences) for p in self.analysis.compared}

    def _length_misfit(self, sentence: Sentence, window: tuple[Sentence, ...]) -> float:
        """How far the window's length is from what a rendering of the sentence would have, by the
        two files' overall length ratio (log scale: 0 is a perfect fit)."""
        other = window[0].doc
        expected = len(sentence.text) * self._chars[other] / max(1, self._chars[sentence.doc])
        return abs(math.log(max(1, sum(len(s.text) for s in window)) / max(1.0, expected)))

    def _is_mutual(self, match: Match, unit_id: str) -> bool:
        """Is the sentence in the best window of its partner (the window's closest sentence)?"""
        sentence = match.sentence
        partner = max(match.window, key=lambda s: self.cosine(sentence, (s,)))
        back = self.best_match(partner, self.nearby(unit_id, sentence.doc), sentence.doc)
        if back.score < MUTUAL_FLOOR:
            return False
        if any(s.index == sentence.index for s in back.window):
            return True
        return self._completes(sentence, back)

    def _completes(self, sentence: Sentence, back: Match) -> bool:
        """A split: the partner's best window is the sentence's neighbour, and adding the
        sentence says more of the partner than the neighbour alone (before any window penalty).
        Between languages the lengths must agree too: the neighbour alone is not a better fit for
        the partner's length (a rendering of two sentences is longer than one of either)."""
        window = back.window
        if len(window) >= _WINDOW:
            return False
        if sentence.index == window[-1].index + 1:
            extended = (*window, sentence)
        elif sentence.index == window[0].index - 1:
            extended = (sentence, *window)
        else:
            return False
        partner = back.sentence
        cross = self.crosses(partner.doc, sentence.doc)
        if cross and self._length_misfit(partner, extended) > self._length_misfit(partner, window):
            return False  # Gale and Church's signal: a merge is about as long as both sentences together

        def says(part: tuple[Sentence, ...]) -> float:
            if cross:
                return self.cosine(partner, part)
            return _COSINE_WEIGHT * self.cosine(partner, part) + (1 - _COSINE_WEIGHT) * self._share(partner, part)

        return says(extended) >= says(window)


def _structure(text: str) -> str:
    """What kind of line the sentence is, when it is a heading or a caption: ``#2``, ``label:4-7``."""
    heading = _HEADING.match(text)
    if heading:
        return f"#{len(heading.group(1))}"
    label = LABEL.match(text.strip())
    return f"label:{label.group(1)}" if label else ""


# A sentence this short (characters without spaces), with no number, name or code, frames the
# text ("We'd do so like this:", "기억하세요!"): translators add, drop, split off and merge such
# lines freely, so a difference in one is a note, not a warning.
_FRAMING_LENGTH = {"ko": 34, "en": 45}
# A line that announces what follows ("`for` 반복문은 다음 예제 3-6과 같습니다:") frames it too, up to
# half as long again, whatever code or label it names.
_ANNOUNCING = 1.5


def framing(text: str, lang: str) -> bool:
    """Is the sentence a short line of framing, with no fact in it?"""
    bar = _FRAMING_LENGTH.get(lang, 20)
    if text.rstrip().endswith(":") and length(text) <= _ANNOUNCING * bar and not facts(text):
        return True
    return length(text) <= bar and not anchors(text) and not CODE_SPAN.search(text)


def length(text: str) -> int:
    """Characters that carry text: spaces and line breaks differ between files and languages."""
    return len(_SPACE.sub("", text))


def unsupported_confidence(best: float, anchored: bool) -> float:
    """How sure a finding of unsupported content is: far below the support threshold, or carrying a fact: surer."""
    distance = max(0.0, SUPPORT_THRESHOLD - best) / SUPPORT_THRESHOLD
    return 0.5 + 0.35 * distance + (0.15 if anchored else 0.0)
