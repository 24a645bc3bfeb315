"""Frozen records that travel between the pipeline stages.

Every record that points into a file carries character offsets into the text of
that file as decoded (``Document.text``); ``Document.locate`` turns an offset into
a 1-based ``(line, column)`` so every finding can say ``file:line:column``.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np  # for annotations only: importing numpy would slow `checker --help`


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]


class ReferenceMode(str, enum.Enum):
    """What each rendering is judged against."""

    SOURCE = "source"  # --source given (and of the same digest): every rendering against it
    CONSENSUS = "consensus"  # three or more renderings: against the majority of the others
    TWO_WAY = "two-way"  # two renderings, no source: a difference is a warning on both
    NONE = "none"  # one rendering alone: nothing to compare


class Role(str, enum.Enum):
    SOURCE = "source"
    RENDERING = "rendering"


@dataclass(frozen=True)
class RepairSpan:
    """One stretch of text that was changed."""

    start: int  # offsets in the input text
    end: int
    repaired_start: int  # offsets in the output text
    repaired_end: int
    uncertain: bool  # bytes were lost and the choice was a guess with a low margin


@dataclass(frozen=True)
class RepairPiece:
    """A unit of the input->output alignment: one changed character or an unchanged stretch."""

    start: int
    end: int
    out_start: int
    out_end: int
    changed: bool
    guessed: bool = False
    uncertain: bool = False
    out: str = ""  # the character a changed piece became


@dataclass(frozen=True)
class RepairResult:
    """The repaired text and where it differs from the input."""

    text: str
    wrong_codec: str | None  # "cp1252", "latin-1", "cp1252+cp1252" or None when clean
    spans: tuple[RepairSpan, ...]
    guessed: int  # spans where lost bytes were reconstructed
    uncertain: int  # of those, how many with a low-confidence choice
    _pieces: tuple[RepairPiece, ...] = field(default=(), repr=False, compare=False)

    def to_original(self, offset: int) -> int:
        """Map an offset in the repaired text to the input text.

        A repaired character maps to the start of the mojibake it came from, an
        unchanged one to itself (shifted); offsets outside the text are clamped.
        """
        offset = min(max(offset, 0), len(self.text))
        if not self._pieces:
            return offset
        return repair_offset_to_input(self._pieces, self._piece_starts, offset)

    @cached_property
    def _piece_starts(self) -> list[int]:
        return [p.out_start for p in self._pieces]


def repair_offset_to_input(pieces: Sequence[RepairPiece], starts: list[int], offset: int) -> int:
    """Map an output offset through one layer's alignment."""
    k = max(0, bisect.bisect_right(starts, offset) - 1)
    p = pieces[k]
    if offset >= p.out_end:
        return p.end
    return p.start if p.changed else p.start + offset - p.out_start



@dataclass(frozen=True)
class InvalidBytes:
    """A run of bytes that are not UTF-8 in a file that otherwise is: read as one U+FFFD."""

    offset: int  # of the U+FFFD in the text as decoded (``Decoded.original``)
    data: bytes  # the bytes as the file holds them
    byte_offset: int  # where they are in the file


@dataclass(frozen=True)
class Decoded:
    """What the decoder made of a file's bytes."""

    text: str  # the text to analyse: repaired when the file was mojibake
    encoding: str  # the codec that decoded the bytes: utf-8, utf-8-sig, utf-16, cp949, ...
    original: str  # the text as decoded, before any repair
    repair: RepairResult | None = None  # set when the text was mojibake, repaired in memory
    replacement_chars: int = 0  # U+FFFD already present in the decoded text
    still_broken: bool = False  # mojibake that the repair could not undo
    invalid: tuple[InvalidBytes, ...] = ()  # bytes that are not UTF-8 in a UTF-8 file, replaced


@dataclass(frozen=True)
class RawInput:
    """One input file's bytes, as read."""

    path: str  # as the user gave it
    role: Role
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Document:
    """One input file, decoded."""

    path: str  # as the user gave it
    role: Role
    text: str
    encoding: str
    lang: str  # "ko" or "en": the script most letters are written in
    decoded: Decoded

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        for i, ch in enumerate(self.decoded.original):
            if ch == "\n":
                starts.append(i + 1)
        return starts

    def as_written(self, offset: int) -> int:
        """An offset into ``text`` as an offset into the file as given (they differ after a repair)."""
        return self.decoded.repair.to_original(offset) if self.decoded.repair else offset

    def span_as_written(self, start: int, end: int) -> str:
        return self.decoded.original[self.as_written(start) : self.as_written(end)]

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the file as given of a character offset into ``text``."""
        offset = self.as_written(offset)
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_of(self, offset: int) -> int:
        return self.locate(offset)[0]


@dataclass(frozen=True, slots=True)
class Sentence:
    doc: str
    index: int  # position in the document, 0-based, over all paragraphs
    paragraph: int
    start: int
    end: int
    text: str
    # content morphemes (nouns, roots, Latin words, numbers), lowercased; English glosses
    # in parentheses after a Korean term are left out: they repeat the term
    terms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    doc: str
    index: int  # 0-based in the document
    start: int
    end: int
    text: str
    item: str | None  # digest item number this paragraph belongs to, as written ("3")
    is_title: bool  # the line that opens a numbered item and holds only its title
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Segmented:
    document: Document
    paragraphs: tuple[Paragraph, ...]

    @property
    def path(self) -> str:
        return self.document.path

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)


@dataclass(frozen=True)
class PairSimilarity:
    a: str
    b: str
    cosine: float
    chrf: float | None  # None across languages, where character n-grams mean nothing
    anchors: float | None = None  # share of names/numbers in common (documents only)


@dataclass(frozen=True)
class SentenceLink:
    """Sentences of file ``a`` that render the same content as sentences of file ``b``.

    Either side may be empty: content present in one file only.
    """

    a: str
    b: str
    a_sentences: tuple[int, ...]  # Sentence.index values
    b_sentences: tuple[int, ...]
    similarity: float | None


@dataclass(frozen=True)
class Unit:
    """Paragraphs of each file that render the same content."""

    id: str
    paragraphs: dict[str, tuple[int, ...]]  # path -> Paragraph.index values, in file order
    similarity: tuple[PairSimilarity, ...]
    sentence_links: tuple[SentenceLink, ...]


@dataclass(frozen=True)
class DigestGroup:
    id: int
    paths: tuple[str, ...]
    checked: bool = True  # aligned and checked; the files of an unchecked group render another digest


@dataclass(frozen=True)
class Evidence:
    file: str
    line: int
    text: str
    similarity: float | None = None


@dataclass(frozen=True)
class Location:
    """One place in the finding's file that the finding stands for (a grouped finding has many)."""

    line: int
    column: int
    text: str  # as written in the file
    start: int = 0  # offsets in the file's decoded text
    end: int = 0


