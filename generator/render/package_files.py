"""The package-level files: ``__init__``, registry, models index, ``pyproject.toml`` and
``py.typed``, rendered from the list of every model and the runtime's surface.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from generator.config import PACKAGE, RenderOptions
from generator.render.formatting import source_hash
from generator.render.imports import name_key, render_imports
from generator.render.session import RenderSession
from generator.runtime import surface
from generator.runtime.core.info import ModelInfo

__all__ = ["MODELS_INDEX", "Listed", "package_context", "package_files"]

_PYTHON_TEMPLATES = {
    f"{PACKAGE}/__init__.py": "package_init.py.jinja",
    f"{PACKAGE}/_registry.py": "registry.py.jinja",
    f"{PACKAGE}/_catalog.py": "catalog.py.jinja",
    f"{PACKAGE}/models/__init__.py": "models_init.py.jinja",
}

# Laid out as black lays it out (``formatting.laid_out_as_black``): the index is data.
_LAID_OUT = frozenset({f"{PACKAGE}/_catalog.py"})
_RUNTIME = f"{PACKAGE}._runtime"
# The docs index: every model by task, beside the model pages it links to.
MODELS_INDEX = "docs/models/README.md"
# Names the package defines itself, besides what it exports from the runtime.
_OWN_EXPORTS = ("__version__", "find", "get_model", "model_ids", "model_info")


class Listed(Protocol):
    """A model as the package-wide files list it."""

    @property
    def model_id(self) -> str: ...

    @property
    def module(self) -> str: ...

    @property
    def info(self) -> ModelInfo: ...


def package_context(models: Sequence[Listed], options: RenderOptions) -> dict[str, Any]:
    """What the package-level templates (and the README) are rendered with."""
    return {
        "models": list(models),
        "command": options.command,
        "schemas_dir": f"{options.schemas_label}/",
        "version": options.version,
        "imports": _package_imports(),
        "lazy": _lazy_exports(),
        "exports": _exports(),
        "out_name": options.out_label.rstrip("/").rsplit("/", 1)[-1],
    }


def _package_imports() -> str:
    """``runcomfy_models/__init__.py``'s own imports: the registry and the eager exports."""
    pairs = {(f"{PACKAGE}._registry", "MODULES"), (f"{_RUNTIME}.{surface.REGISTRY}", "Registry")}
    for module, names in surface.EAGER_EXPORTS.items():
        pairs |= {(f"{_RUNTIME}.{module}", name) for name in names}
    return render_imports(pairs)


def _lazy_exports() -> dict[str, list[str]]:
    """The lazily loaded exports by full module path, sorted as ruff's isort sorts them."""
    return {
        f"{_RUNTIME}.{module}": sorted(names, key=name_key)
        for module, names in sorted(surface.LAZY_EXPORTS.items())
    }


def _exports() -> list[str]:
    """``runcomfy_models.__all__``: the runtime's surface and the package's own names."""
    runtime = [*surface.EAGER_EXPORTS.values(), *surface.LAZY_EXPORTS.values()]
    return sorted({*_OWN_EXPORTS, *(name for names in runtime for name in names)}, key=name_key)


def package_files(
    session: RenderSession, context: dict[str, Any]
) -> tuple[dict[str, str], dict[str, str]]:
    """The files by path, and each Python file's source hash (for the next run's memo)."""
    files: dict[str, str] = {}
    formatted: dict[str, str] = {}
    for path, template in _PYTHON_TEMPLATES.items():
        source = session.render(template, **context)
        formatted[path] = source_hash(source)
        files[path] = session.format_python(source, path, laid_out=path in _LAID_OUT)
    files[f"{PACKAGE}/py.typed"] = ""
    files[MODELS_INDEX] = session.render("models_index.md.jinja", **context)
    files["pyproject.toml"] = session.render(
        "pyproject.toml.jinja",
        requirements=surface.REQUIREMENTS,
        extras=surface.EXTRAS,
        console_script=surface.CONSOLE_SCRIPT,
        **context,
    )
    return files, formatted
