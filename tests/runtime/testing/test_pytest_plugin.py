"""The pytest plugin as downstream users meet it: registered by the package, fixtures that work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.emulated import png_data_uri
from tests.support.package import generated_tree


def test_downstream_tests_use_the_pytest_plugin(tmp_path: Path) -> None:
    test_file = tmp_path / "test_downstream.py"
    test_file.write_text(f"""
from runcomfy_models.models.bytedance_dreamina_3_0_pro_image_to_video import Input
from runcomfy_models.testing import Fault

def my_code(client):
    return client.run(Input(prompt="a cat", image_urls=[{png_data_uri()!r}]), timeout=10)

def test_my_code(runcomfy_client, runcomfy_emulator):
    runcomfy_emulator.inject(Fault("status", "rate_limit", retry_after="0"))
    result = my_code(runcomfy_client)
    assert result.output.video.endswith("output.mp4")
    assert runcomfy_emulator.count("submit") == 1
""")
    env = {**os.environ, "PYTHONPATH": str(generated_tree())}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "runcomfy_models._runtime.testing.pytest_plugin",
            "-p",
            "no:cacheprovider",
            str(test_file),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_generated_project_registers_the_plugin() -> None:
    pyproject = (generated_tree() / "pyproject.toml").read_text()
    plugin = 'runcomfy_models = "runcomfy_models._runtime.testing.pytest_plugin"'
    assert f"[project.entry-points.pytest11]\n{plugin}" in pyproject


def test_downstream_tests_can_ask_for_https_outputs(tmp_path: Path) -> None:
    """``runcomfy_emulator_options`` overridden: outputs over https, the CA the plugin's
    ``runcomfy_emulator.outputs_ca``, downloads without allow_http."""
    test_file = tmp_path / "test_downstream_https.py"
    test_file.write_text(f"""
import httpx
import pytest
from runcomfy_models import download_outputs
from runcomfy_models.models.bytedance_dreamina_3_0_pro_image_to_video import Input

@pytest.fixture
def runcomfy_emulator_options():
    return {{"https_outputs": True}}

def test_https_outputs(runcomfy_client, runcomfy_emulator, tmp_path):
    result = runcomfy_client.run(Input(prompt="a cat", image_urls=[{png_data_uri()!r}]), timeout=10)
    assert result.output.video.startswith("https://localhost:")
    with httpx.Client(verify=runcomfy_emulator.outputs_ssl_context()) as http:
        (path,) = download_outputs(result, tmp_path, client=http)
    assert path.read_bytes()[4:8] == b"ftyp"
    assert open(runcomfy_emulator.outputs_ca).read().startswith("-----BEGIN CERTIFICATE")
""")
    env = {**os.environ, "PYTHONPATH": str(generated_tree())}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "runcomfy_models._runtime.testing.pytest_plugin",
            "-p",
            "no:cacheprovider",
            str(test_file),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
