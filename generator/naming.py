"""Names that are safe to put into generated Python, made once, where they are built.

Templates never escape or guess a name: every identifier they print went through one
of these types, which only ever hold a valid, non-keyword Python identifier.

Module names (:func:`module_names`) are unique by construction and stable: a model's
*base* name is its id lowercased with every run of other characters made one ``_``, so
a base name never holds ``__``. A model whose base name is taken (by a model named
earlier, or by a twin that differs only in case or punctuation) gets
``<base>__<hash of its own id>``: a name with ``__`` in it can never be another
model's base name, and within one base the hashes differ (lengthened when two would
not). Once given, a name stays with its model: the previous generate's names (read
from its manifest) are kept, and only newcomers get suffixes.
"""

from __future__ import annotations

import hashlib
import keyword
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

__all__ = ["MAX_BASE", "ModuleName", "PythonIdentifier", "module_names"]

_NOT_WORD = re.compile(r"[^0-9a-zA-Z]+")
_EXACT = re.compile(r"[a-z_][a-z0-9_]*")
_SUFFIX = "__"
_HASH_LENGTH = 8
MAX_BASE = 240
"""Lint refuses ids with longer base names (file names hold 255 bytes); naming cuts them
and always suffixes them, so even an id that lint will refuse gets a usable name."""


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

    @classmethod
    def exact(cls, name: str) -> ModuleName | None:
        """``name`` itself if it is a lowercase ASCII identifier and no keyword, else ``None``."""
        if not _EXACT.fullmatch(name) or keyword.iskeyword(name) or keyword.issoftkeyword(name):
            return None
        return str.__new__(cls, name)


def _digest(model_id: str) -> str:
    return hashlib.sha256(model_id.encode("utf-8")).hexdigest()


def _base(model_id: str) -> tuple[str, bool]:
    """A model's base name, and whether it must be suffixed (it was cut to length)."""
    name = str(ModuleName(model_id))
    if len(name) <= MAX_BASE:
        return name, False
    return name[:MAX_BASE].rstrip("_"), True


def _legacy(model_id: str) -> str:
    """The name earlier generators gave a model whose base name was shared."""
    return f"{ModuleName(model_id)}_{_digest(model_id)[:8]}"


def _belongs(model_id: str, name: str) -> bool:
    """Whether ``name`` could have been given to ``model_id`` by some generate: its base
    name, its base name with a ``__`` suffix, or the name older generators gave."""
    if ModuleName.exact(name) is None:
        return False
    base, cut = _base(model_id)
    if (name == base and not cut) or name == _legacy(model_id):
        return True
    head, sep, tail = name.partition(_SUFFIX)
    return head == base and bool(sep) and tail.isalnum() and tail == tail.lower()


def _kept(ids: Iterable[str], previous: Mapping[str, str]) -> dict[str, ModuleName]:
    """The previous names still owned by exactly one of ``ids`` and shaped like theirs."""
    claims: defaultdict[str, list[str]] = defaultdict(list)
    for model_id in ids:
        name = previous.get(model_id)
        if isinstance(name, str) and _belongs(model_id, name):
            claims[name].append(model_id)
    return {
        owners[0]: ModuleName.exact(name) or ModuleName(owners[0])
        for name, owners in claims.items()
        if len(owners) == 1
    }


def _suffixed(model_id: str, base: str, taken: set[str]) -> ModuleName:
    digest = _digest(model_id)
    for length in range(_HASH_LENGTH, len(digest) + 1, 4):
        name = ModuleName.exact(f"{base}{_SUFFIX}{digest[:length]}")
        if name is not None and name not in taken:
            return name
    raise AssertionError(f"two model ids with one sha256: {model_id!r}")  # pragma: no cover


def module_names(
    model_ids: Iterable[str], previous: Mapping[str, str] | None = None
) -> dict[str, ModuleName]:
    """A distinct, stable module name for each model id.

    ``previous`` maps model ids to the names the last generate gave them (its manifest);
    those names are kept. A new model gets its base name when no other model, kept or
    new, wants it; models that share a base name with another get ``<base>__<hash>``.
    """
    ids = sorted(set(model_ids))
    names = _kept(ids, previous or {})
    taken: set[str] = set(names.values())
    wanted: defaultdict[str, list[str]] = defaultdict(list)
    for model_id in ids:
        if model_id not in names:
            wanted[_base(model_id)[0]].append(model_id)
    for base, newcomers in sorted(wanted.items()):
        shared = len(newcomers) > 1 or base in taken
        for model_id in newcomers:
            if shared or _base(model_id)[1]:
                names[model_id] = _suffixed(model_id, base, taken)
            else:
                names[model_id] = ModuleName.exact(base) or ModuleName(model_id)
            taken.add(names[model_id])
    return dict(sorted(names.items()))
