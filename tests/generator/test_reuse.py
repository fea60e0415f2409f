"""Regenerating reuses unchanged models' files only where that is exact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import pipeline
from generator.config import RenderOptions
from generator.pipeline import build_tree
from generator.release.previous import read_previous
from generator.reuse import Reuse
from generator.writer import MANIFEST_NAME, write_tree
from tests.support.synthetic import write_catalog


def generate(schemas: Path, out: Path) -> pipeline.GenerationResult:
    options = RenderOptions(schemas_label="schemas", out_label="out")
    result = build_tree(schemas, options, previous=read_previous(out, MANIFEST_NAME))
    write_tree(out, result.tree)
    return result


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    documents = write_catalog(tmp_path / "schemas", 12, seed=11)
    generate(tmp_path / "schemas", tmp_path / "out")
    return tmp_path / "schemas", tmp_path / "out", [d.model_id for d in documents]


@pytest.mark.parametrize("which", ["first", "another"])
def test_one_change_reuses_the_rest_and_matches_a_full_render(
    project: tuple[Path, Path, list[str]], monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    schemas, out, ids = project
    # The README quotes the first model (by id): changing it must reach the README, and
    # changing another must leave the first reused, its example read from the manifest.
    changed = min(ids) if which == "first" else sorted(ids)[3]
    target = schemas / f"{changed}.json"
    data = json.loads(target.read_text())
    data["input_schema"]["properties"]["prompt"]["maxLength"] = 99
    target.write_text(json.dumps(data, indent=2))
    previous = read_previous(out, MANIFEST_NAME)
    options = RenderOptions(schemas_label="schemas", out_label="out")
    incremental = build_tree(schemas, options, previous=previous)
    assert incremental.reused == 11  # all but the changed one
    monkeypatch.setattr(pipeline, "find_reusable", lambda *args: Reuse())
    full = build_tree(schemas, options, previous=previous)
    assert full.reused == 0
    assert incremental.tree == full.tree


def test_a_malformed_usage_record_means_the_model_is_rendered_again(
    project: tuple[Path, Path, list[str]],
) -> None:
    schemas, out, ids = project
    path = out / MANIFEST_NAME
    manifest = json.loads(path.read_text())
    manifest["models"][min(ids)]["usage"] = [["prompt"]]
    path.write_text(json.dumps(manifest))
    readme = (out / "README.md").read_text()
    result = generate(schemas, out)
    assert result.reused == 11
    assert (out / "README.md").read_text() == readme


def test_a_hand_edited_file_is_rendered_again(project: tuple[Path, Path, list[str]]) -> None:
    schemas, out, ids = project
    manifest = json.loads((out / MANIFEST_NAME).read_text())
    module = manifest["models"][ids[5]]["files"][0]
    original = (out / module).read_text()
    (out / module).write_text(original + "# edited\n")
    result = generate(schemas, out)
    assert result.reused == 11
    assert (out / module).read_text() == original


def test_a_template_change_invalidates_every_model(
    project: tuple[Path, Path, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    schemas, out, _ = project
    monkeypatch.setattr(pipeline, "fingerprint", lambda inputs: "something else")
    assert generate(schemas, out).reused == 0
