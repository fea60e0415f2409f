# Generated from schemas/blackforestlabs/flux-2/flash/text-to-image.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""blackforestlabs/flux-2/flash/text-to-image: typed input, output and media rules.

Submit with ``POST /v1/models/blackforestlabs/flux-2/flash/text-to-image``.
Reference page, in the generated project:
``docs/models/blackforestlabs_flux_2_flash_text_to_image.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import MISSING, Field

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

MODEL_ID: Final = "blackforestlabs/flux-2/flash/text-to-image"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of blackforestlabs/flux-2/flash/text-to-image."""

    prompt: str
    """Prompt"""
    guidance_scale: Annotated[JsonNumber, Field(ge=0, le=20)] = 2.5
    """How closely the model should stick to the prompt."""
    seed: int | MISSING = MISSING
    """Seed"""
    image_size: Literal[
        "square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"
    ] = "landscape_4_3"
    """Image Size"""
    output_format: Literal["jpeg", "png", "webp"] = "png"
    """The format of the generated image."""


MEDIA_FIELDS: tuple[MediaField, ...] = ()
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="blackforestlabs/flux-2/flash/text-to-image",
    module="blackforestlabs_flux_2_flash_text_to_image",
    display_name=None,
    task="text-to-image",
    task_origin="model id",
    categories=(),
    kind="model",
    input_media=(),
    output_media=("image",),
    output_media_origin="task",
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
