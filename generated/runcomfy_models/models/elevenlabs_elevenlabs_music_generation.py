# Generated from schemas/elevenlabs/elevenlabs/music-generation.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""elevenlabs/elevenlabs/music-generation: typed input, output and media rules.

Submit with ``POST /v1/models/elevenlabs/elevenlabs/music-generation``.
Reference page, in the generated project:
``docs/models/elevenlabs_elevenlabs_music_generation.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import Field

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

MODEL_ID: Final = "elevenlabs/elevenlabs/music-generation"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of elevenlabs/elevenlabs/music-generation."""

    force_instrumental: bool = False
    """Generate instrumental only without vocals"""
    music_length_ms: Annotated[int, Field(ge=5000, le=300000)] = 40000
    """Output duration in milliseconds (5000-300000 ms, i.e. 5s-300s)"""
    output_format: Literal[
        "mp3_standard", "mp3_high_quality", "wav_16khz", "wav_22khz", "wav_24khz", "wav_cd_quality"
    ] = "mp3_standard"
    """Output format (see options below)"""
    prompt: str
    """Style description and lyrics with structure markers"""


MEDIA_FIELDS: tuple[MediaField, ...] = ()
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="elevenlabs/elevenlabs/music-generation",
    module="elevenlabs_elevenlabs_music_generation",
    display_name=None,
    task="music-generation",
    task_origin="model id",
    categories=("audio",),
    kind="model",
    input_media=(),
    output_media=("audio",),
    output_media_origin="categories",
    required_inputs=("prompt",),
    price=None,
    cost_basis=CostBasis(
        duration_field="music_length_ms",
        duration_unit="ms",
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
