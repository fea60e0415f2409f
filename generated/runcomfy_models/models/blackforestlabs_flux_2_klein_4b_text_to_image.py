# Generated from schemas/blackforestlabs/flux-2-klein/4b/text-to-image.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""blackforestlabs/flux-2-klein/4b/text-to-image: typed input, output and media rules.

Submit with ``POST /v1/models/blackforestlabs/flux-2-klein/4b/text-to-image``.
Reference page, in the generated project:
``docs/models/blackforestlabs_flux_2_klein_4b_text_to_image.md``.
"""

from __future__ import annotations

from typing import Annotated, Final

from pydantic import Field

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

MODEL_ID: Final = "blackforestlabs/flux-2-klein/4b/text-to-image"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of blackforestlabs/flux-2-klein/4b/text-to-image."""

    height: Annotated[int, Field(ge=64, le=2048)] = 1024
    prompt: str
    width: Annotated[int, Field(ge=64, le=2048)] = 1024


MEDIA_FIELDS: tuple[MediaField, ...] = ()
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="blackforestlabs/flux-2-klein/4b/text-to-image",
    module="blackforestlabs_flux_2_klein_4b_text_to_image",
    display_name=None,
    task="text-to-image",
    task_origin="model id",
    categories=(),
    kind=None,
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
