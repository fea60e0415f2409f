# Generated from schemas/wan-ai/wan-2.7/image-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""wan-ai/wan-2.7/image-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/wan-ai/wan-2.7/image-to-video``.
Reference page, in the generated project:
``docs/models/wan_ai_wan_2_7_image_to_video.md``.
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

MODEL_ID: Final = "wan-ai/wan-2.7/image-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of wan-ai/wan-2.7/image-to-video."""

    audio_url: MediaInput | MISSING = MISSING
    """Audio format must be WAV, MP3. The duration of this audio must be between 2 and 30 seconds."""
    duration: Literal[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] = 5
    enable_prompt_expansion: bool = True
    """Enable intelligent prompt rewriting."""
    end_image_url: MediaInput | MISSING = MISSING
    """Image format must be JPEG, JPG, PNG, BMP, WEBP."""
    image_url: MediaInput
    """Image format must be JPEG, JPG, PNG, BMP, WEBP."""
    negative_prompt: Annotated[str, Field(max_length=500)] = ""
    """Content to avoid in the video."""
    prompt: Annotated[str, Field(max_length=5000)]
    resolution: Literal["720p", "1080p"] = "1080p"
    seed: Annotated[int, Field(ge=0, le=2147483647)] = 0


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="audio_url",
        kind="audio",
        is_array=False,
        rules=(),
    ),
    MediaField(
        json_name="end_image_url",
        kind="image",
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
    model_id="wan-ai/wan-2.7/image-to-video",
    module="wan_ai_wan_2_7_image_to_video",
    display_name=None,
    task="image-to-video",
    task_origin="model id",
    categories=("video",),
    kind="model",
    input_media=("image", "audio"),
    output_media=("video",),
    output_media_origin="categories",
    required_inputs=("prompt", "image_url"),
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
