"""The IR's types: one model as the templates and the renderer see it.

Frozen dataclasses, built once by ``generator.ir.build``; nothing in them is computed
while rendering. A media field and its rules are the runtime's own types (``MediaField``,
``RuleSpec``): the generated module declares exactly what the IR holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.naming import ModuleName
from generator.runtime.core.info import ModelInfo
from generator.runtime.core.spec import MediaField, RuleSpec
from generator.schema.model import NO_DEFAULT, SchemaNode

__all__ = ["FieldDoc", "MediaField", "ModelIR", "RuleSpec"]


@dataclass(frozen=True)
class FieldDoc:
    """What the reference page says about one input field."""

    json_name: str
    type_text: str
    required: bool
    default: Any
    example: Any
    enum: tuple[Any, ...] | None
    limits: tuple[str, ...]
    description: str
    media: MediaField | None
    nested: bool = False
    """A row for something inside a top-level field (``opts.k``, ``items[].x``)."""

    @property
    def has_default(self) -> bool:
        return self.default is not NO_DEFAULT

    @property
    def has_example(self) -> bool:
        return self.example is not NO_DEFAULT


@dataclass(frozen=True)
class ModelIR:
    """Everything needed to render one model's module and reference page.

    ``input`` and ``output`` are the typed schema roots; the renderer translates them
    for datamodel-code-generator.
    """

    model_id: str
    module: ModuleName
    schema_path: str
    endpoint: str
    output_assumed: bool
    input: SchemaNode
    output: SchemaNode
    media_fields: tuple[MediaField, ...]
    fields: tuple[FieldDoc, ...]
    output_keys: tuple[str, ...]
    info: ModelInfo
    """Task, media kinds, required inputs, price: the package's index lists this."""
