"""Model IRs from raw schema documents, as generate builds them (lint, then the IR)."""

from __future__ import annotations

from typing import Any

from generator.ir.build import build_model_ir
from generator.ir.types import ModelIR
from generator.naming import module_names
from generator.schema.lint import lint_document

__all__ = ["model_irs"]


def model_irs(raws: list[dict[str, Any]]) -> list[ModelIR]:
    """The IR of each document lint accepts, named as generate names its module."""
    names = module_names(raw["model_id"] for raw in raws)
    models = []
    for raw in raws:
        model, _ = lint_document(raw)
        if model is not None:
            module = names[raw["model_id"]]
            models.append(build_model_ir(model, module, f"schemas/{module}.json"))
    return models
