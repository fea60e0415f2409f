"""Find models in the package's index by words, task or category, and media kind.

Works on ``ModelInfo`` records only (the generated ``runcomfy_models._catalog``), so a
search imports no model module. One meaning of each filter, here and in the emulator's
live catalog (``testing/catalog.py`` filters with these functions): ``category`` is the
task, a published category, or a media kind the model makes (RunComfy's own categories
are the media kinds ``video``, ``image``, ``audio``); ``kind`` and ``category`` match in
any case.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..rules.grammar import MediaKind
from .info import ModelInfo
from .registry import unknown_model

__all__ = [
    "category_names",
    "find_models",
    "has_words",
    "in_category",
    "info_for",
    "same_kind",
    "search_text",
]


def search_text(info: ModelInfo) -> str:
    """What ``search`` words are looked for in: id, display name, task and categories."""
    words = (info.model_id, info.display_name or "", info.task, *info.categories)
    return " ".join(words).casefold()


def has_words(words: Iterable[str], text: str) -> bool:
    """Whether each of ``words`` (casefolded) appears in ``text`` (casefolded)."""
    return all(word in text for word in words)


def category_names(info: ModelInfo) -> tuple[str, ...]:
    """Every name ``category`` finds ``info`` by: its task, its published categories and
    the media kinds it makes."""
    return (info.task, *info.categories, *info.output_media)


def in_category(category: str, names: Iterable[str]) -> bool:
    """Whether ``category`` is one of ``names``, in any case."""
    wanted = category.casefold()
    return any(name.casefold() == wanted for name in names)


def same_kind(wanted: str, kind: str | None) -> bool:
    """Whether an entry of ``kind`` is of the ``wanted`` kind, in any case."""
    return kind is not None and kind.casefold() == wanted.casefold()


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
    (any case). ``category``: the task, one of the published categories, or a media kind
    the model makes (``video`` lists every model that makes video), exactly, in any case.
    ``kind``: the catalog's kind of entry, in any case. ``output``: makes this media kind.
    """
    words = search.casefold().split() if search else []
    found = []
    for info in models:
        if words and not has_words(words, search_text(info)):
            continue
        if category and not in_category(category, category_names(info)):
            continue
        if kind is not None and not same_kind(kind, info.kind):
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
        raise unknown_model(model_id, by_id)
    return info
