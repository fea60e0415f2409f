# Generated from schemas/bytedance/seedance-2.5/image-to-video/720p.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""bytedance/seedance-2.5/image-to-video/720p: typed input, output and media rules.

Submit with ``POST /v1/models/bytedance/seedance-2.5/image-to-video/720p``.
Reference page, in the generated project:
``docs/models/bytedance_seedance_2_5_image_to_video_720p.md``.
"""

from __future__ import annotations

from typing import Annotated, Final

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

MODEL_ID: Final = "bytedance/seedance-2.5/image-to-video/720p"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of bytedance/seedance-2.5/image-to-video/720p."""

    duration: Annotated[int, Field(ge=4, le=30)] = 5
    """The duration of the generated video in seconds. Default is 5."""
    generate_audio: bool = True
    """When true, the model outputs video with synchronized audio (speech, SFX, music)."""
    image: MediaInput
    """Input image that will be animated into a video."""
    prompt: str
    """Text prompt for the video (Chinese ~≤500 characters, English ~≤1000 words recommended).\x20"""


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
    model_id="bytedance/seedance-2.5/image-to-video/720p",
    module="bytedance_seedance_2_5_image_to_video_720p",
    display_name=None,
    task="image-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image",),
    output_media=("video",),
    output_media_origin="task",
    required_inputs=("prompt", "image"),
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
