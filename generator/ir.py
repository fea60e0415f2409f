"""The intermediate representation: what the templates render, and nothing else.

Built from the typed schema model once per model. Everything here is already decided:
names are sanitised, quirks resolved, examples separated from defaults, so the
templates only lay text out.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from generator.naming import ModuleName
from generator.runtime.rules import MediaKind
from generator.schema.model import MEDIA_ARRAY_FORMATS, NO_DEFAULT, ModelSchema, SchemaNode

__all__ = ["FieldDoc", "MediaFieldSpec", "ModelIR", "RuleSpec", "build_model_ir"]

_LIMIT_KEYWORDS = (
    ("minimum", ">="),
    ("exclusiveMinimum", ">"),
    ("maximum", "<="),
    ("exclusiveMaximum", "<"),
    ("multipleOf", "multiple of"),
    ("minLength", "min length"),
    ("maxLength", "max length"),
    ("pattern", "matches"),
    ("minItems", "min items"),
    ("maxItems", "max items"),
    ("uniqueItems", "unique items"),
)


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

    @property
    def has_default(self) -> bool:
        return self.default is not NO_DEFAULT

    @property
    def has_example(self) -> bool:
        return self.example is not NO_DEFAULT


@dataclass(frozen=True)
class ModelIR:
    """Everything needed to render one model's module and reference page."""

    model_id: str
    module: ModuleName
    schema_path: str
    endpoint: str
    output_assumed: bool
    input_schema: dict[str, Any]
    output_schema: dict[str, Any]
    media_fields: tuple[MediaFieldSpec, ...]
    fields: tuple[FieldDoc, ...]
    output_keys: tuple[str, ...]


def _type_text(node: SchemaNode) -> str:
    names = list(node.types) or ["any"]
    if node.items is not None and "array" in names:
        names[names.index("array")] = f"array of {_type_text(node.items)}"
    text = " or ".join(names)
    if node.media_kind is not None:
        text += f" ({node.media_kind} URL{'s' if node.items is not None else ''})"
    return text


def _limits(node: SchemaNode) -> tuple[str, ...]:
    return tuple(f"{label} {node.raw[key]!r}" for key, label in _LIMIT_KEYWORDS if key in node.raw)


def _media_field(name: str, node: SchemaNode) -> MediaFieldSpec | None:
    if not node.is_media:
        return None
    return MediaFieldSpec(
        json_name=name,
        kind=node.media_kind,
        is_array=node.items is not None and "array" in node.types,
        rules=tuple(RuleSpec(ref.rule, ref.value, ref.error) for ref in node.validations),
    )


def _for_codegen(node: SchemaNode, root: bool = False) -> dict[str, Any]:
    """The node as plain JSON Schema for datamodel-code-generator, quirks resolved.

    ``float`` becomes ``number``, a null default and examples published as defaults are
    removed (so the field is required, or unset until the caller sets it), media formats
    become strings, and RunComfy's ``validations`` are left to the media validators.
    """
    raw = copy.deepcopy(dict(node.raw))
    raw.pop("validations", None)
    raw.pop("default", None)
    raw.pop("title", None)
    if node.types:
        raw["type"] = node.types[0] if len(node.types) == 1 else list(node.types)
    if node.has_default:
        raw["default"] = copy.deepcopy(node.default)
    if raw.get("format") in MEDIA_ARRAY_FORMATS:
        del raw["format"]
    if not raw.get("description"):
        raw.pop("description", None)
        if node.title and not root:
            raw["description"] = node.title
    if node.items is not None:
        raw["items"] = _for_codegen(node.items)
    if node.properties:
        raw["properties"] = {key: _for_codegen(child) for key, child in node.properties.items()}
    return raw


def build_model_ir(model: ModelSchema, module: ModuleName, schema_path: str) -> ModelIR:
    """The IR of one linted model."""
    root = model.input
    media = {name: _media_field(name, node) for name, node in root.properties.items()}
    fields = tuple(
        FieldDoc(
            json_name=name,
            type_text=_type_text(node),
            required=name in root.required,
            default=node.default,
            example=node.example,
            enum=node.enum,
            limits=_limits(node),
            description=node.description or node.title or "",
            media=media[name],
        )
        for name, node in root.properties.items()
    )
    input_schema = _for_codegen(root, root=True)
    input_schema["description"] = f"Input of {model.model_id}."
    output_schema = _for_codegen(model.output, root=True)
    output_schema.pop("required", None)
    output_schema["description"] = f"Output of {model.model_id}: the URLs of what it made."
    return ModelIR(
        model_id=model.model_id,
        module=module,
        schema_path=schema_path,
        endpoint=model.endpoint,
        output_assumed=model.output_assumed,
        input_schema=input_schema,
        output_schema=output_schema,
        media_fields=tuple(spec for spec in media.values() if spec is not None),
        fields=fields,
        output_keys=tuple(model.output.properties),
    )
