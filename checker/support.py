"""Support: does another file have a sentence (or a run of sentences) that says the same thing?

A sentence is scored against every window of one to three consecutive sentences of
the other file inside the same aligned unit, by two measures that fail in
different ways: encoder cosine (weak on long sentences and on rare words) and the
IDF-weighted share of its content morphemes found in the window (blind to
paraphrase). The score mixes both, a window of several sentences pays a small
penalty (it contains more words by chance), and a near-identical meaning by
cosine alone is always enough. The weights were fitted on injected deletions
against kept, paraphrased, split and merged sentences (bench/eval_coverage.py).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .models import Analysis, Sentence

# A sentence is supported by another file from this score on.
SUPPORT_THRESHOLD = 0.54
# Said clearly enough to count as backing for a consensus.
BACKING_THRESHOLD = 0.62
# Clear enough that the pair is the same content even outside the aligned unit.
SAME_ANYWHERE = 0.7
_COSINE_WEIGHT = 0.5
_WINDOW_PENALTY = 0.08
# Cosine alone proves support from here on (deleted sentences reached 0.71 against their neighbours).
_COSINE_ALONE = 0.75
_WINDOW = 3
_MOST_WINDOWS = 40
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)+|[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*")


@dataclass(frozen=True)
class Match:
    """The best evidence that ``sentence`` is said in file ``other``."""

    sentence: Sentence
    other: str
    window: tuple[Sentence, ...]  # empty when the other file has nothing in the unit
    score: float
    cosine: float
    lexical: float


@dataclass(frozen=True)
class _Windows:
    """Unit vectors of every run of 1..3 consecutive sentences, with where each run starts."""

    vectors: np.ndarray
    starts: np.ndarray
    sizes: np.ndarray


def _windows(rows: np.ndarray) -> _Windows:
    vectors, starts, sizes = [], [], []
    for size in range(1, min(_WINDOW, len(rows)) + 1):
        sums = sum(rows[k : len(rows) - size + 1 + k] for k in range(size))
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        vectors.append(sums / np.where(norms == 0, 1, norms))
        starts.append(np.arange(len(sums)))
        sizes.append(np.full(len(sums), size))
    return _Windows(np.concatenate(vectors), np.concatenate(starts), np.concatenate(sizes))


def anchor_set(text: str) -> frozenset[str]:
    """Digit numbers and names (DeepSeek-OCR, GPT-4, LoRA): facts a rendering must keep."""
    return frozenset(m.lower() for m in _NAME.findall(text)) | frozenset(_DIGITS.findall(text))


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
        for unit in analysis.units:
            for path, indices in unit.paragraphs.items():
                doc = analysis.by_path[path]
                self._unit_sentences[(unit.id, path)] = [s for i in indices for s in doc.paragraphs[i].sentences]

    @cached_property
    def _idf(self) -> dict[str, float]:
        frequency: Counter[str] = Counter()
        total = 0
        for path in self.analysis.compared:
            for s in self.analysis.by_path[path].sentences:
                frequency.update(set(s.terms))
                total += 1
        return {term: math.log((total + 1) / (n + 1)) + 1 for term, n in frequency.items()}

    def _file_windows(self, path: str) -> _Windows:
        if path not in self._whole:
            self._whole[path] = _windows(self.vectors[path])
        return self._whole[path]

    @cached_property
    def file_anchors(self) -> dict[str, frozenset[str]]:
        """Anchors anywhere in each compared file: a name said elsewhere in a file is not new to it."""
        return {path: anchor_set(self.analysis.by_path[path].document.text) for path in self.analysis.compared}

    def sentences(self, unit_id: str, path: str) -> list[Sentence]:
        return self._unit_sentences.get((unit_id, path), [])

    def nearby(self, unit_id: str, path: str) -> list[Sentence]:
        """The file's sentences in the unit and its neighbours: files cut unit borders differently."""
        key = (unit_id, path)
        if key not in self._nearby:
            i = self._unit_position[unit_id]
            found = {s.index: s for u in self._unit_order[max(0, i - 1) : i + 2] for s in self.sentences(u, path)}
            self._nearby[key] = [found[k] for k in sorted(found)]
        return self._nearby[key]

    def lexical(self, sentence: Sentence, window: list[Sentence] | tuple[Sentence, ...]) -> float:
        """IDF-weighted share of the sentence's content morphemes that the window contains."""
        terms = set(sentence.terms)
        if not terms:
            return 0.0
        found = {t for s in window for t in s.terms}
        weight = sum(self._idf.get(t, 1.0) for t in terms)
        return sum(self._idf.get(t, 1.0) for t in terms & found) / weight

    def cosine(self, sentence: Sentence, window: list[Sentence] | tuple[Sentence, ...]) -> float:
        v = self.vectors[sentence.doc][sentence.index]
        rows = self.vectors[window[0].doc][[s.index for s in window]]
        mean = rows.sum(axis=0)
        norm = np.linalg.norm(mean)
        return float(v @ mean / norm) if norm else 0.0

    def best_match(self, sentence: Sentence, candidates: Sequence[Sentence], other: str) -> Match:
        """The window of consecutive candidates that best says what the sentence says.

        Cosines of all windows come from one matrix product; the lexical share is computed
        strongest cosine first, and stops once no remaining window could win.
        """
        best = Match(sentence, other, (), 0.0, 0.0, 0.0)
        if not candidates:
            return best
        v = self.vectors[sentence.doc][sentence.index]
        whole_file = candidates is self.analysis.by_path[other].sentences
        windows = self._file_windows(other) if whole_file else _windows(self.vectors[other][[s.index for s in candidates]])
        cosine_all = windows.vectors @ v
        start_all, size_all = windows.starts, windows.sizes
        # Whole-file searches meet thousands of windows: only the strongest by cosine can win.
        order = np.argsort(-cosine_all)[:_MOST_WINDOWS]
        for cosine, start, size in zip(cosine_all[order].tolist(), start_all[order].tolist(), size_all[order].tolist()):
            penalty = _WINDOW_PENALTY * (size - 1)
            ceiling = max(_COSINE_WEIGHT * cosine + (1 - _COSINE_WEIGHT) - penalty, cosine)
            if ceiling <= best.score:
                break  # sorted by cosine: no later window can beat the best
            window = tuple(candidates[start : start + size])
            lexical = self.lexical(sentence, window)
            score = _COSINE_WEIGHT * cosine + (1 - _COSINE_WEIGHT) * lexical - penalty
            if cosine >= _COSINE_ALONE + 0.03 * (size - 1):
                score = max(score, cosine)
            if score > best.score:
                best = Match(sentence, other, window, round(score, 4), round(cosine, 4), round(lexical, 4))
        return best

    def support(self, sentence: Sentence, unit_id: str, other: str) -> Match:
        """Best match in the other file's part of the unit (and the units beside it), or anywhere
        in the file when clearly the same.

        Outside the unit the bar is higher: units can be cut differently in each file,
        but a sentence elsewhere must say the same thing, not merely the same topic.
        """
        match = self.best_match(sentence, self.nearby(unit_id, other), other)
        if match.score >= SUPPORT_THRESHOLD:
            return match
        anywhere = self.best_match(sentence, self.analysis.by_path[other].sentences, other)
        return anywhere if anywhere.score >= SAME_ANYWHERE else match
