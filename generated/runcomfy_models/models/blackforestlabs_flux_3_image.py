# Generated from schemas/blackforestlabs/flux-3/image.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""blackforestlabs/flux-3/image: typed input, output and media rules.

Submit with ``POST /v1/models/blackforestlabs/flux-3/image``.
Reference page, in the generated project:
``docs/models/blackforestlabs_flux_3_image.md``.
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

MODEL_ID: Final = "blackforestlabs/flux-3/image"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of blackforestlabs/flux-3/image."""

    image_size: Literal[
        "square_hd", "square", "portrait_4_3", "portrait_16_9", "landscape_4_3", "landscape_16_9"
    ] = "landscape_4_3"
    """The size of the image to generate (256-1536 px per side)."""
    prompt: str
    """Describe the image you want: subject, style, lighting, composition, and any on-image text."""
    seed: int = -1
    """The random seed to use for the generation. -1 means a random seed will be used."""


MEDIA_FIELDS: tuple[MediaField, ...] = ()
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="blackforestlabs/flux-3/image",
    module="blackforestlabs_flux_3_image",
    display_name=None,
    task="text-to-image",
    task_origin="media",
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
