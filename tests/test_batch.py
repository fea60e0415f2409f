"""run --batch: bounded concurrency, one outcome line per input, and resuming after an
interruption without submitting any input twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from runcomfy_models.testing import Emulator, JobPlan
from tests.conftest import GENERATED
from tests.support.emulated import IMAGE, TOKEN, emulator, served

__all__ = ["emulator", "served"]  # fixtures

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"


def batch(emulator: Emulator, inputs: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "RUNCOMFY_API_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": emulator.base_url}
    return subprocess.Popen(
        [sys.executable, "-m", "runcomfy_models", "run", MODEL, "--batch", str(inputs), *extra],
        cwd=GENERATED,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def write_inputs(path: Path, count: int) -> None:
    lines = [json.dumps({"prompt": f"input {i}", "image_urls": [IMAGE]}) for i in range(count)]
    path.write_text("\n".join(lines) + "\n")


def events(journal: Path) -> list[dict[str, Any]]:
    """Every event of a journal (the header left out)."""
    records = [json.loads(line) for line in journal.read_text().splitlines()]
    return [r for r in records if "key" in r]


def finals(journal: Path) -> dict[int, dict[str, Any]]:
    """The last success or failure of each input, by the line it was on."""
    return {r["line"]: r for r in events(journal) if r["kind"] in ("succeeded", "failed")}


def test_batch_writes_one_outcome_per_input(emulator: Emulator, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.jsonl"
    write_inputs(inputs, 12)
    process = batch(
        emulator, inputs, "--concurrency", "4", "--download", str(tmp_path / "out"), "--allow-http"
    )
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    outcomes = finals(tmp_path / "inputs.results.jsonl")
    assert sorted(outcomes) == list(range(1, 13))  # lines numbered from 1
    assert {r["kind"] for r in outcomes.values()} == {"succeeded"}
    assert len(list((tmp_path / "out").rglob("output.mp4"))) == 12
    assert "12 of 12 inputs succeeded" in stderr
    assert emulator.count("submit") == 12


def test_a_bad_line_is_found_before_anything_is_submitted(
    emulator: Emulator, tmp_path: Path
) -> None:
    inputs = tmp_path / "inputs.jsonl"
    write_inputs(inputs, 12)
    lines = inputs.read_text().splitlines()
    lines[5] = '{"prompt": 3, "image_urls": []}'
    lines[8] = "{not json"
    inputs.write_text("\n".join(lines) + "\n")
    process = batch(emulator, inputs)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "inputs.jsonl line 6: prompt:" in stderr
    assert "inputs.jsonl line 9: not JSON" in stderr
    assert "nothing was submitted" in stderr
    assert emulator.count("submit") == 0


def test_interrupted_batch_resumes_without_submitting_twice(
    emulator: Emulator, tmp_path: Path
) -> None:
    emulator.plan = JobPlan(queue_seconds=0.3, run_seconds=0.1)
    inputs = tmp_path / "inputs.jsonl"
    write_inputs(inputs, 200)
    first = batch(emulator, inputs, "--concurrency", "16")
    deadline = time.monotonic() + 60
    while emulator.count("submit") < 100 and time.monotonic() < deadline:
        time.sleep(0.01)
    first.send_signal(signal.SIGINT)
    _, stderr = first.communicate(timeout=60)
    assert first.returncode == 130, stderr
    assert "run the same command again to resume" in stderr
    submitted_before = emulator.count("submit")
    assert 100 <= submitted_before < 200

    second = batch(emulator, inputs, "--concurrency", "16")
    _, stderr = second.communicate(timeout=120)
    assert second.returncode == 0, stderr
    prompts = Counter(job.payload["prompt"] for job in emulator.jobs.values())
    assert emulator.count("submit") == 200
    assert len(prompts) == 200
    assert set(prompts.values()) == {1}  # every input submitted exactly once
    outcomes = finals(tmp_path / "inputs.results.jsonl")
    assert sorted(outcomes) == list(range(1, 201))
    assert {r["kind"] for r in outcomes.values()} == {"succeeded"}
