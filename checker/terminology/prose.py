"""What is not prose, for the terminology: code, markup and links, blanked out.

segment.py has its own definition of what is not prose; the two are kept apart for now.
"""

from __future__ import annotations

import re

_NOT_PROSE = (
    re.compile(r"^[ \t>]*(```|~~~)[^\n]*\n.*?^[ \t>]*\1[^\n]*$", re.M | re.S),  # fenced code
    re.compile(r"`[^`\n]+`"),  # inline code
    re.compile(r"\{\{[^}\n]*\}\}"),  # mdBook directives
    re.compile(r"<[^<>\n]*>"),  # HTML tags
    re.compile(r"(?<=\])\([^()\s]*\)"),  # link targets
    re.compile(r"https?://\S+"),
    re.compile(r"^[ \t]*>+", re.M),  # block-quote markers
)


def prose(text: str) -> str:
    """The text with code, markup and links blanked out, offsets unchanged."""
    chars = list(text)
    for pattern in _NOT_PROSE:
        for match in pattern.finditer(text):
            for i in range(match.start(), match.end()):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)
