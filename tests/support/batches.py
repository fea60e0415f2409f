"""For batch tests: the model, ``run --batch`` in a child process against an emulator,
inputs files and what the journal holds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from runcomfy_models.testing import Emulator
from tests.support.emulated import IMAGE, TOKEN
from tests.support.package import generated_tree

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"


def batch(emulator: Emulator, inputs: Path, *extra: str) -> subprocess.Popen[str]:
    """``python -m runcomfy_models run MODEL --batch INPUTS ...`` against ``emulator``."""
    env = {**os.environ, "RUNCOMFY_API_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": emulator.base_url}
    return subprocess.Popen(
        [sys.executable, "-m", "runcomfy_models", "run", MODEL, "--batch", str(inputs), *extra],
        cwd=generated_tree(),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def write_inputs(path: Path, count: int) -> None:
    """``count`` valid inputs, one JSON object a line, each with its own prompt."""
    lines = [json.dumps({"prompt": f"input {i}", "image_urls": [IMAGE]}) for i in range(count)]
    path.write_text("\n".join(lines) + "\n")


def events(journal: Path) -> list[dict[str, Any]]:
    """Every event of a journal (the header left out)."""
    records = [json.loads(line) for line in journal.read_text().splitlines()]
    return [r for r in records if "key" in r]


def finals(journal: Path) -> dict[int, dict[str, Any]]:
    """The last success or failure of each input, by the line it was on."""
    return {r["line"]: r for r in events(journal) if r["kind"] in ("succeeded", "failed")}
