"""A synthetic RunComfy catalog shaped like the real one, reproducible from a seed.

Models mix what the real catalog has: image, video and audio inputs (as ``*_uri``
formats, ``*_uris`` arrays, ``items.format`` or bare strings with rules), media rules
of every metric, string and integer enums, bounds, lengths, item counts, defaults,
sample prompts, and the known quirks (``"type": "float"``, ``"default": null``,
required fields with defaults, names that are not identifiers).
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from generator.schema.document import SchemaDocument, Source, dump_document
from generator.sources.canonical import GENERIC_OUTPUT_SCHEMA

__all__ = ["synthetic_documents", "write_catalog"]

_VENDORS = ["bytedance", "kling", "runwayml", "openai", "blackforestlabs", "alibaba", "minimax"]
_TASKS = [
    "text-to-image",
    "image-to-image",
    "image-to-video",
    "text-to-video",
    "video-to-video",
    "text-to-audio",
]
_RULES: list[tuple[str, list[float]]] = [
    ("file_size_mb<", [4.7, 10, 16, 30, 50]),
    ("width_pixels<=", [2048, 4096, 8000]),
    ("height_pixels<=", [2048, 4096, 8000]),
    ("width_pixels>", [14, 300, 320]),
    ("height_pixels>", [14, 300, 320]),
    ("width/height<", [2, 2.5, 3, 16]),
    ("width/height>", [0.0625, 0.33, 0.4, 0.5]),
    ("shortest_side_pixels>=", [256, 320]),
]


def _media_field(rng: random.Random, kind: str) -> dict[str, Any]:
    rules = [
        {
            "validation_rule": rule,
            "validation_value": rng.choice(values),
            "validation_error": f"{rule} broken.",
        }
        for rule, values in rng.sample(_RULES, rng.randint(1, 5))
        if kind == "image" or rule.startswith("file_size")
    ] or [
        {"validation_rule": "file_size_mb<", "validation_value": 16, "validation_error": "Too big."}
    ]
    shape = rng.choice(["uri", "uris", "items", "bare"]) if kind == "image" else "uri"
    if shape == "uri":
        return {"type": "string", "format": f"{kind}_uri", "validations": rules}
    if shape == "uris":
        return {
            "type": "array",
            "format": f"{kind}_uris",
            "minItems": 1,
            "maxItems": rng.randint(1, 10),
            "validations": rules,
        }
    if shape == "items":
        return {
            "type": "array",
            "items": {"type": "string", "format": f"{kind}_uri"},
            "maxItems": 4,
            "validations": rules,
        }
    return {"type": "string", "title": "Image", "validations": rules}


def _input_schema(rng: random.Random, task: str) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "prompt": {
            "type": "string",
            "title": "Prompt",
            "maxLength": rng.choice([512, 800, 2000]),
            "default": "A cat on a sofa, golden hour light.",
        },
    }
    required = ["prompt"]
    source = task.split("-to-", maxsplit=1)[0]
    if source in ("image", "video"):
        name = rng.choice(
            ["image_url", "image_urls", "first_frame_image_url", "video_url", "promptImage"]
        )
        properties[name] = _media_field(rng, "video" if source == "video" else "image")
        required.append(name)
    properties["seed"] = {"type": "integer", "minimum": -1, "maximum": 2147483647, "default": -1}
    properties["resolution"] = {
        "type": "string",
        "enum": rng.sample(["480p", "720p", "1080p", "1K", "2K", "4K"], 3),
    }
    properties["resolution"]["default"] = properties["resolution"]["enum"][0]
    properties["duration"] = {"type": "integer", "enum": sorted(rng.sample(range(2, 13), 3))}
    properties["guidance_scale"] = {
        "type": rng.choice(["number", "float"]),
        "minimum": 0,
        "maximum": 20,
        "default": 2.5,
    }
    properties["num_outputs"] = {"type": "integer", "minimum": 1, "maximum": 4, "default": 1}
    properties["negative_prompt"] = {"type": "string", "description": "What to avoid."}
    properties["output_format"] = {
        "type": "string",
        "enum": ["png", "jpeg", "webp"],
        "default": "png",
    }
    if rng.random() < 0.3:
        properties["aspectRatio"] = {
            "type": "string",
            "enum": ["16:9", "9:16", "1:1", "auto"],
            "default": "auto",
        }
    if rng.random() < 0.2:
        properties["seed"]["default"] = None
    return {"type": "object", "required": required, "properties": properties}


def synthetic_documents(count: int, seed: int = 7) -> list[SchemaDocument]:
    """``count`` distinct model documents, the same ones for the same seed."""
    rng = random.Random(seed)
    documents = []
    for index in range(count):
        task = rng.choice(_TASKS)
        version = f"v{rng.randint(1, 5)}-{rng.randint(0, 9)}"
        model_id = f"{rng.choice(_VENDORS)}/model-{index:04d}/{version}/{task}"
        documents.append(
            SchemaDocument(
                model_id=model_id,
                endpoint=f"https://model-api.runcomfy.net/v1/models/{model_id}",
                input_schema=_input_schema(rng, task),
                output_schema=json.loads(json.dumps(GENERIC_OUTPUT_SCHEMA)),
                output_schema_origin="assumed",
                source=Source("catalog", ("synthetic",)),
            )
        )
    return documents


def write_catalog(directory: Path, count: int, seed: int = 7) -> list[SchemaDocument]:
    """Write ``count`` schema files under ``directory``, as ``pull`` would."""
    documents = synthetic_documents(count, seed)
    for document in documents:
        path = directory / f"{document.model_id}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_document(document), "utf-8")
    return documents
