"""Batch reruns keyed by input: shifted lines, earlier failures, retries, unknown submit
outcomes, downloads retried alone, and journals that are torn, garbled, old or shared."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from runcomfy_models._runtime.cli.batch_inputs import input_key
from runcomfy_models.testing import Emulator, Fault, JobPlan
from tests.support.batches import MODEL, batch, events
from tests.support.emulated import IMAGE

pytestmark = pytest.mark.slow  # batches run as processes, several runs per test


def item(prompt: str) -> dict[str, Any]:
    return {"prompt": prompt, "image_urls": [IMAGE]}


def write(path: Path, prompts: list[str]) -> list[dict[str, Any]]:
    objects = [item(p) for p in prompts]
    path.write_text("".join(json.dumps(o) + "\n" for o in objects))
    return objects


def finish(emulator: Emulator, inputs: Path, *extra: str) -> tuple[int, str]:
    process = batch(emulator, inputs, *extra)
    _, stderr = process.communicate(timeout=120)
    assert "Traceback" not in stderr, stderr
    return process.returncode, stderr


def credited(journal: Path, data: dict[str, Any], copy: int = 1) -> str:
    """The request id the journal credits to ``data``'s success."""
    key = input_key(MODEL, data) + (f"#{copy}" if copy > 1 else "")
    [success] = [r for r in events(journal) if r["key"] == key and r["kind"] == "succeeded"]
    return str(success["request_id"])


@pytest.mark.slow
def test_shifted_batch_submits_only_the_new_input_and_credits_each_its_own(
    emulator: Emulator, tmp_path: Path
) -> None:
    inputs, journal = tmp_path / "inputs.jsonl", tmp_path / "inputs.results.jsonl"
    write(inputs, ["cat", "dog"])
    assert finish(emulator, inputs)[0] == 0
    assert emulator.count("submit") == 2
    objects = write(inputs, ["bird", "cat", "dog"])
    code, stderr = finish(emulator, inputs)
    assert code == 0, stderr
    assert emulator.count("submit") == 3  # only bird
    assert "3 of 3 inputs succeeded" in stderr
    for data in objects:
        assert emulator.jobs[credited(journal, data)].payload == data
    write(inputs, ["dog", "bird"])  # cat removed: reported, never counted
    code, stderr = finish(emulator, inputs)
    assert code == 0, stderr
    assert "2 of 2 inputs succeeded" in stderr
    assert "1 input(s) in" in stderr
    assert "no longer in" in stderr
    assert emulator.count("submit") == 3


@pytest.mark.slow
def test_rerun_counts_earlier_failures_and_retry_failed_resubmits_only_those(
    emulator: Emulator, tmp_path: Path
) -> None:
    inputs = tmp_path / "inputs.jsonl"
    write(inputs, [f"input {i}" for i in range(12)])
    emulator.plan_next(*[JobPlan(0.05, 0.05)] * 5, JobPlan(0.05, 0.05, outcome="failed"))
    code, stderr = finish(emulator, inputs, "--concurrency", "1")
    assert code == 1
    assert "11 of 12 inputs succeeded, 1 failed" in stderr
    assert "line 6: failed" in stderr
    code, stderr = finish(emulator, inputs)  # the same command again: still a failure
    assert code == 1
    assert "11 of 12 inputs succeeded, 1 failed" in stderr
    assert "--retry-failed" in stderr
    assert emulator.count("submit") == 12
    code, stderr = finish(emulator, inputs, "--retry-failed")
    assert code == 0, stderr
    assert "12 of 12 inputs succeeded" in stderr
    assert emulator.count("submit") == 13


