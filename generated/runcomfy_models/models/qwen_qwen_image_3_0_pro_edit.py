# Generated from schemas/qwen/qwen-image-3.0/pro/edit.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""qwen/qwen-image-3.0/pro/edit: typed input, output and media rules.

Submit with ``POST /v1/models/qwen/qwen-image-3.0/pro/edit``.
Reference page, in the generated project:
``docs/models/qwen_qwen_image_3_0_pro_edit.md``.
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

MODEL_ID: Final = "qwen/qwen-image-3.0/pro/edit"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of qwen/qwen-image-3.0/pro/edit."""

    aspect_ratio: Literal["1:1", "16:9", "9:16", "4:3", "3:4"] = "1:1"
    """The aspect ratio of the generated image."""
    enable_prompt_expansion: bool = True
    """Let the model enrich a short prompt with extra detail before generating. Turn off when your prompt is already precise."""
    image_urls: Annotated[list[MediaInput], Field(max_length=3, min_length=1)]
    """One to three images to edit. The edit follows your instruction while keeping the rest of the picture."""
    prompt: str
    """Describe the change in plain language, e.g. what to add, remove, restyle, or replace. Quote any text to render it verbatim."""
    resolution: Literal["1k", "2k"] = "2k"
    """Output detail tier. Choose 1k for faster drafts or 2k for maximum detail."""
    seed: int = -1
    """Random seed for reproducibility. Use -1 for a random seed each run."""


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
    model_id="qwen/qwen-image-3.0/pro/edit",
    module="qwen_qwen_image_3_0_pro_edit",
    display_name=None,
    task="edit",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image",),
    output_media=("image",),
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
