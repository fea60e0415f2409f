"""The intermediate representation: what the templates render, and nothing else.

Built from the typed schema model once per model. Everything here is already decided:
names are sanitised, quirks resolved, examples separated from defaults, so the
templates only lay text out.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from jsonschema import Draft202012Validator

from generator.naming import ModuleName
from generator.runtime.rules.grammar import MediaKind
from generator.schema.model import (
    NO_DEFAULT,
    VALUE_KEYWORDS,
    ModelSchema,
    SchemaNode,
    value_schema,
)

__all__ = [
    "EXACT_CHECK",
    "FieldDoc",
    "MediaFieldSpec",
    "ModelIR",
    "RuleSpec",
    "build_model_ir",
]

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


def _field_docs(
    path: str,
    node: SchemaNode,
    required: bool,
    media: MediaFieldSpec | None = None,
    nested: bool = False,
) -> list[FieldDoc]:
    """A row for the field, then rows for what it holds: ``opts.k``, ``items[].x``, ``tags[]``."""
    rows = [
        FieldDoc(
            json_name=path,
            type_text=_type_text(node),
            required=required,
            default=node.default,
            example=node.example,
            enum=node.enum,
            limits=_limits(node),
            description=node.description or node.title or "",
            media=media,
            nested=nested,
        )
    ]
    for name, child in node.properties.items():
        rows += _field_docs(f"{path}.{name}", child, name in node.required, nested=True)
    items = node.items
    if items is not None and (items.properties or items.enum is not None or _limits(items)):
        if items.properties:
            for name, child in items.properties.items():
                rows += _field_docs(f"{path}[].{name}", child, name in items.required, nested=True)
        else:
            rows += _field_docs(f"{path}[]", items, False, nested=True)
    return rows


def _limits(node: SchemaNode) -> tuple[str, ...]:
    return tuple(f"{label} {node.raw[key]!r}" for key, label in _LIMIT_KEYWORDS if key in node.raw)


def _media_field(name: str, node: SchemaNode) -> MediaFieldSpec | None:
    """A top-level media field; rules on its ``items`` apply to each item, as its own do."""
    items = node.items if "array" in node.types else None
    refs = (*node.validations, *(items.validations if items is not None else ()))
    kind = node.media_kind or (items.media_kind if items is not None else None)
    if kind is None and not refs:
        return None
    return MediaFieldSpec(
        json_name=name,
        kind=kind,
        is_array=items is not None,
        rules=tuple(RuleSpec(ref.rule, ref.value, ref.error) for ref in refs),
    )


def _integral(value: Any) -> Any:
    """``1.0`` as ``1``: JSON does not tell them apart, Python's ``Literal`` does."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_integral(item) for item in value]
    return value


def _usable_default(node: SchemaNode) -> bool:
    """Whether the published default can be the Python default.

    A default that breaks its own schema, or an object, is left out: it would not
    type-check, and since only what the caller sets is sent, nothing is lost. So is a
    non-empty array default whose items carry bounds, lengths or a pattern: such items
    become a class of their own, which a list of plain values does not type-check as.
    """
    if not node.has_default or "object" in node.types:
        return False
    if isinstance(node.default, list) and any(isinstance(v, dict | list) for v in node.default):
        return False
    items = node.items.raw if node.items is not None else {}
    if isinstance(node.default, list) and node.default and items.keys() & _ITEM_CONSTRAINTS:
        return False
    return bool(Draft202012Validator(value_schema(node)).is_valid(node.default))


# The key under which a root property carries its JSON Schema for ``JsonSchema``, when
# the pydantic types made from it would not enforce it exactly; the renderer takes it out.
EXACT_CHECK = "x-runcomfy-json-schema"

# Keywords that pydantic enforces exactly, for a node of one JSON type (besides ``type``,
# ``enum``/``const``, ``items``, ``properties`` and ``required``, judged on their own).
_EXACT_BY_TYPE: dict[str, tuple[str, ...]] = {
    "string": ("minLength", "maxLength", "pattern"),
    "integer": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"),
    "number": ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"),
    "array": ("minItems", "maxItems"),
    "object": (),
    "boolean": (),
    "null": (),
}
_VALUE_KEYWORDS = frozenset(VALUE_KEYWORDS)
# Keywords that make datamodel-code-generator give an array's items a class of their own:
# the scalar constraints it is handed.
_ITEM_CONSTRAINTS = frozenset(_EXACT_BY_TYPE["string"] + _EXACT_BY_TYPE["integer"])


def _literal(values: list[Any]) -> bool:
    """Whether the values can be a ``Literal`` (no floats, lists or objects)."""
    return all(isinstance(value, str | int | None) for value in values)


def _exact_literal(values: list[Any], nullable: bool) -> bool:
    """Whether ``Literal[*values]`` (``| None`` if ``nullable``) takes exactly these values.

    Pydantic's ``Literal`` takes ``True`` for ``1`` and ``1`` for ``True`` (and so for 0
    and ``False``); with such values it accepts too much, and ``JsonSchema`` must judge.
    """
    for value in values:
        if isinstance(value, bool) or (isinstance(value, int) and value in (0, 1)):
            return False
    return _literal(values) and (not nullable or None in values)


