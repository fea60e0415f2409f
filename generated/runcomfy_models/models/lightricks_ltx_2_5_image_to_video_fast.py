# Generated from schemas/lightricks/ltx-2.5/image-to-video/fast.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""lightricks/ltx-2.5/image-to-video/fast: typed input, output and media rules.

Submit with ``POST /v1/models/lightricks/ltx-2.5/image-to-video/fast``.
Reference page, in the generated project:
``docs/models/lightricks_ltx_2_5_image_to_video_fast.md``.
"""

from __future__ import annotations

from typing import Final, Literal

from pydantic import MISSING

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

MODEL_ID: Final = "lightricks/ltx-2.5/image-to-video/fast"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of lightricks/ltx-2.5/image-to-video/fast."""

    aspect_ratio: Literal["auto", "16:9", "9:16"] = "auto"
    """Output aspect ratio. auto follows the input image."""
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
    duration: Literal["auto", "6", "8", "10", "12", "14", "16", "18", "20"] = "10"
    """Video length in seconds. Use auto to let the model choose from the prompt."""
    end_image_url: MediaInput | MISSING = MISSING
    """Optional end image for a transition between start and end frames. Leave empty for open-ended motion from the start frame."""
    fps: Literal[24, 25, 48, 50] = 25
    """Frames per second of the generated video."""
    generate_audio: bool = True
    """Whether to generate synchronized audio with the video."""
    image_url: MediaInput
    """URL of the start image to animate into video."""
    prompt: str
    """Describe motion, camera, lighting, style, and audio for the generated video."""
    resolution: Literal["720p", "1080p", "1440p", "2160p"] = "1080p"
    """Output resolution of the generated video."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
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
    model_id="lightricks/ltx-2.5/image-to-video/fast",
    module="lightricks_ltx_2_5_image_to_video_fast",
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
