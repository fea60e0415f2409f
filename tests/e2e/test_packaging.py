"""The generator as a user installs it: a wheel that carries its templates and data."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.support.paths import ROOT, SCHEMAS

pytestmark = pytest.mark.slow


def test_wheel_carries_templates_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("runcomfy_codegen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/_templates/model_module.py.jinja" in names
    assert "generator/_templates/macros/header.jinja" in names
    assert "generator/schema/metaschema.json" in names
    assert "generator/runtime/client/sync.py" in names
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    where = subprocess.run(
        [sys.executable, "-c", "import generator; print(generator.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(unpacked))
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--schemas", str(SCHEMAS), "--out", "out"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (
        elsewhere / "out/runcomfy_models/models/bytedance_dreamina_3_0_image_to_video.py"
    ).is_file()
