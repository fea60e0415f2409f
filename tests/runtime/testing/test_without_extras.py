"""The core install (issue #16): without the ``cli`` and ``testing`` extras the SDK imports
and runs jobs, and each feature that needs an extra says, in one line, what to install.

A ``sitecustomize`` in the child processes makes the extras' modules (rich, starlette,
uvicorn, trustme, pymediainfo) impossible to find, as in a venv with only the core: no
venv is built (that slow check, from the wheel, is in tests/e2e/test_extras_install.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from runcomfy_models.testing import Emulator
from tests.support.emulated import PAYLOADS, TOKEN
from tests.support.package import generated_tree

EXTRA_MODULES = ("rich", "starlette", "uvicorn", "trustme", "pymediainfo")
BLOCKER = f"""
import importlib.abc, sys

class _Absent(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {EXTRA_MODULES!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None

sys.meta_path.insert(0, _Absent())
"""
MODEL = "bytedance/dreamina-3-0/pro/image-to-video"
RUN = """
import json, sys
from runcomfy_models import Client, get_model
spec = get_model({model!r})
with Client() as client:
    result = client.run(spec.input.model_validate(json.loads(sys.argv[1])), timeout=30)
print(json.dumps({{"id": result.request_id, "modules": sorted(sys.modules)}}))
"""


@pytest.fixture
def core_only(tmp_path: Path) -> dict[str, str]:
    """The environment of a child process that sees only the core dependencies."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BLOCKER, "utf-8")
    path = os.pathsep.join([str(site), str(generated_tree())])
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNCOMFY_")}
    return {**env, "PYTHONPATH": path, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}


def _python(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_blocker_hides_the_extras(core_only: dict[str, str], tmp_path: Path) -> None:
    result = _python(core_only, tmp_path, "-c", "import starlette")
    assert "No module named 'starlette'" in result.stderr


def test_a_sync_run_works_with_the_core_only(
    core_only: dict[str, str], emulator: Emulator, tmp_path: Path
) -> None:
    env = {**core_only, "RUNCOMFY_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": emulator.base_url}
    code = RUN.format(model=MODEL)
    result = _python(env, tmp_path, "-c", code, json.dumps(PAYLOADS[MODEL]))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["id"]
    assert emulator.count("submit") == 1
    loaded = {name.split(".")[0] for name in answer["modules"]}
    assert loaded.isdisjoint(EXTRA_MODULES)


@pytest.mark.parametrize(
    ("args", "extra"),
    [
        (["-c", "import runcomfy_models.testing"], "testing"),
        (["-m", "runcomfy_models", "emulate", "--port", "0"], "testing"),
    ],
    ids=["import testing", "emulate"],
)
def test_a_missing_extra_is_one_line_naming_the_install(
    core_only: dict[str, str], tmp_path: Path, args: list[str], extra: str
) -> None:
    (tmp_path / "payload.json").write_text(json.dumps(PAYLOADS[MODEL]), "utf-8")
    env = {**core_only, "RUNCOMFY_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": "http://127.0.0.1:9"}
    result = _python(env, tmp_path, *args)
    assert result.returncode != 0
    wanted = f"pip install 'runcomfy-models[{extra}]'"
    assert wanted in result.stderr, result.stderr
    if args[0] == "-m":  # the command line: one line, exit 2, no traceback
        assert result.returncode == 2
        assert result.stderr.strip().count("\n") == 0, result.stderr
    else:
        assert result.stderr.strip().splitlines()[-1].startswith("runcomfy_models._runtime")


PLUGIN_TESTS = """
def test_unrelated():
    assert 1 + 1 == 2

def test_uses_the_fixture(runcomfy_client):
    pass
"""


def test_the_pytest_plugin_loads_without_the_testing_extra(
    core_only: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / "test_downstream.py").write_text(PLUGIN_TESTS, "utf-8")
    plugin = "runcomfy_models._runtime.testing.pytest_plugin"
    result = _python(
        core_only, tmp_path, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", plugin, "-rE"
    )
    assert "1 passed, 1 error" in result.stdout, result.stdout + result.stderr
    assert "pip install 'runcomfy-models[testing]'" in result.stdout


def _cli(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _python(env, cwd, "-m", "runcomfy_models", *args)


def test_the_command_line_runs_jobs_with_the_core_only(
    core_only: dict[str, str], emulator: Emulator, tmp_path: Path
) -> None:
    """run, run --estimate, run --batch and download need no rich: plain status lines."""
    env = {**core_only, "RUNCOMFY_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": emulator.base_url}
    (tmp_path / "payload.json").write_text(json.dumps(PAYLOADS[MODEL]), "utf-8")
    ran = _cli(env, tmp_path, "run", MODEL, "payload.json")
    assert ran.returncode == 0, ran.stderr
    request_id = json.loads(ran.stdout)["request_id"]
    assert f"{request_id}: submitted" in ran.stderr
    assert "succeeded" in ran.stderr or "completed" in ran.stderr, ran.stderr
    estimate = _cli(env, tmp_path, "run", MODEL, "payload.json", "--estimate")
    assert estimate.returncode == 0, estimate.stderr
    assert "nothing was submitted" in estimate.stderr
    assert json.loads(estimate.stdout)["model_id"] == MODEL
    out = tmp_path / "out"
    again = _cli(env, tmp_path, "download", request_id, "--out", str(out), "--allow-http")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["request_id"] == request_id
    assert [path.name for path in out.iterdir()] == ["output.mp4"]
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(json.dumps(PAYLOADS[MODEL]) + "\n", "utf-8")
    batch = _cli(env, tmp_path, "run", MODEL, "--batch", str(inputs))
    assert batch.returncode == 0, batch.stderr
    assert "1 succeeded" in batch.stderr or "succeeded" in batch.stderr, batch.stderr
    for done in (ran, estimate, again, batch):
        assert "Traceback" not in done.stderr, done.stderr
        assert "runcomfy-models[cli]" not in done.stderr
    assert emulator.count("submit") == 2


def test_a_bad_configuration_is_one_line_with_the_core_only(
    core_only: dict[str, str], tmp_path: Path
) -> None:
    env = {**core_only, "RUNCOMFY_TOKEN": TOKEN, "RUNCOMFY_API_ENVIRONMENT": "staging"}
    result = _cli(env, tmp_path, "download", "abc", "--out", str(tmp_path))
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: unknown RunComfy environment 'staging'")
    assert result.stderr.strip().count("\n") == 0, result.stderr
