# Generated from schemas/acestep-ai/ace-step/text-to-audio.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""acestep-ai/ace-step/text-to-audio: typed input, output and media rules.

Submit with ``POST /v1/models/acestep-ai/ace-step/text-to-audio``.
Reference page, in the generated project:
``docs/models/acestep_ai_ace_step_text_to_audio.md``.
"""

from __future__ import annotations

from typing import Annotated, Final

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

MODEL_ID: Final = "acestep-ai/ace-step/text-to-audio"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of acestep-ai/ace-step/text-to-audio."""

    duration: Annotated[int, Field(ge=5, le=240)] = 60
    """Audio length in seconds."""
    lyrics: str = ""
    """Optional vocal content for the track. Leave blank for AI-generated lyrics, or use [inst] / [instrumental] for no vocals."""
    seed: Annotated[int, Field(ge=-1, le=2147483647)] = -1
    tags: str
    """Comma-separated list of genre, mood, and instrument tags to steer the style of the generated track."""


MEDIA_FIELDS: tuple[MediaField, ...] = ()
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="acestep-ai/ace-step/text-to-audio",
    module="acestep_ai_ace_step_text_to_audio",
    display_name=None,
    task="text-to-audio",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=(),
    output_media=("audio",),
    output_media_origin="task",
    required_inputs=("tags",),
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
