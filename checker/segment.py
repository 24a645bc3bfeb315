"""Items, paragraphs and sentences, with offsets into the document text.

A digest is a header followed by numbered items (``1.  **Title** body``). An item
may run over several lines or paragraphs; each line of a long-line file is a
paragraph of its own, while hard-wrapped prose (Markdown books) is joined until a
blank line. Sentences come from kiwipiepy's splitter, one shared Kiwi per run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterable
from functools import cache, cached_property

from .models import Document, Paragraph, Segmented, Sentence

_ITEM = re.compile(r"[ \t]*(\d{1,3})[.)][ \t]+")
_BULLET = re.compile(r"[ \t]*(?:[-*+][ \t]+|#{1,6}[ \t])")
_BLANK = re.compile(r"[ \t>]*\r?$")  # a ">" alone is a blank line inside a block quote
_FENCE = re.compile(r"[ \t>]*(```|~~~)")
_DECORATION = re.compile(r"[\W_]*", re.UNICODE)  # rules like ===== carry no content
_BOLD_TITLE = re.compile(r"(\*\*[^*\n]+\*\*|__[^_\n]+__)")
# A file with lines this long writes one paragraph per line; shorter lines are hard-wrapped
# prose (Markdown books wrap near 80-110) and join until a blank line.
_LONG_LINE = 150


_GLOSS = re.compile(r"(?<=[\uac00-\ud7a3])\([^()]*\)")
# Morphemes that carry content: nouns, roots, foreign words, numbers.
_CONTENT_TAGS = frozenset({"NNG", "NNP", "XR", "SL", "SN", "SH", "W_SERIAL"})


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


class Segmenter:
    """Splits documents; holds the one Kiwi instance the run shares.

    ``user_words`` (glossary terms) are added to Kiwi as proper nouns so that it keeps
    them whole; Segmenters given the same words share one Kiwi (loading one takes ~1 s).
    """

    def __init__(self, user_words: Iterable[str] = ()):
        self.user_words = tuple(sorted(set(user_words)))

    @cached_property
    def kiwi(self):
        return shared_kiwi(self.user_words)

    def segment(self, document: Document) -> Segmented:
        spans = paragraph_spans(document.text)
        texts = [document.text[s.start : s.end] for s in spans]
        split = self.kiwi.split_into_sents(texts, return_tokens=True) if texts else []
        paragraphs = []
        sentence_index = 0
        for index, (span, kiwi_sentences) in enumerate(zip(spans, split)):
            sentences = []
            glosses = _gloss_spans(texts[index])
            tokens = [
                t
                for s in kiwi_sentences
                for t in s.tokens
                if not (t.tag == "SL" and any(a <= t.start < b for a, b in glosses))
            ]
            for start, end in _sentence_bounds(texts[index], kiwi_sentences):
                sentences.append(
                    Sentence(
                        doc=document.path,
                        index=sentence_index,
                        paragraph=index,
                        start=span.start + start,
                        end=span.start + end,
                        text=texts[index][start:end],
                        terms=tuple(t.form.lower() for t in tokens if start <= t.start < end and t.tag in _CONTENT_TAGS),
                    )
                )
                sentence_index += 1
            paragraphs.append(
                Paragraph(
                    doc=document.path,
                    index=index,
                    start=span.start,
                    end=span.end,
                    text=texts[index],
                    item=span.item,
                    is_title=span.is_title,
                    sentences=tuple(sentences),
                )
            )
        return Segmented(document=document, paragraphs=tuple(paragraphs))


@cache
def shared_kiwi(user_words: tuple[str, ...] = ()):
    """One Kiwi per set of user words, loaded on first use."""
    from kiwipiepy import Kiwi  # heavy: loaded only when text is segmented

    kiwi = Kiwi()
    for word in user_words:
        kiwi.add_user_word(word, "NNP")
    return kiwi


def _gloss_spans(text: str) -> list[tuple[int, int]]:
    """Parentheses right after Hangul: an English gloss of the term before it, not content of its own."""
    return [(m.start(), m.end()) for m in _GLOSS.finditer(text)]


def _sentence_bounds(text: str, kiwi_sentences) -> list[tuple[int, int]]:
    """Kiwi's sentences, with a leading item marker dropped and a bold title split off."""
    bounds = []
    for s in kiwi_sentences:
        start, end = s.start, s.end
        marker = _ITEM.match(text, start)
        if marker and start == 0:
            start = marker.end()
        title = _BOLD_TITLE.match(text, start)
        if title and title.end() < end and text[title.end() : end].strip():
            bounds.append((start, title.end()))
            start = title.end()
            while start < end and text[start].isspace():
                start += 1
        if text[start:end].strip():
            bounds.append((start, end))
    return bounds


def _lines(text: str) -> list[_Line]:
    lines = []
    pos = 0
    for raw in text.split("\n"):
        body = raw[:-1] if raw.endswith("\r") else raw
        lines.append(_Line(pos, pos + len(body), body))
        pos += len(raw) + 1
    return lines


def _ends_paragraph(lines: list[_Line], wrapped: bool) -> bool:
    """A title-only item line stands alone; so does every line of a file that is not hard-wrapped."""
    last = lines[-1].text
    marker = _ITEM.match(last)
    if len(lines) == 1 and marker and _BOLD_TITLE.fullmatch(last[marker.end() :].rstrip()):
        return True
    return not wrapped


def paragraph_spans(text: str) -> list[_Span]:
    """Paragraph boundaries and the digest item each paragraph belongs to."""
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
    wrapped = max(len(line.text) for line in lines) <= _LONG_LINE
    for line in lines:
        if _FENCE.match(line.text):
            if not in_fence:
                close()
            current.append(line)
            in_fence = not in_fence
            if not in_fence:
                close()
            continue
        if in_fence:
            current.append(line)
            continue
        if _BLANK.match(line.text):
            close()
            after_blank = True
            continue
        marker = _ITEM.match(line.text)
        if current and (marker or _BULLET.match(line.text) or _ends_paragraph(current, wrapped)):
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
