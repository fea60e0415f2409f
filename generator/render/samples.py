"""Usage samples: a plausible call of each model, for its reference page and the README.

Only required top-level fields are set, each to its published example when there is
one, so the sample is short and runs as written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.ir.types import FieldDoc
from generator.render.environment import python_literal
from generator.reuse import Usage

__all__ = ["DocField", "doc_fields", "sample_value", "usage_of"]


@dataclass(frozen=True)
class DocField:
    """An input field as a reference page lists it: JSON name, Python name, its row."""

    json_name: str
    python_name: str
    doc: FieldDoc


def sample_value(field: FieldDoc) -> Any:
    """A plausible value for a required field, for the usage snippet."""
    if field.has_example:
        return field.example
    if field.enum:
        return field.enum[0]
    if field.media is not None:
        extension = {"video": "mp4", "audio": "mp3"}.get(field.media.kind or "", "jpg")
        url = f"https://example.com/input.{extension}"
        return [url] if field.media.is_array else url
    kind = field.type_text.split(" ")[0]
    return {"integer": 1, "number": 1.0, "boolean": True, "array": [], "object": {}}.get(
        kind, "..."
    )


def doc_fields(docs: Sequence[FieldDoc], python_names: Mapping[str, str]) -> list[DocField]:
    """Each documented field with the Python name the generated class gave it."""
    return [
        DocField(doc.json_name, python_names.get(doc.json_name, doc.json_name), doc) for doc in docs
    ]


def usage_of(fields: Sequence[DocField]) -> Usage:
    """(Python name, value as Python source) for each required top-level field."""
    return tuple(
        (field.python_name, python_literal(sample_value(field.doc)))
        for field in fields
        if field.doc.required and not field.doc.nested
    )
