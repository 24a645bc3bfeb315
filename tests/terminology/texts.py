"""Texts the terminology tests read: one-paragraph documents, and three Rust-book excerpts."""

from __future__ import annotations

from checker.models import Decoded, Document, Paragraph, Role, Segmented
from tests.paths import DATA

RUST = [str(DATA / "rust_ch04_ko" / name) for name in ("kernalix7.md", "rinthel.md", "rust_kr.md")]


def document(text: str, path: str = "t.md", lang: str = "ko") -> Document:
    return Document(path=path, role=Role.RENDERING, text=text, encoding="utf-8", lang=lang,
                    decoded=Decoded(text=text, encoding="utf-8", original=text))


def segmented(text: str, path: str) -> Segmented:
    """A document as one paragraph: the terminology reads the text, not the sentences."""
    paragraph = Paragraph(doc=path, index=0, start=0, end=len(text), text=text, item=None,
                          is_title=False, sentences=())
    return Segmented(document=document(text, path), paragraphs=(paragraph,))
