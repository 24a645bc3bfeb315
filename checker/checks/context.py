"""What every check reads: the analysis, and the services built from it once per run.

The support index and the terminology are the two most expensive builds; they are made on
first use and shared by every check that asks, so each (sentence, file) question is
answered once. The reference policy (what a rendering is judged against) is decided here,
once, for every check.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from ..coverage import Coverage, Judged
from ..embed import Encoder
from ..kiwi import kiwi
from ..models import Analysis, ReferenceMode, Sentence
from ..support import SupportIndex
from ..terminology import Glossary, Terminology, build_terminology
from ..terminology.repaired import is_repaired, on_uncertain

# Lines before a digest's first numbered item count as its header only when the item comes
# this early: a book's first list comes after pages of prose.
_HEADER_PARAGRAPHS = 5


@dataclass(frozen=True)
class ClausePair:
    """Source sentences and the rendering sentences the alignment pairs them with, every part of
    judged by the clause coverage (``checker.coverage``): ``omissions`` one per source sentence,
    ``additions`` one per rendering sentence."""

    sources: tuple[Sentence, ...]
    renderings: tuple[Sentence, ...]
    omissions: tuple[Judged, ...]
    additions: tuple[Judged, ...]


@dataclass(frozen=True)
class References:
    """What one rendering is judged against."""

    mode: ReferenceMode
    paths: tuple[str, ...]


class Context:
    """The analysis a check reads, with the services it shares with the other checks."""

    def __init__(self, analysis: Analysis, glossary: Glossary, encoder: Encoder | None = None):
        self.analysis = analysis
        self.glossary = glossary
        self.reading: str | None = None  # the file a check is reading now, named when it fails
        self._encoder = encoder  # the run's: the clause coverage encodes sentences less a part
        self._clause_pairs: dict[str, tuple[ClausePair, ...]] = {}
        self.complete_coverage = False  # judge every sentence pair, not only those that can be reported (fitting)

    @cached_property
    def support(self) -> SupportIndex:
        """Which sentences of another file say what a sentence says: read by the number,
        omission and addition checks."""
        return SupportIndex(self.analysis)

    def clause_pairs(self, path: str) -> tuple[ClausePair, ...]:
        """The rendering's sentences paired with the source's, parts scored: read by omission and
        addition, worked out once. Only against a source in the other language: within one
        language the support score already compares words."""
        if path not in self._clause_pairs:
            self._clause_pairs[path] = self._pair_clauses(path)
        return self._clause_pairs[path]

    def _pair_clauses(self, path: str) -> tuple[ClausePair, ...]:
        source, index = self.source, self.support
        if source is None or not index.crosses(source, path):
            return ()
        groups: list[tuple[list[Sentence], dict[int, Sentence]]] = []
        for unit in self.analysis.units:
            for sentence in index.sentences(unit.id, source):
                match = index.support(sentence, unit.id, path)
                if not match.supported or not match.window or self.in_header(sentence) or not sentence.terms:
                    continue
                window = {s.index: s for s in match.window}
                # sentences rendered together (a merge, a split) are judged together
                if groups and window.keys() & groups[-1][1].keys():
                    groups[-1][0].append(sentence)
                    groups[-1][1].update(window)
                else:
                    groups.append(([sentence], window))
        pairs = [(tuple(sources), tuple(window[k] for k in sorted(window))) for sources, window in groups]
        coverage = Coverage(self.encoder, self._term_renderings, self.complete_coverage)
        omissions = coverage.omissions(
            (s.text, " ".join(r.text for r in renderings)) for sources, renderings in pairs for s in sources
        )
        additions = coverage.additions(
            (r.text, " ".join(s.text for s in sources)) for sources, renderings in pairs for r in renderings
        )
        found, o, a = [], 0, 0
        for sources, renderings in pairs:
            found.append(ClausePair(sources, renderings, tuple(omissions[o : o + len(sources)]),
                                    tuple(additions[a : a + len(renderings)])))
            o, a = o + len(sources), a + len(renderings)
        return tuple(found)

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None:
            self._encoder = Encoder()
        return self._encoder

    @cached_property
    def _term_renderings(self) -> dict[str, tuple[str, ...]]:
        """English glossary term -> the Korean renderings it allows (preferred and allowed)."""
        allowed: dict[str, list[str]] = {}
        for entry in self.glossary.entries:
            if entry.status != "forbidden":
                allowed.setdefault(entry.en, []).append(entry.ko)
        return {en: tuple(ko) for en, ko in allowed.items()}

    @cached_property
    def terminology(self) -> Terminology:
        """The terms of the compared files and the glossaries, read by both terminology checks."""
        documents = [self.analysis.by_path[p] for p in self.analysis.compared]
        return build_terminology(documents, self.glossary, kiwi(self.glossary.user_words()), self.analysis)

    @property
    def built_terminology(self) -> Terminology | None:
        """The terminology if a check asked for it (the review page shows it; never built for the page alone)."""
        return self.__dict__.get("terminology")

    @property
    def source(self) -> str | None:
        return self.analysis.compared_source

    @property
    def renderings(self) -> tuple[str, ...]:
        return self.analysis.renderings

    @cached_property
    def korean_compared(self) -> tuple[str, ...]:
        return tuple(p for p in self.analysis.compared if self.analysis.by_path[p].document.lang == "ko")

    def references(self, path: str) -> References:
        """The source if there is one, else every other rendering (``Analysis.reference_mode`` says how),
        those repaired from mojibake last: where a clean rendering says the same, its wording is
        the one a finding quotes, not a repair's guess."""
        if self.source is not None:
            return References(ReferenceMode.SOURCE, (self.source,))
        others = sorted((p for p in self.renderings if p != path), key=lambda p: is_repaired(self.analysis.by_path[p].document))
        return References(self.analysis.reference_mode, tuple(others))

    def uncertain(self, sentence: Sentence) -> bool:
        """Does the sentence hold a syllable that the mojibake repair guessed with a low margin?"""
        return on_uncertain(self.analysis.by_path[sentence.doc].document, sentence.start, sentence.end)

    def each(self, paths: Iterable[str]) -> Iterator[str]:
        """The paths, remembering which one is being read (for the message if a check fails)."""
        for path in paths:
            self.reading = path
            yield path

    def in_header(self, sentence: Sentence) -> bool:
        """Before a digest's first numbered item: its title, author and URL lines. Renderings word
        (or drop) their headers freely; a difference there is worth a note, not a warning."""
        paragraphs = self.analysis.by_path[sentence.doc].paragraphs
        first_item = next((p.index for p in paragraphs if p.item is not None), None)
        items = {p.item for p in paragraphs if p.item is not None}
        return (
            first_item is not None
            and first_item <= _HEADER_PARAGRAPHS
            and len(items) >= 3
            and sentence.paragraph < first_item
        )
