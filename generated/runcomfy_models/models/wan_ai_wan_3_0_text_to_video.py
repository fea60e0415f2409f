# Generated from schemas/wan-ai/wan-3.0/text-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""wan-ai/wan-3.0/text-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/wan-ai/wan-3.0/text-to-video``.
Reference page, in the generated project:
``docs/models/wan_ai_wan_3_0_text_to_video.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import MISSING, Field

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

MODEL_ID: Final = "wan-ai/wan-3.0/text-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of wan-ai/wan-3.0/text-to-video."""

    aspect_ratio: Literal["16:9", "9:16", "1:1", "4:3", "3:4", "adaptive"] = "16:9"
    """Output aspect ratio of the generated video."""
    duration: Annotated[int, Field(ge=2, le=30)] = 5
    """Length of the generated video in seconds. Range is 2-30. Start short to iterate, then increase once the motion looks right."""
    enable_audio: bool = True
    """When on, the output video includes a synchronized audio track. Turn off for a silent clip."""
    prompt: str
    """Describe the scene, subject, action, camera movement, lighting, and motion you want to generate."""
    prompt_extend: bool = True
    """When on, the model may rewrite your prompt for richer scene detail before generation. Turn off for faster turnaround if your prompt is already precise."""
    resolution: Literal["480p", "720p", "1080p"] = "720p"
    """Output resolution tier. Use 480p for quick drafts and 1080p for higher-quality output."""
    seed: int | MISSING = MISSING
    """Random seed for reproducible results. Range is 0 to 2147483647."""


MEDIA_FIELDS: tuple[MediaField, ...] = ()
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="wan-ai/wan-3.0/text-to-video",
    module="wan_ai_wan_3_0_text_to_video",
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
