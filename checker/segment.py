"""Items, paragraphs and sentences, with offsets into the document text.

A digest is a header followed by numbered items (``1.  **Title** body``). An item
may run over several lines or paragraphs; each line of a long-line file is a
paragraph of its own, while hard-wrapped prose (Markdown books) is joined until a
blank line. Sentences come from kiwipiepy's splitter, one shared Kiwi per run.

Kiwi splits Korean well but leaves English prose whole, so Latin-script text inside
each Kiwi sentence is split again by rule. Code blocks, mdBook directives and HTML
markup are not prose: they yield no sentences, and a paragraph without sentences is
no paragraph.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from .kiwi import kiwi
from .models import Document, Paragraph, Segmented, Sentence
from .text import CODE_SPAN, GLOSS, HANGUL, NOT_PROSE, blanked

_ITEM = re.compile(r"[ \t]*(\d{1,3})[.)][ \t]+")
_BULLET = re.compile(r"[ \t]*(?:[-*+][ \t]+|#{1,6}[ \t])")
_BLANK = re.compile(r"[ \t>]*\r?$")  # a ">" alone is a blank line inside a block quote
_FENCE = re.compile(r"[ \t>]*(```|~~~)")
_DECORATION = re.compile(r"[\W_]*", re.UNICODE)  # rules like ===== carry no content
_BOLD_TITLE = re.compile(r"(\*\*[^*\n]+\*\*|__[^_\n]+__)")
# A file whose prose lines are this long writes one paragraph per line; shorter lines are
# hard-wrapped prose (Markdown books wrap near 80-110) and join until a blank line. Shares, not one
# line, decide. Measured: of the prose lines that another prose line follows, none is over 150 in
# the hard-wrapped Rust-book chapters nor in the one-paragraph-a-line translations (a long line
# there ends at a blank line), 64-100% in the digests that have any; of all prose lines, at most 1%
# in the hard-wrapped chapters, 20-38% in the one-paragraph-a-line ones (either way reads them the
# same) and 50-95% in the digests (whose short lines, "Author:" above "URL:", must not join).
_LONG_LINE = 150
_LONG_SHARE = 0.3
# Lines whose length says nothing about wrapping: HTML, table rows, headings, mdBook directives.
_MARKUP_LINE = re.compile(r"[ \t>]*(?:[<|#]|\{\{)")
# A table's delimiter row (| --- | :-: |); the row above it is the header, the rows below the body.
_TABLE_DELIMITER = re.compile(r"[ \t>]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?[ \t]*)?$")
# A caption opens a paragraph (its <span> is masked, so the text inside one reads the same as the
# text outside one). File labels are not prose at all (text.NOT_PROSE).
_CAPTION = re.compile(r"[ \t>]*(?:Listing|Figure|Table|예제|그림|표|항목|리스트)[ \t]+\d+(?:-\d+)?[ \t]*:")
_CAPTION_ATTRIBUTE = re.compile(r'\bcaption="([^"\n]*)"')
# Inline code right after a stop: Kiwi never ends a sentence before it (`s`는 ...).
_OPENS_WITH_CODE = re.compile(r"[*_]*`")
# An opening tag right before a sentence, and the tag name of a closing tag.
_TAG_BEFORE = re.compile(r"<([A-Za-z][\w-]*)(?:\s[^<>]*)?>$")


# Morphemes that carry content: nouns, roots, foreign words, numbers.
_CONTENT_TAGS = frozenset({"NNG", "NNP", "XR", "SL", "SN", "SH", "W_SERIAL"})

_WORDLIKE = re.compile(r"[^\W_]")
_OPENING_TAG = re.compile(r"<[A-Za-z][\w-]*>")
# The end of a Latin-script sentence: a stop, closing marks, a gap (maybe a line break and a
# block-quote marker), then what may open a sentence.
_CLOSERS = "\"”’')]*_`"
_LATIN_STOP = re.compile(
    rf"(?P<stop>[.!?]+)[{re.escape(_CLOSERS)}]*(?P<gap>\s+(?:>[ \t]*)?)(?=[A-Z0-9\"“‘'(\[`*_\uac00-\ud7a3])"
)
_LIST_MARKER = re.compile(r"[ \t>]*\d{1,3}")
_WORD_BEFORE = re.compile(r"[\w.]*$")
_LONGEST_WORD = 40  # the word before a stop is read from this many characters (abbreviations are short)
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # U.S, e.g, a.m
_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "vs", "cf", "al", "approx", "ca", "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr"}
)
# These end a sentence too ("the answer is no."), unless a number follows: "Fig. 3", "No. 5".
_BEFORE_NUMBER = frozenset({"fig", "figs", "no", "nos", "vol", "ch", "sec", "eq", "p", "pp"})
_URL = re.compile(r"\b[a-z][a-z+.-]*://\S+|\bwww\.\S+", re.IGNORECASE)  # an address is no word (Kiwi skips them too)
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['’][A-Za-z]+)?|\d+(?:[-.,:]\d+)*")
_EN_STOPWORDS = frozenset(
    {
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are",
        "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
        "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
        "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
        "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "let's", "me",
        "more", "most", "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or",
        "other", "our", "ours", "out", "over", "own", "same", "she", "should", "so", "some", "such",
        "than", "that", "that's", "the", "their", "theirs", "them", "then", "there", "these",
        "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was",
        "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
        "with", "would", "you", "your", "yours"
    }
)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int  # without the line break
    text: str


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    item: str | None
    is_title: bool
    table_row: bool = False  # a row of a Markdown table: each cell is a sentence


class Segmenter:
    """Splits documents; holds the one Kiwi instance the run shares.

    ``user_words`` (glossary terms) are added to Kiwi as proper nouns so that it keeps
    them whole; Segmenters given the same words share one Kiwi (loading one takes ~1 s).
    """

    def __init__(self, user_words: Iterable[str] = ()):
        self.user_words = tuple(sorted(set(user_words)))

    @cached_property
    def kiwi(self):
        return kiwi(self.user_words)

    def segment(self, document: Document) -> Segmented:
        masked = _mask_markup(document.text)
        spans = paragraph_spans(masked)
        texts = [document.text[s.start : s.end] for s in spans]
        bare = [masked[s.start : s.end] for s in spans]
        split = _split_into_sents(self.kiwi, bare) if texts else []
        paragraphs: list[Paragraph] = []
        sentence_index = 0
        for span, text, bare_text, kiwi_sentences in zip(spans, texts, bare, split):
            index = len(paragraphs)
            sentences = _sentences(
                document.path, index, span.start, (text, bare_text), kiwi_sentences, sentence_index, span.table_row
            )
            if not sentences:
                continue  # markup only: the aligner needs a sentence to place a paragraph
            sentence_index += len(sentences)
            paragraphs.append(
                Paragraph(
                    doc=document.path,
                    index=index,
                    start=span.start,
                    end=span.end,
                    text=text,
                    item=span.item,
                    is_title=span.is_title,
                    sentences=sentences,
                )
            )
        return Segmented(document=document, paragraphs=tuple(paragraphs))


# Kiwi's sentence splitting grows faster than the text beyond ~10,000 characters (measured: 0.15 s
# for 10,000 characters of short lines, 1.7 s for 40,000), so a longer paragraph (a file with no
# line breaks, 100,000 short hard-wrapped lines) is given to it in pieces of at most this many
# characters, cut at a line break, else after a stop, else at a space. The longest paragraph of the
# examples and the Rust-book corpora is 2,536 characters: no real paragraph is cut.
_KIWI_PIECE = 4000
_CUT_AFTER = (re.compile(r"\n"), re.compile(r"[.!?。][\"'”’)\]]*\s"), re.compile(r"\s"))


class _Token(NamedTuple):  # a Kiwi token of a piece, its offset in the whole paragraph (one per morpheme: light)
    form: str
    tag: str
    start: int


class _KiwiSentence(NamedTuple):
    """A sentence Kiwi found in a piece of a long paragraph, with offsets into the whole paragraph."""

    start: int
    end: int
    tokens: tuple[_Token, ...]


def _split_into_sents(kiwi_, texts: list[str]) -> Iterator[list]:
    """Kiwi's sentences of each text, in order, long texts given to Kiwi piece by piece
    (``_KIWI_PIECE``). A generator over Kiwi's lazy results: the tokens of one paragraph are
    dropped before the next is read, so memory does not grow with the file's token count."""
    pieces = [(i, a, b) for i, text in enumerate(texts) for a, b in _pieces(text)]
    split = kiwi_.split_into_sents((texts[i][a:b] for i, a, b in pieces), return_tokens=True)
    current: list = []
    for k, ((i, a, b), sentences) in enumerate(zip(pieces, split)):
        if a == 0 and b == len(texts[i]):
            current = list(sentences)  # a text given whole: Kiwi's own records
        else:
            current += [
                _KiwiSentence(a + s.start, a + s.end, tuple(_Token(t.form, t.tag, a + t.start) for t in s.tokens))
                for s in sentences
            ]
        if k + 1 == len(pieces) or pieces[k + 1][0] != i:
            yield current
            current = []


