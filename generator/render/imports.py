"""Merge imports from several code fragments into one sorted, grouped block.

Generated modules combine code from datamodel-code-generator with code from our
templates; each brings imports. They are merged here, grouped standard library,
third party, then this package, and sorted as isort would, so ruff's import check
passes on the generated package without running a second formatter.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable

__all__ = ["FIRST_PARTY", "name_key", "render_imports"]

FIRST_PARTY = "runcomfy_models"


def _group(module: str) -> int:
    top = module.split(".", 1)[0]
    if top == "__future__":
        return 0
    if top == FIRST_PARTY:
        return 3
    return 1 if top in sys.stdlib_module_names else 2


def name_key(name: str) -> tuple[int, str]:
    name = name.split(" as ", 1)[0]
    # isort's force_sort_within_sections=False, case-sensitive: CONSTANTS, Classes, functions.
    if name.isupper():
        return (0, name)
    return (1, name) if name[:1].isupper() else (2, name)


def render_imports(imports: Iterable[tuple[str, str]]) -> str:
    """``from module import a, b`` lines for ``(module, name)`` pairs, grouped and sorted."""
    by_module: defaultdict[str, set[str]] = defaultdict(set)
    plain: set[str] = set()
    for module, name in imports:
        if module:
            by_module[module].add(name)
        else:
            plain.add(name)
    groups: list[list[str]] = [[], [], [], []]
    for name in sorted(plain):
        groups[_group(name)].append(f"import {name}")
    for module in sorted(by_module):
        names = ", ".join(sorted(by_module[module], key=name_key))
        groups[_group(module)].append(f"from {module} import {names}")
    return "\n\n".join("\n".join(group) for group in groups if group) + "\n"
