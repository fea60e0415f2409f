# Generated from schemas/acestep-ai/ace-step/audio-inpaint.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""acestep-ai/ace-step/audio-inpaint: typed input, output and media rules.

Submit with ``POST /v1/models/acestep-ai/ace-step/audio-inpaint``.
Reference page, in the generated project:
``docs/models/acestep_ai_ace_step_audio_inpaint.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import Field

from runcomfy_models._runtime.core.info import CostBasis, ModelInfo
from runcomfy_models._runtime.core.model import InputModel, JsonNumber, OutputModel
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

MODEL_ID: Final = "acestep-ai/ace-step/audio-inpaint"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of acestep-ai/ace-step/audio-inpaint."""

    audio: MediaInput
    """Source audio to edit. Provide an HTTPS URL to an MP3, WAV, or FLAC file (up to 60 minutes)."""
    end_time: Annotated[JsonNumber, Field(ge=0, le=240)] = 30
    """End of the editable segment in seconds, measured from the chosen reference point."""
    end_time_relative_to: Literal["start", "end"] = "start"
    """Reference point for the end time. 'start' counts from the beginning of the track, 'end' counts backwards from the end."""
    lyrics: str = ""
    """Optional lyrics for the regenerated segment. Leave blank to let the model write lyrics, or use [inst] / [instrumental] for no vocals."""
    seed: Annotated[int, Field(ge=-1, le=2147483647)] = -1
    """Random seed for reproducibility. Use -1 to randomize."""
    start_time: Annotated[JsonNumber, Field(ge=0, le=240)] = 0
    """Start of the editable segment in seconds, measured from the chosen reference point."""
    start_time_relative_to: Literal["start", "end"] = "start"
    """Reference point for the start time. 'start' counts from the beginning of the track, 'end' counts backwards from the end."""
    tags: str
    """Comma-separated genre, mood, and instrument tags that steer the style of the regenerated segment."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="audio",
        kind="audio",
        is_array=False,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="acestep-ai/ace-step/audio-inpaint",
    module="acestep_ai_ace_step_audio_inpaint",
    display_name=None,
    task="audio-inpaint",
    task_origin="model id",
    categories=("audio",),
    kind="model",
    input_media=("audio",),
    output_media=("audio",),
    output_media_origin="categories",
    required_inputs=("audio", "tags"),
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
