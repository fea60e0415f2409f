"""Structural validation: every problem of a payload reported at once, each with its path."""

from __future__ import annotations

import pytest

from runcomfy_models import StructuralValidationError, get_model, validate_input

DREAMINA_PRO = "bytedance/dreamina-3-0/pro/image-to-video"


def test_validate_input_reports_every_problem_with_paths() -> None:
    spec = get_model(DREAMINA_PRO)
    with pytest.raises(StructuralValidationError) as info:
        validate_input(spec, {"prompt": 3, "image_urls": [5], "frames": 1})
    paths = sorted(f.path for f in info.value.findings)
    assert paths == ["frames", "image_urls[0]", "prompt"]
    assert DREAMINA_PRO in str(info.value)
