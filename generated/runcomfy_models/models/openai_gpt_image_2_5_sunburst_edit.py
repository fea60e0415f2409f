# Generated from schemas/openai/gpt-image-2.5/sunburst/edit.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""openai/gpt-image-2.5/sunburst/edit: typed input, output and media rules.

Submit with ``POST /v1/models/openai/gpt-image-2.5/sunburst/edit``.
Reference page, in the generated project:
``docs/models/openai_gpt_image_2_5_sunburst_edit.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import Field

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

MODEL_ID: Final = "openai/gpt-image-2.5/sunburst/edit"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of openai/gpt-image-2.5/sunburst/edit."""

    aspect_ratio: Literal[
        "1:1",
        "3:2",
        "2:3",
        "3:4",
        "4:3",
        "4:5",
        "5:4",
        "9:16",
        "16:9",
        "21:9",
        "2:1",
        "1:2",
        "3:1",
        "1:3",
        "9:21",
    ] = "1:1"
    """Output aspect ratio for the edited image."""
    images: Annotated[list[MediaInput], Field(max_length=16, min_length=1)]
    """Reference images to edit or combine, up to 16 images."""
    output_format: Literal["png", "jpeg", "webp"] = "png"
    """Output image file format."""
    prompt: str
    quality: Literal["low", "medium", "high", "xhigh", "max"] = "medium"
    """Rendering quality. Higher quality adds detail but costs more."""
    resolution: Literal["1k", "2k", "4k"] = "1k"
    """Output resolution tier."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="images",
        kind="image",
        is_array=True,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="openai/gpt-image-2.5/sunburst/edit",
    module="openai_gpt_image_2_5_sunburst_edit",
    display_name=None,
    task="edit",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image",),
    output_media=("image",),
    output_media_origin="task",
    required_inputs=("prompt", "images"),
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
