"""Find the input files and read their bytes (read-only: inputs are never touched)."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError
from .models import RawInput, Role

TEXT_SUFFIXES = (".md", ".txt")


def expand_paths(paths: tuple[str, ...] | list[str]) -> list[str]:
    """Files as given, folders as their *.md/*.txt files, in the canonical order (``canonical_order``)."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(given, "no such file or folder")
        if path.is_dir():
            inside = _text_files(path)
            if not inside:
                raise InputError(given, "folder has no *.md or *.txt files")
            found.extend(str(p) for p in inside)
        else:
            found.append(given)
    unique: dict[Path, str] = {}
    for file in sorted(found, key=lambda f: (len(f), f)):
        unique.setdefault(Path(file).resolve(), file)  # the same file twice is one input, named the shortest way
    return canonical_order(unique.values())


def canonical_order(paths) -> list[str]:
    """The files sorted by where they are (their resolved path), not by where the command line
    or the file system listed them: every later stage, and every tie it breaks by file order,
    then gives the same answer whatever order the paths were given in."""
    return sorted(paths, key=lambda p: (Path(p).resolve().as_posix(), p))


def _text_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)


def repeated(paths: tuple[str, ...] | list[str]) -> list[str]:
    """Files the paths reach more than once (a file given twice, or also inside a given folder)."""
    seen: set[Path] = set()
    twice = []
    for given in paths:
        path = Path(given)
        files = _text_files(path) if path.is_dir() else [path]
        for file in files:
            key = file.resolve()
            if key in seen and str(file) not in twice:
                twice.append(str(file))
            seen.add(key)
    return twice


def read_input(path: str, role: Role) -> RawInput:
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(path, "is a folder, expected a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    return RawInput(path=path, role=role, data=data)


def load_inputs(paths: tuple[str, ...] | list[str], source: str | None) -> list[RawInput]:
    """The source (if any) first, then the renderings in the canonical order."""
    inputs = []
    if source is not None:
        if not Path(source).exists():
            raise InputError(source, "no such file")
        inputs.append(read_input(source, Role.SOURCE))
    for path in expand_paths(paths):
        if source is not None and Path(path).resolve() == Path(source).resolve():
            continue  # a folder that holds the source as well: it is the reference, not a rendering
        inputs.append(read_input(path, Role.RENDERING))
    if not any(i.role is Role.RENDERING for i in inputs):
        raise InputError(paths[0] if paths else "-", "no rendering to check besides the source")
    return inputs
