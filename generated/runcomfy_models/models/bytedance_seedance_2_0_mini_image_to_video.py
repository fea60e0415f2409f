# Generated from schemas/bytedance/seedance-2.0-mini/image-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""bytedance/seedance-2.0-mini/image-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/bytedance/seedance-2.0-mini/image-to-video``.
Reference page, in the generated project:
``docs/models/bytedance_seedance_2_0_mini_image_to_video.md``.
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

MODEL_ID: Final = "bytedance/seedance-2.0-mini/image-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of bytedance/seedance-2.0-mini/image-to-video."""

    aspect_ratio: Literal["16:9", "9:16", "4:3", "3:4", "1:1", "21:9"] = "16:9"
    """Output aspect ratio. Leave on the default or match the framing your start image needs."""
    duration: Annotated[int, Field(ge=4, le=15)] = 5
    """Length of the generated video in seconds."""
    enable_web_search: bool = False
    """Allow the model to pull in real-time information when the prompt needs it."""
    generate_audio: bool = True
    """Generate native audio synchronized with the output video."""
    image: MediaInput
    """Starting frame that guides the first frame and overall look of the clip."""
    last_image: MediaInput | MISSING = MISSING
    """Optional end frame to steer how the clip finishes or continues."""
    prompt: str
    """Describe the motion, action, camera movement, and mood you want added to the start image."""
    resolution: Literal["480p", "720p"] = "720p"
    """Output video resolution tier."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="image",
        kind="image",
        is_array=False,
        rules=(),
    ),
    MediaField(
        json_name="last_image",
        kind="image",
        is_array=False,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="bytedance/seedance-2.0-mini/image-to-video",
    module="bytedance_seedance_2_0_mini_image_to_video",
    display_name=None,
    task="image-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image",),
    output_media=("video",),
    output_media_origin="task",
    required_inputs=("image", "prompt"),
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
