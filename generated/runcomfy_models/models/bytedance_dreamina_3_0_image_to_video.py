# Generated from schemas/bytedance/dreamina-3-0/image-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""bytedance/dreamina-3-0/image-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/bytedance/dreamina-3-0/image-to-video``.
Reference page, in the generated project:
``docs/models/bytedance_dreamina_3_0_image_to_video.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import Field

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

MODEL_ID: Final = "bytedance/dreamina-3-0/image-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None


class Input(InputModel[Output]):
    """Input of bytedance/dreamina-3-0/image-to-video."""

    image_urls: Annotated[list[MediaInput], Field(max_length=1, min_length=1)]
    """Upload JPEG/PNG format"""
    prompt: str
    """The prompt should be less than 800 characters."""
    number_of_frames: Literal[121, 241] = 121
    """Total frames of the generated video. Supported values: 121 (≈5s) and 241 (≈10s)."""
    resolution: Literal["720P", "1080P"] = "720P"
    """Resolution"""
    seed: int = -1
    """Seed"""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="image_urls",
        kind="image",
        is_array=True,
        rules=(
            RuleSpec("file_size_mb<", 4.7, "File size must be less than 4.7 MB."),
            RuleSpec("width_pixels<=", 4096, "Maximum resolution is 4096×4096."),
            RuleSpec("height_pixels<=", 4096, "Maximum resolution is 4096×4096."),
            RuleSpec("shortest_side_pixels>=", 320, "The shortest side must be at least 320 px."),
            RuleSpec("width/height<=", 3, "The long-to-short side ratio must be within 3:1."),
            RuleSpec(
                "width/height>", 0.33, "The long-to-short side ratio must be greater than 0.33."
            ),
        ),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="bytedance/dreamina-3-0/image-to-video",
    module="bytedance_dreamina_3_0_image_to_video",
    display_name=None,
    task="image-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image",),
    output_media=("video",),
    output_media_origin="task",
    required_inputs=("image_urls", "prompt"),
    price=None,
    cost_basis=CostBasis(
        duration_field=None,
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
