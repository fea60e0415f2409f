"""The generated package as a user installs it (issue #16): the wheel's metadata, then a
fresh venv with the core only, which runs a job against an emulator served from here.

One slow test (building a venv takes ~15 s); tests/runtime/testing/test_without_extras.py
checks the same import graph quickly, without a venv.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from runcomfy_models import get_model
from runcomfy_models.testing import Emulator, JobPlan, serve
from tests.support.emulated import PAYLOADS
from tests.support.paths import ROOT

pytestmark = pytest.mark.slow

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"
TOKEN = "rc-venv-TOKEN-0a1b2c3d4e"
EXTRAS_ONLY = ("rich", "starlette", "uvicorn", "trustme", "pymediainfo")
RUN = """
import json, sys
from runcomfy_models import Client, get_model
spec = get_model({model!r})
with Client() as client:
    result = client.run(spec.input.model_validate(json.loads(sys.argv[1])), timeout=60)
print(json.dumps({{"id": result.request_id, "modules": sorted(sys.modules)}}))
"""


def _wheel(tmp_path: Path) -> Path:
    project = tmp_path / "project"  # a copy: building leaves build/ and *.egg-info behind
    shutil.copytree(ROOT / "generated", project)
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
    subprocess.run(
        [*pip, "-w", str(tmp_path), str(project)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("runcomfy_models-*.whl")
    return wheel


def _metadata(wheel: Path) -> tuple[list[str], str]:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (meta,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        (entry,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        message = Parser().parsestr(archive.read(meta).decode())
        return message.get_all("Requires-Dist") or [], archive.read(entry).decode()


def test_the_core_install_has_no_extras_and_runs_a_job(tmp_path: Path) -> None:
    wheel = _wheel(tmp_path)
    requires, entry_points = _metadata(wheel)
    core = [r.split(";")[0].strip() for r in requires if "extra ==" not in r]
    names = {r.split(">")[0].split("<")[0].split("=")[0].strip().lower() for r in core}
    assert names.isdisjoint(EXTRAS_ONLY), core
    for extra, needs in {"testing": ("starlette", "uvicorn", "trustme"), "cli": ("rich",)}.items():
        marked = " ".join(r for r in requires if f'extra == "{extra}"' in r)
        assert all(need in marked for need in needs), (extra, requires)
    assert "[console_scripts]" in entry_points
    assert "runcomfy-models = runcomfy_models.__main__:console" in entry_points
    assert "runcomfy_models = runcomfy_models._runtime.testing.pytest_plugin" in entry_points

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    listed = subprocess.run(
        [str(python), "-m", "pip", "list", "--format=json", "--disable-pip-version-check"],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    installed = {entry["name"].lower() for entry in json.loads(listed.stdout)}
    assert installed.isdisjoint(EXTRAS_ONLY)
    assert {"httpx", "pydantic", "runcomfy-models"} <= installed

    command = subprocess.run(
        [str(env_dir / "bin" / "runcomfy-models"), "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert command.returncode == 0, command.stderr
    assert "validate" in command.stdout

    plan = JobPlan(queue_seconds=0.02, run_seconds=0.02)
    with serve(Emulator(token=TOKEN, specs=get_model, plan=plan)) as emulator:
        env = {"RUNCOMFY_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": emulator.base_url, "PATH": ""}
        result = subprocess.run(
            [str(python), "-c", RUN.format(model=MODEL), json.dumps(PAYLOADS[MODEL])],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert emulator.count("submit") == 1
        # The command line too: run needs no rich (plain status lines), nor does download.
        (tmp_path / "payload.json").write_text(json.dumps(PAYLOADS[MODEL]), "utf-8")
        command_line = str(env_dir / "bin" / "runcomfy-models")
        ran = subprocess.run(
            [command_line, "run", MODEL, "payload.json", "--download", "out", "--allow-http"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert ran.returncode == 0, ran.stderr
        assert "Traceback" not in ran.stderr
        assert f"{json.loads(ran.stdout)['request_id']}: submitted" in ran.stderr
        assert (tmp_path / "out" / "output.mp4").is_file()
        assert emulator.count("submit") == 2
    loaded = {name.split(".")[0] for name in json.loads(result.stdout)["modules"]}
    assert loaded.isdisjoint(EXTRAS_ONLY)
