"""Build a model's IR from its typed schema model: field rows, media fields, names.

Runs once per model, after lint: every decision the templates would otherwise make
(names, type labels, limits, which fields carry media rules) is made here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.ir.info import model_info
from generator.ir.types import FieldDoc, MediaField, ModelIR, RuleSpec
from generator.naming import ModuleName
from generator.runtime.core.info import ModelInfo
from generator.runtime.core.keywords import limits
from generator.schema.model import ModelSchema, SchemaNode, parse_document

__all__ = ["build_model_ir"]

# How each limit keyword reads in a reference page's "Limits" column.
_LIMIT_LABELS = tuple((keyword.name, str(keyword.label)) for keyword in limits())


def _type_text(node: SchemaNode) -> str:
    """``string (image URL)``, ``array of string (image URL)``: the media kind said once.

    An array of media URLs names its kind at its items when they carry it; the array
    names it (``array of string (image URLs)``) only when they do not.
    """
    names = list(node.types) or ["any"]
    items = node.items if "array" in names else None
    if items is not None:
        names[names.index("array")] = f"array of {_type_text(items)}"
    text = " or ".join(names)
    said_by_items = items is not None and items.media_kind is not None
    if node.media_kind is not None and not said_by_items:
        text += f" ({node.media_kind} URL{'s' if node.items is not None else ''})"
    return text


def _field_docs(
    path: str,
    node: SchemaNode,
    required: bool,
    media: MediaField | None = None,
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
    return tuple(f"{label} {node.raw[key]!r}" for key, label in _LIMIT_LABELS if key in node.raw)


def _media_field(name: str, node: SchemaNode) -> MediaField | None:
    """A top-level media field; rules on its ``items`` apply to each item, as its own do."""
    items = node.items if "array" in node.types else None
    refs = (*node.validations, *(items.validations if items is not None else ()))
    kind = node.media_kind or (items.media_kind if items is not None else None)
    if kind is None and not refs:
        return None
    return MediaField(
        json_name=name,
        kind=kind,
        is_array=items is not None,
        rules=tuple(RuleSpec(ref.rule, ref.value, ref.error) for ref in refs),
    )


def build_model_ir(model: ModelSchema, module: ModuleName, schema_path: str) -> ModelIR:
    """The IR of one linted model."""
    root = model.input
    media = {name: _media_field(name, node) for name, node in root.properties.items()}
    fields = tuple(
        doc
        for name, node in root.properties.items()
        for doc in _field_docs(name, node, name in root.required, media[name])
    )
    media_fields = tuple(spec for spec in media.values() if spec is not None)
    return ModelIR(
        model_id=model.model_id,
        module=module,
        schema_path=schema_path,
        endpoint=model.endpoint,
        output_assumed=model.output_assumed,
        input=model.input,
        output=model.output,
        media_fields=media_fields,
        fields=fields,
        output_keys=tuple(model.output.properties),
        info=model_info(model, module, media_fields),
    )


def info_of(contract: Mapping[str, Any], module: str) -> ModelInfo:
    """The ``ModelInfo`` of a model that is not rendered again (its files are reused),
    read from its contract without linting it again: it was linted when first rendered."""
    model = parse_document(contract)
    media = (_media_field(name, node) for name, node in model.input.properties.items())
    return model_info(model, module, tuple(field for field in media if field is not None))
