# Generated from schemas/wan-ai/wan-2.7/pro/edit.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""wan-ai/wan-2.7/pro/edit: typed input, output and media rules.

Submit with ``POST /v1/models/wan-ai/wan-2.7/pro/edit``.
Reference page, in the generated project:
``docs/models/wan_ai_wan_2_7_pro_edit.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import MISSING, Field

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

MODEL_ID: Final = "wan-ai/wan-2.7/pro/edit"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of wan-ai/wan-2.7/pro/edit."""

    enable_prompt_expansion: bool = True
    """Enable DashScope prompt expansion (image edit mode). Default true."""
    image_size: Literal[
        "square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"
    ] = "square_hd"
    """Output image size preset; mapped to the provider’s internal size format."""
    image_urls: Annotated[list[MediaInput], Field(max_length=4, min_length=1)]
    """Reference images for editing (1–4). Order matters: refer to image 1, image 2, image 3, image 4 in your prompt."""
    negative_prompt: str = ""
    """Content to avoid in the generated image. Max 500 characters."""
    num_images: Annotated[int, Field(ge=1, le=4)] = 1
    """Number of images to generate (1–4). Default 1."""
    prompt: str
    """Text prompt describing the desired image edit. Supports Chinese and English."""
    seed: Annotated[int | MISSING, Field(ge=0, le=2147483647)] = MISSING
    """Random seed for reproducibility (0–2147483647)."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="image_urls",
        kind="image",
        is_array=True,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="wan-ai/wan-2.7/pro/edit",
    module="wan_ai_wan_2_7_pro_edit",
    display_name=None,
    task="edit",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image",),
    output_media=("image",),
    output_media_origin="task",
    required_inputs=("prompt", "image_urls"),
    price=None,
    cost_basis=CostBasis(
        duration_field=None,
        duration_unit="s",
        count_field="num_images",
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
