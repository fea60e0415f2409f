# Generated from schemas/wan-ai/wan-3.0/reference-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""wan-ai/wan-3.0/reference-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/wan-ai/wan-3.0/reference-to-video``.
Reference page, in the generated project:
``docs/models/wan_ai_wan_3_0_reference_to_video.md``.
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

MODEL_ID: Final = "wan-ai/wan-3.0/reference-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of wan-ai/wan-3.0/reference-to-video."""

    aspect_ratio: Literal["16:9", "9:16", "1:1", "4:3", "3:4", "adaptive"] = "16:9"
    """Output aspect ratio of the generated video."""
    duration: Annotated[int, Field(ge=2, le=30)] = 5
    """Length of the generated video in seconds. Range is 2-30. Start short to iterate, then increase once the motion looks right."""
    enable_audio: bool = True
    """When on, the output video includes a synchronized audio track. Turn off for a silent clip."""
    prompt: str
    """Describe the scene, subject, motion, camera movement, lighting, and style. Refer to references as Image 1, Video 1, Audio 1 in order."""
    prompt_extend: bool = True
    """When on, the model may rewrite your prompt for richer scene detail before generation. Turn off for faster turnaround if your prompt is already precise."""
    reference_audios: Annotated[list[MediaInput] | MISSING, Field(max_length=16)] = MISSING
    """Up to 5 reference audio clips (total no more than 15s) to guide sound or timing."""
    reference_images: Annotated[list[MediaInput] | MISSING, Field(max_length=16)] = MISSING
    """Up to 10 reference images for subject, object, or scene consistency. At least one reference (image, video, or audio) is required."""
    reference_videos: Annotated[list[MediaInput] | MISSING, Field(max_length=16)] = MISSING
    """Up to 5 reference videos (MP4 or MOV, 1-15s each, total no more than 15s) for motion or scene guidance."""
    resolution: Literal["480p", "720p", "1080p"] = "720p"
    """Output resolution tier. Use 480p for quick drafts and 1080p for higher-quality output."""
    seed: int | MISSING = MISSING
    """Random seed for reproducible results. Range is 0 to 2147483647."""


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
    model_id="wan-ai/wan-3.0/reference-to-video",
    module="wan_ai_wan_3_0_reference_to_video",
    display_name=None,
    task="reference-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image", "video", "audio"),
    output_media=("video",),
    output_media_origin="task",
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
