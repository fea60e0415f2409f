# Generated from schemas/runwayml/runway-aleph-2/video-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""runwayml/runway-aleph-2/video-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/runwayml/runway-aleph-2/video-to-video``.
Reference page, in the generated project:
``docs/models/runwayml_runway_aleph_2_video_to_video.md``.
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

MODEL_ID: Final = "runwayml/runway-aleph-2/video-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of runwayml/runway-aleph-2/video-to-video."""

    prompt: str
    """Natural-language instruction describing the edit. Keep under 1000 characters."""
    seed: Annotated[int | MISSING, Field(ge=0, le=4294967295)] = MISSING
    """Optional seed for more repeatable retries. Leave unset for a random draw."""
    target_aspect_ratio: (
        Literal["16:9", "4:3", "3:2", "1:1", "2:3", "3:4", "9:16", "21:9"] | MISSING
    ) = MISSING
    """Optional expand/outpaint ratio. Leave unset to keep the source frame."""
    video_url: MediaInput
    """Source video to edit. Must be 2-30 seconds and under 16 MB. Output length follows this clip."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="video_url",
        kind="video",
        is_array=False,
        rules=(RuleSpec("file_size_mb<", 16, "File size must be less than 16 MB."),),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="runwayml/runway-aleph-2/video-to-video",
    module="runwayml_runway_aleph_2_video_to_video",
    display_name=None,
    task="video-to-video",
    task_origin="model id",
    categories=("video",),
    kind="model",
    input_media=("video",),
    output_media=("video",),
    output_media_origin="categories",
    required_inputs=("video_url", "prompt"),
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
