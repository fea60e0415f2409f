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

import pytest

from runcomfy_models.testing import Emulator, JobPlan
from tests.support.emulated import IMAGE, TOKEN
from tests.support.package import generated_tree

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"


def batch(emulator: Emulator, inputs: Path, *extra: str) -> subprocess.Popen[str]:
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
    lines = [json.dumps({"prompt": f"input {i}", "image_urls": [IMAGE]}) for i in range(count)]
    path.write_text("\n".join(lines) + "\n")


def finals(journal: Path) -> dict[int, dict[str, object]]:
    records = [json.loads(line) for line in journal.read_text().splitlines()]
    return {r["index"]: r for r in records if r.get("final")}


@pytest.mark.slow
def test_batch_writes_one_outcome_per_input(emulator: Emulator, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.jsonl"
    write_inputs(inputs, 12)
    with inputs.open("a") as handle:
        handle.write('{"prompt": 3}\n')
    process = batch(
        emulator, inputs, "--concurrency", "4", "--download", str(tmp_path / "out"), "--allow-http"
    )
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1  # one input was invalid
    outcomes = finals(tmp_path / "inputs.results.jsonl")
    assert sorted(outcomes) == list(range(13))
    assert Counter(r["status"] for r in outcomes.values()) == {"succeeded": 12, "error": 1}
    assert outcomes[12]["error_type"] == "StructuralValidationError"
    assert len(list((tmp_path / "out").rglob("output.mp4"))) == 12
    assert "12 of 13 inputs succeeded" in stderr
    assert emulator.count("submit") == 12


@pytest.mark.slow
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
    assert sorted(outcomes) == list(range(200))
    assert {r["status"] for r in outcomes.values()} == {"succeeded"}


def test_results_journal_lines_are_json(tmp_path: Path) -> None:
    # Shape of a journal, as the batch writes and reads it.
    from runcomfy_models._runtime.cli.batch import read_journal

    journal = tmp_path / "j.jsonl"
    journal.write_text(
        "\n".join(
            json.dumps(r)
            for r in (
                {"index": 0, "request_id": "a", "status": "submitted"},
                {"index": 0, "request_id": "a", "status": "succeeded", "final": True},
                {"index": 1, "request_id": "b", "status": "submitted"},
            )
        )
        + '\n{"index": 2, "req'  # a line cut short by a crash
    )
    assert read_journal(journal) == ({0: "a", 1: "b"}, {0})
