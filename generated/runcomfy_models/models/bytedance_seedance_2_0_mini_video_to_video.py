# Generated from schemas/bytedance/seedance-2.0-mini/video-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""bytedance/seedance-2.0-mini/video-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/bytedance/seedance-2.0-mini/video-to-video``.
Reference page, in the generated project:
``docs/models/bytedance_seedance_2_0_mini_video_to_video.md``.
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

MODEL_ID: Final = "bytedance/seedance-2.0-mini/video-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of bytedance/seedance-2.0-mini/video-to-video."""

    aspect_ratio: Literal["16:9", "9:16", "4:3", "3:4", "1:1", "21:9"] = "16:9"
    """Output aspect ratio. Leave on the default or pick a framing; the output adapts to the input when this is not set."""
    duration: Annotated[int, Field(ge=4, le=15)] = 5
    """Length of the edited video in seconds. Auto-detected from the input video when left at the default."""
    enable_web_search: bool = False
    """Allow the model to pull in real-time information when the prompt needs it."""
    generate_audio: bool = True
    """Generate native audio for the edited output. Turn off to keep the input video's original audio track."""
    prompt: str
    """Describe the change you want applied to the source video, such as a new look, lighting, weather, or background."""
    reference_audios: Annotated[list[MediaInput] | MISSING, Field(max_length=16, min_length=0)] = (
        MISSING
    )
    """Optional audio URLs that guide the generated audio track."""
    reference_images: Annotated[list[MediaInput] | MISSING, Field(max_length=16, min_length=0)] = (
        MISSING
    )
    """Optional image URLs that steer subject identity, style, or visual direction for the edit."""
    resolution: Literal["480p", "720p"] = "720p"
    """Output video resolution tier."""
    video: MediaInput
    """Public URL of the video you want to edit. Clips longer than 15 seconds are trimmed to the first 15 seconds."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="reference_audios",
        kind="audio",
        is_array=True,
        rules=(),
    ),
    MediaField(
        json_name="reference_images",
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
    model_id="bytedance/seedance-2.0-mini/video-to-video",
    module="bytedance_seedance_2_0_mini_video_to_video",
    display_name=None,
    task="video-to-video",
    task_origin="model id",
    categories=("video",),
    kind="model",
    input_media=("image", "video", "audio"),
    output_media=("video",),
    output_media_origin="categories",
    required_inputs=("prompt", "video"),
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