def _exact_bound(kind: str, keyword: str, value: Any) -> Any:
    """The keyword's value for pydantic, or None if pydantic cannot enforce it exactly."""
    if kind == "integer" or keyword in ("minLength", "maxLength", "minItems", "maxItems"):
        value = _integral(value)  # int fields take int bounds; lengths count whole items
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    return value


def _typed_keywords(node: SchemaNode, kind: str, raw: dict[str, Any], kept: set[str]) -> bool:
    """Into ``raw``, the keywords of a one-type node that pydantic enforces (noted in
    ``kept``), items and properties included; False if any of those is not exact."""
    exact = True
    for keyword in _EXACT_BY_TYPE[kind]:
        if keyword in node.raw:
            value = _exact_bound(kind, keyword, node.raw[keyword])
            if value is not None:
                raw[keyword] = value
                kept.add(keyword)
    if kind == "array":
        if node.raw.get("uniqueItems") is False:
            kept.add("uniqueItems")
        if node.items is not None:
            raw["items"], exact = _for_codegen(node.items)
            kept.add("items")
    if kind == "object":
        if node.properties:
            raw["properties"] = {}
            for key, child in node.properties.items():
                raw["properties"][key], child_exact = _for_codegen(child)
                exact = exact and child_exact
            kept.add("properties")
        if node.required:
            raw["required"] = [name for name in node.required if name in node.properties]
            if len(raw["required"]) == len(node.required):
                kept.add("required")
    return exact


def _for_codegen(node: SchemaNode, root: bool = False) -> tuple[dict[str, Any], bool]:
    """The node as plain JSON Schema for datamodel-code-generator, and whether it is exact.

    ``float`` becomes ``number``, a null default and examples published as defaults are
    removed (so the field is required, or unset until the caller sets it), media formats
    become strings, and RunComfy's ``validations`` are left to the media validators.

    Only keywords that the generated pydantic types enforce exactly as JSON Schema does
    are kept; when one is left out (``uniqueItems``, a float ``multipleOf``, an ``enum``
    with ``true`` or ``1``, keywords on a node of several or no types), the schema is not
    exact and the root property that holds it is checked by ``JsonSchema`` as well.
    """
    raw = copy.deepcopy(dict(node.raw))
    for key in ("validations", "default", "title", "format", "$comment"):
        raw.pop(key, None)  # a format is documentation here: the value stays a string
    for key in _VALUE_KEYWORDS:
        raw.pop(key, None)
    published = {key for key in node.raw if key in _VALUE_KEYWORDS}
    kept: set[str] = set()
    exact = True
    kinds = [name for name in node.types if name != "null"]
    if node.types:
        raw["type"] = node.types[0] if len(node.types) == 1 else list(node.types)
    if _usable_default(node):
        raw["default"] = _integral(copy.deepcopy(node.default))
    literal = None
    for keyword in ("enum", "const"):  # a const is an enum of one value
        if keyword in node.raw and literal is None:
            values = node.raw[keyword] if keyword == "enum" else [node.raw[keyword]]
            values = _integral(copy.deepcopy(values))
            if _literal(values):  # typed as a Literal even when JsonSchema must judge too
                raw["enum"] = literal = values
    if literal is not None:
        # The Literal is all pydantic checks: it is exact when every value also meets the
        # node's other keywords (a maxLength, or the other of enum and const).
        others = {k: v for k, v in value_schema(node).items() if k not in ("type", "enum")}
        if "enum" not in node.raw:
            others.pop("const", None)
        judge = Draft202012Validator(others)
        if _exact_literal(literal, node.nullable) and all(judge.is_valid(v) for v in literal):
            kept |= published
    elif len(kinds) == 1:
        exact = _typed_keywords(node, kinds[0], raw, kept)
    if not raw.get("description"):
        raw.pop("description", None)
        if node.title and not root:
            raw["description"] = node.title
    return raw, exact and published <= kept


def _input_for_codegen(root: SchemaNode) -> dict[str, Any]:
    """The input schema for datamodel-code-generator, inexact properties marked for checks."""
    schema, _ = _for_codegen(root, root=True)
    for name, child in root.properties.items():
        child_schema, exact = _for_codegen(child)
        if not exact:
            child_schema[EXACT_CHECK] = value_schema(child)
        schema["properties"][name] = child_schema
    return schema


def build_model_ir(model: ModelSchema, module: ModuleName, schema_path: str) -> ModelIR:
    """The IR of one linted model."""
    root = model.input
    media = {name: _media_field(name, node) for name, node in root.properties.items()}
    fields = tuple(
        doc
        for name, node in root.properties.items()
        for doc in _field_docs(name, node, name in root.required, media[name])
    )
    input_schema = _input_for_codegen(root)
    input_schema["description"] = f"Input of {model.model_id}."
    output_schema, _ = _for_codegen(model.output, root=True)
    output_schema.pop("required", None)
    output_schema["description"] = "The model's output: the URLs of what it made."
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
