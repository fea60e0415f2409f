"""The IR of a model: type labels that say a field's media kind once."""

from __future__ import annotations

from typing import Any

from generator.ir.build import build_model_ir
from generator.naming import ModuleName
from generator.schema.model import parse_document


def _labels(properties: dict[str, Any]) -> dict[str, str]:
    document = {
        "model_id": "owner/model",
        "endpoint": "https://model-api.runcomfy.net/v1/models/owner/model",
        "input_schema": {"type": "object", "properties": properties},
        "output_schema": {"type": "object", "properties": {}},
        "output_schema_origin": "published",
    }
    model = build_model_ir(parse_document(document), ModuleName("owner_model"), "schemas/x.json")
    return {field.json_name: field.type_text for field in model.fields}


def test_a_media_label_is_said_once() -> None:
    labels = _labels(
        {
            "image": {"type": "string", "format": "image_uri"},
            "images": {"type": "array", "items": {"type": "string", "format": "image_uri"}},
            "clips": {"type": "array", "format": "video_uris"},
        }
    )
    assert labels == {
        "image": "string (image URL)",
        "images": "array of string (image URL)",
        "clips": "array of string (video URL)",
    }


def test_an_array_whose_items_do_not_say_their_kind_says_it_itself() -> None:
    rule = {"validation_rule": "width_pixels>=", "validation_value": 64, "validation_error": ""}
    labels = _labels(
        {"reference_images": {"type": "array", "items": {"type": "string"}, "validations": [rule]}}
    )
    assert labels == {"reference_images": "array of string (image URLs)"}
