"""Every example of the SDK's guide (docs/sdk.md) runs, offline, against the emulator.

The fenced blocks of docs/sdk.md run in document order in one folder holding a local
photo (``fox.jpg``): Python blocks as scripts (a block that defines a test, with pytest
and the package's plugin), shell blocks line by line with bash. The emulator is started
from the page's own ``emulate`` line (on a free port instead of 8765, with quick jobs)
and the ``export`` line is checked against what it prints. ``pip install`` lines are
left to the packaging tests. The generated package's README is not run here: its
quick-start blocks run in tests/e2e/test_quickstart.py.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PIL import Image

from tests.support.package import generated_tree
from tests.support.paths import ROOT

BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.S | re.M)
QUICK = ["--queue-seconds", "0.05", "--run-seconds", "0.05"]


def blocks(text: str) -> list[tuple[str, str]]:
    return [(match[1], match[2]) for match in BLOCK.finditer(text)]


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNCOMFY_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(generated_tree())
    return {**env, **(extra or {})}


@contextmanager
def emulate(line: str, *extra: str, cwd: Path | None = None) -> Iterator[dict[str, str]]:
    """Run a docs ``emulate`` line on a free port (in ``cwd``: the files it names are
    the examples'); the variables it printed."""
    words = shlex.split(line, comments=True)
    if "--port" in words:
        del words[words.index("--port") : words.index("--port") + 2]
    words[0] = sys.executable
    process = subprocess.Popen(
        [*words, "--port", "0", *extra], cwd=cwd, env=_env(), stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        printed = dict(process.stdout.readline().strip().split("=", 1) for _ in range(2))
        assert set(printed) == {"RUNCOMFY_BASE_URL", "RUNCOMFY_API_TOKEN"}, printed
        yield printed
    finally:
        process.terminate()
        process.wait(30)


def _check(result: subprocess.CompletedProcess[str], what: str) -> None:
    assert (
        result.returncode == 0
    ), f"{what}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def run_examples(text: str, folder: Path) -> int:
    """Run every example of ``text`` in ``folder``; how many ran."""
    Image.new("RGB", (640, 480), (200, 90, 20)).save(folder / "fox.jpg", "JPEG")
    found = blocks(text)
    first = next(line for _, code in found for line in code.splitlines() if " emulate" in line)
    ran = 0
    with emulate(first, *QUICK) as variables:
        env = _env(variables)
        for language, code in found:
            if language == "python":
                ran += _python(code, folder, env)
            elif language == "bash":
                ran += _bash(code, folder, env, variables)
    return ran


def _python(code: str, folder: Path, env: dict[str, str]) -> int:
    if "def test_" in code:
        script = folder / "test_docs_example.py"
        script.write_text(code, "utf-8")
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        command += ["-p", "runcomfy_models._runtime.testing.pytest_plugin", str(script)]
    else:
        script = folder / "docs_example.py"
        script.write_text(code, "utf-8")
        command = [sys.executable, str(script)]
    result = subprocess.run(
        command, cwd=folder, env=env, capture_output=True, text=True, check=False, timeout=180
    )
    _check(result, code)
    return 1


def _bash(code: str, folder: Path, env: dict[str, str], variables: dict[str, str]) -> int:
    ran = 0
    for line in code.splitlines():
        words = shlex.split(line, comments=True)
        if not words or words[:2] == ["pip", "install"]:
            continue
        if words[0] == "export":
            exported = dict(word.split("=", 1) for word in words[1:])
            assert exported["RUNCOMFY_API_TOKEN"] == variables["RUNCOMFY_API_TOKEN"]
            assert exported["RUNCOMFY_BASE_URL"].startswith("http://127.0.0.1:")
            continue
        if "emulate" in words:
            with emulate(line, cwd=folder):  # starts, prints its variables, stops
                ran += 1
            continue
        result = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", line],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=180,
        )
        _check(result, line)
        ran += 1
    return ran


@pytest.mark.slow
def test_the_sdk_guide_examples_run_offline(tmp_path: Path) -> None:
    text = (ROOT / "docs" / "sdk.md").read_text("utf-8")
    assert "example.com" not in "".join(code for _, code in blocks(text))
    assert run_examples(text, tmp_path) >= 12
    assert (tmp_path / "out" / "output.mp4").exists()  # run --download saved the output
    assert (tmp_path / "inputs.results.jsonl").exists()  # the batch ran
