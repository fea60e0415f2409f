"""The runtime's layers: imports point only down, and each layer says what it holds.

The order is the one drawn in ``generator/runtime/__init__.py``. Imports are read with
``ast`` from every module (function-level and ``TYPE_CHECKING`` imports included), so a
module that is not imported here is checked too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import generator.runtime

RUNTIME = Path(generator.runtime.__file__).parent
# Bottom to top. The loose modules are the lowest; package_root (the package's own
# testing.py and __main__.py, which import runcomfy_models) sits above every layer.
LAYERS = (
    "errors",
    "constants",
    "surface",
    "rules",
    "core",
    "media",
    "validation",
    "client",
    "testing",
    "cli",
    "package_root",
)
RANK = {layer: rank for rank, layer in enumerate(LAYERS)}
MAX_LOOSE_MODULES = 6


def modules() -> list[Path]:
    return sorted(p for p in RUNTIME.rglob("*.py") if "__pycache__" not in p.parts)


def _dotted(path: Path) -> list[str]:
    """``generator/runtime/client/sync.py`` as ``["client", "sync"]`` (a package: its dir)."""
    parts = list(path.relative_to(RUNTIME).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported_runtime_modules(path: Path, text: str | None = None) -> list[tuple[int, list[str]]]:
    """(line, runtime-relative module parts) for each import of another runtime module.

    Imports of the generator or of ``runcomfy_models`` outside ``_runtime`` come back as
    ``["<outside the runtime>", ...]``; the standard library and third parties are left out.
    """
    package = _dotted(path) if path.name == "__init__.py" else _dotted(path)[:-1]
    tree = ast.parse(path.read_text("utf-8") if text is None else text)
    found: list[tuple[int, list[str]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            assert node.level - 1 <= len(package), f"{path}:{node.lineno} leaves the runtime"
            base = package[: len(package) - (node.level - 1)]
            if node.module:
                found.append((node.lineno, [*base, *node.module.split(".")]))
            else:
                found.extend((node.lineno, [*base, alias.name]) for alias in node.names)
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            absolute = [node.module.split(".")]
        elif isinstance(node, ast.Import):
            absolute = [alias.name.split(".") for alias in node.names]
        else:
            continue
        for target in absolute:
            if target[:2] in (["generator", "runtime"], ["runcomfy_models", "_runtime"]):
                found.append((node.lineno, target[2:]))
            elif target[0] in ("generator", "runcomfy_models"):
                found.append((node.lineno, ["<outside the runtime>", *target]))
    return found


def layer_of(parts: list[str]) -> str:
    return parts[0] if parts else "<the runtime package>"


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(RUNTIME).as_posix())
def test_imports_point_down(path: Path) -> None:
    here = layer_of(_dotted(path))
    if path == RUNTIME / "__init__.py":
        here = "errors"
    upward = [
        f"line {line}: {'.'.join(target)}"
        for line, target in imported_runtime_modules(path)
        if RANK.get(layer_of(target), len(LAYERS)) > RANK[here]
        and not (here == "package_root" and target[:1] == ["<outside the runtime>"])
    ]
    assert upward == [], f"{here} may import only its own layer and those below it"


def test_the_runtime_imports_nothing_of_the_generator() -> None:
    outside = [
        f"{path.relative_to(RUNTIME)}:{line} {'.'.join(target[1:])}"
        for path in modules()
        if _dotted(path)[:1] != ["package_root"]
        for line, target in imported_runtime_modules(path)
        if target[:1] == ["<outside the runtime>"]
    ]
    assert outside == []


def test_the_package_root_files_import_only_the_package() -> None:
    for path in (RUNTIME / "package_root").glob("*.py"):
        for _, target in imported_runtime_modules(path):
            assert target[:2] != ["<outside the runtime>", "generator"], path.name


def test_every_module_belongs_to_a_layer() -> None:
    unknown = {layer_of(_dotted(p)) for p in modules()} - set(LAYERS) - {"<the runtime package>"}
    assert unknown == set()


def test_few_loose_modules() -> None:
    loose = sorted(p.name for p in RUNTIME.glob("*.py"))
    assert len(loose) <= MAX_LOOSE_MODULES, loose


@pytest.mark.parametrize(
    "init",
    sorted(RUNTIME.glob("*/__init__.py")),
    ids=lambda p: p.parent.name,
)
def test_each_layer_init_is_a_docstring_only(init: Path) -> None:
    body = ast.parse(init.read_text("utf-8")).body
    assert len(body) == 1, "a layer's __init__ holds its docstring and nothing else"
    docstring = ast.get_docstring(ast.parse(init.read_text("utf-8")))
    assert docstring


def test_the_runtime_docstring_draws_the_layers_in_this_order() -> None:
    doc = generator.runtime.__doc__ or ""
    drawn = [
        line.split()[0].removesuffix("/").removesuffix(".py")
        for line in doc.splitlines()
        if line.startswith("    ") and line.split()[0].endswith(("/", ".py"))
    ]
    assert tuple(drawn) == LAYERS


def test_an_upward_import_is_seen() -> None:
    """The check reads imports right: core importing client is refused."""
    text = (
        "from ..client.sync import Client\n"
        "from . import model\n"
        "from .. import errors\n"
        "from generator.runtime.cli import main\n"
        "from generator.ir import ModelIR\n"
        "import httpx\n"
    )
    targets = [t for _, t in imported_runtime_modules(RUNTIME / "core" / "spec.py", text)]
    assert targets == [
        ["client", "sync"],
        ["core", "model"],
        ["errors"],
        ["cli"],
        ["<outside the runtime>", "generator", "ir"],
    ]
    assert [layer_of(t) for t in targets if RANK.get(layer_of(t), 99) > RANK["core"]] == [
        "client",
        "cli",
        "<outside the runtime>",
    ]


def test_the_architecture_page_draws_the_layers_in_this_order() -> None:
    """docs/architecture.md's runtime diagram, top to bottom, is LAYERS reversed."""
    page = (RUNTIME.parents[1] / "docs" / "architecture.md").read_text("utf-8")
    drawn = [
        line.split()[1].removesuffix("/").removesuffix(".py")
        for line in page.splitlines()
        if line.startswith(" │ ") and line.split()[1].endswith(("/", ".py"))
    ]
    assert tuple(reversed(drawn)) == LAYERS
