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


def source_files(source: str | None) -> list[str]:
    """The source file, or a folder's files (English originals paired with the renderings by path)."""
    if source is None:
        return []
    if not Path(source).exists():
        raise InputError(source, "no such file or folder")
    return expand_paths([source])


def load_inputs(paths: tuple[str, ...] | list[str], source: str | None) -> list[RawInput]:
    """The source files (if any) first, then the renderings in the canonical order."""
    sources = source_files(source)
    inputs = [read_input(path, Role.SOURCE) for path in sources]
    given = {Path(path).resolve() for path in sources}
    for path in expand_paths(paths):
        if Path(path).resolve() in given:
            continue  # a folder that holds the source as well: it is the reference, not a rendering
        inputs.append(read_input(path, Role.RENDERING))
    if not any(i.role is Role.RENDERING for i in inputs):
        raise InputError(paths[0] if paths else "-", "no rendering to check besides the source")
    return inputs


def paired_by_path(paths: tuple[str, ...] | list[str], source: str | None) -> tuple[tuple[str, ...], ...]:
    """Files at the same relative path under two or more of the given folders (the source's too):
    ``ko-a/ch04-02.md``, ``ko-b/ch04-02.md`` and ``en/ch04-02.md`` render one section. Each set
    names the files as ``expand_paths`` does; what no path pairs is left to content grouping."""
    folders = [p for p in (*paths, *([source] if source else [])) if Path(p).is_dir()]
    by_relative: dict[Path, list[str]] = {}
    seen: set[Path] = set()
    for folder in folders:
        for file in _text_files(Path(folder)):
            if file.resolve() in seen:
                continue
            seen.add(file.resolve())
            by_relative.setdefault(file.relative_to(folder), []).append(str(file))
    return tuple(tuple(files) for files in by_relative.values() if len(files) > 1)