@pytest.mark.slow
def test_a_503_on_submit_is_resubmitted_only_once_the_user_checked(
    emulator: Emulator, tmp_path: Path
) -> None:
    """A 503 may come from a gateway whose origin made the job: outcome unknown, never
    resubmitted by --retry-failed; --resubmit-unknown is the user's word that it is not."""
    inputs = tmp_path / "inputs.jsonl"
    write(inputs, ["a", "b", "c"])
    emulator.inject(Fault("submit", "http_status", status=503))
    code, stderr = finish(emulator, inputs, "--concurrency", "1")
    assert code == 1
    assert "line 1: outcome unknown" in stderr
    assert "2 of 3 inputs succeeded, 1 outcome unknown" in stderr
    assert finish(emulator, inputs, "--retry-failed")[0] == 1
    assert len(emulator.jobs) == 2
    code, stderr = finish(emulator, inputs, "--resubmit-unknown")
    assert code == 0, stderr
    assert len(emulator.jobs) == 3


@pytest.mark.slow
def test_lost_submit_answer_is_outcome_unknown_and_never_resubmitted_by_itself(
    emulator: Emulator, tmp_path: Path
) -> None:
    inputs = tmp_path / "inputs.jsonl"
    write(inputs, ["a", "b"])
    emulator.inject(Fault("submit", "lost_submit"))
    code, stderr = finish(emulator, inputs, "--concurrency", "1")
    assert code == 1
    assert "line 1: outcome unknown" in stderr
    assert "request history" in stderr
    assert "1 of 2 inputs succeeded, 1 outcome unknown" in stderr
    code, stderr = finish(emulator, inputs, "--retry-failed")
    assert code == 1
    assert "line 1: outcome unknown" in stderr
    assert len(emulator.jobs) == 2  # the lost one exists on the server: never sent again
    code, stderr = finish(emulator, inputs, "--resubmit-unknown")  # the user checked
    assert code == 0, stderr
    assert len(emulator.jobs) == 3


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["empty", "no_request_id"])
def test_a_submit_answered_without_an_id_is_outcome_unknown_naming_the_model(
    emulator: Emulator, tmp_path: Path, kind: Any
) -> None:
    """A ``{}`` (or id-less) submit answer: the job exists and cannot be followed."""
    inputs = tmp_path / "inputs.jsonl"
    write(inputs, ["a", "b"])
    emulator.inject(Fault("submit", kind))
    code, stderr = finish(emulator, inputs, "--concurrency", "1")
    assert code == 1
    assert "line 1: outcome unknown" in stderr
    assert "1 of 2 inputs succeeded, 1 outcome unknown" in stderr
    (unknown,) = [e for e in events(tmp_path / "inputs.results.jsonl") if e["kind"] == "unknown"]
    assert unknown["error_type"] == "SubmitOutcomeUnknownError"
    assert MODEL in unknown["error"]
    assert "not resubmitted" in unknown["error"]
    assert finish(emulator, inputs, "--retry-failed")[0] == 1
    assert len(emulator.jobs) == 2  # both jobs exist: the unknown one is never sent again
    code, stderr = finish(emulator, inputs, "--resubmit-unknown")  # the user checked
    assert code == 0, stderr
    assert len(emulator.jobs) == 3


@pytest.mark.parametrize("status", [500, 502, 503, 504, 520, 524])
def test_a_server_error_on_submit_is_outcome_unknown(
    emulator: Emulator, tmp_path: Path, status: int
) -> None:
    """Any 5xx or CDN error page may hide a job the origin made: never resubmitted."""
    inputs = tmp_path / "inputs.jsonl"
    write(inputs, ["a", "b"])
    emulator.inject(Fault("submit", "html", status=status))  # the origin may have the job
    code, stderr = finish(emulator, inputs, "--concurrency", "1")
    assert code == 1
    assert "line 1: outcome unknown" in stderr
    assert finish(emulator, inputs, "--retry-failed")[0] == 1
    assert emulator.count("submit") == 2


