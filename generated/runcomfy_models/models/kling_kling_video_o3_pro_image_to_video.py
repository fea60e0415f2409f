# Generated from schemas/kling/kling-video-o3/pro/image-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""kling/kling-video-o3/pro/image-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/kling/kling-video-o3/pro/image-to-video``.
Reference page, in the generated project:
``docs/models/kling_kling_video_o3_pro_image_to_video.md``.
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

MODEL_ID: Final = "kling/kling-video-o3/pro/image-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of kling/kling-video-o3/pro/image-to-video."""

    duration: Annotated[int, Field(ge=3, le=15)] = 5
    """Length of the generated clip in seconds (3-15)."""
    end_image: MediaInput | MISSING = MISSING
    """Optional final frame to guide a controlled transition from the start image to this image."""
    image: MediaInput
    """The first frame image to animate. Provide a public URL to a clear, well-lit photo or render."""
    prompt: str
    """Describe the desired motion, camera movement, lighting, and action for the clip."""
    shot_type: Literal["customize", "intelligent"] = "customize"
    """Editing scope. Use intelligent for auto-decided pacing and cuts, or customize for prompt-driven manual control."""
    sound: bool = False
    """When enabled, synthesize synchronized audio alongside the video. Adds 25% to the per-second cost."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="end_image",
        kind="image",
        is_array=False,
        rules=(),
    ),
    MediaField(
        json_name="image",
        kind="image",
        is_array=False,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="kling/kling-video-o3/pro/image-to-video",
    module="kling_kling_video_o3_pro_image_to_video",
    display_name=None,
    task="image-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image",),
    output_media=("video",),
    output_media_origin="task",
    required_inputs=("image", "prompt"),
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
