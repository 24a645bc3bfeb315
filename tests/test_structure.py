"""The layout holds: data flows one way through the stages, records import no stage, and
every check is registered, documented, tested and listed in the README."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from checker.checks import CHECKS
from tests.paths import ROOT

PACKAGE = ROOT / "checker"

# The pipeline from the ground up: a module may import its own layer or a lower one, never a
# higher one. A package is one layer (its modules may import each other, without a cycle).
LAYERS = [
    {"errors", "__init__"},
    {"models"},
    {"text", "kiwi", "findings", "cache"},
    {"load"},
    {"repair"},
    {"decode"},
    {"segment"},
    {"embed", "numbers", "glossary", "terminology"},
    {"align"},
    {"support", "coverage"},
    {"checks"},
    {"config", "configfile", "baseline"},
    {"filters", "report", "suppression"},
    {"pipeline"},
    {"cli", "progress", "__main__"},
]
LEVEL = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _imports(path: Path) -> set[str]:
    """The checker modules a file imports, at run time (imports for annotations only do not count)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for stmt in block.body
        for node in ast.walk(stmt)
    }
    package = _module_name(path).split(".")
    if not _is_package(path):
        package = package[:-1]
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "checker"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module.split(".")[0] != "checker":
                continue
            found.add(module)
            # `from . import align`: the names may be modules themselves
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                if (ROOT / Path(*candidate.split("."))).with_suffix(".py").exists() or (
                    ROOT / Path(*candidate.split(".")) / "__init__.py"
                ).exists():
                    found.add(candidate)
    return found


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def _layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else "__init__"
    return LEVEL[top]


def test_every_module_has_a_layer():
    unplaced = sorted({m.split(".")[1] for m in _graph() if "." in m} - set(LEVEL))
    assert not unplaced, f"place these modules in LAYERS: {unplaced}"


def test_no_import_from_a_lower_stage_to_a_higher_one():
    upward = [
        f"{module} -> {imported}"
        for module, imports in _graph().items()
        for imported in imports
        if _layer(imported) > _layer(module)
    ]
    assert not upward


def test_the_import_graph_has_no_cycle():
    graph = _graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for imported in sorted(graph.get(module, ())):
            if imported == module or imported not in graph:
                continue
            if state.get(imported) == 1:
                cycles.append(" -> ".join(trail[trail.index(imported):] + [imported]) if imported in trail else imported)
            elif imported not in state:
                visit(imported, trail + [imported])
        state[module] = 2

    for module in graph:
        if module not in state:
            visit(module, [module])
    assert not cycles


def test_records_import_nothing_of_checker_but_errors():
    assert _imports(PACKAGE / "models.py") <= {"checker.errors"}


def _check_module(check_id: str) -> Path:
    return PACKAGE / "checks" / f"{check_id.replace('-', '_')}.py"


@pytest.mark.parametrize("check_id", list(CHECKS))
def test_every_check_is_one_module_with_examples_a_test_table_and_a_readme_row(check_id):
    check = CHECKS[check_id]
    assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", check_id)
    assert _check_module(check_id).is_file()
    assert check.run.__module__ == f"checker.checks.{check_id.replace('-', '_')}"
    assert "Bad:" in check.doc and "Good:" in check.doc, f"{check_id}: the docstring shows a bad and a good example"
    test_file = ROOT / "tests" / "checks" / f"test_{check_id.replace('-', '_')}.py"
    assert test_file.is_file()
    assert re.search(r"^CASES\b", test_file.read_text(encoding="utf-8"), re.M), f"{test_file.name} has a CASES table"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^\| `{re.escape(check_id)}` \|", readme, re.M), f"README lists {check_id}"
