"""run --batch: bounded concurrency, one outcome line per input, and resuming after an
interruption without submitting any input twice."""

from __future__ import annotations

import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from runcomfy_models.testing import Emulator, JobPlan
from tests.support.batches import batch, finals, write_inputs


@pytest.mark.slow
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
    assert sorted(outcomes) == list(range(1, 201))
    assert {r["kind"] for r in outcomes.values()} == {"succeeded"}
