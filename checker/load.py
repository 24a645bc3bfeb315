"""Find the input files and read them into Documents (read-only: inputs are never touched)."""

from __future__ import annotations

from pathlib import Path

from .decode import decode_bytes, language_of
from .errors import InputError
from .models import Document, Role

TEXT_SUFFIXES = (".md", ".txt")


def expand_paths(paths: tuple[str, ...] | list[str]) -> list[str]:
    """Files as given, folders as their *.md/*.txt files (recursively, sorted by name)."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(given, "no such file or folder")
        if path.is_dir():
            inside = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
            )
            if not inside:
                raise InputError(given, "folder has no *.md or *.txt files")
            found.extend(str(p) for p in inside)
        else:
            found.append(given)
    return list(dict.fromkeys(found))


def read_document(path: str, role: Role) -> Document:
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(path, "is a folder, expected a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    decoded = decode_bytes(path, data)
    return Document(
        path=path,
        role=role,
        text=decoded.text,
        encoding=decoded.encoding,
        lang=language_of(decoded.text),
        decoded=decoded,
    )


def load_documents(paths: list[str], source: str | None) -> list[Document]:
    """The source (if any) first, then the renderings in the order given."""
    documents = []
    if source is not None:
        if not Path(source).exists():
            raise InputError(source, "no such file")
        documents.append(read_document(source, Role.SOURCE))
    for path in expand_paths(paths):
        if source is not None and Path(path).resolve() == Path(source).resolve():
            continue  # a folder that holds the source as well: it is the reference, not a rendering
        documents.append(read_document(path, Role.RENDERING))
    if not any(d.role is Role.RENDERING for d in documents):
        raise InputError(paths[0] if paths else "-", "no rendering to check besides the source")
    return documents
