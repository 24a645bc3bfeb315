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

from ..kiwi import kiwi
from ..models import Analysis, ReferenceMode, Sentence
from ..support import SupportIndex
from ..terminology import Glossary, Terminology, build_terminology
from ..terminology.repaired import is_repaired, on_uncertain

# Lines before a digest's first numbered item count as its header only when the item comes
# this early: a book's first list comes after pages of prose.
_HEADER_PARAGRAPHS = 5


@dataclass(frozen=True)
class References:
    """What one rendering is judged against."""

    mode: ReferenceMode
    paths: tuple[str, ...]


class Context:
    """The analysis a check reads, with the services it shares with the other checks."""

    def __init__(self, analysis: Analysis, glossary: Glossary):
        self.analysis = analysis
        self.glossary = glossary
        self.reading: str | None = None  # the file a check is reading now, named when it fails

    @cached_property
    def support(self) -> SupportIndex:
        """Which sentences of another file say what a sentence says: read by the number,
        omission and addition checks."""
        return SupportIndex(self.analysis)

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
