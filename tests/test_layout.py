"""The layout shows the architecture: no import cycles, layers that only look upstream, and no
source file too long to read.

Imports are read with ``ast`` from every module of the five packages, lazy imports inside
functions included (a cycle through a lazy import is still two modules that need each other).
Two kinds of import are not edges of the cycle graph:

- a module's import of a package it lives in (``from contactable import __version__`` in
  ``contactable.report``): Python imports a module's parent packages before the module anyway;
- imports under ``if TYPE_CHECKING:``, which never run: they are how a type is named without
  a runtime dependency. The layer rules below do count them.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("crawler", "checks", "plugins", "reports", "contactable")
MAX_LINES = 600
# What each layer must not import: the flow is crawler -> checks -> report dict -> reports,
# and contactable is the one place that knows them all.
FORBIDDEN = {
    "crawler": ("checks", "reports", "contactable", "plugins"),
    "checks": ("reports", "contactable"),
    "plugins": ("contactable",),
    "reports": ("crawler", "contactable"),
}


def _sources() -> dict[str, Path]:
    """Module name -> file, for every module of the packages (tests excluded)."""
    out = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if any(p in ("tests", "demo_site") or p.startswith("test_") for p in parts):
                continue
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


MODULES = _sources()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(name: str, path: Path) -> Iterator[tuple[str, bool]]:
    """``(imported module, under TYPE_CHECKING)`` for each import in the module's source."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            typing_only.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    for node in ast.walk(tree):
        hidden = id(node) in typing_only
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, hidden
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from ..a import b
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                # ``from contactable import batch`` imports the module contactable.batch.
                sub = f"{base}.{alias.name}"
                yield (sub if sub in MODULES else base), hidden


def _internal(target: str) -> str | None:
    """The project module ``target`` names (the nearest enclosing one), or None."""
    while target:
        if target in MODULES:
            return target
        target = target.rpartition(".")[0]
    return None


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for name, path in MODULES.items():
        for target, typing_only in _imports(name, path):
            mod = _internal(target)
            if mod is None or typing_only or mod == name or name.startswith(mod + "."):
                continue
            graph[name].add(mod)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (its modules in order, the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_the_packages_are_found() -> None:
    assert {"crawler.page", "checks.model", "plugins.registry", "reports.view",
            "contactable.cli", "contactable.options", "contactable"} <= set(MODULES)


def test_no_import_cycle() -> None:
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_cycle_finder_finds_one() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycle(graph) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_downstream(layer: str) -> None:
    wrong = sorted(
        f"{name} imports {target}"
        for name, path in MODULES.items() if name.split(".")[0] == layer
        for target, _ in _imports(name, path)
        if target.split(".")[0] in FORBIDDEN[layer]
    )
    assert not wrong, wrong


@pytest.mark.parametrize("rel", sorted(p.relative_to(ROOT).as_posix() for p in MODULES.values()))
def test_no_source_file_over_600_lines(rel: str) -> None:
    lines = len((ROOT / rel).read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{rel} has {lines} lines: split it by concern"
