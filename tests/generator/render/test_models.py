"""The generated models behave as their schemas say: valid and invalid payloads per model."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import MISSING, ValidationError

from runcomfy_models import get_model

DREAMINA_PRO = "bytedance/dreamina-3-0/pro/image-to-video"
DREAMINA = "bytedance/dreamina-3-0/image-to-video"
RUNWAY = "runwayml/runway-gen-3-alpha/turbo/image-to-video"
SEEDANCE = "bytedance/seedance-1-0/pro/image-to-video"
IMAGE = "https://example.com/input.jpg"

VALID: dict[str, dict[str, Any]] = {
    DREAMINA_PRO: {"prompt": "a cat", "image_urls": [IMAGE], "frames": 241, "seed": 7},
    DREAMINA: {"prompt": "a cat", "image_urls": [IMAGE], "resolution": "1080P"},
    RUNWAY: {"promptText": "a cat", "promptImage": IMAGE, "ratio": "768:1280", "seed": 0},
    SEEDANCE: {"prompt": "a cat", "first_frame_image_url": IMAGE, "duration": 12},
}

INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    (DREAMINA_PRO, {"frames": 120}, "frames", "literal_error"),
    (DREAMINA_PRO, {"prompt": "x" * 801}, "prompt", "string_too_long"),
    (DREAMINA_PRO, {"image_urls": []}, "image_urls", "too_short"),
    (DREAMINA_PRO, {"image_urls": [IMAGE, IMAGE]}, "image_urls", "too_long"),
    (DREAMINA_PRO, {"seed": "abc"}, "seed", "int_type"),  # no coercion from strings
    (DREAMINA, {"resolution": "720p"}, "resolution", "literal_error"),
    (DREAMINA, {"number_of_frames": 5}, "number_of_frames", "literal_error"),
    (RUNWAY, {"seed": -1}, "seed", "greater_than_equal"),
    (RUNWAY, {"seed": 4294967296}, "seed", "less_than_equal"),
    (RUNWAY, {"promptText": "x" * 513}, "promptText", "string_too_long"),
    (RUNWAY, {"ratio": "16:9"}, "ratio", "literal_error"),
    (SEEDANCE, {"resolution": "4k"}, "resolution", "literal_error"),
    (SEEDANCE, {"duration": 1}, "duration", "literal_error"),
    (SEEDANCE, {"unknown_field": 1}, "unknown_field", "extra_forbidden"),
]


@pytest.mark.parametrize("model_id", sorted(VALID))
def test_valid_payload_round_trips_by_published_names(model_id: str) -> None:
    spec = get_model(model_id)
    payload = VALID[model_id]
    model = spec.input.model_validate(payload)
    assert model.to_request() == payload


@pytest.mark.parametrize(("model_id", "change", "location", "error_type"), INVALID)
def test_invalid_payload_is_refused_where_it_is_wrong(
    model_id: str, change: dict[str, Any], location: str, error_type: str
) -> None:
    spec = get_model(model_id)
    with pytest.raises(ValidationError) as info:
        spec.input.model_validate({**VALID[model_id], **change})
    errors = info.value.errors()
    assert [(e["loc"][0], e["type"]) for e in errors] == [(location, error_type)]


def test_required_fields_are_required_even_with_a_published_example() -> None:
    spec = get_model(DREAMINA_PRO)
    with pytest.raises(ValidationError) as info:
        spec.input.model_validate({})
    assert sorted(e["loc"][0] for e in info.value.errors()) == ["image_urls", "prompt"]


def test_aliases_accept_python_and_published_names() -> None:
    from runcomfy_models.models.runwayml_runway_gen_3_alpha_turbo_image_to_video import Input

    by_python = Input(prompt_text="a cat", prompt_image=IMAGE)
    by_alias = Input.model_validate({"promptText": "a cat", "promptImage": IMAGE})
    assert by_python == by_alias
    assert by_python.to_request() == {"promptText": "a cat", "promptImage": IMAGE}


def test_optional_fields_without_default_are_missing_and_not_sent() -> None:
    from runcomfy_models.models.runwayml_runway_gen_3_alpha_turbo_image_to_video import Input

    model = Input(prompt_text="a cat", prompt_image=IMAGE)
    assert model.seed is MISSING
    assert model.ratio == "1280:768"  # published default, typed, not None
    assert "seed" not in model.to_request()
    assert "ratio" not in model.to_request()  # the server applies its own default
    annotation = str(Input.model_fields["seed"].annotation)
    assert "None" not in annotation


def test_published_sample_values_are_examples_not_defaults() -> None:
    from runcomfy_models.models.bytedance_dreamina_3_0_pro_image_to_video import Input

    assert Input.model_fields["prompt"].is_required()
    assert Input.model_fields["image_urls"].is_required()
    assert Input.model_fields["seed"].default == -1
    assert Input.model_fields["frames"].default == 121


def test_field_descriptions_are_docstrings() -> None:
    from runcomfy_models.models.bytedance_dreamina_3_0_pro_image_to_video import Input

    assert Input.model_fields["image_urls"].description == "Upload JPEG or PNG only."


def test_output_is_typed_every_key_optional_and_extra_keys_kept() -> None:
    spec = get_model(DREAMINA_PRO)
    output = spec.output.model_validate(
        {"video": "https://cdn.example/v.mp4", "audios": ["https://cdn.example/a.mp3"]}
    )
    assert output.video == "https://cdn.example/v.mp4"
    assert output.image is None
    assert output.urls() == ["https://cdn.example/v.mp4", "https://cdn.example/a.mp3"]


def test_media_rules_are_data() -> None:
    spec = get_model(DREAMINA_PRO)
    (field,) = spec.media_fields
    assert (field.json_name, field.kind, field.is_array) == ("image_urls", "image", True)
    assert [(r.rule, r.value) for r in field.rules][:2] == [
        ("file_size_mb<", 4.7),
        ("width_pixels<=", 4096),
    ]
    inferred = get_model(RUNWAY).media_fields[0]
    assert (inferred.json_name, inferred.kind, inferred.is_array) == ("promptImage", "image", False)
