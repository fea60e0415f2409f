# Generated from schemas/bytedance/seed-audio-1.0/text-to-audio.json
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""bytedance/seed-audio-1.0/text-to-audio: typed input, output and media rules.

Submit with ``POST /v1/models/bytedance/seed-audio-1.0/text-to-audio``.
Reference page, in the generated project:
``docs/models/bytedance_seed_audio_1_0_text_to_audio.md``.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import MISSING, Field

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

MODEL_ID: Final = "bytedance/seed-audio-1.0/text-to-audio"


class Output(OutputModel):
    """The model's output: the URLs of what it made."""

    image: str | None = None
    video: str | None = None
    images: list[str] | None = None
    videos: list[str] | None = None
    audio: str | None = None
    audios: list[str] | None = None


class Input(InputModel[Output]):
    """Input of bytedance/seed-audio-1.0/text-to-audio."""

    audio_urls: Annotated[list[MediaInput] | MISSING, Field(max_length=3)] = MISSING
    """Up to 3 reference clips, cited in the prompt as @Audio1, @Audio2, @Audio3. Each clip up to 30s, 10MB, wav/mp3/pcm/ogg_opus."""
    image_url: MediaInput | MISSING = MISSING
    """A single reference image (jpeg/png/webp, up to 10MB). Cannot be combined with audio references."""
    output_format: Literal["wav", "mp3", "ogg_opus"] = "mp3"
    """Output audio container."""
    pitch: Annotated[int, Field(ge=-12, le=12)] = 0
    """Voice pitch shift in semitones. 0 is normal, -12 lowers by one octave, 12 raises by one octave."""
    prompt: str
    """Text to synthesize. Cite reference clips in order with @Audio1, @Audio2, @Audio3."""
    sample_rate: Literal[8000, 16000, 24000, 32000, 44100, 48000] = 24000
    """Sample rate of the output audio in Hz."""
    speed: Annotated[JsonNumber, Field(ge=0.5, le=2)] = 1
    """Read speed. 1.0 is normal, 0.5 is half speed, 2.0 is double speed."""
    voice: Literal[
        "vivi_mixed_en_zh_ja_es_id",
        "mindy_en_es_id_pt_zh",
        "kian_en_zh",
        "cedric_en_zh",
        "sophie_en_zh",
        "jean_en_zh",
        "magnus_en_zh",
        "mabel_en_zh",
        "nadia_en_zh",
        "opal_en_zh",
        "pearl_en_zh",
        "quentin_en_zh",
        "corinne_mixed_en_zh",
        "esther_mixed_en_zh",
        "lyla_mixed_en_zh",
        "tracy_es_zh",
        "sandy_es_mixed_en_zh",
        "felix_zh",
        "celeste_zh",
        "monkey_king_zh",
    ] = "vivi_mixed_en_zh_ja_es_id"
    """Preset voice used for synthesis."""
    volume: Annotated[JsonNumber, Field(ge=0.5, le=2)] = 1
    """Output loudness. 1.0 is normal, 0.5 is half, 2.0 is double."""


MEDIA_FIELDS: tuple[MediaField, ...] = (
    MediaField(
        json_name="audio_urls",
        kind="audio",
        is_array=True,
        rules=(),
    ),
    MediaField(
        json_name="image_url",
        kind="image",
        is_array=False,
        rules=(),
    ),
)
"""The media fields of ``Input`` and the published rules each of their files must meet."""

INFO: Final = ModelInfo(
    model_id="bytedance/seed-audio-1.0/text-to-audio",
    module="bytedance_seed_audio_1_0_text_to_audio",
    display_name=None,
    task="text-to-audio",
    task_origin="model id",
    categories=("audio",),
    kind="model",
    input_media=("image", "audio"),
    output_media=("audio",),
    output_media_origin="categories",
    required_inputs=("prompt",),
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
