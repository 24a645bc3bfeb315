"""The shared text primitives: what is Hangul, what is not prose, anchors, glosses, inline code.

Every stage that asks one of these questions asks here, so segmentation, alignment, support
and the checks agree on the answer.
"""

from __future__ import annotations

import heapq
import re
import unicodedata

HANGUL = re.compile(r"[\uac00-\ud7a3]")  # a precomposed Hangul syllable
_BLOCK = 1 << 16  # characters a whole-file pass reads at once
_NOT_NEWLINE = re.compile(r"[^\n]")


def count(pattern: re.Pattern[str], text: str) -> int:
    """How many characters of the text a one-character pattern matches, a block at a time:
    ``findall`` on a whole file lists a string per match (290 MB for the syllables of 20 MB)."""
    return sum(len(pattern.findall(text, start, start + _BLOCK)) for start in range(0, len(text), _BLOCK))


def without_spaces(text: str) -> str:
    """The text with its white space removed (``str.split``'s), a block at a time: splitting a
    whole file lists every word."""
    return "".join("".join(text[start : start + _BLOCK].split()) for start in range(0, len(text), _BLOCK))


def blanked(text: str) -> str:
    """The text as spaces, its line breaks kept: offsets and line numbers stay true."""
    return _NOT_NEWLINE.sub(" ", text)

# An English gloss in parentheses right after a Korean term; group 1 is the gloss.
GLOSS = re.compile(r"(?<=[\uac00-\ud7a3])\(([^()]*)\)")
# Markup that is not prose: HTML comments, tags with attributes, closing tags, bare tags of
# HTML elements (<sup>, <b>, <br/>); mdBook directives; Markdown link reference definitions,
# their address maybe on the next line. A bare <T> is left alone (Vec<T>): bare tags are
# lowercase HTML names only; and so is "a <b and c = d": a tag's first attribute must follow its name.
_ELEMENTS = (
    "a|abbr|b|big|blockquote|br|center|cite|code|dd|del|details|dfn|div|dl|dt|em|figcaption|figure|"
    "h[1-6]|hr|i|ins|kbd|li|mark|ol|p|pre|q|s|samp|small|span|strong|sub|summary|sup|table|tbody|td|"
    "th|thead|tr|tt|u|ul|var|wbr"
)
# A comment runs to its "-->" but never over another "<!--": with a thousand unclosed "<!--", each
# would otherwise be read to the end of the file (quadratic); a comment holding "<!--" is an HTML error.
HTML = re.compile(
    rf"<!--(?:(?!<!--).)*?-->|<[A-Za-z][\w-]*\s+[\w:-]+\s*=[^<>]*>|</[A-Za-z][\w-]*\s*>|<(?:{_ELEMENTS})\s*/?>", re.DOTALL
)
NOT_PROSE = re.compile(
    # a file label (Filename: src/main.rs, 파일명: ...) names a listing's file: metadata, written as a
    # line, a <span> or a tag attribute depending on the edition (first: a <span> must not win)
    r"^[ \t>]*(?:<[^<>\n]*>)?[ \t]*(?:Filename|파일명|파일 ?이름)[ \t]*:[ \t]*[^\s<]+[ \t]*(?:</[A-Za-z]+>)?[ \t]*$|"
    + HTML.pattern
    + r"|\{\{#[^{}]*\}\}"
    r"|^[ \t>]*\[[^\]\n]+\]:(?:[ \t]+\S[^\n]*"
    r"""|[ \t]*\n[ \t>]*\S+(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$)""",
    re.DOTALL | re.MULTILINE,
)
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
FENCED_CODE = re.compile(r"^[ \t>]*(```|~~~)[^\n]*\n.*?^[ \t>]*\1[^\n]*$", re.M | re.S)
# Besides the markup above, what term matching must not read: code, any tag, links, quote markers.
_NOT_TERMS = (
    NOT_PROSE,
    FENCED_CODE,
    re.compile(r"`[^`\n]+`"),  # inline code
    re.compile(r"\{\{[^}\n]*\}\}"),  # mdBook directives
    re.compile(r"<[^<>\n]*>"),  # HTML tags, with or without attributes
    re.compile(r"(?<=\])\([^()\s]*\)"),  # link targets
    re.compile(r"https?://\S+"),
    re.compile(r"^[ \t]*>+", re.M),  # block-quote markers
)

