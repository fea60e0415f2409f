# Generated from schemas/google/gemini-omni-flash/image-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""google/gemini-omni-flash/image-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/google/gemini-omni-flash/image-to-video``.
Reference page, in the generated project:
``docs/models/google_gemini_omni_flash_image_to_video.md``.
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

MODEL_ID: Final = "google/gemini-omni-flash/image-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of google/gemini-omni-flash/image-to-video."""

    aspect_ratio: Literal["16:9", "9:16"] = "16:9"
    """The aspect ratio of the generated video."""
    duration: Annotated[int, Field(ge=3, le=10)] = 8
    """The duration of the generated video, in seconds."""
    image_url: MediaInput
    """The input image to animate. Supported formats include jpg, jpeg, png, webp."""
    prompt: str
    """Describe how the input image should move or change. You can direct camera work, pacing, and audio in the prompt (e.g. "slow push-in", "gentle wind and birdsong", "no dialogue") and add negative instructions such as "Do not show text"."""


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
    model_id="google/gemini-omni-flash/image-to-video",
    module="google_gemini_omni_flash_image_to_video",
    display_name=None,
    task="image-to-video",
    task_origin="model id",
    categories=("video",),
    kind="model",
    input_media=("image",),
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
