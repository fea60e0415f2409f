# Generated from schemas/blackforestlabs/flux-3/image-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""blackforestlabs/flux-3/image-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/blackforestlabs/flux-3/image-to-video``.
Reference page, in the generated project:
``docs/models/blackforestlabs_flux_3_image_to_video.md``.
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

MODEL_ID: Final = "blackforestlabs/flux-3/image-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of blackforestlabs/flux-3/image-to-video."""

    aspect_ratio: Literal["auto", "21:9", "2:1", "16:9", "4:3", "1:1", "3:4", "9:16"] = "auto"
    """Aspect ratio of the generated video. auto lets the model choose."""
    duration: Literal[
        "auto",
        "5",
        "6",
        "7",
        "8",
        "9",
        "10",
        "11",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "20",
    ] = "auto"
    """Duration of the generated video in seconds. auto lets the model choose."""
    generate_audio: bool = True
    """Whether to generate audio for the video."""
    image_url: MediaInput
    """URL of the image the video starts from (PNG, JPEG, or WebP)."""
    prompt: str
    """The text prompt describing the video you want to generate."""
    resolution: Literal["720p", "1080p"] = "720p"
    """Resolution of the generated video."""
    safety_tolerance: Annotated[int, Field(ge=0, le=4)] = 2
    """The safety tolerance level for the generated video. 0 is the strictest and 4 is the most permissive."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="image_url",
        kind="image",
        is_array=False,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="blackforestlabs/flux-3/image-to-video",
    module="blackforestlabs_flux_3_image_to_video",
    display_name=None,
    task="image-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image",),
    output_media=("video",),
    output_media_origin="task",
    required_inputs=("image_url", "prompt"),
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
