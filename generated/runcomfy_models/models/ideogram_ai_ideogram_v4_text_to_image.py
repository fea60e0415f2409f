# Generated from schemas/ideogram-ai/ideogram-v4/text-to-image.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""ideogram-ai/ideogram-v4/text-to-image: typed input, output and media rules.

Submit with ``POST /v1/models/ideogram-ai/ideogram-v4/text-to-image``.
Reference page, in the generated project:
``docs/models/ideogram_ai_ideogram_v4_text_to_image.md``.
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

MODEL_ID: Final = "ideogram-ai/ideogram-v4/text-to-image"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of ideogram-ai/ideogram-v4/text-to-image."""

    output_format: Literal["png", "jpeg"] = "jpeg"
    """Output image format."""
    prompt: str
    """Text description of the image you want to generate."""
    rendering_speed: Literal["TURBO", "BALANCED", "QUALITY"] = "BALANCED"
    """Rendering mode that trades off cost, speed, and quality."""
    size: Literal["1:1", "3:4", "4:3", "16:9", "9:16"] = "1:1"
    """Output size preset (aspect ratio) of the generated image."""


MEDIA_FIELDS: tuple[MediaField, ...] = ()
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="ideogram-ai/ideogram-v4/text-to-image",
    module="ideogram_ai_ideogram_v4_text_to_image",
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