@dataclass(frozen=True)
class Finding:
    check: str
    severity: Severity
    file: str
    line: int
    column: int
    unit: str | None  # id of the aligned unit the finding is in
    text: str
    expected: str
    message: str
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    start: int = 0  # offsets of ``text`` in the file's decoded text (for highlighting)
    end: int = 0
    fingerprint: str = ""
    # Every place a grouped finding stands for, its own first (one term choice used 28 times is
    # one finding); empty for a finding of one place.
    occurrences: tuple[Location, ...] = ()


@dataclass(frozen=True)
class TermRendering:
    """One Korean rendering of a term the texts use, and how often each file uses it (the review page's glossary)."""

    en: str
    ko: str
    status: str  # preferred | allowed | forbidden
    curated: bool  # a curated glossary rules on this rendering; else learned from the texts
    counts: dict[str, int]  # path -> occurrences
    note: str = ""


@dataclass(frozen=True, eq=False)
class SentenceVectors:
    """Unit vectors of one file's sentences, each distinct text's kept once: sentence ``i``'s
    vector is ``distinct[rows[i]]`` (a long file that repeats its items repeats its sentences,
    and 512 floats a sentence were 80 MB per MB of such text)."""

    distinct: np.ndarray  # a unit vector per distinct sentence text
    rows: np.ndarray  # per Sentence.index, its row of ``distinct``

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, key) -> np.ndarray:
        """The vector of a sentence, or of several (a slice, a list of indices) as rows."""
        return self.distinct[self.rows[key]]

    def dots(self, vectors: np.ndarray) -> np.ndarray:
        """``vectors`` dotted with every sentence's vector: a column per sentence."""
        return (vectors @ self.distinct.T)[..., self.rows]


@dataclass(frozen=True)
class Analysis:
    """Everything the checks read: the decoded, segmented and aligned inputs."""

    documents: tuple[Segmented, ...]  # every input, source first, then by path (load.canonical_order)
    source: str | None
    groups: tuple[DigestGroup, ...]
    compared: tuple[str, ...]  # paths of the checked digest groups: the files the checks compare
    units: tuple[Unit, ...]
    document_similarity: tuple[PairSimilarity, ...]
    encoder_signature: str
    excluded: dict[str, str] = field(default_factory=dict)  # path -> why it is not compared
    # Unit vectors of every sentence of the compared files, by path.
    sentence_vectors: dict[str, SentenceVectors] = field(default_factory=dict)
    signature: str = ""  # what the result depends on (config.run_signature)
    # How the renderings were judged, when groups judged by their own sources make the whole
    # run's mode (one source, or none) say it wrong.
    reference: ReferenceMode | None = None
    # The terms the checks found, when a terminology check ran (set after the checks).
    terms: tuple[TermRendering, ...] = ()

    @property
    def compared_source(self) -> str | None:
        """The source, when it is compared (a source of another digest is left out)."""
        return self.source if self.source in self.compared else None

    @cached_property
    def renderings(self) -> tuple[str, ...]:
        return tuple(p for p in self.compared if p != self.source)

    @cached_property
    def reference_mode(self) -> ReferenceMode:
        if self.reference is not None:
            return self.reference
        if self.compared_source is not None:
            return ReferenceMode.SOURCE
        if len(self.renderings) >= 3:
            return ReferenceMode.CONSENSUS
        return ReferenceMode.TWO_WAY if len(self.renderings) == 2 else ReferenceMode.NONE

    @cached_property
    def by_path(self) -> dict[str, Segmented]:
        return {d.path: d for d in self.documents}

    @cached_property
    def _unit_of_paragraph(self) -> dict[tuple[str, int], str]:
        return {(path, i): u.id for u in self.units for path, idx in u.paragraphs.items() for i in idx}

    def paragraph_at(self, path: str, offset: int) -> Paragraph | None:
        """The paragraph that holds (or, between paragraphs, follows) an offset."""
        paragraphs = self.by_path[path].paragraphs
        ends = [p.end for p in paragraphs]
        i = bisect.bisect_left(ends, offset)
        return paragraphs[i] if i < len(paragraphs) else (paragraphs[-1] if paragraphs else None)

    def unit_at(self, path: str, offset: int) -> str | None:
        """Id of the aligned unit whose paragraph holds an offset of a compared file."""
        paragraph = self.paragraph_at(path, offset)
        if paragraph is None:
            return None
        return self._unit_of_paragraph.get((path, paragraph.index))
