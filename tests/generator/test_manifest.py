"""The manifest: what every generated tree was made from, hashed, and the tree's hashes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import config
from generator.config import RenderOptions
from generator.manifest import build_manifest, fingerprint, input_hashes, model_key, sha256_text
from tests.support.paths import SCHEMAS


def test_inputs_name_every_schema_template_and_runtime_file() -> None:
    inputs = input_hashes(SCHEMAS, RenderOptions())
    assert set(inputs["schemas"]) == {
        p.relative_to(SCHEMAS).as_posix() for p in SCHEMAS.rglob("*.json")
    }
    assert "model_module.py.jinja" in inputs["templates"]
    assert "rules/grammar.py" in inputs["runtime"]
    assert set(inputs["tools"]) == {"black", "datamodel-code-generator"}


def test_the_fingerprint_ignores_the_version_and_the_schemas(tmp_path: Path) -> None:
    inputs = input_hashes(SCHEMAS, RenderOptions(version="1.0.0"))
    bumped = input_hashes(SCHEMAS, RenderOptions(version="2.0.0"), schema_hashes={})
    assert fingerprint(inputs) == fingerprint(bumped)
    moved = input_hashes(SCHEMAS, RenderOptions(out_label="elsewhere"))
    assert fingerprint(moved) != fingerprint(inputs)


def test_a_template_edit_changes_the_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = fingerprint(input_hashes(SCHEMAS, RenderOptions()))
    templates = tmp_path / "templates"
    templates.mkdir()
    for path in config.TEMPLATES_DIR.rglob("*.jinja"):
        target = templates / path.relative_to(config.TEMPLATES_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    (templates / "README.md.jinja").write_text("edited\n")
    monkeypatch.setattr(config, "TEMPLATES_DIR", templates)
    assert fingerprint(input_hashes(SCHEMAS, RenderOptions())) != before


def test_a_model_key_changes_with_each_of_its_parts() -> None:
    parts = ("shared", "schema", "module", "schemas/a/b.json")
    key = model_key(*parts)
    for index in range(len(parts)):
        changed = list(parts)
        changed[index] += "!"
        assert model_key(*changed) != key


def test_the_manifest_hashes_every_file_and_trusts_known_hashes() -> None:
    inputs = input_hashes(SCHEMAS, RenderOptions(version="1.2.3"), schema_hashes={})
    tree = {"b.txt": "bee\n", "a.txt": "ay\n"}
    text = build_manifest(inputs, tree, {}, {}, known_hashes={"b.txt": "proven"})
    data = json.loads(text)
    assert data["version"] == "1.2.3"
    assert data["files"] == {"a.txt": sha256_text("ay\n"), "b.txt": "proven"}
    assert text == build_manifest(inputs, dict(reversed(tree.items())), {}, {}, {"b.txt": "proven"})
