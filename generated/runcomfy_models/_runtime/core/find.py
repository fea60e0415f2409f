# Generated from generator/runtime/core/find.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Find models in the package's index by words, task or category, and media kind.

Works on ``ModelInfo`` records only (the generated ``runcomfy_models._catalog``), so a
search imports no model module.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..errors import UnknownModelError
from ..rules.grammar import MediaKind
from .info import ModelInfo

__all__ = ["find_models", "info_for"]


def _text(info: ModelInfo) -> str:
    words = (info.model_id, info.display_name or "", info.task, *info.categories)
    return " ".join(words).casefold()


def find_models(
    models: Iterable[ModelInfo],
    search: str | None = None,
    category: str | None = None,
    *,
    kind: str | None = None,
    output: MediaKind | None = None,
) -> list[ModelInfo]:
    """The models matching every filter given, sorted by model id.

    ``search``: each of its words appears in the id, display name, task or categories
    (any case). ``category``: the task or one of the published categories, exactly (any
    case). ``kind``: the catalog's kind of entry. ``output``: makes this media kind.
    """
    words = search.casefold().split() if search else []
    wanted = category.casefold() if category else None
    found = []
    for info in models:
        if words and not all(word in _text(info) for word in words):
            continue
        if wanted and wanted not in {info.task.casefold(), *map(str.casefold, info.categories)}:
            continue
        if kind is not None and info.kind != kind:
            continue
        if output is not None and output not in info.output_media:
            continue
        found.append(info)
    return sorted(found, key=lambda info: info.model_id)


def info_for(models: Iterable[ModelInfo], model_id: str) -> ModelInfo:
    """The index entry of ``model_id``; ``UnknownModelError`` names close matches."""
    by_id = {info.model_id: info for info in models}
    info = by_id.get(model_id)
    if info is None:
        close = difflib.get_close_matches(model_id, by_id, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UnknownModelError(f"no generated model {model_id!r}{hint}")
    return info