@pytest.mark.slow
def test_refused_download_keeps_the_outputs_and_a_resume_downloads_only(
    emulator: Emulator, tmp_path: Path
) -> None:
    inputs, journal = tmp_path / "inputs.jsonl", tmp_path / "inputs.results.jsonl"
    write(inputs, ["a"])
    out = tmp_path / "out"
    code, stderr = finish(emulator, inputs, "--download", str(out))  # http: refused
    assert code == 1
    # the job succeeded and was paid: the summary says so, and that a rerun resubmits nothing
    assert "1 of 1 jobs succeeded; 1 download missing: run again to fetch it" in stderr
    assert "(nothing is resubmitted)" in stderr
    assert "inputs succeeded" not in stderr
    assert "retry the download only" in stderr
    [success] = [r for r in events(journal) if r["kind"] == "succeeded"]
    assert success["output"]["video"].startswith(emulator.base_url)
    code, stderr = finish(emulator, inputs, "--download", str(out), "--allow-http")
    assert code == 0, stderr
    assert emulator.count("submit") == 1
    [saved] = [p for p in out.rglob("*") if p.is_file()]
    assert saved.name == "output.mp4"
    saved.unlink()  # files removed by hand come back on the next run, without a submit
    code, stderr = finish(emulator, inputs, "--download", str(out), "--allow-http")
    assert code == 0, stderr
    assert saved.is_file()
    assert emulator.count("submit") == 1


def test_a_journal_request_id_that_would_leave_the_download_folder_is_never_used(
    emulator: Emulator, tmp_path: Path
) -> None:
    inputs, journal = tmp_path / "inputs.jsonl", tmp_path / "inputs.results.jsonl"
    write(inputs, ["a"])
    out = tmp_path / "out"
    assert finish(emulator, inputs, "--download", str(out), "--allow-http")[0] == 0
    [request_id] = {r["request_id"] for r in events(journal) if "request_id" in r}
    # Someone edits the journal: the id now climbs out of the download folder.
    journal.write_text(journal.read_text().replace(request_id, "../escape"))
    for saved in out.rglob("*"):
        if saved.is_file():
            saved.unlink()
    code, stderr = finish(emulator, inputs, "--download", str(out), "--allow-http")
    assert code == 1
    assert "not a request id of RunComfy's form" in stderr
    assert "line 1: outcome unknown" in stderr  # never resubmitted by itself
    assert not (tmp_path / "escape").exists()
    assert [p for p in out.rglob("*") if p.is_file()] == []
    assert emulator.count("submit") == 1
    assert all(request_id in path for _, path in emulator.calls if "requests" in path)


def test_second_process_on_one_journal_is_refused(emulator: Emulator, tmp_path: Path) -> None:
    emulator.plan = JobPlan(queue_seconds=30, run_seconds=0.1)
    inputs = tmp_path / "inputs.jsonl"
    write(inputs, ["a", "b"])
    first = batch(emulator, inputs)
    deadline = time.monotonic() + 30
    while emulator.count("submit") < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    second = batch(emulator, inputs)
    _, stderr = second.communicate(timeout=60)
    first.send_signal(signal.SIGINT)
    first.communicate(timeout=60)
    assert second.returncode == 2
    assert stderr.count("\n") == 1
    assert "in use by another batch" in stderr
    assert emulator.count("submit") == 2


def test_torn_last_line_is_repaired_and_never_glued_to_the_next(
    emulator: Emulator, tmp_path: Path
) -> None:
    inputs, journal = tmp_path / "inputs.jsonl", tmp_path / "inputs.results.jsonl"
    write(inputs, ["a"])
    assert finish(emulator, inputs)[0] == 0
    with journal.open("ab") as handle:  # cut inside the two bytes of "é", no newline
        handle.write('{"kind": "succeeded", "key": "x", "output": {"v": "caf\u00e9'.encode()[:-1])
    write(inputs, ["a", "b"])
    code, stderr = finish(emulator, inputs)
    assert code == 0, stderr
    assert "cut short" in stderr
    lines = journal.read_bytes().split(b"\n")
    assert lines[-1] == b""
    torn = [line for line in lines[:-1] if not line.endswith(b"}")]
    assert len(torn) == 1  # still there, alone on its line, and everything after is whole
    assert "2 of 2 inputs succeeded" in stderr


