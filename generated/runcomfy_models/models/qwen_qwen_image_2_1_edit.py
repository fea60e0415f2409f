# Generated from schemas/qwen/qwen-image-2.1/edit.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""qwen/qwen-image-2.1/edit: typed input, output and media rules.

Submit with ``POST /v1/models/qwen/qwen-image-2.1/edit``.
Reference page, in the generated project:
``docs/models/qwen_qwen_image_2_1_edit.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import MISSING, Field

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

MODEL_ID: Final = "qwen/qwen-image-2.1/edit"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of qwen/qwen-image-2.1/edit."""

    aspect_ratio: Literal[
        "auto", "1:1", "4:3", "3:4", "3:2", "2:3", "16:9", "9:16", "21:9", "9:21"
    ] = "auto"
    """Output aspect ratio. auto uses the first reference. Ignored in mask mode."""
    background: Literal["opaque", "transparent"] = "opaque"
    """opaque for a regular photo. transparent writes a real alpha channel — describe only the subject, and do not use JPEG. Cannot combine with a mask."""
    enhance_prompt: bool = True
    """Rewrite a short instruction into a fuller scene before editing. Turn off when the instruction is already exact. Ignored in mask mode."""
    image_urls: Annotated[list[MediaInput], Field(max_length=10, min_length=1)]
    """One to ten reference images. Order matches the prompt (the first image, the second image). JPEG, PNG, or WebP; each file up to 30MB and 25MP. Keep to four or fewer when identity must stay sharp."""
    mask_url: MediaInput | MISSING = MISSING
    """Optional black-and-white local-edit mask. White marks the area to change; black stays. Requires exactly one reference image, cannot pair with a transparent background, and ignores aspect ratio and prompt rewrite."""
    output_format: Literal["png", "webp", "jpeg"] = "png"
    """PNG and WebP can carry an alpha channel. JPEG cannot, so it cannot be combined with a transparent background."""
    prompt: str
    """Describe the change in plain language: what to add, remove, restyle, or replace. Quote any text to render it verbatim. With a mask, describe what should appear in the white area."""
    resolution: Literal["1K", "2K"] = "1K"
    """Output detail tier. 1K is faster; 2K has about four times the pixels and costs more."""
    seed: int = -1
    """Random seed for reproducibility. Use -1 for a random seed each run."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="image_urls",
        kind="image",
        is_array=True,
        rules=(RuleSpec("file_size_mb<", 30, "File size must be less than 30 MB."),),
    ),
    MediaField(
        json_name="mask_url",
        kind="image",
        is_array=False,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="qwen/qwen-image-2.1/edit",
    module="qwen_qwen_image_2_1_edit",
    display_name=None,
    task="edit",
    task_origin="model id",
    categories=("image",),
    kind="model",
    input_media=("image",),
    output_media=("image",),
    output_media_origin="categories",
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
