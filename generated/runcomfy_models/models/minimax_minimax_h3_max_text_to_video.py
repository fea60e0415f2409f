# Generated from schemas/minimax/minimax-h3-max/text-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""minimax/minimax-h3-max/text-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/minimax/minimax-h3-max/text-to-video``.
Reference page, in the generated project:
``docs/models/minimax_minimax_h3_max_text_to_video.md``.
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

MODEL_ID: Final = "minimax/minimax-h3-max/text-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of minimax/minimax-h3-max/text-to-video."""

    aspect_ratio: Literal["21:9", "16:9", "4:3", "1:1", "3:4", "9:16"] = "16:9"
    """The aspect ratio of the generated video."""
    duration: Annotated[int, Field(ge=5, le=15)] = 8
    """The duration of the video in seconds."""
    enable_safety_checker: bool = True
    """If set to true, the safety checker will be enabled."""
    prompt: str
    """Text prompt for video generation: scene, motion, camera, style, and optional audio."""
    prompt_expansion_mode: Literal["balanced", "quality"]
    """How much effort to spend rewriting the prompt before generation. balanced returns quickly; quality spends longer on a richer prompt."""
    resolution: Literal["480p", "768p"] = "768p"
    """The native generation resolution of the video."""
    seed: int = -1
    """Random seed. A random seed is selected when omitted. Use -1 for random."""


MEDIA_FIELDS: tuple[MediaField, ...] = ()
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="minimax/minimax-h3-max/text-to-video",
    module="minimax_minimax_h3_max_text_to_video",
    display_name=None,
    task="text-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=(),
    output_media=("video",),
    output_media_origin="task",
    required_inputs=("prompt", "prompt_expansion_mode"),
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
