"""The canonical schema document: one committed JSON file per model under ``schemas/``.

The file holds what RunComfy publishes for a model and nothing that varies with how it
was read: the model id, the endpoint, the input and output schemas as published (every
keyword, value and property order kept), whether the output schema was published or
assumed, and a ``source`` record naming where it was read from. Its bytes are a pure
function of that content, so pulling unchanged docs again changes nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from generator.errors import SchemaFileError

__all__ = [
    "OutputOrigin",
    "SchemaDocument",
    "Source",
    "contract_of",
    "dump_document",
    "load_document_bytes",
    "load_document_json",
    "model_id_problem",
    "parse_document_json",
    "schema_relpath",
]

OutputOrigin = Literal["published", "assumed"]
SourceKind = Literal["page", "catalog"]

_SEGMENT = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?$")


def model_id_problem(model_id: object) -> str | None:
    """Why ``model_id`` is not a usable RunComfy model id, or ``None`` if it is.

    Ids are slash paths of 2 to 5 segments of letters, digits, dots, dashes and
    underscores; they become file paths and URLs, so nothing else is let through.
    """
    if not isinstance(model_id, str):
        return "a model id must be a string"
    segments = model_id.split("/")
    if not 2 <= len(segments) <= 5:
        return f"model id {model_id!r} must have 2 to 5 '/'-separated segments"
    for segment in segments:
        if not _SEGMENT.match(segment) or ".." in segment:
            return (
                f"model id {model_id!r}: segment {segment!r} must be letters, digits, "
                "'.', '-' or '_', starting and ending with a letter or digit"
            )
    return None


def schema_relpath(model_id: str) -> PurePosixPath:
    """Where a model's schema file lives inside the schemas directory."""
    return PurePosixPath(f"{model_id}.json")


def contract_of(document: Mapping[str, Any]) -> dict[str, Any]:
    """A schema document less its ``source``: what the generated package promises.

    Two readings of one model (another page, a catalog) must agree on this; the release
    compares it between versions, the pull and the upstream check between reads.
    """
    return {key: value for key, value in document.items() if key != "source"}


@dataclass(frozen=True)
class Source:
    """Where a schema document was read from; the only part that may differ by page."""

    kind: SourceKind
    locations: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "locations": list(self.locations)}


@dataclass(frozen=True)
class SchemaDocument:
    """One model's published contract, in canonical form."""

    model_id: str
    endpoint: str
    input_schema: dict[str, Any]
    output_schema: dict[str, Any]
    output_schema_origin: OutputOrigin
    source: Source

    def contract(self) -> dict[str, Any]:
        """Everything but the source: see :func:`contract_of`."""
        return contract_of(self.to_json())

    def to_json(self) -> dict[str, Any]:
        return {
            "model_id": self.model_id,
            "endpoint": self.endpoint,
            "input_schema": self.input_schema,
            "output_schema": self.output_schema,
            "output_schema_origin": self.output_schema_origin,
            "source": self.source.to_json(),
        }


def dump_document(document: SchemaDocument) -> str:
    """The file's exact text: two-space indent, UTF-8 as is, published key order kept.

    NaN and Infinity are refused (``ValueError``): no JSON reader could load the file.
    """
    return json.dumps(document.to_json(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def reject_non_json_constant(name: str) -> Any:
    """``parse_constant`` hook: Python reads NaN and Infinity, JSON has neither."""
    raise ValueError(f"{name} is not a JSON number")


def load_document_bytes(path: Path) -> bytes:
    """A schema file's bytes; an unreadable file is unusable input."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SchemaFileError(f"{path}: cannot read schema file: {exc}") from exc


def load_document_json(path: Path) -> Any:
    """Parse a schema file; a file that is not JSON is unusable input, not a finding."""
    return parse_document_json(path, load_document_bytes(path))


def parse_document_json(path: Path, data: bytes) -> Any:
    """Parse a schema file's bytes, naming ``path`` in any error."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SchemaFileError(f"{path}: cannot read schema file: {exc}") from exc
    try:
        return json.loads(text, parse_constant=reject_non_json_constant)
    except json.JSONDecodeError as exc:
        raise SchemaFileError(
            f"{path}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    except ValueError as exc:
        raise SchemaFileError(f"{path}: not JSON ({exc})") from exc
