"""The package-level files: ``__init__``, registry, models index, testing, ``__main__``,
``pyproject.toml`` and ``py.typed``, rendered from the list of every model.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from generator.config import EXTRAS, LAZY_EXPORTS, PACKAGE, REQUIREMENTS, RenderOptions
from generator.render.formatting import source_hash
from generator.render.imports import name_key
from generator.render.runtime_copy import runtime_all
from generator.render.session import RenderSession

__all__ = ["Listed", "package_context", "package_files"]

_PYTHON_TEMPLATES = {
    f"{PACKAGE}/__init__.py": "package_init.py.jinja",
    f"{PACKAGE}/__main__.py": "package_main.py.jinja",
    f"{PACKAGE}/_registry.py": "registry.py.jinja",
    f"{PACKAGE}/models/__init__.py": "models_init.py.jinja",
    f"{PACKAGE}/testing.py": "testing.py.jinja",
}

# Names the package exports besides the runtime's errors and its lazy exports.
_EXPORTS = ("MediaField", "ModelSpec", "RuleSpec", "__version__", "get_model", "model_ids")


class Listed(Protocol):
    """A model as the package-wide files list it."""

    @property
    def model_id(self) -> str: ...

    @property
    def module(self) -> str: ...


def package_context(models: Sequence[Listed], options: RenderOptions) -> dict[str, Any]:
    """What the package-level templates (and the README) are rendered with."""
    errors = runtime_all("errors")
    lazy = (name for names in LAZY_EXPORTS.values() for name in names)
    return {
        "models": list(models),
        "command": options.command,
        "schemas_dir": f"{options.schemas_label}/",
        "version": options.version,
        "errors": sorted(errors, key=name_key),
        "lazy": LAZY_EXPORTS,
        "exports": sorted({*errors, *lazy, *_EXPORTS}, key=name_key),
        "out_name": options.out_label.rstrip("/").rsplit("/", 1)[-1],
    }


def package_files(
    session: RenderSession, context: dict[str, Any]
) -> tuple[dict[str, str], dict[str, str]]:
    """The files by path, and each Python file's source hash (for the next run's memo)."""
    files: dict[str, str] = {}
    formatted: dict[str, str] = {}
    for path, template in _PYTHON_TEMPLATES.items():
        source = session.render(template, **context)
        formatted[path] = source_hash(source)
        files[path] = session.format_python(source, path)
    files[f"{PACKAGE}/py.typed"] = ""
    files["pyproject.toml"] = session.render(
        "pyproject.toml.jinja", requirements=REQUIREMENTS, extras=EXTRAS, **context
    )
    return files, formatted
