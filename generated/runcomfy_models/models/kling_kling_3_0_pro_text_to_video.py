# Generated from schemas/kling/kling-3.0/pro/text-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""kling/kling-3.0/pro/text-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/kling/kling-3.0/pro/text-to-video``.
Reference page, in the generated project:
``docs/models/kling_kling_3_0_pro_text_to_video.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import Field

from runcomfy_models._runtime.core.info import CostBasis, ModelInfo
from runcomfy_models._runtime.core.model import InputModel, JsonNumber, OutputModel
from runcomfy_models._runtime.core.spec import MediaField, ModelSpec

__all__ = [
    "INFO",
    "MEDIA_FIELDS",
    "MODEL_ID",
    "SPEC",
    "Input",
    "Output",
]

MODEL_ID: Final = "kling/kling-3.0/pro/text-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of kling/kling-3.0/pro/text-to-video."""

    aspect_ratio: Literal["16:9", "9:16", "1:1"] = "16:9"
    """Output ratio of the generated video."""
    cfg_scale: Annotated[JsonNumber, Field(ge=0, le=1)] = 0.5
    """Prompt guidance strength."""
    duration: Annotated[int, Field(ge=3, le=15)] = 5
    """Video length in seconds."""
    negative_prompt: str = ""
    """Elements to exclude from the video."""
    prompt: str
    """Text description of the scene, motion, camera style, and atmosphere."""
    shot_type: Literal["customize"] = "customize"
    """Editing mode: intelligent (default, auto-determines scope) or customize."""
    sound: bool = True
    """Generate synchronized sound alongside the video."""


MEDIA_FIELDS: tuple[MediaField, ...] = ()
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="kling/kling-3.0/pro/text-to-video",
    module="kling_kling_3_0_pro_text_to_video",
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
