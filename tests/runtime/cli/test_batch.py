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
    # nothing was run: no journal (not even its header) and no lock file are left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inputs.jsonl"]
    # fixed, the same command runs from a fresh journal
    write_inputs(inputs, 2)
    process = batch(emulator, inputs)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert "2 of 2 inputs succeeded" in stderr


def test_a_bad_line_in_a_resumed_batch_keeps_the_journal_as_it_was(
    emulator: Emulator, tmp_path: Path
) -> None:
    inputs, journal = tmp_path / "inputs.jsonl", tmp_path / "inputs.results.jsonl"
    write_inputs(inputs, 2)
    process = batch(emulator, inputs)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    before = journal.read_bytes()
    inputs.write_text(inputs.read_text() + '{"prompt": 3, "image_urls": []}\n')
    process = batch(emulator, inputs)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "inputs.jsonl line 3: prompt:" in stderr
    assert journal.read_bytes() == before  # nothing appended, nothing lost
    assert emulator.count("submit") == 2


def test_a_journal_made_by_another_run_while_checking_is_locked_and_replanned(
    emulator: Emulator, tmp_path: Path
) -> None:
    """The journal is created only after the checks, then locked and read again: a run
    that made it in between is seen, and its inputs are not submitted twice."""
    inputs = tmp_path / "inputs.jsonl"
    write_inputs(inputs, 3)
    first = batch(emulator, inputs)
    second = batch(emulator, inputs)
    outcomes = [first.communicate(timeout=120), second.communicate(timeout=120)]
    codes = [first.returncode, second.returncode]
    assert 0 in codes, outcomes
    for code, (_, stderr) in zip(codes, outcomes, strict=True):
        assert code == 0 or (code == 2 and "is in use by another batch" in stderr), stderr
    assert emulator.count("submit") == 3  # never an input submitted by both


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
