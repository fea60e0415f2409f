"""``"@path"`` in the CLI's JSON payloads: a local file sent as a data: URI, by run and batch."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

from runcomfy_models.testing import Emulator
from tests.support.batches import batch
from tests.support.emulated import TOKEN
from tests.support.media_files import image
from tests.support.package import generated_tree

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"
PNG = image("PNG", 640, 480)
PNG_URI = "data:image/png;base64," + base64.b64encode(PNG).decode()


def run(emulator: Emulator, payload: dict[str, object], folder: Path) -> subprocess.Popen[str]:
    path = folder / "payload.json"
    path.write_text(json.dumps(payload), "utf-8")
    env = {**os.environ, "RUNCOMFY_API_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": emulator.base_url}
    return subprocess.Popen(
        [sys.executable, "-m", "runcomfy_models", "run", MODEL, str(path)],
        cwd=folder,
        env={**env, "PYTHONPATH": str(generated_tree())},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_run_sends_an_at_path_as_a_data_uri(emulator: Emulator, tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(PNG)
    process = run(emulator, {"prompt": "x", "image_urls": ["@photo.png"]}, tmp_path)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    (job,) = emulator.jobs.values()
    assert job.payload["image_urls"] == [PNG_URI]


def test_an_at_path_naming_no_file_is_an_error_naming_the_field(
    emulator: Emulator, tmp_path: Path
) -> None:
    process = run(emulator, {"prompt": "x", "image_urls": ["@missing.png"]}, tmp_path)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "image_urls[0]: '@missing.png' names no file" in stderr
    assert "Traceback" not in stderr
    assert emulator.count("submit") == 0


def test_run_never_reads_a_bare_path_string(emulator: Emulator, tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(PNG)
    process = run(emulator, {"prompt": "x", "image_urls": ["photo.png"]}, tmp_path)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "image_urls[0]: 'photo.png' is not an https URL or a data: URI" in stderr
    assert '"@path"' in stderr
    assert emulator.count("submit") == 0


def test_batch_sends_at_paths_as_data_uris(emulator: Emulator, tmp_path: Path) -> None:
    photo = tmp_path / "photo.png"
    photo.write_bytes(PNG)
    inputs = tmp_path / "inputs.jsonl"
    lines = [{"prompt": f"x{n}", "image_urls": [f"@{photo}"]} for n in range(2)]
    inputs.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    process = batch(emulator, inputs)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert [job.payload["image_urls"] for job in emulator.jobs.values()] == [[PNG_URI]] * 2
    inputs.write_text(json.dumps({"prompt": "y", "image_urls": ["@nope.png"]}) + "\n", "utf-8")
    process = batch(emulator, inputs)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "image_urls[0]: '@nope.png' names no file" in stderr
    assert emulator.count("submit") == 2
