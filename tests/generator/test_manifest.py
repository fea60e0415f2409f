"""The manifest: what every generated tree was made from, hashed, and the tree's hashes."""

from __future__ import annotations

import json
import os
import sys
from importlib import metadata
from pathlib import Path

import pytest

from generator import config
from generator.config import RenderOptions
from generator.manifest import (
    build_manifest,
    fingerprint,
    input_hashes,
    model_key,
    sha256_text,
    tool_version,
    tree_files,
)
from tests.support.paths import SCHEMAS


def test_inputs_name_every_schema_template_and_runtime_file() -> None:
    inputs = input_hashes(SCHEMAS, RenderOptions())
    assert set(inputs["schemas"]) == {
        p.relative_to(SCHEMAS).as_posix() for p in SCHEMAS.rglob("*.json")
    }
    assert "model_module.py.jinja" in inputs["templates"]
    assert "rules/grammar.py" in inputs["runtime"]
    assert set(inputs["tools"]) == {"black", "datamodel-code-generator", "jinja2"}


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


# ---------------------------------------------------------------- tool versions, exactly
# tool_version reads dist-info folders itself (importlib.metadata costs the drift check
# more than its hashing); its answer must be importlib.metadata's, always.


@pytest.mark.parametrize(
    "name",
    ["black", "datamodel-code-generator", "datamodel_code_generator", "Jinja2", "jinja2", "click"],
)
def test_tool_versions_are_importlib_metadata_s(name: str) -> None:
    assert tool_version(name) == metadata.version(name)


def _dist(root: Path, folder: str, files: dict[str, str]) -> None:
    (root / folder).mkdir(parents=True)
    for name, text in files.items():
        (root / folder / name).write_text(text, "utf-8")


@pytest.mark.parametrize(
    ("folder", "files"),
    [
        (
            "black-0.0.1.dist-info",
            {"METADATA": "Metadata-Version: 2.1\nName: black\nVersion: 0.0.1\n"},
        ),
        ("Black-0.0.2.dist-info", {"METADATA": "Name: black\nversion:0.0.2 \n\nVersion: 9\n"}),
        ("black-0.0.3.egg-info", {"PKG-INFO": "Name: black\nVersion: 0.0.3\n"}),
        ("black-0.0.4.dist-info", {"METADATA": "", "PKG-INFO": "Version: 0.0.4\n"}),
        ("black-0.0.5.dist-info", {"METADATA": "Name: black\nVersion: 0.0.5\n  folded\n"}),
        ("black-0.0.6.dist-info", {"METADATA": "Name: black\nnot a header\nVersion: 0.0.6\n"}),
        ("black-0.0.7.dist-info", {"METADATA": "Name: black\r\nVersion: 0.0.7\r\n"}),
        ("black-0.0.8.dist-info", {"METADATA": "Name: black\n\nVersion: 0.0.8\n"}),
        ("black-0.0.9.dist-info", {}),
    ],
)
def test_a_shadowing_distribution_gives_importlib_metadata_s_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folder: str, files: dict[str, str]
) -> None:
    installed = metadata.version("black")
    _dist(tmp_path, folder, files)
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        expected: object = metadata.version("black")
    except Exception as exc:  # whatever it raises, tool_version must raise too
        expected = type(exc)
    try:
        got: object = tool_version("black")
    except Exception as exc:
        got = type(exc)
    assert got == expected
    assert expected != installed  # the shadowing one was read, not the installed black


def test_a_missing_tool_is_importlib_metadata_s_error() -> None:
    with pytest.raises(metadata.PackageNotFoundError):
        tool_version("no-such-distribution-anywhere")


def test_a_zip_on_the_path_is_left_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    archive = tmp_path / "tools.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("black-0.0.10.dist-info/METADATA", "Name: black\nVersion: 0.0.10\n")
    monkeypatch.syspath_prepend(str(archive))
    assert tool_version("black") == metadata.version("black") == "0.0.10"


# ---------------------------------------------------------------- walking a tree


def _rglob(directory: Path, pattern: str) -> list[str]:
    """What the manifest walked before: ``Path.rglob``, files only, no ``__pycache__``."""
    return sorted(
        path.relative_to(directory).as_posix()
        for path in directory.rglob(pattern)
        if path.is_file() and "__pycache__" not in path.relative_to(directory).parts[:-1]
    )


def test_the_walk_finds_what_rglob_finds(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    for relpath in ("a.py", ".hidden.py", "b/c.py", "b/d.txt", "b/e/f.py", "__pycache__/x.py"):
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text("x", "utf-8")
    (root / "b" / "__pycache__").mkdir()
    (root / "b" / "__pycache__" / "y.py").write_text("y", "utf-8")
    (root / "dir.py").mkdir()  # a folder named like a file
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.py").write_text("o", "utf-8")
    os.symlink(outside, root / "linked")  # a link to a folder: not followed
    os.symlink(outside / "o.py", root / "b" / "link.py")  # a link to a file: a file
    os.symlink(tmp_path / "nowhere.py", root / "broken.py")  # a broken link: nothing
    for suffix, pattern in (("", "*"), (".py", "*.py"), (".txt", "*.txt")):
        assert tree_files(root, suffix) == _rglob(root, pattern), suffix
    assert tree_files(root, ".py", skip=lambda name, top: top and name == "b") == [
        ".hidden.py",
        "a.py",
    ]
    assert tree_files(tmp_path / "missing") == []


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_the_walk_passes_over_an_unreadable_folder_as_rglob_does(tmp_path: Path) -> None:
    (tmp_path / "closed").mkdir()
    (tmp_path / "closed" / "a.py").write_text("a", "utf-8")
    (tmp_path / "b.py").write_text("b", "utf-8")
    (tmp_path / "closed").chmod(0)
    try:
        assert tree_files(tmp_path, ".py") == _rglob(tmp_path, "*.py") == ["b.py"]
    finally:
        (tmp_path / "closed").chmod(0o755)