def test_garbage_and_foreign_lines_are_skipped_with_a_warning(
    emulator: Emulator, tmp_path: Path
) -> None:
    inputs, journal = tmp_path / "inputs.jsonl", tmp_path / "inputs.results.jsonl"
    write(inputs, ["a"])
    assert finish(emulator, inputs)[0] == 0
    with journal.open("ab") as handle:
        handle.write(b'\x00\xff garbage\n[1, 2]\n{"kind": "vanished"}\n')
    code, stderr = finish(emulator, inputs)
    assert code == 0, stderr
    assert stderr.count("not a journal record; skipped") == 3
    assert emulator.count("submit") == 1


def test_journal_of_the_position_keyed_version_is_refused(
    emulator: Emulator, tmp_path: Path
) -> None:
    inputs, journal = tmp_path / "inputs.jsonl", tmp_path / "inputs.results.jsonl"
    write(inputs, ["a", "b"])
    journal.write_text('{"index": 0, "request_id": "r1", "status": "submitted"}\n')
    code, stderr = finish(emulator, inputs)
    assert code == 2
    assert stderr.count("\n") == 1
    assert "older version" in stderr
    assert emulator.count("submit") == 0


def test_journal_of_another_model_is_refused(emulator: Emulator, tmp_path: Path) -> None:
    inputs, journal = tmp_path / "inputs.jsonl", tmp_path / "inputs.results.jsonl"
    write(inputs, ["a"])
    journal.write_text('{"kind": "batch", "version": 2, "model_id": "other/model"}\n')
    code, stderr = finish(emulator, inputs)
    assert code == 2
    assert "other/model" in stderr
    assert emulator.count("submit") == 0


@pytest.mark.slow
def test_identical_lines_are_separate_inputs_counted_from_the_top(
    emulator: Emulator, tmp_path: Path
) -> None:
    inputs, journal = tmp_path / "inputs.jsonl", tmp_path / "inputs.results.jsonl"
    objects = write(inputs, ["same", "other", "same"])
    code, stderr = finish(emulator, inputs)
    assert code == 0, stderr
    assert emulator.count("submit") == 3
    first, second = credited(journal, objects[0]), credited(journal, objects[0], copy=2)
    assert first != second
    assert finish(emulator, inputs)[0] == 0
    assert emulator.count("submit") == 3
    write(inputs, ["same", "other", "same", "same"])  # one more copy: one more job
    code, stderr = finish(emulator, inputs)
    assert code == 0, stderr
    assert emulator.count("submit") == 4


def test_a_request_the_server_no_longer_knows_is_failed_not_waited_for_forever(
    emulator: Emulator, tmp_path: Path
) -> None:
    inputs, journal = tmp_path / "inputs.jsonl", tmp_path / "inputs.results.jsonl"
    [data] = write(inputs, ["a"])
    header = {"kind": "batch", "version": 2, "model_id": MODEL}
    submitted = {"kind": "submitted", "key": input_key(MODEL, data), "line": 1,
                 "request_id": "0" * 32}  # fmt: skip
    journal.write_text(json.dumps(header) + "\n" + json.dumps(submitted) + "\n")
    code, stderr = finish(emulator, inputs)
    assert code == 1
    assert f"line 1: failed (request {'0' * 32}): NotFoundError" in stderr
    assert emulator.count("submit") == 0
    code, stderr = finish(emulator, inputs, "--retry-failed")
    assert code == 0, stderr
    assert emulator.count("submit") == 1


@pytest.mark.parametrize(
    "fault",
    [Fault("submit", "rate_limit", times=20), Fault("submit", "error_code", error_code=400002)],
    ids=["429", "no balance"],
)
def test_a_refused_submit_is_not_submitted_and_retried_on_request(
    emulator: Emulator, tmp_path: Path, fault: Fault
) -> None:
    """An answer that refuses the submit proves no job exists: --retry-failed sends it."""
    inputs = tmp_path / "inputs.jsonl"
    write(inputs, ["a"])
    emulator.inject(fault)
    code, stderr = finish(emulator, inputs)
    assert code == 1
    assert "line 1: not submitted" in stderr
    assert not emulator.jobs
    emulator.faults.clear()
    code, stderr = finish(emulator, inputs, "--retry-failed")
    assert code == 0, stderr
    assert len(emulator.jobs) == 1