def _pieces(text: str) -> list[tuple[int, int]]:
    """Bounds of consecutive pieces of at most ``_KIWI_PIECE`` characters, cut where a sentence
    is likely to end (in the second half of a piece, so that pieces stay long)."""
    bounds = []
    start = 0
    while len(text) - start > _KIWI_PIECE:
        limit = start + _KIWI_PIECE
        cut = limit
        for pattern in _CUT_AFTER:
            found = [m.end() for m in pattern.finditer(text, start + _KIWI_PIECE // 2, limit)]
            if found:
                cut = found[-1]
                break
        bounds.append((start, cut))
        start = cut
    return [*bounds, (start, len(text))]


def _mask_markup(text: str) -> str:
    """Markup blanked out, offsets and line breaks kept: a line of markup is a blank line, Kiwi
    neither splits at ``-->`` nor takes tag names for words. A tag's ``caption`` attribute stays:
    mdBook's ``<Listing caption="...">`` holds the prose that other editions write as a
    ``Listing 4-7: ...`` line."""
    return NOT_PROSE.sub(_blank, text)


def _blank(markup: re.Match) -> str:
    blank = blanked(markup.group())
    caption = _CAPTION_ATTRIBUTE.search(markup.group())
    if caption is None or not caption.group(1).strip():
        return blank
    return blank[: caption.start(1)] + caption.group(1) + blank[caption.end(1) :]


def _sentences(
    path: str, paragraph: int, offset: int, texts: tuple[str, str], kiwi_sentences, first: int, table_row: bool
) -> tuple[Sentence, ...]:
    """The sentences of one paragraph, given as written and with its markup masked.

    ``offset`` is where the paragraph starts in the document.
    """
    text, bare = texts
    glosses = _Spans(_gloss_spans(bare))
    tokens = [t for s in kiwi_sentences for t in s.tokens if not (t.tag == "SL" and glosses.holds(t.start))]
    tokens.sort(key=lambda t: t.start)
    starts = [t.start for t in tokens]

    def tokens_in(start: int, end: int) -> list:
        return tokens[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    return tuple(
        Sentence(
            doc=path,
            index=first + i,
            paragraph=paragraph,
            start=offset + start,
            end=offset + end,
            text=text[start:end],
            terms=_terms(bare[start:end], tokens_in(start, end)),
        )
        for i, (start, end) in enumerate(
            _with_opening_tags(text, _cell_bounds(bare) if table_row else _sentence_bounds(bare, kiwi_sentences))
        )
    )


def _with_opening_tags(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A sentence starts at an opening tag right before it when the tag closes inside the sentence
    (``<b>태그</b>는 ...``); a tag that wraps a caption (``<span class="caption">Figure 4-1: ...</span>``)
    stays out, so the caption reads the same as one written without it."""
    out = []
    for start, end in bounds:
        # the tag ends right before the sentence and holds no "<": it opens at the last "<" before
        tag = _TAG_BEFORE.match(text, text.rfind("<", 0, start), start) if text[start - 1 : start] == ">" else None
        if tag and f"</{tag.group(1)}" in text[start:end]:
            start = tag.start()
        out.append((start, end))
    return out


def _cell_bounds(text: str) -> list[tuple[int, int]]:
    """The cells of a table row, each a sentence, so that the rows of a table and of its
    translation align cell by cell; an empty cell or one of punctuation is none."""
    code = _Spans(m.span() for m in CODE_SPAN.finditer(text))
    pipes = [m.start() for m in re.finditer(r"(?<!\\)\|", text) if not code.inside(m.start())]
    edges = zip([-1, *pipes], [*pipes, len(text)])
    cells = (_trim(text, a + 1, b) for a, b in edges)
    return [(a, b) for a, b in cells if _WORDLIKE.search(text, a, b)]


def _terms(sentence: str, tokens) -> tuple[str, ...]:
    """Content morphemes; Kiwi cuts English words into pieces, so English gets words, not morphemes.
    Each is interned: a file says the same words again and again, and a string apiece was 40% of
    what segmentation keeps (Rust-book chapters: 9.1 MB per MB of text, 5.5 MB interned)."""
    if HANGUL.search(sentence):
        return tuple(sys.intern(t.form.lower()) for t in tokens if t.tag in _CONTENT_TAGS)
    return tuple(sys.intern(w) for w in map(_english_term, _EN_WORD.findall(_URL.sub(" ", sentence))) if w)


def _english_term(word: str) -> str | None:
    """A word lowercased, its 's or 'll dropped; None for stopwords and negations (don't)."""
    word = word.lower().replace("’", "'")
    base = word.split("'")[0]
    if word in _EN_STOPWORDS or word.endswith("n't") or base in _EN_STOPWORDS:
        return None
    return base


def _gloss_spans(text: str) -> list[tuple[int, int]]:
    """Parentheses right after Hangul: an English gloss of the term before it, not content of its own."""
    return [(m.start(), m.end()) for m in GLOSS.finditer(text)]


def _sentence_bounds(text: str, kiwi_sentences) -> list[tuple[int, int]]:
    """Kiwi's sentences, with a leading item marker dropped, a bold title split off, Latin-script
    sentences split apart, and block-quote markers trimmed off both ends (markup is masked)."""
    bounds = []
    code = [m.span() for m in CODE_SPAN.finditer(text)]
    protected = _Spans(code + _parentheses(text, code))  # found once per paragraph: linear in its length
    for start, end in _kiwi_bounds(text, kiwi_sentences, code):
        marker = _ITEM.match(text, start)
        if marker and start == 0:
            start = marker.end()
        title = _BOLD_TITLE.match(text, start)
        if title and title.end() < end and text[title.end() : end].strip():
            bounds.append((start, title.end()))
            start = title.end()
        bounds += _latin_split(text, start, end, protected)
    trimmed = (_trim(text, start, end) for start, end in bounds)
    return [(start, end) for start, end in trimmed if text[start:end].strip()]


def _kiwi_bounds(text: str, kiwi_sentences, code: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Kiwi's sentences, rejoined where Kiwi cut inside inline code, left punctuation alone (`x!`.)
    or cut English where no sentence ends."""
    bounds: list[tuple[int, int]] = []
    in_code = _Spans(code)
    code_ends = {b for _, b in code}
    for s in kiwi_sentences:
        if bounds and s.tokens and (
            s.tokens[0].tag.startswith("J") or _glued(text, s.start) or _opens_after_stop(text, bounds[-1])
        ):
            bounds[-1:] = _give_back_quote(text, bounds[-1], s.end)
        elif bounds and (
            in_code.inside(s.start)
            or not _WORDLIKE.search(text, s.start, s.end)
            or _runs_on(text, bounds[-1], s.start)
            # the piece ends with inline code: Kiwi cut at a stop inside it (`println!` | 매크로는 ...)
            or (_rstripped_end(text, *bounds[-1]) in code_ends and HANGUL.match(text, s.start))
            or _parenthesis_goes_on(text, bounds[-1], s.start)
        ):
            bounds[-1] = (bounds[-1][0], s.end)
        else:
            bounds.append((s.start, s.end))
    return bounds


def _rstripped_end(text: str, start: int, end: int) -> int:
    """Where ``text[start:end].rstrip()`` ends, without copying the piece: pieces grow as Kiwi's
    sentences are rejoined, and a copy per join would make a long paragraph quadratic."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _ends_in(text: str, start: int, end: int, marks: str) -> bool:
    """The piece, trailing blanks aside, ends with one of ``marks``."""
    last = _rstripped_end(text, start, end)
    return last > start and text[last - 1] in marks


def _parenthesis_goes_on(text: str, piece: tuple[int, int], start: int) -> bool:
    """Kiwi ends a sentence at its verb and starts the next at a parenthesis that the stop follows
    (`... 트레이트가 있습니다` | `(트레이트는 10장에서 다룹니다).`): the parenthesis belongs to it."""
    return text.startswith("(", start) and not _ends_in(text, *piece, ".!?")


def _glued(text: str, start: int) -> bool:
    """Hangul right after the previous piece, with no space or stop between: the rest of a word
    (Kiwi reads the particle of "`(i32, i32)`는" as the verb 늘-)."""
    return start > 0 and bool(HANGUL.match(text, start)) and not (text[start - 1].isspace() or text[start - 1] in ".!?")


def _trailing_opener(text: str, piece: tuple[int, int]) -> int | None:
    """Where the quotation that ends a piece opens, when something stands before it; inline code
    or an opening tag (`<b>`) that ends a piece counts when it follows a full stop."""
    start, stop = piece
    end = _rstripped_end(text, start, stop)
    last = text[end - 1 : end] if end > start else ""
    if last in ("`", ">"):
        spans = CODE_SPAN.finditer(text, start, end) if last == "`" else _OPENING_TAG.finditer(text, start, end)
        opener = next((m.start() for m in spans if m.end() == end), None)
        if opener is None or not _ends_in(text, start, opener, ".!?"):
            return None
        return opener
    opening = _QUOTE_PAIRS.get(last)
    if not opening:
        return None
    quote = text.rfind(opening, start, end - 1)
    return quote if quote > start and _rstripped_end(text, start, quote) > start else None


def _opens_after_stop(text: str, previous: tuple[int, int]) -> bool:
    """The previous piece ends with a quotation that starts after its own full stop
    (`... 만듭니다. "휴먼 인 더 루프"` | `접근 방식은 ...`): the quote begins the next sentence."""
    quote = _trailing_opener(text, previous)
    return quote is not None and _ends_in(text, previous[0], quote, ".!?")


def _give_back_quote(text: str, previous: tuple[int, int], end: int) -> list[tuple[int, int]]:
    """Kiwi ends a sentence after a quoted term and starts the next with its particle
    (`... 있습니다. "할 일 기반 작업 관리"` | `는 에이전트가 ...`): the quote opens the next sentence.
    With no quote to give back, the particle's piece joins the previous sentence."""
    start = previous[0]
    quote = _trailing_opener(text, previous)
    if quote is None:
        return [(start, end)]
    return [(start, _rstripped_end(text, start, quote)), (quote, end)]


_QUOTE_PAIRS = {'"': '"', "\u201d": "\u201c", "'": "'", "\u2019": "\u2018", "\u300d": "\u300c", "\u300f": "\u300e"}


def _runs_on(text: str, previous: tuple[int, int], start: int) -> bool:
    """English that Kiwi cut without a stop: "`(i32, i32)` | is `Copy`"."""
    last = _rstripped_end(text, *previous)
    before = text[last - 1 : last] if last > previous[0] else ""
    return text[start].islower() and text[start].isascii() and not (
        (before and before in ".!?:;") or HANGUL.match(before)
    )


def _parentheses(text: str, code: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Matched parentheses outside inline code (a parenthesis in code pairs with nothing).
    One pass: the code spans are in order, so one pointer walks them beside the text."""
    spans = []
    opened = []
    k = 0
    for m in re.finditer(r"[()]", text):
        i = m.start()
        while k < len(code) and code[k][1] <= i:
            k += 1
        if k < len(code) and code[k][0] <= i:
            continue
        if text[i] == "(":
            opened.append(i)
        elif opened:
            spans.append((opened.pop(), i + 1))
    return spans


def _latin_split(text: str, start: int, end: int, protected: _Spans) -> list[tuple[int, int]]:
    """Split one Kiwi sentence where a Latin-script sentence ends; Korean stops are Kiwi's to judge."""
    bounds = []
    for m in _LATIN_STOP.finditer(text, start, end):
        # A stop inside inline code ends nothing (`println!` macro), nor one inside parentheses.
        inside = protected.inside(m.start()) or protected.inside(m.start("gap"))
        if m.end() < end and not inside and _ends_latin_sentence(text, start, m):
            bounds.append((start, m.start("gap")))
            start = m.end()
    return bounds + [(start, end)]


def _ends_latin_sentence(text: str, start: int, stop: re.Match) -> bool:
    """Whether a stop found by _LATIN_STOP in the sentence that begins at ``start`` ends a sentence."""
    mark = stop.group("stop")
    last = stop.start()  # the text before the stop, closing marks aside (no copy: sentences can be long)
    while last > start and text[last - 1] in _CLOSERS:
        last -= 1
    if ".." in mark or last == start:
        return False  # an ellipsis goes on
    if HANGUL.match(text, last - 1):
        # After Hangul Kiwi has decided already, except before inline code, where it never splits.
        return bool(_OPENS_WITH_CODE.match(text, stop.end()))
    if mark != ".":
        return True
    word = _WORD_BEFORE.search(text, max(start, last - _LONGEST_WORD), last).group().lower()
    if _opens_list(text, start, stop.start()):
        return False  # "1. " opens a list item
    number_follows = text[stop.end()].isdigit()
    return not (word in _ABBREVIATIONS or _DOTTED.fullmatch(word) or (word in _BEFORE_NUMBER and number_follows))


def _opens_list(text: str, start: int, pos: int) -> bool:
    """One to three digits before ``pos``, with only blanks and quote markers before them on the
    line (or since ``start``): a list marker. Read backwards, so a long line costs nothing."""
    i = pos
    while i > start and pos - i < 3 and text[i - 1].isdecimal():
        i -= 1
    if i == pos:
        return False
    while i > start and text[i - 1] in " \t>":
        i -= 1
    return i == start or text[i - 1] == "\n"


class _Spans:
    """Spans of a text (inline code, parentheses, glosses; nested or not), asked about positions
    in O(log n): a check per stop or per token against every span made long paragraphs quadratic."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._spans = ordered
        self._starts = [a for a, _ in ordered]
        # The furthest end of any span opening at or before each one: nested spans need it.
        self._reach = []
        reach = -1
        for _, b in ordered:
            reach = max(reach, b)
            self._reach.append(reach)

    def inside(self, pos: int) -> bool:
        """``pos`` falls between the first and the last character of a span (a < pos < b)."""
        k = bisect.bisect_left(self._starts, pos) - 1  # spans that open before pos
        return k >= 0 and self._reach[k] > pos

    def holds(self, pos: int) -> bool:
        """``pos`` is one of a span's characters (a <= pos < b)."""
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and self._reach[k] > pos


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds without whitespace or line-leading ``>`` markers at either end."""
    while start < end and (text[start].isspace() or (text[start] == ">" and _line_leading(text, start))):
        start += 1
    while end > start and (text[end - 1].isspace() or (text[end - 1] == ">" and _line_leading(text, end - 1))):
        end -= 1
    return start, end


def _line_leading(text: str, pos: int) -> bool:
    """Only block-quote markers and blanks stand before ``pos`` on its line."""
    return not text[text.rfind("\n", 0, pos) + 1 : pos].strip(" \t>")


def _lines(text: str) -> list[_Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        body = raw.removesuffix("\r")
        lines.append(_Line(pos, pos + len(body), body))
        pos += len(raw) + 1
    return lines


def _ends_paragraph(lines: list[_Line], wrapped: bool) -> bool:
    """A title-only item line stands alone; so does every line of a file that is not hard-wrapped."""
    last = lines[-1].text
    return (len(lines) == 1 and _title_only(last)) or not wrapped


def _is_wrapped(lines: list[_Line]) -> bool:
    """Hard-wrapped prose: few prose lines are long, and few of those that run on into the next. Code, HTML
    (masked or not), table rows and headings say nothing, nor does a line that ends a paragraph
    anyway: one long ``<img>`` line or table row, or one long paragraph on one line, must not make
    every line of a hard-wrapped chapter a paragraph."""
    in_fence = False
    prose = []
    for line in lines:
        if _FENCE.match(line.text):
            in_fence = not in_fence
            prose.append(False)
            continue
        body = line.text.strip(" \t>")
        prose.append(
            not in_fence and bool(body) and not _MARKUP_LINE.match(line.text) and not _DECORATION.fullmatch(body)
        )
    lengths = [len(line.text.strip(" \t>")) for line, is_prose in zip(lines, prose) if is_prose]
    running_on = [
        len(line.text.strip(" \t>"))
        for i, line in enumerate(lines[:-1])
        if prose[i] and prose[i + 1] and not _opens_paragraph(lines[i + 1].text) and not _title_only(line.text)
    ]
    return not any(
        sum(n > _LONG_LINE for n in group) >= _LONG_SHARE * len(group) for group in (lengths, running_on) if group
    )


def _opens_paragraph(line: str) -> bool:
    """The line starts a paragraph whatever the file's wrapping: an item, a bullet, a caption."""
    return bool(_ITEM.match(line) or _BULLET.match(line) or _CAPTION.match(line))


def _title_only(line: str) -> bool:
    """An item line that holds only its bold title (``1.  **Title**``): it stands alone."""
    marker = _ITEM.match(line)
    return bool(marker and _BOLD_TITLE.fullmatch(line[marker.end() :].rstrip()))


def _table_rows(lines: list[_Line]) -> tuple[set[int], set[int]]:
    """The indices of table rows (header and body) and of delimiter rows, outside code blocks."""
    rows: set[int] = set()
    delimiters: set[int] = set()
    in_fence = False
    for i, line in enumerate(lines):
        if _FENCE.match(line.text):
            in_fence = not in_fence
            continue
        header = lines[i - 1].text if i else ""
        if in_fence or not _TABLE_DELIMITER.match(line.text) or "|" not in header or _BLANK.match(header):
            continue
        delimiters.add(i)
        rows.add(i - 1)
        body = i + 1
        while body < len(lines) and "|" in lines[body].text and not _BLANK.match(lines[body].text):
            rows.add(body)
            body += 1
    return rows - delimiters, delimiters


def paragraph_spans(text: str) -> list[_Span]:
    """Paragraph boundaries and the digest item each paragraph belongs to; fenced code blocks are left out."""
    spans: list[_Span] = []
    current: list[_Line] = []
    item: str | None = None
    in_fence = False

    def close() -> None:
        nonlocal current
        if any(not _DECORATION.fullmatch(ln.text) for ln in current):
            first, last = current[0], current[-1]
            start = first.start + len(first.text) - len(first.text.lstrip())
            end = last.start + len(last.text.rstrip())
            marker = _ITEM.match(first.text)
            is_title = bool(
                marker and len(current) == 1 and _BOLD_TITLE.fullmatch(first.text[marker.end() :].rstrip())
            )
            spans.append(_Span(start, end, item, is_title))
        current = []

    after_blank = True
    lines = _lines(text)
    wrapped = _is_wrapped(lines)
    rows, delimiters = _table_rows(lines)
    for i, line in enumerate(lines):
        if i in rows or i in delimiters:
            close()  # a table row is a paragraph of its own; a delimiter row is markup
            if i in rows:
                body = line.text.strip()
                start = line.start + len(line.text) - len(line.text.lstrip())
                spans.append(_Span(start, start + len(body), item, False, table_row=True))
            continue
        if _FENCE.match(line.text):
            close()  # code is not prose: a fenced block is no paragraph
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if _BLANK.match(line.text):
            close()
            after_blank = True
            continue
        marker = _ITEM.match(line.text)
        if current and (_opens_paragraph(line.text) or _ends_paragraph(current, wrapped)):
            close()
        if marker:
            item = marker.group(1)
        elif after_blank and not line.text[:1].isspace() and not _BULLET.match(line.text):
            # An unindented paragraph after a blank line leaves the item; indented ones continue it.
            item = None
        after_blank = False
        current.append(line)
    close()
    return spans
