# Generated from schemas/bytedance/seedream-5.0-pro/text-to-image.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""bytedance/seedream-5.0-pro/text-to-image: typed input, output and media rules.

Submit with ``POST /v1/models/bytedance/seedream-5.0-pro/text-to-image``.
Reference page, in the generated project:
``docs/models/bytedance_seedream_5_0_pro_text_to_image.md``.
"""

from __future__ import annotations

from typing import Final, Literal

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

MODEL_ID: Final = "bytedance/seedream-5.0-pro/text-to-image"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of bytedance/seedream-5.0-pro/text-to-image."""

    aspect_ratio: Literal["1:1", "4:3", "3:4", "16:9", "9:16", "2:3", "3:2", "21:9"] = "1:1"
    """Output aspect ratio of the generated image."""
    output_format: Literal["png", "jpeg"] = "png"
    """The format of the output images. This will determine the format of the output images."""
    prompt: str
    """The recommended length is no more than 600 English words. If the prompt is too long, the information may become scattered. The model might ignore details and only concentrate on the main points, resulting in a image with missing elements."""
    resolution: Literal["1K", "2K"] = "2K"
    """Choose the output resolution tier. 1K is billed at $0.040 per image, 2K at $0.080."""


MEDIA_FIELDS: tuple[MediaField, ...] = ()
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="bytedance/seedream-5.0-pro/text-to-image",
    module="bytedance_seedream_5_0_pro_text_to_image",
    display_name=None,
    task="text-to-image",
    task_origin="model id",
    categories=("image",),
    kind="model",
    input_media=(),
    output_media=("image",),
    output_media_origin="categories",
    required_inputs=("prompt",),
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
