# Generated from generator/runtime/core/registry.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Find a model's spec by id, importing its module only when it is first asked for.

A package with hundreds of models must stay cheap to import: the registry holds only a
table of model id to module name, and imports a module the first time its model is used.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ..errors import UnknownModelError

if TYPE_CHECKING:
    from .spec import ModelSpec

__all__ = ["Registry", "unknown_model"]


def unknown_model(model_id: str, known: Iterable[str]) -> UnknownModelError:
    """The error for an id no generated model has, naming up to three close matches."""
    close = difflib.get_close_matches(model_id, list(known), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return UnknownModelError(f"no generated model {model_id!r}{hint}")


class Registry:
    """Model id to ``ModelSpec``, loaded lazily from ``package.<module>``."""

    def __init__(self, modules: Mapping[str, str], package: str) -> None:
        self._modules = dict(modules)
        self._package = package
        self._loaded: dict[str, ModelSpec[Any, Any]] = {}

    def model_ids(self) -> tuple[str, ...]:
        return tuple(sorted(self._modules))

    def __contains__(self, model_id: object) -> bool:
        return model_id in self._modules

    def get(self, model_id: str) -> ModelSpec[Any, Any]:
        spec = self._loaded.get(model_id)
        if spec is not None:
            return spec
        module_name = self._modules.get(model_id)
        if module_name is None:
            raise unknown_model(model_id, self._modules)
        module = importlib.import_module(f"{self._package}.{module_name}")
        from .spec import ModelSpec  # loaded with the first model, not with the package

        spec = getattr(module, "SPEC", None)
        if not isinstance(spec, ModelSpec):
            raise UnknownModelError(f"module {module.__name__} defines no SPEC for {model_id!r}")
        self._loaded[model_id] = spec
        return spec
