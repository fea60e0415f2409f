# Generated from schemas/happyhorse/happyhorse-1.0/reference-to-video.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""happyhorse/happyhorse-1.0/reference-to-video: typed input, output and media rules.

Submit with ``POST /v1/models/happyhorse/happyhorse-1.0/reference-to-video``.
Reference page, in the generated project:
``docs/models/happyhorse_happyhorse_1_0_reference_to_video.md``.
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

MODEL_ID: Final = "happyhorse/happyhorse-1.0/reference-to-video"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of happyhorse/happyhorse-1.0/reference-to-video."""

    aspect_ratio: Literal["16:9", "9:16", "1:1", "4:3", "3:4"] = "16:9"
    """Output video aspect ratio."""
    duration: Literal[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] = 5
    """Output video duration in seconds. Allowed values: 3–15."""
    image_url_1: MediaInput
    """First reference image. Tag this subject in the prompt as character1. Format: JPEG, JPG, PNG, or WEBP. Short side ≥ 400px, recommended 720P or higher, max 10MB."""
    image_url_2: MediaInput | MISSING = MISSING
    """Optional second reference image. Tag this subject in the prompt as character2. Format: JPEG, JPG, PNG, or WEBP. Leave blank to skip."""
    image_url_3: MediaInput | MISSING = MISSING
    """Optional third reference image. Tag this subject in the prompt as character3. Format: JPEG, JPG, PNG, or WEBP. Leave blank to skip."""
    image_url_4: MediaInput | MISSING = MISSING
    """Optional fourth reference image. Tag this subject in the prompt as character4. Leave blank to skip."""
    image_url_5: MediaInput | MISSING = MISSING
    """Optional fifth reference image. Tag this subject in the prompt as character5. Leave blank to skip."""
    image_url_6: MediaInput | MISSING = MISSING
    """Optional sixth reference image. Tag this subject in the prompt as character6. Leave blank to skip."""
    image_url_7: MediaInput | MISSING = MISSING
    """Optional seventh reference image. Tag this subject in the prompt as character7. Leave blank to skip."""
    image_url_8: MediaInput | MISSING = MISSING
    """Optional eighth reference image. Tag this subject in the prompt as character8. Leave blank to skip."""
    image_url_9: MediaInput | MISSING = MISSING
    """Optional ninth reference image. Tag this subject in the prompt as character9. Leave blank to skip."""
    prompt: Annotated[str, Field(max_length=5000)]
    """Describe the scene, motion, camera, and lighting. Refer to each reference image with character1, character2, character3 … in the order they appear above. Max 2500 Chinese / 5000 non-Chinese characters."""
    resolution: Literal["720P", "1080P"] = "1080P"
    """Output video resolution. The model supports 720P or 1080P."""
    seed: Annotated[int, Field(ge=0, le=2147483647)] = 0
    """Optional seed for reproducible generations. Use 0 to let the provider randomize."""
    watermark: bool = False
    """Whether to keep the provider watermark on the generated video."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="image_url_1",
        kind="image",
        is_array=False,
        rules=(),
    ),
    MediaField(
        json_name="image_url_2",
        kind="image",
        is_array=False,
        rules=(),
    ),
    MediaField(
        json_name="image_url_3",
        kind="image",
        is_array=False,
        rules=(),
    ),
    MediaField(
        json_name="image_url_4",
        kind="image",
        is_array=False,
        rules=(),
    ),
    MediaField(
        json_name="image_url_5",
        kind="image",
        is_array=False,
        rules=(),
    ),
    MediaField(
        json_name="image_url_6",
        kind="image",
        is_array=False,
        rules=(),
    ),
    MediaField(
        json_name="image_url_7",
        kind="image",
        is_array=False,
        rules=(),
    ),
    MediaField(
        json_name="image_url_8",
        kind="image",
        is_array=False,
        rules=(),
    ),
    MediaField(
        json_name="image_url_9",
        kind="image",
        is_array=False,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="happyhorse/happyhorse-1.0/reference-to-video",
    module="happyhorse_happyhorse_1_0_reference_to_video",
    display_name=None,
    task="reference-to-video",
    task_origin="model id",
    categories=(),
    kind=None,
    input_media=("image",),
    output_media=("video",),
    output_media_origin="task",
    required_inputs=("image_url_1", "prompt"),
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
