# Generated from schemas/pixverse/pixverse-v6/reference-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""pixverse/pixverse-v6/reference-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/pixverse/pixverse-v6/reference-to-video``.
Reference page, in the generated project:
``docs/models/pixverse_pixverse_v6_reference_to_video.md``.
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

MODEL_ID: Final = "pixverse/pixverse-v6/reference-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of pixverse/pixverse-v6/reference-to-video."""

    aspect_ratio: Literal["16:9", "4:3", "1:1", "3:4", "9:16", "2:3", "3:2", "21:9"] = "16:9"
    """Frame shape for the generated video."""
    duration: Annotated[int, Field(ge=1, le=15)] = 5
    """Requested output duration in seconds, from 1 through 15. The upstream API may use 0 when video references determine timing; the UI exposes 1-15 for image-only mode."""
    generate_audio_switch: bool = False
    """Generate an optional native audio track with the video."""
    images: Annotated[list[MediaInput] | MISSING, Field(max_length=7)] = MISSING
    """Image URLs used to guide subjects, objects, or visual identity."""
    prompt: str
    """Describe the scene, action, camera movement, and how references should guide the result."""
    resolution: Literal["360p", "540p", "720p", "1080p"] = "720p"
    """Output quality tier shown as video resolution."""
    seed: int = 0
    """Seed used to reproduce or vary a generation."""
    videos: Annotated[list[MediaInput] | MISSING, Field(max_length=16)] = MISSING
    """Optional video URLs used to guide motion or appearance; video-reference runs use the documented 2x rate."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="images",
        kind="image",
        is_array=True,
        rules=(),
    ),
    MediaField(
        json_name="videos",
        kind="video",
        is_array=True,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="pixverse/pixverse-v6/reference-to-video",
    module="pixverse_pixverse_v6_reference_to_video",
    display_name=None,
    task="reference-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image", "video"),
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
