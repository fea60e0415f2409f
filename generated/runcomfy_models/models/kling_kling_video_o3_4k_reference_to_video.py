# Generated from schemas/kling/kling-video-o3/4K/reference-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""kling/kling-video-o3/4K/reference-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/kling/kling-video-o3/4K/reference-to-video``.
Reference page, in the generated project:
``docs/models/kling_kling_video_o3_4k_reference_to_video.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import MISSING, Field

from runcomfy_models._runtime.core.info import CostBasis, ModelInfo
from runcomfy_models._runtime.core.model import InputModel, OutputModel
from runcomfy_models._runtime.core.spec import MediaField, ModelSpec
from runcomfy_models._runtime.media.local import MediaInput

__all__ = [
    "INFO",
    "MEDIA_FIELDS",
    "MODEL_ID",
    "SPEC",
    "Input",
    "Output",
]

MODEL_ID: Final = "kling/kling-video-o3/4K/reference-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of kling/kling-video-o3/4K/reference-to-video."""

    aspect_ratio: Literal["16:9", "9:16", "1:1"] = "16:9"
    """Output frame ratio. 16:9 for landscape, 9:16 for vertical social, 1:1 for square."""
    duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] = 5
    """Length of the generated 4K clip in seconds. Pricing scales linearly with the selected duration."""
    images: Annotated[list[MediaInput] | MISSING, Field(max_length=16)] = MISSING
    """Public image URLs that lock the subject identity, props, or style. Up to 7 without a reference video, up to 4 when a reference video is also used."""
    prompt: str
    """Describe the scene, characters, action, camera move, and mood you want the 4K clip to render."""
    shot_type: Literal["customize", "intelligent"] = "customize"
    """Editing mode. Use intelligent for auto-decided scope, or customize for prompt-driven manual control."""
    sound: bool = False
    """When enabled, synthesize matching ambient audio alongside the 4K video. Only available when no reference video is provided. Pricing is unchanged."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="images",
        kind="image",
        is_array=True,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="kling/kling-video-o3/4K/reference-to-video",
    module="kling_kling_video_o3_4k_reference_to_video",
    display_name=None,
    task="reference-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image",),
    output_media=("video",),
    output_media_origin="task",
    required_inputs=("prompt",),
    price=None,
    cost_basis=CostBasis(
        duration_field="duration",
        duration_unit="s",
        count_field=None,
        count_is_maximum=False,
    ),
)
"""Task, media kinds, required inputs and price, as the package's index lists them."""

SPEC: ModelSpec[Input, Output] = ModelSpec(
    model_id=MODEL_ID,
    input=Input,
    output=Output,
    media_fields=MEDIA_FIELDS,
    info=INFO,
)
"""Everything the runtime needs to validate, submit and read this model."""
