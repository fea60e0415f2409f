# Generated from schemas/minimax/minimax-h3-max/reference-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""minimax/minimax-h3-max/reference-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/minimax/minimax-h3-max/reference-to-video``.
Reference page, in the generated project:
``docs/models/minimax_minimax_h3_max_reference_to_video.md``.
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

MODEL_ID: Final = "minimax/minimax-h3-max/reference-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of minimax/minimax-h3-max/reference-to-video."""

    aspect_ratio: Literal["adaptive", "21:9", "16:9", "4:3", "1:1", "3:4", "9:16"] = "adaptive"
    """Output aspect ratio. adaptive follows the reference framing when possible."""
    duration: Annotated[int, Field(ge=5, le=15)] = 5
    """Length of the generated video in seconds (5-15)."""
    enable_safety_checker: bool = True
    """If set to true, the safety checker will be enabled."""
    prompt: str
    """Describe the scene, motion, camera, and audio. Refer to assets as Image 1, Image 2, Video 1, Audio 1, and say what each reference supplies."""
    prompt_expansion_mode: Literal["balanced", "quality"]
    """How much effort to spend rewriting the prompt before generation. balanced returns quickly; quality spends longer on a richer prompt."""
    reference_audios: Annotated[list[MediaInput] | MISSING, Field(max_length=12)] = MISSING
    """Optional voice or ambience clips (about 2-15s each; combined duration at most 15s). Cannot be the only reference; provide at least one image or video with them."""
    reference_images: Annotated[list[MediaInput], Field(max_length=12)]
    """Subject or style reference image URLs, cited in the prompt as Image 1, Image 2, and so on. Combined with videos and audios, at most 12 reference files."""
    reference_videos: Annotated[list[MediaInput] | MISSING, Field(max_length=12)] = MISSING
    """Motion reference clips (about 2-15s each; combined duration at most 15s), cited as Video 1, Video 2. Combined with images and audios, at most 12 reference files."""
    resolution: Literal["480p", "768p"] = "768p"
    """Native generation resolution. 480p is faster/cheaper; 768p is the sharper default."""
    seed: int = -1
    """Fixed seed for reproducible results. Use -1 for a random seed."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="reference_audios",
        kind="audio",
        is_array=True,
        rules=(),
    ),
    MediaField(
        json_name="reference_images",
        kind="image",
        is_array=True,
        rules=(),
    ),
    MediaField(
        json_name="reference_videos",
        kind="video",
        is_array=True,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="minimax/minimax-h3-max/reference-to-video",
    module="minimax_minimax_h3_max_reference_to_video",
    display_name=None,
    task="reference-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image", "video", "audio"),
    output_media=("video",),
    output_media_origin="task",
    required_inputs=("prompt", "prompt_expansion_mode", "reference_images"),
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
