"""``class_defs`` finds the classes ``ast.walk`` finds, in its order, walking statements only."""

from __future__ import annotations

import ast

import pytest

from generator.render.source_edits import class_defs

CODE = [
    "class A:\n    x: int = 1\n\n\nclass B(A):\n    class C:\n        pass\n",
    "def f():\n    class D:\n        class E: ...\n    return D\n\n\nclass F: ...\n",
    "if x:\n    class G: ...\nelse:\n    class H: ...\nclass I:\n    def m(self):\n"
    "        class J: ...\n",
    "try:\n    class K: ...\nexcept E:\n    class L: ...\nelse:\n    pass\nfinally:\n"
    "    class M: ...\nwith a:\n    for b in c:\n        class N: ...\n",
    "match v:\n    case 1:\n        class O: ...\n    case _:\n        class P: ...\n",
    "x = lambda: 1\nclass Q(Generic[T], metaclass=M):\n    y: Annotated[int, Field(le=1)]\n",
]


@pytest.mark.parametrize("code", CODE)
def test_the_classes_of_ast_walk_in_its_order(code: str) -> None:
    tree = ast.parse(code)
    walked = [node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    assert walked
    assert list(class_defs(tree)) == walked
