# Generated from schemas/runwayml/runway-gen-3-alpha/turbo/image-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""runwayml/runway-gen-3-alpha/turbo/image-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/runwayml/runway-gen-3-alpha/turbo/image-to-video``.
Reference page, in the generated project:
``docs/models/runwayml_runway_gen_3_alpha_turbo_image_to_video.md``.
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

MODEL_ID: Final = "runwayml/runway-gen-3-alpha/turbo/image-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None


class Input(InputModel[Output]):
    """Input of runwayml/runway-gen-3-alpha/turbo/image-to-video."""

    prompt_text: Annotated[str, Field(alias="promptText", max_length=512)]
    """Prompt"""
    prompt_image: Annotated[MediaInput, Field(alias="promptImage")]
    """Image"""
    ratio: Literal["1280:768", "768:1280"] = "1280:768"
    """Aspect Ratio (W:H)"""
    duration: Literal[5, 10] = 5
    """Duration"""
    seed: Annotated[int | MISSING, Field(ge=0, le=4294967295)] = MISSING
    """Seed"""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="promptImage",
        kind="image",
        is_array=False,
        rules=(
            RuleSpec(
                "width_pixels<",
                8000,
                "The uploaded image width and height must not exceed 8000 pixels.",
            ),
            RuleSpec(
                "height_pixels<",
                8000,
                "The uploaded image width and height must not exceed 8000 pixels.",
            ),
            RuleSpec("width/height>", 0.5, "The aspect ratio range should be 1:2 to 2:1."),
            RuleSpec("width/height<", 2, "The aspect ratio range should be 1:2 to 2:1."),
            RuleSpec("file_size_mb<", 16, "File size must be less than 16 MB."),
        ),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="runwayml/runway-gen-3-alpha/turbo/image-to-video",
    module="runwayml_runway_gen_3_alpha_turbo_image_to_video",
    display_name=None,
    task="image-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image",),
    output_media=("video",),
    output_media_origin="task",
    required_inputs=("promptText", "promptImage"),
    price=None,
    cost_basis=CostBasis(
        duration_field="duration",
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
