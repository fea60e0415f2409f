# Generated from schemas/pixverse/pixverse-v6/image-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""pixverse/pixverse-v6/image-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/pixverse/pixverse-v6/image-to-video``.
Reference page, in the generated project:
``docs/models/pixverse_pixverse_v6_image_to_video.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import Field

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

MODEL_ID: Final = "pixverse/pixverse-v6/image-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of pixverse/pixverse-v6/image-to-video."""

    duration: Annotated[int, Field(ge=1, le=15)] = 5
    """Requested output duration in seconds, from 1 through 15."""
    generate_audio_switch: bool = False
    """Generate an optional native audio track with the video."""
    generate_multi_clip_switch: bool = False
    """Enable a multi-shot sequence within the generated video."""
    image: MediaInput
    """Starting image that anchors the generated shot."""
    prompt: str
    """Describe the subject motion, camera behavior, lighting, and scene progression."""
    resolution: Literal["360p", "540p", "720p", "1080p"] = "720p"
    """Output quality tier shown as video resolution."""
    seed: int = 0
    """Seed used to reproduce or vary a generation."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="image",
        kind="image",
        is_array=False,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="pixverse/pixverse-v6/image-to-video",
    module="pixverse_pixverse_v6_image_to_video",
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
