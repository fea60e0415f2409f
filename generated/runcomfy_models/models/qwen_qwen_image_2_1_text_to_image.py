# Generated from schemas/qwen/qwen-image-2.1/text-to-image.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""qwen/qwen-image-2.1/text-to-image: typed input, output and media rules.

Submit with ``POST /v1/models/qwen/qwen-image-2.1/text-to-image``.
Reference page, in the generated project:
``docs/models/qwen_qwen_image_2_1_text_to_image.md``.
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

MODEL_ID: Final = "qwen/qwen-image-2.1/text-to-image"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of qwen/qwen-image-2.1/text-to-image."""

    aspect_ratio: Literal["1:1", "4:3", "3:4", "3:2", "2:3", "16:9", "9:16", "21:9", "9:21"] = "1:1"
    """Output aspect ratio. Pixel size also depends on the resolution tier."""
    background: Literal["opaque", "transparent"] = "opaque"
    """opaque for a regular photo. transparent writes a real alpha channel — describe only the subject, and do not use JPEG."""
    enhance_prompt: bool = True
    """Rewrite a short prompt into a fuller scene before generating. Turn off when your prompt is already exact."""
    output_format: Literal["png", "webp", "jpeg"] = "png"
    """PNG and WebP can carry an alpha channel. JPEG cannot, so it cannot be combined with a transparent background."""
    prompt: str
    """Describe the subject, setting, style, and any exact text you want rendered. Put wording in quotes to render it verbatim."""
    resolution: Literal["1K", "2K"] = "1K"
    """Output detail tier. 1K is faster; 2K has about four times the pixels and costs more."""
    seed: int = -1
    """Random seed for reproducibility. Use -1 for a random seed each run."""


MEDIA_FIELDS: tuple[MediaField, ...] = ()
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="qwen/qwen-image-2.1/text-to-image",
    module="qwen_qwen_image_2_1_text_to_image",
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
