# Generated from schemas/minimax/minimax-h3-open/image-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""minimax/minimax-h3-open/image-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/minimax/minimax-h3-open/image-to-video``.
Reference page, in the generated project:
``docs/models/minimax_minimax_h3_open_image_to_video.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import MISSING, Field

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

MODEL_ID: Final = "minimax/minimax-h3-open/image-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of minimax/minimax-h3-open/image-to-video."""

    duration: Annotated[int, Field(ge=5, le=15)] = 5
    """Length of the generated video in seconds (5–15)."""
    image: MediaInput
    """First-frame image URL. Output framing follows this image's aspect ratio."""
    last_image: MediaInput | MISSING = MISSING
    """Optional last-frame image to guide the ending pose or composition."""
    prompt: str
    """Motion, camera, and optional Audio: line. Keep identity consistent with the still."""
    resolution: Literal["480p", "768p"] = "480p"
    """Output resolution. 480p is faster/cheaper; 768p is sharper."""
    seed: int = -1
    """Fixed seed for reproducible results. Use -1 for a random seed."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="image",
        kind="image",
        is_array=False,
        rules=(),
    ),
    MediaField(
        json_name="last_image",
        kind="image",
        is_array=False,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="minimax/minimax-h3-open/image-to-video",
    module="minimax_minimax_h3_open_image_to_video",
    display_name=None,
    task="image-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image",),
    output_media=("video",),
    output_media_origin="task",
    required_inputs=("image", "prompt"),
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
