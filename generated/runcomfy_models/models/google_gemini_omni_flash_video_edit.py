# Generated from schemas/google/gemini-omni-flash/video-edit.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""google/gemini-omni-flash/video-edit: typed input, output and media rules.

Submit with ``POST /v1/models/google/gemini-omni-flash/video-edit``.
Reference page, in the generated project:
``docs/models/google_gemini_omni_flash_video_edit.md``.
"""

from __future__ import annotations

from typing import Final

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

MODEL_ID: Final = "google/gemini-omni-flash/video-edit"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of google/gemini-omni-flash/video-edit."""

    prompt: str
    """A short, plain instruction describing the change you want. Keep it simple, and add a phrase like 'keep everything else the same' to preserve the rest of the scene."""
    video_url: MediaInput
    """Public URL of the video you want to edit. The clip is used as the base for the requested change."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="video_url",
        kind="video",
        is_array=False,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="google/gemini-omni-flash/video-edit",
    module="google_gemini_omni_flash_video_edit",
    display_name=None,
    task="video-edit",
    task_origin="model id",
    categories=("video",),
    kind="model",
    input_media=("video",),
    output_media=("video",),
    output_media_origin="categories",
    required_inputs=("prompt", "video_url"),
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
