"""The registry: model ids, close matches for a wrong one, and lazy loading of models."""

from __future__ import annotations

import subprocess
import sys

import pytest

import runcomfy_models
from runcomfy_models import UnknownModelError, get_model
from tests.support.package import generated_tree
from tests.support.paths import SCHEMAS

# Every schema file is a model: the four seed pages' and the 91 of the catalog snapshot.
MODEL_IDS = tuple(
    sorted(path.relative_to(SCHEMAS).with_suffix("").as_posix() for path in SCHEMAS.rglob("*.json"))
)


def test_registry_lists_models_and_names_close_matches() -> None:
    assert runcomfy_models.model_ids() == MODEL_IDS
    assert len(MODEL_IDS) == 95
    with pytest.raises(UnknownModelError) as info:
        get_model("bytedance/dreamina-3-0/pro/image-to-vide")
    assert "did you mean bytedance/dreamina-3-0/pro/image-to-video" in str(info.value)
    assert isinstance(info.value, KeyError)


def test_importing_the_package_loads_no_model_and_no_pydantic() -> None:
    code = (
        "import sys, runcomfy_models;"
        "loaded = [m for m in sys.modules if m.startswith('runcomfy_models.models.')"
        " or m.split('.')[0] in ('pydantic', 'httpx', 'PIL')];"
        "print(loaded);"
        "runcomfy_models.get_model(runcomfy_models.model_ids()[0]);"
        "print(len([m for m in sys.modules if m.startswith('runcomfy_models.models.')]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=generated_tree(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split("\n")[:2] == ["[]", "1"]
