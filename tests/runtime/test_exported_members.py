"""The names ``runcomfy_models`` exports are exactly the runtime's surface and its own.

The package is generated fresh from the source tree (so a change to the runtime's surface
is seen without regenerating ``generated/``) and imported in a child process; every name
in its ``__all__`` must resolve. Like httpx's tests/test_exported_members.py.
"""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.runtime import surface

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
# What the package itself defines, beside the runtime's surface.
PACKAGE_OWN = {"__version__", "find", "get_model", "model_ids", "model_info"}

_REPORT = """
import json, runcomfy_models
names = list(runcomfy_models.__all__)
missing = [name for name in names if getattr(runcomfy_models, name, None) is None]
print(json.dumps({"all": names, "missing": missing}))
"""


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fresh") / "generated"
    result = CliRunner().invoke(main, ["generate", "--schemas", str(SCHEMAS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _declared() -> set[str]:
    exports = [*surface.EAGER_EXPORTS.values(), *surface.LAZY_EXPORTS.values()]
    return {name for names in exports for name in names}


def test_all_is_exactly_the_surface_and_the_package_own_names(fresh: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _REPORT], cwd=fresh, capture_output=True, text=True, check=True
    )
    report = json.loads(result.stdout)
    assert report["missing"] == []
    assert len(report["all"]) == len(set(report["all"]))
    assert set(report["all"]) == _declared() | PACKAGE_OWN


def test_public_imports_work(fresh: Path) -> None:
    code = (
        "from runcomfy_models import Client, AsyncClient, data_uri, get_model, validate_input\n"
        "from runcomfy_models.testing import Emulator, Fault, JobPlan, serve\n"
        "import runcomfy_models.__main__\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=fresh, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "ok"


def test_the_surface_names_exist_where_it_says() -> None:
    for module, names in {**surface.EAGER_EXPORTS, **surface.LAZY_EXPORTS}.items():
        runtime_module = importlib.import_module(f"generator.runtime.{module}")
        for name in names:
            assert hasattr(runtime_module, name), f"{module}.{name}"
            assert name in runtime_module.__all__, f"{module}.{name}"


def test_no_name_is_exported_twice() -> None:
    exports = [*surface.EAGER_EXPORTS.values(), *surface.LAZY_EXPORTS.values()]
    flat = [name for names in exports for name in names]
    assert len(flat) == len(set(flat))
    assert not set(flat) & PACKAGE_OWN


def test_the_surface_imports_nothing() -> None:
    tree = ast.parse(Path(surface.__file__).read_text("utf-8"))
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]


def test_the_dependencies_are_the_surface(fresh: Path) -> None:
    project = tomllib.loads((fresh / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["dependencies"] == list(surface.REQUIREMENTS)
    extras = {extra: list(packages) for extra, packages in surface.EXTRAS.items()}
    assert project["optional-dependencies"] == extras


def test_the_package_root_files_are_copies_of_the_runtime(fresh: Path) -> None:
    runtime = Path(surface.__file__).parent / "package_root"
    for name in surface.PACKAGE_ROOT_FILES:
        text = (fresh / "runcomfy_models" / name).read_text("utf-8")
        first, second, body = text.split("\n", 2)
        assert first == f"# Generated from generator/runtime/package_root/{name}"
        assert second.startswith("# by runcomfy-codegen; do not edit")
        assert body == (runtime / name).read_text("utf-8")


def test_the_building_blocks_are_where_the_surface_says() -> None:
    blocks = {
        surface.MODEL_BASES: ("InputModel", "InputObject", "JsonSchema", "OutputModel"),
        surface.MODEL_SPECS: ("MediaField", "ModelSpec", "RuleSpec"),
        surface.REGISTRY: ("Registry",),
    }
    for module, names in blocks.items():
        runtime_module = importlib.import_module(f"generator.runtime.{module}")
        assert all(hasattr(runtime_module, name) for name in names), module
