"""Module names: distinct for every model id, even ids that differ only in case."""

from __future__ import annotations

from pathlib import Path

from tests.support.documents import document, write
from tests.support.trees import generate


def test_module_names_are_distinct_for_ids_that_differ_in_case(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    write(schemas, document({"p": {"type": "string"}}, model_id="kling/video/4K/i2v"))
    write(schemas, document({"p": {"type": "string"}}, model_id="kling/video/4k/i2v"))
    out = tmp_path / "out"
    assert generate("--schemas", str(schemas), "--out", str(out))[0] == 0
    registry = (out / "runcomfy_models/_registry.py").read_text()
    modules = [line.split(": ")[1].strip('",') for line in registry.splitlines() if "kling" in line]
    assert len(set(modules)) == 2
    assert all(m.startswith("kling_video_4k_i2v_") for m in modules)
