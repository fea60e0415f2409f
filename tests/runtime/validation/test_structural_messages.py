"""Structural findings a user can act on: the value received, what was expected, and
"did you mean" for a misspelt field, in the library and on the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from runcomfy_models import StructuralFinding, StructuralValidationError, get_model, validate_input
from tests.support.package import generated_tree

SEEDANCE = "bytedance/seedance-1-0/pro/image-to-video"
RUNWAY = "runwayml/runway-gen-3-alpha/turbo/image-to-video"
DREAMINA = "bytedance/dreamina-3-0/pro/image-to-video"
IMAGE = "https://example.com/cat.png"
BASE: dict[str, dict[str, Any]] = {
    SEEDANCE: {"prompt": "a cat", "first_frame_image_url": IMAGE},
    RUNWAY: {"promptText": "a cat", "promptImage": IMAGE},
    DREAMINA: {"prompt": "a cat", "image_urls": [IMAGE]},
}


def findings(model_id: str, **changes: Any) -> dict[str, str]:
    payload = {**BASE[model_id], **changes}
    with pytest.raises(StructuralValidationError) as info:
        validate_input(get_model(model_id), payload)
    found: tuple[StructuralFinding, ...] = info.value.findings
    return {finding.path: finding.message for finding in found}


def test_an_enum_miss_shows_the_value_and_the_choices() -> None:
    message = findings(SEEDANCE, resolution="4k")["resolution"]
    assert message == "got '4k'; expected one of '480p', '720p', '1080p'"


def test_a_case_variant_gets_did_you_mean() -> None:
    message = findings(SEEDANCE, resolution="720P")["resolution"]
    assert message.startswith("got '720P'; expected one of '480p', '720p', '1080p'")
    assert message.endswith("did you mean '720p'?")


def test_a_string_for_an_integer_enum_is_about_the_type() -> None:
    message = findings(SEEDANCE, duration="5")["duration"]
    assert message.startswith("got the string '5'; expected an integer")
    assert "send 5 without quotes" in message
    assert "Input should be" not in message


def test_a_string_that_is_no_number_for_an_integer_enum() -> None:
    message = findings(SEEDANCE, duration="five")["duration"]
    assert message.startswith("got the string 'five'; expected an integer")
    assert "without quotes" not in message


def test_a_boolean_or_an_integer_out_of_the_enum() -> None:
    assert findings(SEEDANCE, duration=True)["duration"].startswith(
        "got the boolean true; expected an integer"
    )
    message = findings(SEEDANCE, duration=13)["duration"]
    assert message == "got 13; expected one of 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12"


def test_a_number_for_a_string_enum_is_about_the_type() -> None:
    message = findings(SEEDANCE, resolution=720)["resolution"]
    assert message.startswith("got the integer 720; expected a string, one of '480p'")


def test_an_unknown_field_gets_did_you_mean() -> None:
    found = findings(SEEDANCE, durration=5)
    assert found["durration"] == "unknown field; did you mean 'duration'?"


def test_a_python_name_for_a_published_name_gets_did_you_mean() -> None:
    payload = {"prompt_text": "a cat", "promptImage": IMAGE}
    with pytest.raises(StructuralValidationError) as info:
        validate_input(get_model(RUNWAY), payload)
    text = str(info.value)
    assert "prompt_text: unknown field; did you mean 'promptText'?" in text
    assert "promptText: required" in text


def test_an_unknown_field_far_from_any_lists_the_known_ones() -> None:
    message = findings(SEEDANCE, zzz=1)["zzz"]
    assert message.startswith("unknown field; the fields are: ")
    assert "'first_frame_image_url'" in message
    assert "'resolution'" in message


def test_other_type_errors_show_the_value() -> None:
    message = findings(SEEDANCE, prompt=5)["prompt"]
    assert message == "got the integer 5; expected a valid string"
    message = findings(RUNWAY, seed=-1)["seed"]
    assert message == "got -1; expected greater than or equal to 0"


def test_long_values_are_shortened() -> None:
    message = findings(SEEDANCE, resolution="x" * 500)["resolution"]
    assert len(message) < 200
    assert "(500 characters)" in message


def test_array_items_and_containers() -> None:
    found = findings(DREAMINA, image_urls=[7])
    assert found["image_urls[0]"] == "got the integer 7; expected a valid string"
    found = findings(DREAMINA, image_urls=IMAGE)
    assert found["image_urls"].startswith("got the string 'https://example.com/cat.png'")


def test_missing_fields_say_required() -> None:
    payload = {"first_frame_image_url": IMAGE}
    with pytest.raises(StructuralValidationError) as info:
        validate_input(get_model(SEEDANCE), payload)
    assert {f.path: f.message for f in info.value.findings} == {"prompt": "required, but not given"}


def test_the_command_line_shows_the_same(tmp_path: Path) -> None:
    path = tmp_path / "payload.json"
    path.write_text(json.dumps({**BASE[SEEDANCE], "resolution": "4k", "durration": 5}), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "runcomfy_models", "validate", SEEDANCE, str(path), "--no-media"],
        cwd=generated_tree(),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1
    assert "  - resolution: got '4k'; expected one of '480p', '720p', '1080p'" in result.stderr
    assert "  - durration: unknown field; did you mean 'duration'?" in result.stderr


def test_containers_and_null_are_described_not_dumped() -> None:
    assert findings(SEEDANCE, prompt=["a", "b"])["prompt"] == (
        "got an array of 2 item(s); expected a valid string"
    )
    assert findings(SEEDANCE, prompt=None)["prompt"] == "got null; expected a valid string"
    assert findings(SEEDANCE, resolution={"x": 1})["resolution"].startswith(
        "got an object; expected a string, one of '480p'"
    )


def test_a_huge_number_string_does_not_break_the_message() -> None:
    message = findings(SEEDANCE, duration="9" * 5000)["duration"]
    assert message.startswith("got the string '9999")
    assert "without quotes" not in message


def test_nested_and_odd_shapes_never_crash_the_findings() -> None:
    from pydantic import BaseModel, ConfigDict

    from runcomfy_models._runtime.validation.validate import _explain, _walk

    class Inner(BaseModel):
        model_config = ConfigDict(extra="forbid")
        size: int

    class Outer(BaseModel):
        model_config = ConfigDict(extra="forbid")
        items: list[Inner]

    assert _walk(Outer, ("items", 0, "size")) is int
    assert _walk(Outer, ("items", "x")) is None
    error = {"type": "extra_forbidden", "loc": ("items", 0, "sise"), "msg": "x", "input": 1}
    assert _explain(Outer, error) == "unknown field; did you mean 'size'?"  # type: ignore[arg-type]
