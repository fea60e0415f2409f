"""Schemas that lint clean always generate code that imports, type-checks and lints.

A zoo of awkward but legal schemas: names that clash after case folding or with our
own methods, formats, integral floats, defaults that break their own schema, object
defaults, nested objects and arrays of objects, nullable and keyword names.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.support.documents import document, write

BIN = Path(sys.executable).parent

ZOO: dict[str, dict[str, Any]] = {
    "zoo/names": {
        "Prompt": {"type": "string"},
        "prompt": {"type": "string"},
        "foo-bar": {"type": "string"},
        "foo_bar": {"type": "string"},
        "to_request": {"type": "string"},
        "To_Request": {"type": "integer"},  # takes the name to_request frees: renamed too
        ".": {"type": "string"},  # datamodel-code-generator calls it field_ ...
        "ﬁeld": {"type": "string"},  # ... which Python's NFKC reading must not take
        "class": {"type": "integer"},
        "1st": {"type": "integer"},
        "model_config": {"type": "string"},
        "float": {"type": "string"},
        "l": {"type": "number"},
        "O": {"type": "integer"},
    },
    "zoo/formats": {
        "date": {"type": "string", "format": "date"},
        "time": {"type": "string", "format": "time"},
        "password": {"type": "string", "format": "password"},
        "email": {"type": "string", "format": "email"},
        "when": {"type": "string", "format": "date-time"},
        "id": {"type": "string", "format": "uuid"},
    },
    "zoo/values": {
        "steps": {"type": "integer", "default": 10.0},
        "frames": {"type": "integer", "enum": [1.0, 2]},
        "mode": {"type": "string", "enum": ["a", "b"], "default": "c"},
        "opts": {
            "type": "object",
            "properties": {"k": {"type": "integer", "minimum": 1}},
            "required": ["k"],
            "default": {"k": 1},
        },
        "items": {
            "type": "array",
            "items": {"type": "object", "properties": {"x": {"type": ["string", "null"]}}},
        },
        "maybe": {"type": ["integer", "null"], "default": None},
        "bounded": {"type": "array", "items": {"type": "number", "minimum": 1}, "default": [2]},
    },
}


@pytest.mark.slow
def test_zoo_generates_valid_strict_code(tmp_path: Path) -> None:
    schemas, out = tmp_path / "schemas", tmp_path / "out"
    for model_id, properties in ZOO.items():
        write(schemas, document(properties, model_id=model_id))
    lint = CliRunner().invoke(main, ["lint", "--schemas", str(schemas)])
    assert lint.exit_code == 0, lint.output
    result = CliRunner().invoke(main, ["generate", "--schemas", str(schemas), "--out", str(out)])
    assert result.exit_code == 0, result.output

    def run(*command: str | Path) -> str:
        done = subprocess.run(
            [str(c) for c in command], cwd=out, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    run(
        BIN / "mypy",
        "--config-file",
        "pyproject.toml",
        "--cache-dir",
        tmp_path / "c",
        "runcomfy_models",
    )
    run(BIN / "ruff", "check", "--no-cache", "--config", "pyproject.toml", ".")
    probe = """
import json, runcomfy_models as r
names = r.get_model("zoo/names").input
print(json.dumps(names.model_validate({"prompt": "lower"}).to_request()))
print(json.dumps(names.model_validate({"Prompt": "upper", "foo-bar": "dash"}).to_request()))
print(json.dumps(names.model_validate({"float": "f", "l": 1.5, "O": 2}).to_request()))
print(sorted(set(names.model_fields) & {"float", "float_", "l", "l_", "o", "O"}))
formats = r.get_model("zoo/formats").input(password="hunter2", date="2026-01-02")
print(json.dumps(formats.to_request()))
values = r.get_model("zoo/values").input
print(values().steps, json.dumps(values(frames=2).to_request()))
try:
    values(frames=2.5)
except Exception as exc:
    print(type(exc).__name__)
"""
    doc = (out / "docs/models/zoo_values.md").read_text()
    assert "| `opts.k` | integer | yes | — | — | `>= 1` |" in doc  # nested fields are documented
    assert "| `items[].x` | string or null | no |" in doc
    lines = run(sys.executable, "-c", probe).splitlines()
    assert json.loads(lines[0]) == {"prompt": "lower"}
    assert json.loads(lines[1]) == {"Prompt": "upper", "foo-bar": "dash"}
    assert json.loads(lines[2]) == {"float": "f", "l": 1.5, "O": 2}  # renamed, sent as published
    assert lines[3] == "['float_', 'l_', 'o']"  # never a type's name, nor ruff's E741 names
    assert json.loads(lines[4]) == {"password": "hunter2", "date": "2026-01-02"}
    assert lines[5] == '10 {"frames": 2}'
    assert lines[6] == "ValidationError"
