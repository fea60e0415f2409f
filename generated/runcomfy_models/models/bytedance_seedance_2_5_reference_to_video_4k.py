# Generated from schemas/bytedance/seedance-2.5/reference-to-video/4k.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""bytedance/seedance-2.5/reference-to-video/4k: typed input, output and media rules.

Submit with ``POST /v1/models/bytedance/seedance-2.5/reference-to-video/4k``.
Reference page, in the generated project:
``docs/models/bytedance_seedance_2_5_reference_to_video_4k.md``.
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

MODEL_ID: Final = "bytedance/seedance-2.5/reference-to-video/4k"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of bytedance/seedance-2.5/reference-to-video/4k."""

    prompt: str
    aspect_ratio: Literal["16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive"] = "16:9"
    duration: Annotated[int, Field(ge=4, le=30)] = 5
    generate_audio: bool = True
    images: Annotated[list[MediaInput] | MISSING, Field(max_length=9)] = MISSING
    videos: Annotated[list[MediaInput], Field(max_length=3, min_length=1)]
    audios: Annotated[list[MediaInput] | MISSING, Field(max_length=3)] = MISSING


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="images",
        kind="image",
        is_array=True,
        rules=(),
    ),
    MediaField(
        json_name="videos",
        kind="video",
        is_array=True,
        rules=(),
    ),
    MediaField(
        json_name="audios",
        kind="audio",
        is_array=True,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="bytedance/seedance-2.5/reference-to-video/4k",
    module="bytedance_seedance_2_5_reference_to_video_4k",
    display_name=None,
    task="reference-to-video",
    task_origin="model id",
    categories=("video",),
    kind="model",
    input_media=("image", "video", "audio"),
    output_media=("video",),
    output_media_origin="categories",
    required_inputs=("prompt", "videos"),
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
