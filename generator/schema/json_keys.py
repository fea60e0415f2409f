"""JSON objects that name a key twice.

Python's JSON reader keeps the last value of a repeated key, silently: a duplicated
``seed`` keeps only the last definition, a duplicated ``properties`` drops fields. Every
schema JSON the generator reads (doc pages, catalog answers, committed schema files) is
parsed with :func:`unique_object` as ``object_pairs_hook``, and
:func:`duplicate_key_problem` then names the first repeated key with the JSON pointer
of the object that repeats it.
"""

from __future__ import annotations

import json
from typing import Any

from generator.schema.findings import json_pointer, one_line

__all__ = ["DuplicateKeyObject", "UniqueKeys", "duplicate_key_problem", "unique_object"]


class DuplicateKeyObject(dict[str, Any]):
    """A JSON object that named ``duplicate`` more than once (the last value kept).

    It only exists between parsing and the check that refuses it.
    """

    duplicate: str = ""


def unique_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook``: a plain dict, or a :class:`DuplicateKeyObject` marking a
    repeated key for :func:`duplicate_key_problem` to report with its pointer."""
    value = dict(pairs)
    if len(value) == len(pairs):
        return value
    seen: set[str] = set()
    marked = DuplicateKeyObject(value)
    for key, _ in pairs:
        if key in seen:
            marked.duplicate = key
            break
        seen.add(key)
    return marked


def duplicate_key_problem(value: Any, pointer: str = "") -> str | None:
    """The first repeated key under ``value``, as ``"<pointer>: duplicate key "k""``.

    Walks iteratively in document order, so any nesting depth is fine; the pointer is
    written on one line (keys may hold newlines or terminal escapes).
    """
    stack: list[tuple[Any, str]] = [(value, pointer)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, DuplicateKeyObject):
            key = json.dumps(item.duplicate, ensure_ascii=False)
            return f"{one_line(where) or '/'}: duplicate key {key}"
        if isinstance(item, dict):
            stack.extend(reversed([(v, where + json_pointer(k)) for k, v in item.items()]))
        elif isinstance(item, list):
            stack.extend(reversed([(v, where + json_pointer(i)) for i, v in enumerate(item)]))
    return None


class UniqueKeys:
    """An ``object_pairs_hook`` for one parse that remembers whether any object repeated
    a key, so a document without duplicates is not walked a second time."""

    def __init__(self) -> None:
        self.found = False

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        value = unique_object(pairs)
        if isinstance(value, DuplicateKeyObject):
            self.found = True
        return value

    def problem(self, value: Any) -> str | None:
        """:func:`duplicate_key_problem` for what this hook parsed."""
        return duplicate_key_problem(value) if self.found else None
