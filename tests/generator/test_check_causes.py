"""check names the cause when the tree was made by another generator or tool version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator
from generator.cli import main
from tests.support.documents import document, write


def _made(tmp_path: Path) -> tuple[Path, Path]:
    schemas, out = tmp_path / "schemas", tmp_path / "out"
    write(schemas, document({"prompt": {"type": "string"}}, model_id="acme/model"))
    result = CliRunner().invoke(main, ["generate", "--schemas", str(schemas), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return schemas, out


def _check(schemas: Path, out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--schemas", str(schemas), "--out", str(out)])
    return result.exit_code, result.output


def _edit_inputs(out: Path, **changes: object) -> None:
    path = out / "codegen-manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    for key, value in changes.items():
        if isinstance(value, dict):
            manifest["inputs"][key].update(value)
        else:
            manifest["inputs"][key] = value
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", "utf-8")


def test_a_tree_made_by_an_older_generator_and_black_says_so(tmp_path: Path) -> None:
    schemas, out = _made(tmp_path)
    _edit_inputs(out, generator="0.0.9", tools={"black": "23.1.0"})
    code, output = _check(schemas, out)
    assert code == 1, output
    assert (
        f"cause: the tree was made by runcomfy-codegen 0.0.9; this is {generator.__version__}"
        in output
    )
    assert "cause: the tree was made with black 23.1.0; this is " in output
    assert "regenerate with this generator" in output
    assert "modified: codegen-manifest.json" in output
    assert "datamodel-code-generator" not in output.split("cause:", 1)[1].split("\n")[0]


def test_an_upgraded_generator_reports_its_own_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    schemas, out = _made(tmp_path)
    monkeypatch.setattr(generator, "__version__", "9.9.9")
    code, output = _check(schemas, out)
    assert code == 1, output
    made_by = json.loads((out / "codegen-manifest.json").read_text())["inputs"]["generator"]
    assert f"cause: the tree was made by runcomfy-codegen {made_by}; this is 9.9.9" in output


def test_another_build_of_the_same_version_is_named(tmp_path: Path) -> None:
    schemas, out = _made(tmp_path)
    _edit_inputs(out, generator_code="0" * 64, tools={"datamodel-code-generator": "0.1"})
    code, output = _check(schemas, out)
    assert code == 1, output
    assert "cause: the tree was made by another build of runcomfy-codegen" in output
    assert "cause: the tree was made with datamodel-code-generator 0.1; this is " in output


def test_a_schema_edit_alone_names_no_generator_cause(tmp_path: Path) -> None:
    schemas, out = _made(tmp_path)
    write(schemas, document({"seed": {"type": "integer"}}, model_id="acme/model"))
    code, output = _check(schemas, out)
    assert code == 1, output
    assert "cause:" not in output
    assert "has drifted" in output


def test_a_tree_made_with_another_jinja2_says_so(tmp_path: Path) -> None:
    schemas, out = _made(tmp_path)
    _edit_inputs(out, tools={"jinja2": "2.0"})
    code, output = _check(schemas, out)
    assert code == 1, output
    assert "cause: the tree was made with jinja2 2.0; this is " in output


def test_another_installed_tool_version_is_drift_in_a_fresh_process(tmp_path: Path) -> None:
    """The check reads tool versions without importlib.metadata; a distribution that
    shadows the installed one (as an upgrade would) must still be seen."""
    schemas, out = _made(tmp_path)
    shadow = tmp_path / "shadow"
    for name in ("black", "jinja2", "datamodel_code_generator"):
        info = shadow / f"{name}-0.0.1.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Name: {name}\nVersion: 0.0.1\n", "utf-8")
    command = [sys.executable, "-m", "generator", "check", "--schemas", str(schemas)]
    command += ["--out", str(out)]  # as _made named them, from the same working directory
    clean = subprocess.run(command, capture_output=True, text=True, check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    for name in ("black", "jinja2", "datamodel_code_generator"):
        alone = tmp_path / f"only-{name}"
        alone.mkdir()
        (shadow / f"{name}-0.0.1.dist-info").rename(alone / f"{name}-0.0.1.dist-info")
        env = {**os.environ, "PYTHONPATH": str(alone)}
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        assert result.returncode == 1, result.stdout + result.stderr
        shown = name.replace("_", "-")
        assert f"cause: the tree was made with {shown} " in result.stdout
        assert "; this is 0.0.1" in result.stdout