_SPACE = re.compile(r"\s+")
_LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*|\d+(?:[.,]\d+)*")
_MARKUP = re.compile(
    r"^\s*(?:>\s*|(?:\d{1,3}[.)]|[-*+]|#{1,6})\s+)+"  # line-leading quote, item, bullet, heading markers
    r"|\*+(?=\S)|(?<=\S)\*+"  # emphasis; a * between spaces is a product
    r"|(?<![^\W_])_+|_+(?![^\W_])"  # emphasis; snake_case keeps its underscores
    r"|`"
)
_STOPWORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or that the this to was were with".split()
)

# Facts a rendering must keep: digit numbers, and names written with a capital inside,
# a digit, a hyphen or a dot (DeepSeek-OCR, GPT-4, LoRA).
_DIGITS = re.compile(r"(?<![A-Za-z_\d])\d+(?:[.,]\d+)*")  # not the 1 of `s1`
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)+|[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*")


def plain(text: str) -> str:
    """Text without Markdown markers or HTML, whitespace collapsed, for the encoder and chrF."""
    # Markers go without a trace: a particle stays with its word (_소유자_가 -> 소유자가).
    return " ".join(" ".join(_MARKUP.sub("", line) for line in HTML.sub(" ", text).splitlines()).split())


def kept_tokens(text: str) -> frozenset[str]:
    """Words and numbers in Latin script, lowercased: what two files of the same content share
    across languages (a looser set than ``anchors``: Rust, heap and String count too)."""
    found = set()
    for match in _LATIN_TOKEN.finditer(text):  # not findall: a whole file's tokens are not listed
        low = match.group().lower()
        if low in _STOPWORDS or (low.isalpha() and len(low) < 2):
            continue
        found.add(low)
    return frozenset(found)


def anchors(text: str) -> frozenset[str]:
    """Digit numbers and names (DeepSeek-OCR, GPT-4, LoRA): facts a rendering must keep."""
    return frozenset(m.group().lower() for m in _NAME.finditer(text)) | frozenset(m.group() for m in _DIGITS.finditer(text))


# Figure, listing and table numbers, the number in a group: a caption of figure 4-2 does not say
# what one of figure 4-3 says.
LABEL = re.compile(r"(?:figure|fig\.|listing|table|그림|예제|리스트|표)\s*(\d+(?:[-.]\d+)*)", re.IGNORECASE)
# With chapters, they name a place in the book, not a fact of the text: editions renumber them
# (the number check reports a renumbered label on its own).
_LABEL_NUMBER = re.compile(rf"{LABEL.pattern}|(?:chapter|항목)\s*\d+(?:[-.]\d+)*|\d+(?:-\d+)?\s*장", re.IGNORECASE)


# Where a Markdown link points (``[text][storing-values]``, ``[text](ch04-01.md)``): markup that
# renderings write their own way, not a fact of the text.
_LINK_TARGET = re.compile(r"(?<=\])(?:\[[^\]\n]*\]|\([^)\s]*\))")


def without_labels(text: str) -> str:
    """The text with the labels of figures, listings and chapters and link targets blanked out, offsets kept."""
    return _LABEL_NUMBER.sub(_blank, _LINK_TARGET.sub(_blank, text))


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def facts(text: str) -> frozenset[str]:
    """The anchors of the text that are facts: labels of figures, listings and chapters, and link
    targets, left out."""
    return anchors(without_labels(text))


def prose(text: str) -> str:
    """The text with code, markup and links blanked out, offsets and line breaks kept: what the
    terminology reads. Everything segmentation leaves out (``NOT_PROSE``: a multi-line HTML
    comment, a link definition) is left out here too."""
    # Built from pieces: a list of a whole file's characters is a string object per Hangul
    # syllable (500 MB for a 20 MB file).
    matches = heapq.merge(*(pattern.finditer(text) for pattern in _NOT_TERMS), key=lambda m: m.start())
    pieces, done = [], 0
    for match in matches:
        start, end = max(match.start(), done), match.end()  # the matches of several patterns overlap
        if end > start:
            pieces += [text[done:start], blanked(text[start:end])]
            done = end
    pieces.append(text[done:])
    return "".join(pieces)


def normalised(text: str) -> str:
    """The text compared as a reader sees it: NFKC, runs of white space as one space, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()
