"""The JSON Schema keywords that judge a value, in one table.

Everything that reads a schema for what it allows asks this table: ``JsonSchema`` (which
refuses any keyword not here besides ``type``), and the generator, which lints schemas,
documents limits, tells pydantic's exact types from the ones ``JsonSchema`` must back up,
and diffs contracts. Keywords not in the table (``title``, ``description``, ``default``,
``format``, RunComfy's ``validations``) describe a value without judging it.

Each row says on which JSON types the keyword applies, how a reference page states it,
which way a larger value moves the limit, and on which types pydantic's own constraint
enforces it exactly as JSON Schema does (``multipleOf`` only on integers: on floats,
pydantic's check is binary, not decimal).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

__all__ = ["KEYWORDS", "VALUE_KEYWORDS", "JsonType", "Keyword", "exact_in_pydantic", "limits"]

JsonType = Literal["string", "integer", "number", "array", "object", "boolean", "null"]
_NUMBERS: tuple[JsonType, ...] = ("integer", "number")


@dataclass(frozen=True)
class Keyword:
    """One JSON Schema keyword that judges a value."""

    name: str
    applies_to: tuple[JsonType, ...]
    """The JSON types it constrains; empty for keywords that judge any value."""
    label: str | None = None
    """How a reference page states the limit (``min length 3``); ``None`` when not a limit."""
    bound: Literal["lower", "upper"] | None = None
    """``lower`` when a larger value allows less, ``upper`` when it allows more."""
    exact_in_pydantic: tuple[JsonType, ...] = ()
    """The types on which pydantic's constraint enforces it exactly as JSON Schema does."""


KEYWORDS: Mapping[str, Keyword] = {
    keyword.name: keyword
    for keyword in (
        Keyword("enum", ()),
        Keyword("const", ()),
        Keyword("minimum", _NUMBERS, ">=", "lower", _NUMBERS),
        Keyword("exclusiveMinimum", _NUMBERS, ">", "lower", _NUMBERS),
        Keyword("maximum", _NUMBERS, "<=", "upper", _NUMBERS),
        Keyword("exclusiveMaximum", _NUMBERS, "<", "upper", _NUMBERS),
        Keyword("multipleOf", _NUMBERS, "multiple of", None, ("integer",)),
        Keyword("minLength", ("string",), "min length", "lower", ("string",)),
        Keyword("maxLength", ("string",), "max length", "upper", ("string",)),
        Keyword("pattern", ("string",), "matches"),  # matched by JsonSchema, bounded in time
        Keyword("minItems", ("array",), "min items", "lower", ("array",)),
        Keyword("maxItems", ("array",), "max items", "upper", ("array",)),
        Keyword("uniqueItems", ("array",), "unique items"),
        Keyword("required", ("object",)),
        Keyword("items", ("array",)),
        Keyword("properties", ("object",)),
    )
}

VALUE_KEYWORDS: tuple[str, ...] = tuple(KEYWORDS)
"""Every keyword that says something about a value, in the table's order."""


def limits() -> tuple[Keyword, ...]:
    """The keywords a reference page states as limits, in the table's order."""
    return tuple(keyword for keyword in KEYWORDS.values() if keyword.label is not None)


def exact_in_pydantic(json_type: str) -> tuple[str, ...]:
    """The keywords pydantic enforces exactly on a value of ``json_type``."""
    return tuple(k.name for k in KEYWORDS.values() if json_type in k.exact_in_pydantic)
