"""The exception tree drawn in ``generator/runtime/errors.py`` is true.

Every exception class the runtime defines, in any module, is defined in ``errors.py`` and
named in its docstring, under the parent it really has; the docstring names nothing else.
Classes are found with ``ast`` (so modules that cannot be imported here count too) and
their parents are checked on the imported classes.
"""

from __future__ import annotations

import ast
import builtins
import re
from pathlib import Path

from generator.runtime import errors

RUNTIME = Path(errors.__file__).parent
# A tree line: the drawing, a class name, an optional "(Base)" for a root, then 2+ spaces.
_LINE = re.compile(r"^(?P<drawing>[ │├└─]*)(?P<name>[A-Z]\w*)(?: \((?P<base>\w+)\))?(?: {2,}|$)")


def _is_builtin_exception(name: str) -> bool:
    value = getattr(builtins, name, None)
    return isinstance(value, type) and issubclass(value, BaseException)


def _base_names(node: ast.ClassDef) -> list[str]:
    names = []
    for base in node.bases:
        if isinstance(base, ast.Name):
            names.append(base.id)
        elif isinstance(base, ast.Attribute):
            names.append(base.attr)
    return names


def exception_classes() -> dict[str, Path]:
    """Every exception class defined under generator/runtime, by name, with its file."""
    classes: dict[str, tuple[Path, list[str]]] = {}
    for path in sorted(RUNTIME.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ClassDef):
                assert node.name not in classes, f"two classes named {node.name}"
                classes[node.name] = (path, _base_names(node))
    found: dict[str, Path] = {}
    changed = True
    while changed:  # a class is an exception when one of its bases is
        changed = False
        for name, (path, bases) in classes.items():
            if name not in found and any(b in found or _is_builtin_exception(b) for b in bases):
                found[name] = path
                changed = True
    return found


def drawn_tree() -> dict[str, str]:
    """Each class the docstring draws, with the parent it draws it under."""
    assert errors.__doc__ is not None
    parents: dict[str, str] = {}
    stack: list[str] = []
    for line in errors.__doc__.splitlines():
        match = _LINE.match(line.removeprefix("    "))
        if match is None or not line.startswith("    "):
            continue
        depth = len(match.group("drawing")) // 4
        name = match.group("name")
        assert name not in parents, f"{name} is drawn twice"
        del stack[depth:]
        if depth == 0:
            parents[name] = match.group("base") or "Exception"
        else:
            assert len(stack) == depth, f"{name} is drawn without a parent"
            parents[name] = stack[-1]
        stack.append(name)
    return parents


def test_every_runtime_exception_is_defined_in_errors() -> None:
    elsewhere = {
        name: path.relative_to(RUNTIME).as_posix()
        for name, path in exception_classes().items()
        if path != RUNTIME / "errors.py"
    }
    assert elsewhere == {}


def test_the_docstring_draws_every_exception_and_nothing_else() -> None:
    assert set(drawn_tree()) == set(exception_classes())


def test_the_docstring_draws_each_class_under_its_real_parent() -> None:
    for name, parent in drawn_tree().items():
        cls = getattr(errors, name)
        assert cls.__bases__[0].__name__ == parent, name


def test_every_exception_is_exported_by_errors() -> None:
    assert set(exception_classes()) <= set(errors.__all__)


def test_the_tree_parser_sees_a_wrong_drawing() -> None:
    """The checks above would catch a class drawn under the wrong parent."""
    doc = errors.__doc__
    assert doc is not None
    try:
        errors.__doc__ = doc.replace("│   └── BudgetExceeded", "├── BudgetExceeded")
        assert drawn_tree()["BudgetExceeded"] == "RunComfyError"
    finally:
        errors.__doc__ = doc
