"""A model's schemas translated for datamodel-code-generator, marked where inexact.

The IR keeps the typed schema model; this is what datamodel-code-generator is handed
for one model's ``Input`` and ``Output``: plain JSON Schema with the published quirks
resolved and RunComfy's extensions removed. Where the pydantic types made from a root
property would not enforce its JSON Schema exactly, the property carries its schema
under ``EXACT_CHECK`` and the generated field checks it with ``JsonSchema`` too.
"""

from __future__ import annotations

import copy
from typing import Any

from generator.ir.types import ModelIR
from generator.runtime import surface
from generator.runtime.core.keywords import VALUE_KEYWORDS, exact_in_pydantic
from generator.schema.model import SchemaNode, value_schema
from generator.schema.patterns import ValueValidator

__all__ = ["EXACT_CHECK", "input_schema", "output_schema"]


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
    return bool(ValueValidator(value_schema(node)).is_valid(node.default))


# The key under which a root property carries its JSON Schema for ``JsonSchema``, when
# the pydantic types made from it would not enforce it exactly; the renderer takes it out.
EXACT_CHECK = "x-runcomfy-json-schema"

# Keywords that pydantic enforces exactly, for a node of one JSON type (besides ``type``,
# ``enum``/``const``, ``items``, ``properties`` and ``required``, judged on their own).
# ``pattern`` is never handed to pydantic: its Python engine cannot be bounded in time, its
# Rust engine refuses lookarounds and backreferences; ``JsonSchema`` matches it, bounded.
_EXACT_BY_TYPE: dict[str, tuple[str, ...]] = {
    json_type: exact_in_pydantic(json_type)
    for json_type in ("string", "integer", "number", "array", "object", "boolean", "null")
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


# pydantic reports a broken bound through a double: beyond 2**53 an integer bound would be
# quoted rounded (and beyond a double's range not at all), so ``JsonSchema`` judges it.
_DOUBLE_EXACT = 2**53


def _exact_bound(kind: str, keyword: str, value: Any) -> Any:
    """The keyword's value for pydantic, or None if pydantic cannot enforce it exactly."""
    if kind == "integer" or keyword in ("minLength", "maxLength", "minItems", "maxItems"):
        value = _integral(value)  # int fields take int bounds; lengths count whole items
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if kind == "number" and isinstance(value, int) and abs(value) > _DOUBLE_EXACT:
        return None
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
        judge = ValueValidator(others)
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


# The exact number type of the runtime (``JsonNumber``): what a ``number`` of the input is
# typed as, so an integer is neither rounded to a float nor compared with bounds as one.
NUMBER_TYPE = f"runcomfy_models._runtime.{surface.MODEL_BASES}.JsonNumber"


def _exact_numbers(schema: dict[str, Any]) -> None:
    """Type each node of the single JSON type ``number`` (or number and null) as
    ``JsonNumber``, in place; its bounds then reach the field as published (an ``int``
    bound stays an ``int``). Nodes of several types are typed by ``float`` -> ``JsonNumber``
    in the generated code (see ``pydantic_models``)."""
    stack = [schema]
    while stack:
        node = stack.pop()
        types = node.get("type")
        kinds = [types] if isinstance(types, str) else list(types or [])
        if [kind for kind in kinds if kind != "null"] == ["number"] and "enum" not in node:
            node["customTypePath"] = NUMBER_TYPE
        stack.extend(child for child in node.get("properties", {}).values())
        if isinstance(node.get("items"), dict):
            stack.append(node["items"])


def input_schema(model: ModelIR) -> dict[str, Any]:
    """The schema of the model's ``Input`` class."""
    schema = _input_for_codegen(model.input)
    _exact_numbers(schema)
    schema["description"] = f"Input of {model.model_id}."
    return schema


def output_schema(model: ModelIR) -> dict[str, Any]:
    """The schema of the model's ``Output`` class: every key optional."""
    schema, _ = _for_codegen(model.output, root=True)
    schema.pop("required", None)
    schema["description"] = "The model's output: the URLs of what it made."
    return schema
