# Generated from schemas/happyhorse/happyhorse-1.0/text-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""happyhorse/happyhorse-1.0/text-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/happyhorse/happyhorse-1.0/text-to-video``.
Reference page, in the generated project:
``docs/models/happyhorse_happyhorse_1_0_text_to_video.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import Field

from runcomfy_models._runtime.core.info import CostBasis, ModelInfo
from runcomfy_models._runtime.core.model import InputModel, OutputModel
from runcomfy_models._runtime.core.spec import MediaField, ModelSpec

__all__ = [
    "INFO",
    "MEDIA_FIELDS",
    "MODEL_ID",
    "SPEC",
    "Input",
    "Output",
]

MODEL_ID: Final = "happyhorse/happyhorse-1.0/text-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of happyhorse/happyhorse-1.0/text-to-video."""

    aspect_ratio: Literal["16:9", "9:16", "1:1", "4:3", "3:4"] = "16:9"
    """Output video aspect ratio."""
    duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] = 5
    """Output video duration in seconds. Allowed values: 3–15."""
    prompt: Annotated[str, Field(max_length=2500)]
    """Describe the scene, subject motion, camera, lighting, and any audio you want implied in the generated video. Max 2500 characters."""
    resolution: Literal["720P", "1080P"] = "1080P"
    """Output video resolution. HappyHorse supports 720P or 1080P."""
    seed: Annotated[int, Field(ge=0, le=2147483647)] = 0
    """Optional seed for reproducible generations. Use 0 to let the provider randomize."""
    watermark: bool = False
    """Whether to keep the provider watermark on the generated video."""


MEDIA_FIELDS: tuple[MediaField, ...] = ()
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="happyhorse/happyhorse-1.0/text-to-video",
    module="happyhorse_happyhorse_1_0_text_to_video",
    display_name=None,
    task="text-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=(),
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
