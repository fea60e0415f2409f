"""Names that are safe to put into generated Python, made once, where they are built.

Templates never escape or guess a name: every identifier they print went through one
of these types, which only ever hold a valid, non-keyword Python identifier.
"""

from __future__ import annotations

import hashlib
import keyword
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

__all__ = ["ModuleName", "PythonIdentifier", "module_names"]

_NOT_WORD = re.compile(r"[^0-9a-zA-Z]+")


class PythonIdentifier(str):
    """A valid Python identifier that is not a keyword, derived from any text."""

    __slots__ = ()

    def __new__(cls, text: str) -> PythonIdentifier:
        name = _NOT_WORD.sub("_", text).strip("_").lower() or "field"
        if name[0].isdigit():
            name = f"m_{name}"
        if keyword.iskeyword(name) or keyword.issoftkeyword(name):
            name = f"{name}_"
        return super().__new__(cls, name)


class ModuleName(PythonIdentifier):
    """The module a model's code lives in, under ``runcomfy_models.models``."""

    __slots__ = ()


def module_names(model_ids: Iterable[str]) -> Mapping[str, ModuleName]:
    """A distinct module name for each model id.

    Ids that differ only in case or punctuation (``4K`` and ``4k``) would share a name;
    all of them then get a suffix from a hash of their own id, so a name never depends
    on which other models happen to exist, beyond whether they collide.
    """
    by_name: defaultdict[str, list[str]] = defaultdict(list)
    for model_id in sorted(set(model_ids)):
        by_name[ModuleName(model_id)].append(model_id)
    names: dict[str, ModuleName] = {}
    for name, ids in by_name.items():
        for model_id in ids:
            if len(ids) == 1:
                names[model_id] = ModuleName(name)
            else:
                digest = hashlib.sha256(model_id.encode()).hexdigest()[:8]
                names[model_id] = ModuleName(f"{name}_{digest}")
    return names
