"""The shared text primitives: what is Hangul, what is not prose, anchors, glosses, inline code.

Every stage that asks one of these questions asks here, so segmentation, alignment, support
and the checks agree on the answer.
"""

from __future__ import annotations

import re
import unicodedata

HANGUL = re.compile(r"[\uac00-\ud7a3]")  # a precomposed Hangul syllable
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
    for token in _LATIN_TOKEN.findall(text):
        low = token.lower()
        if low in _STOPWORDS or (low.isalpha() and len(low) < 2):
            continue
        found.add(low)
    return frozenset(found)


def anchors(text: str) -> frozenset[str]:
    """Digit numbers and names (DeepSeek-OCR, GPT-4, LoRA): facts a rendering must keep."""
    return frozenset(m.lower() for m in _NAME.findall(text)) | frozenset(_DIGITS.findall(text))


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
    chars = list(text)
    for pattern in _NOT_TERMS:
        for match in pattern.finditer(text):
            for i in range(match.start(), match.end()):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


def normalised(text: str) -> str:
    """The text compared as a reader sees it: NFKC, runs of white space as one space, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()
