"""The generated project as a user installs and type-checks it, without the generator."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.support.package import generated_tree
from tests.support.paths import CATALOG, ROOT

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent


def run(*command: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command],
        check=False,
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def mypy_strict(project: Path, cache: Path, python: str | None = None) -> str:
    extra = ["--python-executable", python] if python else []
    return run(
        BIN / "mypy",
        "--config-file",
        project / "pyproject.toml",
        "--cache-dir",
        cache,
        *extra,
        project / "runcomfy_models",
        cwd=project,
    )


def test_generated_package_is_strictly_typed_formatted_and_lint_clean(tmp_path: Path) -> None:
    tree = generated_tree()
    assert "Success: no issues found" in mypy_strict(tree, tmp_path / "mypy")
    run(BIN / "ruff", "check", "--no-cache", "--config", tree / "pyproject.toml", tree)
    run(BIN / "black", "--check", "--quiet", "--config", tree / "pyproject.toml", tree)


def test_catalog_sample_models_generate_import_and_type_check(tmp_path: Path) -> None:
    schemas, out = tmp_path / "schemas", tmp_path / "out"
    runner = CliRunner()
    assert (
        runner.invoke(
            main, ["pull", "--catalog", str(CATALOG), "--schemas", str(schemas)]
        ).exit_code
        == 0
    )
    result = runner.invoke(main, ["generate", "--schemas", str(schemas), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Success: no issues found" in mypy_strict(out, tmp_path / "mypy")
    code = (
        "import runcomfy_models as r\n"
        "for model_id in r.model_ids():\n"
        "    spec = r.get_model(model_id)\n"
        "    print(model_id, sorted(spec.input.model_json_schema()['properties']))\n"
        "flux = r.get_model('blackforestlabs/flux-2/flash/text-to-image').input(prompt='x')\n"
        "print(flux.guidance_scale, flux.to_request())\n"
    )
    output = run(sys.executable, "-c", code, cwd=out)
    assert "acestep-ai/ace-step/audio-inpaint" in output
    assert "2.5 {'prompt': 'x'}" in output


def test_installs_in_a_fresh_venv_without_the_generator(tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # A copy, so the build leaves no build/ or egg-info behind in the committed tree.
    project = tmp_path / "project"
    shutil.copytree(
        generated_tree(), project, ignore=shutil.ignore_patterns("__pycache__", ".*cache")
    )
    # With the extras: mypy --strict reads the emulator and the command line too.
    with_extras = f"{project}[testing,cli]"
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", with_extras)
    output = run(
        python,
        "-c",
        "import importlib.util, runcomfy_models as r;"
        "print(importlib.util.find_spec('generator'), len(r.model_ids()), r.__file__)",
        cwd=tmp_path,
    )
    none, count, location = output.split()
    assert none == "None"
    assert int(count) == 95
    assert str(env_dir) in location
    installed = Path(location).parent.parent
    assert "Success" in mypy_strict_installed(installed, python, tmp_path / "mypy")


def mypy_strict_installed(site_packages: Path, python: Path, cache: Path) -> str:
    return run(
        BIN / "mypy",
        "--strict",
        "--python-executable",
        python,
        "--cache-dir",
        cache,
        "-p",
        "runcomfy_models",
        cwd=site_packages.parent,
    )
