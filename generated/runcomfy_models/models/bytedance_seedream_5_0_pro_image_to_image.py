# Generated from schemas/bytedance/seedream-5.0-pro/image-to-image.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""bytedance/seedream-5.0-pro/image-to-image: typed input, output and media rules.

Submit with ``POST /v1/models/bytedance/seedream-5.0-pro/image-to-image``.
Reference page, in the generated project:
``docs/models/bytedance_seedream_5_0_pro_image_to_image.md``.
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

MODEL_ID: Final = "bytedance/seedream-5.0-pro/image-to-image"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of bytedance/seedream-5.0-pro/image-to-image."""

    prompt: str
    aspect_ratio: Literal["auto", "1:1", "4:3", "3:4", "16:9", "9:16", "2:3", "3:2", "21:9"] = "1:1"
    resolution: Literal["1K", "2K"] = "2K"
    output_format: Literal["png", "jpeg"] = "png"
    image: Annotated[list[MediaInput], Field(max_length=10, min_length=1)]


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="image",
        kind="image",
        is_array=True,
        rules=(
            RuleSpec("file_size_mb<", 30, "File size must be less than 30 MB."),
            RuleSpec("width/height>", 0.0625, "The aspect ratio range should be 1:16 to 16:1."),
            RuleSpec("width/height<", 16, "The aspect ratio range should be 1:16 to 16:1."),
            RuleSpec(
                "width_pixels>", 14, "The uploaded image width and height must exceed 14 pixels."
            ),
            RuleSpec(
                "height_pixels>", 14, "The uploaded image width and height must exceed 14 pixels."
            ),
        ),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="bytedance/seedream-5.0-pro/image-to-image",
    module="bytedance_seedream_5_0_pro_image_to_image",
    display_name=None,
    task="image-to-image",
    task_origin="model id",
    categories=("image",),
    kind="model",
    input_media=("image",),
    output_media=("image",),
    output_media_origin="categories",
    required_inputs=("prompt", "image"),
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
