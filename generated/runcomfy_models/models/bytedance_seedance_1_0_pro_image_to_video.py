# Generated from schemas/bytedance/seedance-1-0/pro/image-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""bytedance/seedance-1-0/pro/image-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/bytedance/seedance-1-0/pro/image-to-video``.
Reference page, in the generated project:
``docs/models/bytedance_seedance_1_0_pro_image_to_video.md``.
"""

from __future__ import annotations

from typing import Final, Literal

from runcomfy_models._runtime.core.info import CostBasis, ModelInfo
from runcomfy_models._runtime.core.model import InputModel, OutputModel
from runcomfy_models._runtime.core.spec import MediaField, ModelSpec, RuleSpec
from runcomfy_models._runtime.media.local import MediaInput

__all__ = [
    "INFO",
    "MEDIA_FIELDS",
    "MODEL_ID",
    "SPEC",
    "Input",
    "Output",
]

MODEL_ID: Final = "bytedance/seedance-1-0/pro/image-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None


class Input(InputModel[Output]):
    """Input of bytedance/seedance-1-0/pro/image-to-video."""

    prompt: str
    """Prompt"""
    resolution: Literal["480p", "720p", "1080p"] = "480p"
    """Resolution"""
    first_frame_image_url: MediaInput
    """Start Image"""
    ratio: Literal["16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive"] = "adaptive"
    """Aspect Ratio (WH)"""
    duration: Literal[2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] = 5
    """Duration"""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="first_frame_image_url",
        kind="image",
        is_array=False,
        rules=(
            RuleSpec(
                "width_pixels<",
                6000,
                "The uploaded image width and height must not exceed 6000 pixels.",
            ),
            RuleSpec(
                "height_pixels<",
                6000,
                "The uploaded image width and height must not exceed 6000 pixels.",
            ),
            RuleSpec(
                "width_pixels>",
                300,
                "The uploaded image width and height must not be less than 300 pixels.",
            ),
            RuleSpec(
                "height_pixels>",
                300,
                "The uploaded image width and height must not be less than 300 pixels.",
            ),
            RuleSpec("width/height>", 0.4, "The aspect ratio range should be between 0.4 and 2.5."),
            RuleSpec("width/height<", 2.5, "The aspect ratio range should be between 0.4 and 2.5."),
            RuleSpec("file_size_mb<", 30, "File size must be less than 30 MB."),
        ),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="bytedance/seedance-1-0/pro/image-to-video",
    module="bytedance_seedance_1_0_pro_image_to_video",
    display_name=None,
    task="image-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image",),
    output_media=("video",),
    output_media_origin="task",
    required_inputs=("prompt", "first_frame_image_url"),
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
