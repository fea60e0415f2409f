"""A model's index entry: task, media kinds, price and cost basis, each with its origin."""

from __future__ import annotations

from typing import Any

import pytest

from generator.ir.build import build_model_ir, info_of
from generator.naming import ModuleName
from generator.runtime.core.info import CostBasis, ModelInfo, Price
from generator.schema.model import parse_document
from tests.support.documents import document

_IMAGE = {"type": "string", "format": "image_uri"}
_AUDIO = {"type": "string", "format": "audio_uri"}


def _info(
    model_id: str,
    properties: dict[str, Any] | None = None,
    *,
    required: list[str] | None = None,
    metadata: dict[str, Any] | None = None,
    output: dict[str, Any] | None = None,
) -> ModelInfo:
    data = document(properties or {"prompt": {"type": "string"}}, required, model_id)
    if metadata is not None:
        data["metadata"] = metadata
    if output is not None:
        data["output_schema"], data["output_schema_origin"] = output, "published"
    ir = build_model_ir(parse_document(data), ModuleName("m"), "schemas/m.json")
    assert info_of(data, "m") == ir.info  # a reused model's entry is read the same way
    return ir.info


@pytest.mark.parametrize(
    ("model_id", "task"),
    [
        ("kling/kling-3.0/pro/image-to-video", "image-to-video"),
        ("bytedance/seedance-2.5/image-to-video/720p", "image-to-video"),
        ("blackforestlabs/flux-3/first-last-frame-to-video/draft", "first-last-frame-to-video"),
        ("bytedance/seedance-2.5/first-last-frame/720p", "first-last-frame-to-video"),
        ("google/nano-banana-2-lite/edit", "edit"),
        ("elevenlabs/elevenlabs/music-generation", "music-generation"),
        ("acestep-ai/ace-step/audio-inpaint", "audio-inpaint"),
    ],
)
def test_the_task_is_read_from_the_model_ids_segments(model_id: str, task: str) -> None:
    info = _info(model_id)
    assert (info.task, info.task_origin) == (task, "model id")


def test_a_published_category_that_names_a_task_wins_over_the_id() -> None:
    info = _info("owner/model/text-to-video", metadata={"categories": ["Image-To-Video"]})
    assert (info.task, info.task_origin) == ("image-to-video", "published")
    assert info.categories == ("Image-To-Video",)


def test_without_a_task_segment_the_task_comes_from_the_media() -> None:
    with_image = _info("blackforestlabs/flux-3/image", {"reference": _IMAGE})
    assert (with_image.task, with_image.task_origin) == ("image-to-image", "media")
    text_only = _info("blackforestlabs/flux-3/image")
    assert (text_only.task, text_only.task_origin) == ("text-to-image", "media")
    unknown = _info("bytedance/seedance-2.0/fast", {"images": _IMAGE})
    assert (unknown.task, unknown.task_origin) == ("other", "unknown")
    # its output schema is the assumed generic one: it names every kind, so none is claimed
    assert (unknown.output_media, unknown.output_media_origin) == ((), "unknown")


def test_output_media_from_the_output_schema_then_categories_then_the_task() -> None:
    audio_out = {"type": "object", "properties": {"audios": {"type": "array"}}}
    assumed = document({"prompt": {"type": "string"}}, None, "o/m/fast")
    assumed["output_schema"]["properties"] = {"audio": {"type": "string", "format": "uri"}}
    guess = build_model_ir(parse_document(assumed), ModuleName("m"), "schemas/m.json").info
    assert (guess.output_media, guess.output_media_origin) == ((), "unknown")
    assert _info("o/m/text-to-video", output=audio_out).output_media == ("audio",)
    assert _info("o/m/text-to-video", output=audio_out).output_media_origin == "output schema"
    by_category = _info("o/m/text-to-video", metadata={"categories": ["audio"]})
    assert (by_category.output_media, by_category.output_media_origin) == (
        ("audio",),
        "categories",
    )
    by_task = _info("o/m/image-to-video")  # the generic output schema names every kind
    assert (by_task.output_media, by_task.output_media_origin) == (("video",), "task")
    edit = _info("o/m/edit", {"image": _IMAGE})
    assert edit.output_media == ("image",)  # an edit makes what it was given


def test_input_media_and_required_inputs_in_a_fixed_order() -> None:
    info = _info(
        "o/m/reference-to-video",
        {"voice": _AUDIO, "prompt": {"type": "string"}, "start": _IMAGE},
        required=["start", "prompt"],
    )
    assert info.input_media == ("image", "audio")
    assert info.required_inputs == ("start", "prompt")


def test_metadata_is_kept_as_published() -> None:
    info = _info(
        "o/m/text-to-image",
        metadata={
            "display_name": "Model M",
            "kind": "model",
            "base_price_usd": 0.04,
            "price_unit": "output",
            "pricing_note": "per image",
        },
    )
    assert (info.display_name, info.name, info.kind) == ("Model M", "Model M", "model")
    assert info.price == Price(0.04, "output", "per image")
    assert _info("o/m/text-to-image").price is None
    assert _info("o/m/text-to-image").name == "o/m/text-to-image"


@pytest.mark.parametrize(
    ("properties", "basis"),
    [
        ({"duration": {"type": "integer"}}, CostBasis("duration")),
        ({"duration": {"type": "string", "enum": ["auto", "5", "10"]}}, CostBasis("duration")),
        ({"music_length_ms": {"type": "integer"}}, CostBasis("music_length_ms", "ms")),
        ({"num_images": {"type": "integer"}}, CostBasis(count_field="num_images")),
        (
            {"max_images": {"type": "integer"}},
            CostBasis(count_field="max_images", count_is_maximum=True),
        ),
        (
            {"max_images": {"type": "integer"}, "num_images": {"type": "integer"}},
            CostBasis(count_field="num_images"),
        ),
        ({"extend_after_duration": {"type": "integer"}}, CostBasis()),
        ({"duration": {"type": "string"}}, CostBasis()),  # free text: not a number of seconds
        ({"num_images": {"type": "string"}}, CostBasis()),
    ],
)
def test_the_cost_basis_is_found_by_name_and_type(
    properties: dict[str, Any], basis: CostBasis
) -> None:
    assert _info("o/m/text-to-video", properties).cost_basis == basis
