# Generated from schemas/lightricks/ltx-2.5/text-to-video/pro.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""lightricks/ltx-2.5/text-to-video/pro: typed input, output and media rules.

Submit with ``POST /v1/models/lightricks/ltx-2.5/text-to-video/pro``.
Reference page, in the generated project:
``docs/models/lightricks_ltx_2_5_text_to_video_pro.md``.
"""

from __future__ import annotations

from typing import Final, Literal

from pydantic import MISSING

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

MODEL_ID: Final = "lightricks/ltx-2.5/text-to-video/pro"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of lightricks/ltx-2.5/text-to-video/pro."""

    aspect_ratio: Literal["16:9", "9:16"] = "16:9"
    """Output aspect ratio of the generated video."""
    camera_motion: (
        Literal[
            "dolly_in",
            "dolly_out",
            "dolly_left",
            "dolly_right",
            "jib_up",
            "jib_down",
            "static",
            "focus_shift",
        ]
        | MISSING
    ) = MISSING
    """Optional camera motion preset. Leave unset for prompt-only camera direction."""
    duration: Literal["auto", "6", "8", "10"] = "10"
    """Video length in seconds. Use auto to let the model choose from the prompt."""
    fps: Literal[24, 25, 50] = 25
    """Frames per second of the generated video."""
    generate_audio: bool = True
    """Whether to generate synchronized audio with the video."""
    prompt: str
    """Text prompt describing the video scene, motion, and audio."""
    resolution: Literal["720p", "1080p"] = "1080p"
    """Output resolution of the generated video."""


MEDIA_FIELDS: tuple[MediaField, ...] = ()
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="lightricks/ltx-2.5/text-to-video/pro",
    module="lightricks_ltx_2_5_text_to_video_pro",
    display_name=None,
    task="text-to-video",
    task_origin="model id",
    categories=("video",),
    kind="model",
    input_media=(),
    output_media=("video",),
    output_media_origin="categories",
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
