"""Build small schema documents for lint and generation tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.sources.canonical import GENERIC_OUTPUT_SCHEMA

MODEL_ID = "test/hostile"


def document(
    properties: dict[str, Any],
    required: list[str] | None = None,
    model_id: str = MODEL_ID,
    **root: Any,
) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties, **root}
    if required is not None:
        schema["required"] = required
    return {
        "model_id": model_id,
        "endpoint": f"https://model-api.runcomfy.net/v1/models/{model_id}",
        "input_schema": schema,
        "output_schema": json.loads(json.dumps(GENERIC_OUTPUT_SCHEMA)),
        "output_schema_origin": "assumed",
        "source": {"kind": "catalog", "locations": ["tests"]},
    }


def write(directory: Path, data: dict[str, Any], relpath: str | None = None) -> Path:
    path = directory / (relpath or f"{data['model_id']}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return path
