"""Published descriptions put back, exactly, into datamodel-code-generator's output.

Descriptions are published prose and may hold anything: quotes, backslashes, blank
lines, indentation, control characters. datamodel-code-generator is handed a placeholder
for each, and the text is put back here: as a docstring when the docstring reads back as
exactly the published text (pydantic reads attribute docstrings through
``inspect.cleandoc``), otherwise as ``Field(description=...)``.
"""

from __future__ import annotations

import ast
import inspect
from typing import Any

from generator.render.source_edits import (
    Edit,
    annotated,
    annotated_parts,
    apply_edits,
    class_defs,
    span_of,
)

__all__ = ["drop_passes", "place_descriptions", "with_placeholders"]

_PLACEHOLDER = "RUNCOMFYDESCRIPTION{}X"


def with_placeholders(schema: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """``schema`` with every description replaced by a placeholder recorded in ``texts``."""
    node = dict(schema)
    description = node.get("description")
    if isinstance(description, str):
        placeholder = _PLACEHOLDER.format(len(texts))
        texts[placeholder] = description
        node["description"] = placeholder
    if isinstance(node.get("items"), dict):
        node["items"] = with_placeholders(node["items"], texts)
    if isinstance(node.get("properties"), dict):
        node["properties"] = {
            key: with_placeholders(child, texts) if isinstance(child, dict) else child
            for key, child in node["properties"].items()
        }
    return node


def _escape(text: str) -> str:
    """``text`` for the inside of a triple-quoted literal: escapes, but real newlines."""
    out = []
    for char in text.replace("\\", "\\\\"):
        if char == "\n" or char.isprintable():
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    escaped = "".join(out)
    if '"""' in escaped:
        escaped = escaped.replace('"', '\\"')
    # A space ending a line would be trailing whitespace in the source: write it escaped.
    return "\n".join(
        line[:-1] + "\\x20" if line.endswith(" ") else line for line in escaped.split("\n")
    )


def _docstring(text: str, indent: str) -> str:
    """A docstring that ``inspect.cleandoc`` reads as ``text``; its first line unindented."""
    body = _escape(text)
    lines = body.split("\n")
    if len(lines) == 1 and not body.endswith(('"', "\\")):
        return f'"""{body}"""'
    inner = [f"{indent}{line}" if line else "" for line in lines]
    return "\n".join(['"""', *inner, f'{indent}"""'])


def _docstring_exact(text: str) -> bool:
    return bool(text) and inspect.cleandoc(text) == text


def _described(annotation: ast.expr, text: str) -> str:
    """``annotation`` carrying ``text`` as ``Field(description=...)``."""
    description = ast.keyword("description", ast.Constant(text))
    parts = annotated_parts(annotation)
    for index, part in enumerate(parts[1:], 1):
        if isinstance(part, ast.Call) and getattr(part.func, "id", None) == "Field":
            parts[index] = ast.Call(part.func, part.args, [*part.keywords, description])
            break
    else:
        parts.append(ast.Call(ast.Name("Field", ast.Load()), [], [description]))
    return annotated(parts)


def place_descriptions(code: str, texts: dict[str, str]) -> tuple[str, bool]:
    """``code`` with each placeholder docstring replaced by its text; True if ``Field`` is used."""
    edits: list[Edit] = []
    uses_field = False
    for owner in class_defs(ast.parse(code)):
        previous: ast.stmt | None = None
        for statement in owner.body:
            value = getattr(statement, "value", None)
            if (
                isinstance(statement, ast.Expr)
                and isinstance(value, ast.Constant)
                and isinstance(value.value, str)
                and value.value.strip() in texts
            ):
                text = texts[value.value.strip()]
                indent = " " * statement.col_offset
                if _docstring_exact(text):
                    edits.append((*span_of(statement), _docstring(text, indent)))
                elif isinstance(previous, ast.AnnAssign):
                    edits.append((*span_of(statement), "pass"))
                    edits.append(
                        (*span_of(previous.annotation), _described(previous.annotation, text))
                    )
                    uses_field = True
                else:  # a class docstring: the text as near as a docstring can hold it
                    cleaned = inspect.cleandoc(text)
                    edits.append(
                        (*span_of(statement), _docstring(cleaned, indent) if cleaned else "pass")
                    )
            previous = statement
    return apply_edits(code, edits), uses_field


def drop_passes(code: str) -> str:
    """Remove ``pass`` statements from classes that have other statements."""
    tree = ast.parse(code)
    drop = {
        statement.lineno
        for owner in class_defs(tree)
        if not all(isinstance(statement, ast.Pass) for statement in owner.body)
        for statement in owner.body
        if isinstance(statement, ast.Pass)
    }
    return "\n".join(line for number, line in enumerate(code.split("\n"), 1) if number not in drop)
