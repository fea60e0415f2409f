# Generated from schemas/google/nano-banana-2-lite/edit.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""google/nano-banana-2-lite/edit: typed input, output and media rules.

Submit with ``POST /v1/models/google/nano-banana-2-lite/edit``.
Reference page, in the generated project:
``docs/models/google_nano_banana_2_lite_edit.md``.
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

MODEL_ID: Final = "google/nano-banana-2-lite/edit"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of google/nano-banana-2-lite/edit."""

    prompt: str
    aspect_ratio: Literal[
        "auto",
        "21:9",
        "16:9",
        "3:2",
        "4:3",
        "5:4",
        "1:1",
        "4:5",
        "3:4",
        "2:3",
        "9:16",
        "4:1",
        "1:4",
        "8:1",
        "1:8",
    ] = "auto"
    image_urls: Annotated[list[MediaInput], Field(max_length=10, min_length=1)]


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
    model_id="google/nano-banana-2-lite/edit",
    module="google_nano_banana_2_lite_edit",
    display_name=None,
    task="edit",
    task_origin="model id",
    categories=("image",),
    kind="model",
    input_media=("image",),
    output_media=("image",),
    output_media_origin="categories",
    required_inputs=("prompt", "image_urls"),
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
