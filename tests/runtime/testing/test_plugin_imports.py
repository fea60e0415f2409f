"""What a project pays for merely having the package installed, and the emulator's
port-in-use: one line, not a traceback."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from tests.support.package import generated_tree

PLUGIN = "runcomfy_models._runtime.testing.pytest_plugin"
HEAVY = ("httpx", "pydantic", "pydantic_core", "starlette", "uvicorn", "rich", "PIL", "anyio")

UNRELATED = """
import json, sys

def test_unrelated():
    assert 1 + 1 == 2

def teardown_module():
    with open({out!r}, "w") as handle:
        json.dump(sorted(sys.modules), handle)
"""


def _session(tmp_path: Path, name: str, *plugin: str) -> set[str]:
    """Run an unrelated pytest session; the modules it ended with."""
    out = tmp_path / f"{name}.json"
    test_file = tmp_path / f"test_{name}.py"
    test_file.write_text(UNRELATED.format(out=str(out)), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(generated_tree()), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugin, str(test_file)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return set(json.loads(out.read_text("utf-8")))


def test_the_pytest_plugin_imports_nothing_heavy_until_a_fixture_is_used(
    tmp_path: Path,
) -> None:
    without = _session(tmp_path, "without")
    with_plugin = _session(tmp_path, "with", "-p", PLUGIN)
    added = with_plugin - without
    assert PLUGIN in added  # the plugin really was loaded
    heavy = sorted(m for m in added if m.split(".")[0] in HEAVY)
    assert heavy == [], f"the plugin imported {heavy}"
    # Only the package's light modules: its __init__, errors, surface, the registry.
    ours = {m for m in added if m.startswith("runcomfy_models")}
    parts = {part for m in ours for part in m.split(".")}
    heavy_layers = {"client", "emulator", "server", "spec", "rules", "media", "validation"}
    assert not parts & heavy_layers, sorted(ours)
    assert len(added - ours) <= 15, sorted(added - ours)


def test_emulate_on_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "runcomfy_models", "emulate", "--port", str(port)],
            cwd=generated_tree(),
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"port {port}" in lines[0]
    assert "in use" in lines[0]
    assert "--port 0" in lines[0]
    assert "RUNCOMFY_BASE_URL" not in result.stdout


def test_emulate_on_an_impossible_port_is_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "runcomfy_models", "emulate", "--port", "99999"],
        cwd=generated_tree(),
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: --port 99999: a port is 0 to 65535 (0: any free one)"
    ]
