# Generated from schemas/bytedance/seedance-2.0/fast.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""bytedance/seedance-2.0/fast: typed input, output and media rules.

Submit with ``POST /v1/models/bytedance/seedance-2.0/fast``.
Reference page, in the generated project:
``docs/models/bytedance_seedance_2_0_fast.md``.
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

MODEL_ID: Final = "bytedance/seedance-2.0/fast"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of bytedance/seedance-2.0/fast."""

    aspect_ratio: Literal["adaptive", "16:9", "9:16", "4:3", "3:4", "1:1", "21:9"] = "adaptive"
    """Seedance 2.0 Fast default is adaptive (model picks closest ratio; actual ratio is returned on task query)."""
    audios: Annotated[list[MediaInput] | MISSING, Field(max_length=3)] = MISSING
    """Reference audio for multimodal reference mode (0–3). Support wav、mp3. Audio duration must be between 2 and 15 seconds. Size should be less than 15MB."""
    duration: Annotated[int, Field(ge=4, le=15)] = 5
    """Integer seconds in [4, 15]."""
    generate_audio: bool = True
    """When true, the model outputs video with synchronized audio (speech, SFX, music).\x20"""
    images: Annotated[list[MediaInput] | MISSING, Field(max_length=9)] = MISSING
    """Reference images for multimodal reference mode (0–9). Support jpeg、png、webp、bmp、tiff、gif."""
    prompt: str
    """Text prompt for the video (Chinese ~≤500 characters, English ~≤1000 words recommended).\x20"""
    resolution: Literal["480p", "720p"] = "720p"
    seed: int | MISSING = MISSING
    """Random seed for the video generation.\x20"""
    videos: Annotated[list[MediaInput] | MISSING, Field(max_length=3)] = MISSING
    """Reference videos for multimodal reference mode (0–3). Support mp4、mov. Video duration must be between 2 and 15 seconds."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="audios",
        kind="audio",
        is_array=True,
        rules=(),
    ),
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
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="bytedance/seedance-2.0/fast",
    module="bytedance_seedance_2_0_fast",
    display_name=None,
    task="other",
    task_origin="unknown",
    categories=(),
    kind=None,
    input_media=("image", "video", "audio"),
    output_media=(),
    output_media_origin="unknown",
    required_inputs=("prompt",),
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
