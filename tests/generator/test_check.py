"""check: exact and fast, catching every kind of drift of a generated tree."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import generator
import generator.check
from generator import config
from generator.cli import main
from tests.support.package import generated_tree
from tests.support.paths import ROOT, SCHEMAS


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's schemas and of the tree generated from them for this
    session (the committed tree is the golden tree test's), checked from inside it."""
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    shutil.copytree(
        generated_tree(), tmp_path / "generated", ignore=shutil.ignore_patterns("*cache*")
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_fresh_tree_is_clean_without_rendering(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_render(*args: object, **kwargs: object) -> None:
        raise AssertionError("an unchanged tree must be confirmed without rendering")

    monkeypatch.setattr("generator.pipeline.build_tree", no_render)
    assert invoke("check") == (0, "generated is up to date with schemas (manifest hashes match)\n")


def test_hand_edit_is_drift_with_a_diff(project: Path) -> None:
    module = project / "generated/runcomfy_models/models/bytedance_dreamina_3_0_image_to_video.py"
    module.write_text(module.read_text().replace("max_length=1", "max_length=2"))
    code, output = invoke("check")
    assert code == 1
    assert "--- a/runcomfy_models/models/bytedance_dreamina_3_0_image_to_video.py" in output
    assert (
        "-    image_urls: Annotated[list[MediaInput], Field(max_length=2, min_length=1)]" in output
    )
    added = "+    image_urls: Annotated[list[MediaInput], Field(max_length=1, min_length=1)]"
    assert added in output
    assert "modified: runcomfy_models/models/bytedance_dreamina_3_0_image_to_video.py" in output
    assert "run `runcomfy-codegen generate` and commit the result" in output


def test_hand_edit_of_a_carried_over_file_is_caught(project: Path) -> None:
    changelog = project / "generated/CHANGELOG.md"
    changelog.write_text(changelog.read_text() + "\n- a note added by hand\n")
    code, output = invoke("check")
    assert code == 1
    assert "modified: CHANGELOG.md (hand-edited: not the bytes the generator wrote)" in output


def test_deleted_and_extra_files(project: Path) -> None:
    (project / "generated/docs/models/bytedance_dreamina_3_0_image_to_video.md").unlink()
    (project / "generated/runcomfy_models/models/extra.py").write_text("x = 1\n")
    (project / "generated/runcomfy_models/__pycache__").mkdir(exist_ok=True)
    (project / "generated/runcomfy_models/__pycache__/x.pyc").write_bytes(b"cache")
    code, output = invoke("check")
    assert code == 1
    assert "missing: docs/models/bytedance_dreamina_3_0_image_to_video.md" in output
    assert "unexpected: runcomfy_models/models/extra.py" in output
    assert "__pycache__" not in output


def test_changed_schema_is_drift_and_bumps_the_version(project: Path) -> None:
    path = project / "schemas/runwayml/runway-gen-3-alpha/turbo/image-to-video.json"
    data = json.loads(path.read_text())
    data["input_schema"]["properties"]["duration"]["enum"] = [5]
    path.write_text(json.dumps(data, indent=2))
    code, output = invoke("check")
    assert code == 1
    assert '-version = "1.0.0"' in output
    assert '+version = "2.0.0"' in output
    assert (
        "modified: runcomfy_models/models/runwayml_runway_gen_3_alpha_turbo_image_to_video.py"
        in output
    )
    assert invoke("generate")[0] == 0
    changelog = (project / "generated/CHANGELOG.md").read_text()
    assert "## 2.0.0" in changelog
    assert "`duration`: enum value(s) removed: [10]" in changelog
    assert changelog.index("## 2.0.0") < changelog.index("## 1.0.0")
    assert invoke("check")[0] == 0


def test_changed_template_is_drift(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    templates = project / "templates"
    shutil.copytree(ROOT / "templates", templates)
    doc = templates / "model_doc.md.jinja"
    doc.write_text(doc.read_text().replace("## Usage", "## How to use it"))
    monkeypatch.setattr(config, "TEMPLATES_DIR", templates)
    code, output = invoke("check")
    assert code == 1
    assert "+## How to use it" in output


def test_changed_runtime_source_is_drift(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runtime = project / "runtime"
    shutil.copytree(config.RUNTIME_DIR, runtime, ignore=shutil.ignore_patterns("__pycache__"))
    rules = runtime / "rules" / "grammar.py"
    rules.write_text(rules.read_text().replace("1 MB = 1,000,000 bytes", "1 MB = 10**6 bytes"))
    monkeypatch.setattr(config, "RUNTIME_DIR", runtime)
    code, output = invoke("check")
    assert code == 1
    assert "modified: runcomfy_models/_runtime/rules/grammar.py" in output


def test_new_generator_version_is_drift(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(generator, "__version__", "99.0.0")
    code, output = invoke("check")
    assert code == 1
    assert "modified: codegen-manifest.json" in output
    assert '+    "generator": "99.0.0",' in output


def test_broken_schema_directory_is_unusable_input(project: Path) -> None:
    (project / "schemas/broken.json").write_text("{nope")
    code, output = invoke("check")
    assert code == 2
    assert "broken.json: not JSON" in output
    assert invoke("check", "--schemas", str(project / "missing"))[0] == 2


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: text + " ",  # a trailing space
        lambda text: json.dumps(json.loads(text), indent=4, sort_keys=True) + "\n",
        lambda text: text.replace('"formatted": {', '"formatted": {"x": "y",', 1),
        lambda text: text.replace('"version":', '"hand": "edited",\n  "version":', 1),
    ],
    ids=["space", "indent", "formatted", "extra-key"],
)
def test_a_hand_edit_of_the_manifest_itself_is_drift(project: Path, edit: Any) -> None:
    manifest = project / "generated" / config.MANIFEST_NAME
    manifest.write_text(edit(manifest.read_text()))
    code, output = invoke("check")
    assert code == 1, output
    assert f"modified: {config.MANIFEST_NAME}" in output


def test_a_symlink_or_an_executable_in_place_of_a_file_is_drift_and_repaired(
    project: Path,
) -> None:
    models = project / "generated/runcomfy_models/models"
    linked = models / "bytedance_dreamina_3_0_image_to_video.py"
    copy = project / "elsewhere.py"
    copy.write_bytes(linked.read_bytes())
    linked.unlink()
    linked.symlink_to(copy)
    executable = models / "__init__.py"
    executable.chmod(0o755)
    code, output = invoke("check")
    assert code == 1, output
    assert (
        "runcomfy_models/models/bytedance_dreamina_3_0_image_to_video.py (a symbolic link" in output
    )
    assert "runcomfy_models/models/__init__.py (executable" in output
    assert invoke("generate")[0] == 0
    assert not linked.is_symlink()
    assert executable.stat().st_mode & 0o111 == 0
    assert invoke("check")[0] == 0


def test_an_unreadable_file_is_one_line_not_a_traceback(project: Path) -> None:
    schema = next((project / "schemas").rglob("*.json"))
    schema.chmod(0)
    try:
        if os.access(schema, os.R_OK):
            pytest.skip("running as root: permissions do not stop reading")
        code, output = invoke("check")
    finally:
        schema.chmod(0o644)
    assert code == 2, output
    assert "Traceback" not in output
    assert "cannot read" in output
    assert "Permission denied" in output


def test_a_file_gone_mid_check_is_one_line_not_a_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generate replacing the tree between the walk and the read: said, not crashed."""
    from generator.manifest import tree_files as walk

    def walk_then_lose_one(directory: Path, *args: Any, **kwargs: Any) -> list[str]:
        found = walk(directory, *args, **kwargs)
        (Path(directory) / found[0]).unlink()
        return found

    monkeypatch.setattr(generator.check, "tree_files", walk_then_lose_one)
    code, output = invoke("check")
    assert code == 2, output
    assert "cannot read" in output
    assert "check again once it is done" in output


def test_schemas_in_a_cache_folder_count_for_check_as_for_lint(project: Path) -> None:
    (project / "schemas/__pycache__").mkdir()
    source = next((project / "schemas").rglob("*.json"))
    shutil.copy(source, project / "schemas/__pycache__/dup.json")
    assert invoke("check")[0] != 0  # lint and generate see it: the tree is not current
