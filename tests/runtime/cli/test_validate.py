"""python -m runcomfy_models validate: exit codes and every finding listed."""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
from pathlib import Path

from PIL import Image

from tests.support.package import generated_tree

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def validate(tmp_path: Path, payload: object, *extra: str, model: str = MODEL) -> tuple[int, str]:
    path = tmp_path / "payload.json"
    path.write_text(json.dumps(payload), "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "runcomfy_models", "validate", model, str(path), *extra],
        cwd=generated_tree(),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return result.returncode, result.stdout + result.stderr


def test_valid_payload_with_local_and_data_uri_images(tmp_path: Path) -> None:
    image = tmp_path / "ok.png"
    image.write_bytes(png(640, 480))
    code, output = validate(tmp_path, {"prompt": "a cat", "image_urls": [str(image)]})
    assert (code, output.strip()) == (0, f"{MODEL}: valid")
    data_uri = "data:image/png;base64," + base64.b64encode(png(400, 400)).decode()
    code, output = validate(tmp_path, {"prompt": "a cat", "image_urls": [data_uri]})
    assert code == 0, output


def test_invalid_payload_lists_every_finding(tmp_path: Path) -> None:
    code, output = validate(tmp_path, {"prompt": 5, "frames": 7}, "--no-media")
    assert code == 1
    assert "3 problem(s)" in output
    for path in ("prompt:", "image_urls:", "frames:"):
        assert f"  - {path}" in output


def test_media_findings_name_path_rule_and_measurement(tmp_path: Path) -> None:
    wide = tmp_path / "wide.png"
    wide.write_bytes(png(1000, 200))
    code, output = validate(tmp_path, {"prompt": "a cat", "image_urls": [str(wide)]})
    assert code == 1
    # a local file is named after the field (not its data: URI)
    assert f"image_urls[0] ({str(wide)!r}): The shortest side must be at least 320" in output
    assert "(rule height_pixels> 320, measured 200 px)" in output
    assert "(rule width/height< 3, measured 5 (1000x200))" in output


def test_unknown_model_and_unreadable_payload_exit_2(tmp_path: Path) -> None:
    code, output = validate(tmp_path, {}, model="no/such-model")
    assert code == 2
    assert "no generated model 'no/such-model'" in output
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "runcomfy_models", "validate", MODEL, str(bad)],
        cwd=generated_tree(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "not a readable JSON file" in result.stderr
    code, output = validate(tmp_path, [1, 2])
    assert code == 2
    assert "must be a JSON object" in output
