"""A typed model of a published schema, with RunComfy's quirks normalised in one place.

``parse_document`` reads a schema document that already passed the meta-schema into
frozen ``SchemaNode`` trees. Every quirk it smooths over is recorded as a
``Normalisation`` (with its JSON pointer) so lint can report it and nothing downstream
ever has to know the quirk existed:

- ``"type": "float"`` is a number;
- ``"default": null`` on a field that does not allow null is no default;
- a default on a required field, or a sample prompt published as a default, is an
  example: shown in docs, never sent unless the user sets it (an empty string is no
  example: curated catalogs blank sample prompts to ``""``);
- a media field published without a ``*_uri`` format has its kind inferred from its
  rules' metrics and its name and title.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.runtime.core.keywords import VALUE_KEYWORDS
from generator.runtime.rules.grammar import (
    MEDIA_KINDS,
    METRICS,
    MediaKind,
    RuleSyntaxError,
    parse_rule,
)
from generator.schema.findings import json_pointer_join

__all__ = [
    "MEDIA_FORMATS",
    "NO_DEFAULT",
    "ModelSchema",
    "Normalisation",
    "RuleRef",
    "SchemaNode",
    "parse_document",
    "value_schema",
]

MEDIA_FORMATS: Mapping[str, MediaKind] = {f"{kind}_uri": kind for kind in MEDIA_KINDS}
MEDIA_ARRAY_FORMATS: Mapping[str, MediaKind] = {f"{kind}_uris": kind for kind in MEDIA_KINDS}

_NAME_HINTS: tuple[tuple[MediaKind, re.Pattern[str]], ...] = (
    ("video", re.compile(r"video|clip|movie|footage", re.I)),
    ("audio", re.compile(r"audio|sound|music|voice|speech|song|wav|mp3", re.I)),
    ("image", re.compile(r"image|img|photo|picture|frame|mask|portrait", re.I)),
)
_PROMPT_NAME = re.compile(r"prompt", re.I)
_NEGATIVE = re.compile(r"negative", re.I)


class _NoDefault:
    """Marks a field without a usable default (distinct from a default of ``None``)."""

    def __repr__(self) -> str:
        return "NO_DEFAULT"

    def __reduce__(self) -> str:
        return "NO_DEFAULT"  # unpickles as the module's one instance, so `is` still works


NO_DEFAULT: Any = _NoDefault()


@dataclass(frozen=True)
class Normalisation:
    """One quirk read in a standard way, where it was, and what was done about it."""

    pointer: str
    code: str
    message: str


@dataclass(frozen=True)
class RuleRef:
    """A published ``validations`` entry, still as written; lint decides if it is sound."""

    pointer: str
    rule: str
    value: Any
    error: str

    def metric_name(self) -> str | None:
        try:
            return parse_rule(self.rule)[0].name
        except RuleSyntaxError:
            return None


@dataclass(frozen=True)
class SchemaNode:
    """One schema node, keywords typed, quirks normalised."""

    pointer: str
    raw: Mapping[str, Any]
    types: tuple[str, ...]
    title: str | None = None
    description: str | None = None
    default: Any = NO_DEFAULT
    example: Any = NO_DEFAULT
    enum: tuple[Any, ...] | None = None
    format: str | None = None
    items: SchemaNode | None = None
    properties: Mapping[str, SchemaNode] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    validations: tuple[RuleRef, ...] = ()
    media_kind: MediaKind | None = None

    @property
    def nullable(self) -> bool:
        return "null" in self.types

    @property
    def has_default(self) -> bool:
        return self.default is not NO_DEFAULT

    @property
    def is_media(self) -> bool:
        return self.media_kind is not None or bool(self.validations)

    def keyword(self, name: str) -> Any:
        return self.raw.get(name)


@dataclass(frozen=True)
class ModelSchema:
    """A whole schema document as the generator sees it."""

    model_id: str
    endpoint: str
    input: SchemaNode
    output: SchemaNode
    output_assumed: bool
    normalisations: tuple[Normalisation, ...]
    metadata: Mapping[str, Any] = field(default_factory=dict)
    """What the catalog publishes about the model (display name, categories, price)."""


def _types(raw: Mapping[str, Any], pointer: str, notes: list[Normalisation]) -> tuple[str, ...]:
    published = raw.get("type")
    if published is None:
        return ()
    names = [published] if isinstance(published, str) else list(published)
    if "float" in names:
        notes.append(
            Normalisation(
                json_pointer_join(pointer, "type"),
                "float-type",
                '"type": "float" is not JSON Schema; read as "number"',
            )
        )
    normalised: list[str] = []
    for published_name in names:
        name = "number" if published_name == "float" else published_name
        if name not in normalised:
            normalised.append(name)
    return tuple(normalised)


def _infer_kind(name: str, raw: Mapping[str, Any], rules: tuple[RuleRef, ...]) -> MediaKind | None:
    """The media kind a rule-bearing field must be, judged by its metrics, then its name."""
    possible = set(MEDIA_KINDS)
    for rule in rules:
        metric = METRICS.get(rule.metric_name() or "")
        if metric is not None:
            possible &= metric.kinds
    text = " ".join(str(raw.get(key) or "") for key in ("title", "description")) + " " + name
    for kind, pattern in _NAME_HINTS:
        if kind in possible and pattern.search(text):
            return kind
    if len(possible) == 1:
        return next(iter(possible))
    return None


def _media_kind(
    name: str,
    raw: Mapping[str, Any],
    rules: tuple[RuleRef, ...],
    pointer: str,
    notes: list[Normalisation],
) -> MediaKind | None:
    fmt = raw.get("format")
    if isinstance(fmt, str):
        if fmt in MEDIA_FORMATS:
            return MEDIA_FORMATS[fmt]
        if fmt in MEDIA_ARRAY_FORMATS:
            return MEDIA_ARRAY_FORMATS[fmt]
    items = raw.get("items")
    if isinstance(items, Mapping) and items.get("format") in MEDIA_FORMATS:
        return MEDIA_FORMATS[items["format"]]
    if not rules:
        return None
    kind = _infer_kind(name, raw, rules)
    if kind is not None:
        notes.append(
            Normalisation(
                pointer,
                "inferred-media-kind",
                f"media field has rules but no {kind}_uri format; read as {kind} "
                "from its rules and its name",
            )
        )
    return kind


def _is_sample_prompt(name: str, raw: Mapping[str, Any], types: tuple[str, ...]) -> bool:
    default = raw.get("default")
    if types != ("string",) or not isinstance(default, str) or not default.strip():
        return False
    if _NEGATIVE.search(name):
        return False  # "blurry, low quality" is a real default, not a sample
    return bool(_PROMPT_NAME.search(name) or _PROMPT_NAME.search(str(raw.get("title") or "")))


def _parse_node(
    raw: Mapping[str, Any],
    pointer: str,
    name: str,
    required: bool,
    notes: list[Normalisation],
) -> SchemaNode:
    types = _types(raw, pointer, notes)
    default: Any = NO_DEFAULT
    example: Any = NO_DEFAULT
    if "default" in raw:
        value = raw["default"]
        where = json_pointer_join(pointer, "default")
        if value is None and "null" not in types:
            notes.append(Normalisation(where, "null-default", '"default": null read as no default'))
        elif required:
            example = NO_DEFAULT if value == "" else value
            notes.append(
                Normalisation(
                    where,
                    "required-default",
                    "required field publishes a default; kept as an example, the caller "
                    "must still set it",
                )
            )
        elif _is_sample_prompt(name, raw, types):
            example = value
            notes.append(
                Normalisation(
                    where,
                    "sample-default",
                    "default looks like a sample prompt; kept as an example, not sent "
                    "unless set",
                )
            )
        else:
            default = value
    rules = tuple(
        RuleRef(
            json_pointer_join(pointer, "validations", index),
            entry.get("validation_rule", ""),
            entry.get("validation_value"),
            entry.get("validation_error", ""),
        )
        for index, entry in enumerate(raw.get("validations") or ())
    )
    items_raw = raw.get("items")
    array_format = raw.get("format")
    is_array = "array" in types
    if (
        items_raw is None
        and is_array
        and isinstance(array_format, str)
        and array_format in MEDIA_ARRAY_FORMATS
    ):
        items_raw = {"type": "string", "format": f"{MEDIA_ARRAY_FORMATS[array_format]}_uri"}
        notes.append(
            Normalisation(
                pointer,
                "implied-items",
                f"array with format {array_format!r} publishes no items; each item read as "
                f"a string with format {items_raw['format']!r}",
            )
        )
    items = (
        _parse_node(items_raw, json_pointer_join(pointer, "items"), name, False, notes)
        if isinstance(items_raw, Mapping)
        else None
    )
    required_names = tuple(raw.get("required") or ())
    properties = {
        key: _parse_node(
            value,
            json_pointer_join(pointer, "properties", key),
            key,
            key in required_names,
            notes,
        )
        for key, value in (raw.get("properties") or {}).items()
    }
    enum = raw.get("enum")
    fmt = raw.get("format")
    return SchemaNode(
        pointer=pointer,
        raw=raw,
        types=types,
        title=raw.get("title"),
        description=raw.get("description"),
        default=default,
        example=example,
        enum=tuple(enum) if isinstance(enum, list) else None,
        format=fmt if isinstance(fmt, str) else None,
        items=items,
        properties=properties,
        required=required_names,
        validations=rules,
        media_kind=_media_kind(name, raw, rules, pointer, notes),
    )


# Keywords that judge a value on their own (``items`` and ``properties`` are schemas,
# rebuilt node by node); media formats and rules are not JSON Schema.
_OWN_VALUE_KEYWORDS = frozenset(VALUE_KEYWORDS) - {"items", "properties"}


def value_schema(node: SchemaNode) -> dict[str, Any]:
    """The node as plain JSON Schema, for judging a value such as its own default.

    Keywords keep their published order; ``float`` reads as ``number``, and a single type
    is written as one name.
    """
    schema: dict[str, Any] = {}
    for key, value in node.raw.items():
        if key == "type" and node.types:
            schema["type"] = node.types[0] if len(node.types) == 1 else list(node.types)
        elif key == "properties" and node.properties:
            schema["properties"] = {k: value_schema(v) for k, v in node.properties.items()}
        elif key in _OWN_VALUE_KEYWORDS:
            schema[key] = value
    if node.items is not None:  # also an item schema implied by a *_uris format
        schema["items"] = value_schema(node.items)
    return schema


def parse_document(document: Mapping[str, Any]) -> ModelSchema:
    """The typed model of a document that passed ``check_shape``."""
    notes: list[Normalisation] = []
    input_node = _parse_node(document["input_schema"], "/input_schema", "", False, notes)
    output_node = _parse_node(document["output_schema"], "/output_schema", "", False, notes)
    return ModelSchema(
        model_id=document["model_id"],
        endpoint=document["endpoint"],
        input=input_node,
        output=output_node,
        output_assumed=document["output_schema_origin"] == "assumed",
        normalisations=tuple(notes),
        metadata=dict(document.get("metadata") or {}),
    )
