# Generated from schemas/kling/kling-video-o3/pro/video-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""kling/kling-video-o3/pro/video-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/kling/kling-video-o3/pro/video-to-video``.
Reference page, in the generated project:
``docs/models/kling_kling_video_o3_pro_video_to_video.md``.
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

MODEL_ID: Final = "kling/kling-video-o3/pro/video-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of kling/kling-video-o3/pro/video-to-video."""

    images: Annotated[list[MediaInput] | MISSING, Field(max_length=4, min_length=0)] = MISSING
    """Optional reference images that guide the target element, scene, or style. Up to 4 URLs."""
    keep_original_sound: bool = True
    """When enabled, the original audio track of the input video is retained in the edited output."""
    prompt: str
    """Describe the edit you want — what to add, remove, replace, restyle, or relight in the source clip."""
    shot_type: Literal["customize"] = "customize"
    """Editing mode. Use intelligent for auto-decided edit scope, or customize for prompt-driven manual control."""
    video: MediaInput
    """Public URL of the input video to edit. Maximum duration 10 seconds."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="images",
        kind="image",
        is_array=True,
        rules=(),
    ),
    MediaField(
        json_name="video",
        kind="video",
        is_array=False,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="kling/kling-video-o3/pro/video-to-video",
    module="kling_kling_video_o3_pro_video_to_video",
    display_name=None,
    task="video-to-video",
    task_origin="model id",
    categories=("video",),
    kind="model",
    input_media=("image", "video"),
    output_media=("video",),
    output_media_origin="categories",
    required_inputs=("prompt", "video"),
    price=None,
    cost_basis=CostBasis(
        duration_field=None,
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
