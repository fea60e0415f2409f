"""Small, exact edits to generated Python source, located by its syntax tree.

datamodel-code-generator's output is adjusted in place (a docstring swapped, an
annotation extended) rather than re-printed, so everything not edited stays as it wrote it.
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "Edit",
    "FieldNode",
    "alias_of",
    "annotated",
    "annotated_parts",
    "apply_edits",
    "black_style",
    "class_defs",
    "fields_of",
    "span_of",
]

Edit = tuple[int, int, int, int, str]  # line, byte column, end line, end byte column, text


def apply_edits(code: str, edits: list[Edit]) -> str:
    """``code`` with each span replaced (spans must not overlap; ast line/byte positions)."""
    lines = code.split("\n")
    for line, column, end_line, end_column, text in sorted(edits, reverse=True):
        before = lines[line - 1].encode()[:column].decode()
        after = lines[end_line - 1].encode()[end_column:].decode()
        lines[line - 1 : end_line] = (before + text + after).split("\n")
    return "\n".join(lines)


_BLOCKS = (ast.stmt, ast.excepthandler, ast.match_case)


def class_defs(tree: ast.AST) -> Iterator[ast.ClassDef]:
    """Every class defined in ``tree``, in :func:`ast.walk`'s order, found without walking
    the expressions (a class is a statement: only statements hold one)."""
    todo: deque[ast.AST] = deque([tree])
    while todo:
        node = todo.popleft()
        if isinstance(node, ast.ClassDef):
            yield node
        todo.extend(child for child in ast.iter_child_nodes(node) if isinstance(child, _BLOCKS))


def span_of(node: ast.stmt | ast.expr) -> tuple[int, int, int, int]:
    """Where ``node`` starts and ends, as :func:`apply_edits` wants it."""
    end_line = node.end_lineno if node.end_lineno is not None else node.lineno
    end_column = node.end_col_offset if node.end_col_offset is not None else node.col_offset
    return node.lineno, node.col_offset, end_line, end_column


def alias_of(annotation: ast.expr) -> str | None:
    """The ``Field(alias=...)`` in a field's annotation: its published JSON name."""
    for node in ast.walk(annotation):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Field":
            for keyword in node.keywords:
                if keyword.arg == "alias" and isinstance(keyword.value, ast.Constant):
                    return str(keyword.value.value)
    return None


@dataclass(frozen=True)
class FieldNode:
    """A field of a generated class: its published (JSON) name, attribute and annotation."""

    json_name: str
    attribute: str
    annotation: ast.expr


def fields_of(owner: ast.ClassDef) -> Iterator[FieldNode]:
    """The annotated fields in a class body, in order."""
    for item in owner.body:
        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            alias = alias_of(item.annotation)
            attribute = item.target.id
            yield FieldNode(attribute if alias is None else alias, attribute, item.annotation)


def annotated_parts(annotation: ast.expr) -> list[ast.expr]:
    """The parts of ``Annotated[type, *metadata]``, or ``[annotation]`` if it is not one."""
    if (
        isinstance(annotation, ast.Subscript)
        and isinstance(annotation.value, ast.Name)
        and annotation.value.id == "Annotated"
        and isinstance(annotation.slice, ast.Tuple)
    ):
        return list(annotation.slice.elts)
    return [annotation]


def annotated(parts: list[ast.expr]) -> str:
    """``Annotated[*parts]`` as source."""
    return ast.unparse(
        ast.Subscript(ast.Name("Annotated", ast.Load()), ast.Tuple(parts, ast.Load()), ast.Load())
    )


def _quoted_once(segment: str) -> bool:
    """A single-quoted string literal whose text black writes in double quotes as is."""
    body = segment[1:-1]
    return (
        len(segment) >= 2
        and segment[0] == segment[-1] == "'"
        and not any(char in body for char in "'\"\\\n")
    )


def black_style(code: str) -> str:
    """``code`` with two of the changes black would make anyway already made: a plain
    single-quoted string in double quotes, and one blank line after a class's docstring.

    black's output does not depend on either (it makes them itself, whatever the text
    had), so this changes nothing it returns; but black formats a second time whenever
    its first pass changed the text, so text already in its style costs one pass.
    """
    tree = ast.parse(code)
    lines = code.split("\n")
    edits: list[Edit] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.lineno == node.end_lineno and node.end_col_offset is not None:
                line = lines[node.lineno - 1].encode()
                segment = line[node.col_offset : node.end_col_offset].decode()
                if _quoted_once(segment):
                    edits.append((*span_of(node), f'"{segment[1:-1]}"'))
        elif isinstance(node, ast.ClassDef) and len(node.body) > 1:
            docstring, after = node.body[0], node.body[1]
            if (
                isinstance(docstring, ast.Expr)
                and isinstance(docstring.value, ast.Constant)
                and isinstance(docstring.value.value, str)
                and docstring.end_lineno is not None
                and after.lineno == docstring.end_lineno + 1
                and not getattr(after, "decorator_list", None)
            ):
                end = docstring.end_lineno
                edits.append((end + 1, 0, end + 1, 0, "\n"))
    return apply_edits(code, edits) if edits else code
