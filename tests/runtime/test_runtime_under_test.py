"""The runtime the tests import is the one in the source tree, not the committed copy.

The root conftest generates the package fresh for the session (tests/support/package.py),
so an edit to generator/runtime/ is exercised without regenerating generated/ first.
"""

from __future__ import annotations

import sys
from pathlib import Path

import runcomfy_models
import runcomfy_models._runtime
from tests.support.package import generated_tree
from tests.support.paths import COMMITTED_TREE, RUNTIME_SOURCE


def test_the_package_is_imported_from_the_fresh_tree() -> None:
    tree = generated_tree()
    assert not tree.is_relative_to(COMMITTED_TREE)
    assert Path(runcomfy_models.__file__).is_relative_to(tree)
    loaded = [
        module
        for name, module in sorted(sys.modules.items())
        if name.split(".")[0] == "runcomfy_models" and getattr(module, "__file__", None)
    ]
    assert loaded
    for module in loaded:
        assert Path(str(module.__file__)).is_relative_to(tree), module.__name__


def test_every_runtime_module_is_the_source_file_below_its_header() -> None:
    copied = Path(runcomfy_models._runtime.__file__).parent
    assert copied.is_relative_to(generated_tree())
    modules = sorted(p for p in copied.rglob("*.py") if "__pycache__" not in p.parts)
    assert copied / "__init__.py" in modules
    for module in modules:
        relative = module.relative_to(copied)
        text = module.read_text("utf-8")
        source = (RUNTIME_SOURCE / relative).read_text("utf-8")
        assert text.endswith(source), relative
        header = text.removesuffix(source)
        assert all(line.startswith("#") for line in header.splitlines()), relative
        assert f"generator/runtime/{relative.as_posix()}" in header, relative
