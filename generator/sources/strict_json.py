"""JSON as RunComfy may publish it, read strictly enough to be written back as JSON.

Python's parser accepts ``NaN`` and ``Infinity`` and turns ``1e400`` into ``inf``; none
of them can be written to a schema file. They are read as :class:`NonFinite` markers so
the error can name where they are, and nesting is capped so a hostile page gives an
error, not a ``RecursionError`` deep inside a later step. An object that names a key
twice is marked when parsed (:mod:`generator.schema.json_keys`) and refused by
:func:`first_problem` with its pointer, never silently resolved to the last value.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from generator.schema.findings import json_pointer
from generator.schema.json_keys import DuplicateKeyObject, duplicate_key_problem, unique_object

__all__ = [
    "MAX_DEPTH",
    "NonFinite",
    "decoder",
    "describe",
    "duplicate_key_problem",
    "first_difference",
    "first_problem",
    "loads",
]

MAX_DEPTH = 64


@dataclass(frozen=True)
class NonFinite:
    """A number JSON cannot carry, as spelled in the source (``NaN``, ``1e400``)."""

    token: str


def _parse_float(token: str) -> float | NonFinite:
    value = float(token)
    return value if math.isfinite(value) else NonFinite(token)


def decoder() -> json.JSONDecoder:
    """A decoder that reads non-finite numbers as :class:`NonFinite` markers and marks
    objects with a repeated key."""
    return json.JSONDecoder(
        parse_float=_parse_float, parse_constant=NonFinite, object_pairs_hook=unique_object
    )


def loads(text: str) -> Any:
    """Parse ``text``; raises ``ValueError`` (or ``RecursionError``) like ``json.loads``."""
    return decoder().decode(text)


def first_problem(value: Any, pointer: str = "") -> str | None:
    """Why ``value`` cannot be written as JSON (a non-finite number, a repeated key, too
    deep), with the pointer to it, or ``None``.

    Walks iteratively, so nesting far beyond :data:`MAX_DEPTH` is reported, not crashed on.
    """
    stack: list[tuple[Any, str, int]] = [(value, pointer, 0)]
    while stack:
        item, where, depth = stack.pop()
        if isinstance(item, NonFinite) or (isinstance(item, float) and not math.isfinite(item)):
            token = item.token if isinstance(item, NonFinite) else repr(item)
            return f"{where or '/'}: {token} is not a finite JSON number"
        if isinstance(item, DuplicateKeyObject):
            return duplicate_key_problem(item, where)
        if isinstance(item, dict | list):
            if depth >= MAX_DEPTH:
                shown = where if len(where) <= 80 else where[:77] + "..."
                return f"{shown or '/'}: JSON nested deeper than {MAX_DEPTH} levels"
            pairs = item.items() if isinstance(item, dict) else enumerate(item)
            children = [(v, where + json_pointer(k), depth + 1) for k, v in pairs]
            stack.extend(reversed(children))
    return None


def describe(value: Any, limit: int = 60) -> str:
    """A short rendering of ``value`` for an error message."""
    text = json.dumps(value, ensure_ascii=False, default=repr)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def first_difference(left: Any, right: Any, pointer: str = "") -> str | None:
    """Where and how ``left`` and ``right`` first differ (key order and 1 vs 1.0 count)."""
    if isinstance(left, dict) and isinstance(right, dict):
        for key in [*left, *(k for k in right if k not in left)]:
            where = pointer + json_pointer(key)
            if key not in right:
                return f"{where}: {describe(left[key])} vs nothing"
            if key not in left:
                return f"{where}: nothing vs {describe(right[key])}"
            found = first_difference(left[key], right[key], where)
            if found is not None:
                return found
        if list(left) != list(right):
            return f"{pointer or '/'}: the same keys in a different order"
        return None
    if isinstance(left, list) and isinstance(right, list):
        for index, (a, b) in enumerate(zip(left, right, strict=False)):
            found = first_difference(a, b, pointer + json_pointer(index))
            if found is not None:
                return found
        if len(left) != len(right):
            return f"{pointer or '/'}: {len(left)} vs {len(right)} items"
        return None
    if type(left) is not type(right) or left != right:
        return f"{pointer or '/'}: {describe(left)} vs {describe(right)}"
    return None
