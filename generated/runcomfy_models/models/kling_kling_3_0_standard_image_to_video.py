# Generated from schemas/kling/kling-3.0/standard/image-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""kling/kling-3.0/standard/image-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/kling/kling-3.0/standard/image-to-video``.
Reference page, in the generated project:
``docs/models/kling_kling_3_0_standard_image_to_video.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import Field

from runcomfy_models._runtime.core.info import CostBasis, ModelInfo
from runcomfy_models._runtime.core.model import InputModel, JsonNumber, OutputModel
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

MODEL_ID: Final = "kling/kling-3.0/standard/image-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of kling/kling-3.0/standard/image-to-video."""

    cfg_scale: Annotated[JsonNumber, Field(ge=0, le=1)] = 0.5
    """Classifier-Free Guidance scale controlling adherence to the prompt."""
    duration: Annotated[int, Field(ge=3, le=15)] = 10
    """Total duration of the generated video in seconds."""
    generate_audio: bool = True
    """Enable this option to generate audio for the video."""
    negative_prompt: str = ""
    prompt: str
    shot_type: Literal["customize"] = "customize"
    """Defines how the camera shot or scene framing is handled."""
    start_image_url: MediaInput
    """Starting image of the video. Supports jpg, jpeg, png, bmp, webp formats."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="start_image_url",
        kind="image",
        is_array=False,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="kling/kling-3.0/standard/image-to-video",
    module="kling_kling_3_0_standard_image_to_video",
    display_name=None,
    task="image-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image",),
    output_media=("video",),
    output_media_origin="task",
    required_inputs=("prompt", "start_image_url"),
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
