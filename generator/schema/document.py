"""The canonical schema document: one committed JSON file per model under ``schemas/``.

The file holds what RunComfy publishes for a model and nothing that varies with how it
was read: the model id, the endpoint, the input and output schemas as published (every
keyword, value and property order kept), whether the output schema was published or
assumed, what the catalog publishes about the model (``metadata``: display name,
categories, kind, price; only when it publishes any), and a ``source`` record naming
where it was read from (with the entry's ``provenance`` when the catalog gives one).
Its bytes are a pure function of that content, so pulling unchanged docs again changes nothing.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from generator.errors import SchemaFileError
from generator.schema.findings import json_pointer
from generator.schema.json_keys import UniqueKeys

__all__ = [
    "METADATA_KEYS",
    "OutputOrigin",
    "SchemaDocument",
    "Source",
    "contract_of",
    "dump_document",
    "load_document_bytes",
    "load_document_json",
    "model_id_problem",
    "non_finite_numbers",
    "parse_document_json",
    "schema_relpath",
]

OutputOrigin = Literal["published", "assumed"]
SourceKind = Literal["page", "catalog"]

# The catalog's own fields about a model, kept in this order; anything else it sends is
# not part of what the SDK promises, so it is not stored.
METADATA_KEYS = (
    "display_name",
    "categories",
    "kind",
    "base_price_usd",
    "price_unit",
    "pricing_note",
)

# fullmatch, never match with "$": "$" also matches before a trailing newline.
_SEGMENT = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?")


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
        if not _SEGMENT.fullmatch(segment) or ".." in segment:
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
    provenance: str | None = None
    """Where the source itself came from, as its publisher states it (a catalog
    snapshot's entries name the repository and commit they were read from)."""

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "locations": list(self.locations)}
        if self.provenance is not None:
            data["provenance"] = self.provenance
        return data


@dataclass(frozen=True)
class SchemaDocument:
    """One model's published contract, in canonical form."""

    model_id: str
    endpoint: str
    input_schema: dict[str, Any]
    output_schema: dict[str, Any]
    output_schema_origin: OutputOrigin
    source: Source
    metadata: dict[str, Any] | None = None
    """The catalog's fields about the model (``METADATA_KEYS``, in that order)."""

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
            **({"metadata": self.metadata} if self.metadata is not None else {}),
            "source": self.source.to_json(),
        }


def dump_document(document: SchemaDocument) -> str:
    """The file's exact text: two-space indent, UTF-8 as is, published key order kept.

    NaN and Infinity are refused (``ValueError``): no JSON reader could load the file.
    """
    return json.dumps(document.to_json(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


class NonFiniteNumber(float):
    """A number a schema file spells but no double holds: ``1e309`` or ``NaN`` (an
    infinity or NaN), or ``1e-400`` (a non-zero number that reads as 0). It remembers
    how it was written, so lint can quote it."""

    token: str

    def __new__(cls, token: str) -> NonFiniteNumber:
        number = super().__new__(cls, float(token))
        number.token = token
        return number

    def __reduce__(self) -> tuple[type[NonFiniteNumber], tuple[str]]:
        return (NonFiniteNumber, (self.token,))


_NONZERO_MANTISSA = re.compile(r"^-?[0-9.]*[1-9]")


def _parse_float(token: str) -> float:
    number = float(token)
    if not math.isfinite(number) or (number == 0.0 and _NONZERO_MANTISSA.match(token)):
        return NonFiniteNumber(token)
    return number


def unheld_number_problem(token: str) -> tuple[str, str]:
    """The lint code and the text for a number no double holds, as ``token`` spells it."""
    if float(token) == 0.0:
        return "number-underflow", f"{token} is too small for a double: it reads as 0"
    return "non-finite-number", f"{token} is not a finite number"


def non_finite_numbers(value: Any) -> list[tuple[str, str]]:
    """(JSON pointer, spelling) of every number in ``value`` that is not finite.

    JSON's grammar has no limit on a number's size, but JSON Schema's values must be
    real numbers: ``1e309`` reads as an infinity that no generated module can spell.
    Walks iteratively, so nesting depth cannot crash it.
    """
    found: list[tuple[str, str]] = []
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        item, where = stack.pop()
        if isinstance(item, NonFiniteNumber) or (
            isinstance(item, float) and not math.isfinite(item)
        ):
            found.append((where, item.token if isinstance(item, NonFiniteNumber) else repr(item)))
        elif isinstance(item, dict | list):
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            stack.extend(reversed([(child, where + json_pointer(key)) for key, child in pairs]))
    return found


def load_document_bytes(path: Path) -> bytes:
    """A schema file's bytes; an unreadable file is unusable input."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SchemaFileError(f"{path}: cannot read schema file: {exc}") from exc


def load_document_json(path: Path) -> Any:
    """Parse a schema file; a file that is not JSON is unusable input, not a finding."""
    return parse_document_json(path, load_document_bytes(path))


def parse_document_json(path: Path, data: bytes, *, keep_non_finite: bool = False) -> Any:
    """Parse a schema file's bytes, naming ``path`` in any error.

    A number that is not finite (``1e309``, ``NaN``, ``-Infinity``) is refused with its
    JSON pointer, unless ``keep_non_finite``: lint keeps them, to report each as a finding.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SchemaFileError(f"{path}: cannot read schema file: {exc}") from exc
    keys = UniqueKeys()
    try:
        document = json.loads(
            text,
            parse_float=_parse_float,
            parse_constant=NonFiniteNumber,
            object_pairs_hook=keys,
        )
    except json.JSONDecodeError as exc:
        raise SchemaFileError(
            f"{path}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from exc
    except ValueError as exc:
        raise SchemaFileError(f"{path}: not JSON ({exc})") from exc
    problem = keys.problem(document)
    if problem is not None:
        raise SchemaFileError(f"{path}: {problem}; a JSON object names each key once")
    if not keep_non_finite:
        for pointer, token in non_finite_numbers(document)[:1]:
            raise SchemaFileError(f"{path}: {pointer or '/'}: {unheld_number_problem(token)[1]}")
    return document
