"""The IR's types: one model as the templates and the renderer see it.

Frozen dataclasses, built once by ``generator.ir.build``; nothing in them is computed
while rendering.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.naming import ModuleName
from generator.runtime.rules.grammar import MediaKind
from generator.schema.model import NO_DEFAULT, SchemaNode

__all__ = ["FieldDoc", "MediaFieldSpec", "ModelIR", "RuleSpec"]


@dataclass(frozen=True)
class RuleSpec:
    """One media rule as published."""

    rule: str
    value: int | float
    error: str


@dataclass(frozen=True)
class MediaFieldSpec:
    """A field whose values are media URLs, and the rules each one must meet."""

    json_name: str
    kind: MediaKind | None
    is_array: bool
    rules: tuple[RuleSpec, ...]


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
    media: MediaFieldSpec | None
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
    media_fields: tuple[MediaFieldSpec, ...]
    fields: tuple[FieldDoc, ...]
    output_keys: tuple[str, ...]
