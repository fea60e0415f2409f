# Generated from schemas/lightricks/ltx-2.5/audio-to-video/pro.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""lightricks/ltx-2.5/audio-to-video/pro: typed input, output and media rules.

Submit with ``POST /v1/models/lightricks/ltx-2.5/audio-to-video/pro``.
Reference page, in the generated project:
``docs/models/lightricks_ltx_2_5_audio_to_video_pro.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import MISSING, Field

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

MODEL_ID: Final = "lightricks/ltx-2.5/audio-to-video/pro"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of lightricks/ltx-2.5/audio-to-video/pro."""

    aspect_ratio: Literal["auto", "16:9", "9:16"] = "auto"
    """Output aspect ratio. auto follows the input image, or defaults toward 16:9 without an image."""
    audio_url: MediaInput
    """URL of the audio file to drive the video. Duration must be between 2 and 20 seconds."""
    guidance_scale: Annotated[JsonNumber, Field(ge=1, le=50)] = 9
    """How closely the video follows the prompt. Higher values stick more tightly to the text."""
    image_url: MediaInput | MISSING = MISSING
    """Optional first-frame image. If omitted, prompt is required."""
    prompt: str = ""
    """Describe how the video should look and move with the audio. Required if no image is provided."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="audio_url",
        kind="audio",
        is_array=False,
        rules=(),
    ),
    MediaField(
        json_name="image_url",
        kind="image",
        is_array=False,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="lightricks/ltx-2.5/audio-to-video/pro",
    module="lightricks_ltx_2_5_audio_to_video_pro",
    display_name=None,
    task="audio-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image", "audio"),
    output_media=("video",),
    output_media_origin="task",
    required_inputs=("audio_url",),
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
