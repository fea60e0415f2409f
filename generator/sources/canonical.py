"""Turn what a source published into a canonical schema document.

Only page chrome is removed: text that varies with the page's language and says nothing
about the API. That is the root ``title`` of the input and output schemas ("Esquema de
entrada", ``modelApiDoc_navInputSchema``, "Output schema", ...), any unresolved
``modelApiDoc_...`` i18n key, and the descriptions of the generic output schema, which
every model page publishes in its own language and which is stored in one canonical
form. Everything else is kept exactly.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from generator.errors import SourceError
from generator.schema.document import (
    OutputOrigin,
    SchemaDocument,
    Source,
    model_id_problem,
)
from generator.sources.strict_json import first_problem

__all__ = [
    "GENERIC_OUTPUT_SCHEMA",
    "build_document",
    "canonical_output",
    "is_generic_output",
    "strip_i18n_keys",
]

_I18N_KEY = re.compile(r"^modelApiDoc_[A-Za-z0-9_]*$")
_URI = {"type": "string", "format": "uri"}
_GENERIC_SHAPES: dict[str, dict[str, Any]] = {
    "image": dict(_URI),
    "video": dict(_URI),
    "images": {"type": "array", "items": dict(_URI)},
    "videos": {"type": "array", "items": dict(_URI)},
    "audio": dict(_URI),
    "audios": {"type": "array", "items": dict(_URI)},
}

GENERIC_OUTPUT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {key: dict(shape) for key, shape in _GENERIC_SHAPES.items()},
}


def strip_i18n_keys(value: Any) -> Any:
    """A copy of ``value`` without any entry whose value is an unresolved i18n key."""
    if isinstance(value, dict):
        return {
            key: strip_i18n_keys(item)
            for key, item in value.items()
            if not (isinstance(item, str) and _I18N_KEY.match(item))
        }
    if isinstance(value, list):
        return [strip_i18n_keys(item) for item in value]
    return value


def _without_description(schema: Any) -> Any:
    if not isinstance(schema, dict):
        return schema
    return {key: value for key, value in schema.items() if key != "description"}


def is_generic_output(schema: dict[str, Any]) -> bool:
    """Whether ``schema`` is the generic media-URL output schema, in any language."""
    if set(schema) - {"type", "properties", "title", "description"}:
        return False
    properties = schema.get("properties")
    if schema.get("type") != "object" or not isinstance(properties, dict) or not properties:
        return False
    for key, prop in properties.items():
        shape = _GENERIC_SHAPES.get(key)
        if shape is None or not isinstance(prop, dict):
            return False
        if _without_description(prop) != shape:
            return False
    return True


def canonical_output(schema: dict[str, Any] | None) -> tuple[dict[str, Any], OutputOrigin]:
    """The output schema to store, and whether it was published or assumed."""
    if schema is None:
        return copy.deepcopy(GENERIC_OUTPUT_SCHEMA), "assumed"
    if is_generic_output(schema):
        return {
            "type": "object",
            "properties": {
                key: _without_description(prop) for key, prop in schema["properties"].items()
            },
        }, "published"
    output = strip_i18n_keys(schema)
    output.pop("title", None)
    return output, "published"


def build_document(
    *,
    model_id: str,
    endpoint: str,
    input_schema: dict[str, Any],
    output_schema: dict[str, Any] | None,
    source: Source,
    metadata: dict[str, Any] | None = None,
) -> SchemaDocument:
    """Canonicalise one model as read from ``source``."""
    where = ", ".join(source.locations)
    problem = model_id_problem(model_id)
    if problem is not None:
        raise SourceError(f"{where}: {problem}")
    for name, published in (("input_schema", input_schema), ("output_schema", output_schema)):
        problem = first_problem(published, f"/{name}")
        if problem is not None:
            raise SourceError(f"{where} ({model_id}): {problem}")
    schema = strip_i18n_keys(input_schema)
    schema.pop("title", None)
    output, origin = canonical_output(output_schema)
    return SchemaDocument(
        model_id=model_id,
        endpoint=endpoint,
        input_schema=schema,
        output_schema=output,
        output_schema_origin=origin,
        source=source,
        metadata=metadata,
    )
