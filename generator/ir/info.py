"""A model's ``ModelInfo``: its task, media kinds, required inputs, price and cost basis.

What the catalog publishes (display name, categories, kind, price) is taken as is. What
it does not is derived, and marked so. The task: a published category that names one
(``image-to-video``, ``edit``), else the model id's segments, else the media. RunComfy's
categories name the output media (``video``, ``image``, ``audio``), so the output media
kind comes from the output schema where it names one kind, else from the categories,
else from the task.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from generator.runtime.core.info import (
    CostBasis,
    ModelInfo,
    OutputMediaOrigin,
    Price,
    TaskOrigin,
)
from generator.runtime.core.spec import MediaField
from generator.runtime.rules.grammar import MEDIA_KINDS, MediaKind
from generator.schema.model import ModelSchema, SchemaNode

__all__ = ["model_info", "task_of"]

_X_TO_Y = re.compile(r"[a-z]+(?:-[a-z]+)*-to-([a-z]+)")
# Id segments that name a task without the "x-to-y" form, and the output media kind
# each implies (None: the same kind as the input media).
_TASK_WORDS: dict[str, MediaKind | None] = {
    "edit": None,
    "video-edit": "video",
    "extend": None,
    "transition": "video",
    "audio-inpaint": "audio",
    "audio-outpaint": "audio",
    "music-generation": "audio",
}
# Segments that shorten a task's name, read as the task they stand for, so one task has
# one name (seedance-2.5/first-last-frame/720p beside flux-3/first-last-frame-to-video).
_TASK_ALIASES = {"first-last-frame": "first-last-frame-to-video"}
_OUTPUT_KEYS: dict[str, MediaKind] = {
    "image": "image",
    "images": "image",
    "video": "video",
    "videos": "video",
    "audio": "audio",
    "audios": "audio",
}
_SECONDS_FIELD = re.compile(r"(?:duration|seconds)(?:_seconds|_s)?")
_MILLISECONDS_FIELD = re.compile(r"(?:[a-z]+_)?(?:duration|length)_ms")
_OUTPUTS = r"(?:images|videos|audios|outputs|samples|generations)"
_COUNT_FIELD = re.compile(rf"(?:num|number_of)_{_OUTPUTS}|n|batch_size|output_count|image_count")
_MAX_COUNT_FIELD = re.compile(rf"max_{_OUTPUTS}|max_num_{_OUTPUTS}")


def _kinds(kinds: set[MediaKind]) -> tuple[MediaKind, ...]:
    return tuple(kind for kind in MEDIA_KINDS if kind in kinds)


def _task_named(word: str) -> str | None:
    """The task ``word`` names (an id segment or a category), or ``None``."""
    word = _TASK_ALIASES.get(word, word)
    return word if _X_TO_Y.fullmatch(word) or word in _TASK_WORDS else None


def task_of(
    model_id: str, categories: tuple[str, ...], input_media: tuple[MediaKind, ...]
) -> tuple[str, TaskOrigin]:
    """The model's task and where it came from (see the module docstring)."""
    for category in categories:
        task = _task_named(category.lower())
        if task is not None:
            return task, "published"
    for segment in reversed(model_id.lower().split("/")):
        task = _task_named(segment)
        if task is not None:
            return task, "model id"
    output = next((s for s in reversed(model_id.lower().split("/")) if s in MEDIA_KINDS), None)
    if output is None:
        return "other", "unknown"
    source = "text" if not input_media else "-and-".join(input_media)
    return f"{source}-to-{output}", "media"


def _task_output(task: str, input_media: tuple[MediaKind, ...]) -> MediaKind | None:
    match = _X_TO_Y.fullmatch(task)
    if match and match.group(1) in MEDIA_KINDS:
        return match.group(1)  # type: ignore[return-value]  # checked just above
    if task in _TASK_WORDS:
        implied = _TASK_WORDS[task]
        return implied or (input_media[0] if len(input_media) == 1 else None)
    return None


def _output_media(
    model: ModelSchema, categories: tuple[str, ...], task: str, input_media: tuple[MediaKind, ...]
) -> tuple[tuple[MediaKind, ...], OutputMediaOrigin]:
    """The output's media kinds: only a published output schema that names one kind
    counts (an assumed one is the generic guess, naming every kind)."""
    keys = model.output.properties
    published = _kinds({_OUTPUT_KEYS[key] for key in keys if key in _OUTPUT_KEYS})
    if len(published) == 1 and not model.output_assumed:
        return published, "output schema"
    named = _kinds({c.lower() for c in categories if c.lower() in MEDIA_KINDS})  # type: ignore[misc]
    if named:
        return named, "categories"
    implied = _task_output(task, input_media)
    if implied is not None:
        return (implied,), "task"
    return (), "unknown"


def _price(metadata: Mapping[str, Any]) -> Price | None:
    if "base_price_usd" not in metadata:
        return None
    return Price(
        base_price_usd=metadata["base_price_usd"],
        price_unit=metadata["price_unit"],
        pricing_note=metadata.get("pricing_note"),
    )


def _numeric(node: SchemaNode) -> bool:
    """An integer or number field, or a string enum whose values are mostly numbers."""
    if set(node.types) & {"integer", "number"}:
        return True
    return any(isinstance(value, str) and value.isdigit() for value in node.enum or ())


def _cost_basis(model: ModelSchema) -> CostBasis:
    duration: str | None = None
    unit = "s"
    count: str | None = None
    maximum: str | None = None
    for name, node in model.input.properties.items():
        if duration is None and _numeric(node):
            if _SECONDS_FIELD.fullmatch(name):
                duration = name
            elif _MILLISECONDS_FIELD.fullmatch(name):
                duration, unit = name, "ms"
        if "integer" in node.types:
            if count is None and _COUNT_FIELD.fullmatch(name):
                count = name
            elif maximum is None and _MAX_COUNT_FIELD.fullmatch(name):
                maximum = name
    return CostBasis(
        duration,
        "ms" if unit == "ms" else "s",
        count or maximum,
        count_is_maximum=count is None and maximum is not None,
    )


def model_info(model: ModelSchema, module: str, media_fields: tuple[MediaField, ...]) -> ModelInfo:
    """Everything the package's index and the model's ``INFO`` say about ``model``."""
    metadata = model.metadata
    categories = tuple(metadata.get("categories", ()))
    input_media = _kinds({field.kind for field in media_fields if field.kind is not None})
    task, task_origin = task_of(model.model_id, categories, input_media)
    output_media, output_origin = _output_media(model, categories, task, input_media)
    return ModelInfo(
        model_id=model.model_id,
        module=module,
        display_name=metadata.get("display_name"),
        task=task,
        task_origin=task_origin,
        categories=categories,
        kind=metadata.get("kind"),
        input_media=input_media,
        output_media=output_media,
        output_media_origin=output_origin,
        required_inputs=tuple(name for name in model.input.required),
        price=_price(metadata),
        cost_basis=_cost_basis(model),
    )
