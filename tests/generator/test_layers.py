"""The generator's packages import each other in one direction only (no loops).

The import graph is read from the source with ``ast`` (every import, including those
inside functions and under ``TYPE_CHECKING``), between the generator's top-level
modules and packages: ``generator.render.package`` counts as ``render``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import generator

PACKAGE = Path(generator.__file__).resolve().parent
TOP = {
    path.stem if path.is_file() else path.name
    for path in PACKAGE.iterdir()
    if (path.suffix == ".py" or (path / "__init__.py").is_file()) and not path.name.startswith("_")
}


def _unit(path: Path) -> str:
    """The top-level module or package a source file belongs to."""
    first = path.relative_to(PACKAGE).parts[0]
    return first.removesuffix(".py")


def _imported(tree: ast.Module, path: Path) -> Iterator[str]:
    """Dotted names of everything ``tree`` imports from, relative imports resolved."""
    package = ["generator", *path.relative_to(PACKAGE).parent.parts]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], base]).strip(".")
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def import_graph() -> dict[str, set[str]]:
    """Top-level unit -> the other top-level units it imports."""
    graph: dict[str, set[str]] = {unit: set() for unit in TOP}
    for path in PACKAGE.rglob("*.py"):
        unit = _unit(path)
        if unit not in TOP:
            continue
        for name in _imported(ast.parse(path.read_text("utf-8")), path):
            parts = name.split(".")
            if parts[:1] == ["generator"] and len(parts) > 1 and parts[1] in TOP - {unit}:
                graph[unit].add(parts[1])
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import loop, as the units along it, or ``None``."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(unit: str) -> list[str] | None:
        state[unit] = "open"
        stack.append(unit)
        for other in sorted(graph[unit]):
            if state.get(other) == "open":
                return [*stack[stack.index(other) :], other]
            if other not in state and (found := visit(other)) is not None:
                return found
        stack.pop()
        state[unit] = "done"
        return None

    for unit in sorted(graph):
        if unit not in state and (found := visit(unit)) is not None:
            return found
    return None


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for other in graph[todo.pop()]:
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def test_the_graph_sees_the_generator() -> None:
    graph = import_graph()
    assert {"cli", "check", "pipeline", "release", "render", "ir", "schema", "sources"} <= TOP
    assert {"check", "pipeline", "config"} <= graph["cli"] | reachable(graph, "cli")
    assert "render" in graph["pipeline"]


def test_no_import_loop_between_the_generators_packages() -> None:
    assert _cycle(import_graph()) is None, " -> ".join(_cycle(import_graph()) or [])


def test_a_loop_is_found() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_manifest_imports_no_renderer() -> None:
    assert "render" not in reachable(import_graph(), "manifest")


def test_imports_point_down_the_stages() -> None:
    """cli → check → pipeline → release, render → ir → schema, as DESIGN.md draws them."""
    graph = import_graph()
    order = ["cli", "check", "pipeline", "render", "ir", "schema"]
    for index, unit in enumerate(order):
        above = set(order[:index])
        assert not reachable(graph, unit) & above, unit
    assert not reachable(graph, "release") & {"cli", "check", "pipeline", "render"}


def test_the_architecture_page_lists_the_stages_in_this_order() -> None:
    """docs/architecture.md lists the stages so that every import points down the list."""
    page = (PACKAGE.parent / "docs" / "architecture.md").read_text("utf-8")
    listed = [
        line.split()[0].removesuffix("/").removesuffix(".py")
        for line in page.splitlines()
        if line and not line[0].isspace() and line.split()[0].endswith(("/", ".py"))
    ]
    graph = import_graph()
    stages = [unit for unit in listed if unit in graph]
    assert {"cli", "check", "pipeline", "release", "render", "ir", "schema", "sources"} <= set(
        stages
    )
    for index, unit in enumerate(stages):
        assert not reachable(graph, unit) & set(stages[:index]), unit
