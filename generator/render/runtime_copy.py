"""The runtime's sources, copied into the package as ``_runtime`` under a header.

Read from ``config.RUNTIME_DIR`` when used, so a test can point it at a copy.
"""

from __future__ import annotations

import ast

from generator import config
from generator.config import PACKAGE
from generator.errors import GenerationError
from generator.provenance import provenance_header

__all__ = ["runtime_all", "runtime_files"]


def runtime_all(module: str) -> list[str]:
    """The ``__all__`` of a runtime module, read without importing it."""
    tree = ast.parse((config.RUNTIME_DIR / f"{module}.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return [str(item) for item in ast.literal_eval(node.value)]
    raise GenerationError(f"generator/runtime/{module}.py has no __all__")


def runtime_files(command: str) -> dict[str, str]:
    """Every runtime module, by its path in the package, with a provenance header."""
    files = {}
    for path in sorted(config.RUNTIME_DIR.glob("*.py")):
        header = provenance_header(f"generator/runtime/{path.name}", command)
        files[f"{PACKAGE}/_runtime/{path.name}"] = f"{header}\n{path.read_text('utf-8')}"
    return files
