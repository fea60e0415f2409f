"""``run`` meets the faults RunComfy's own clients meet: a model the server (or the package)
does not know, a ``{}`` submit answer, a 400005 result read, and Ctrl-C on a job that
started before its cancel arrived (``cancellation_requested``)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from runcomfy_models import UnknownModelError, get_model
from runcomfy_models.testing import Emulator, Fault, JobPlan, ManualClock, serve
from tests.support.emulated import PAYLOADS, TOKEN
from tests.support.package import generated_tree

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"


def start(
    emulator: Emulator, tmp_path: Path, model_id: str = MODEL, *extra: str
) -> subprocess.Popen[str]:
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(PAYLOADS[MODEL]), "utf-8")
    env = {**os.environ, "RUNCOMFY_API_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": emulator.base_url}
    return subprocess.Popen(
        [sys.executable, "-m", "runcomfy_models", "run", model_id, str(payload), *extra],
        cwd=generated_tree(),
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str], stdin: str = "") -> tuple[int, str, str]:
    stdout, stderr = process.communicate(stdin, timeout=60)
    assert "Traceback" not in stderr, stderr
    return process.returncode, stdout, stderr


def all_but(model_id: str) -> Any:
    """A server's models: the package's, less ``model_id``."""

    def specs(asked: str) -> Any:
        if asked == model_id:
            raise UnknownModelError(f"no model {asked!r}")
        return get_model(asked)

    return specs


@pytest.fixture(scope="module")
def stranger() -> Iterator[Emulator]:
    """A server that does not know ``MODEL``, which the package knows."""
    plan = JobPlan(0.02, 0.02)
    catalog = [{"model_id": "acme/another-model"}]
    with serve(Emulator(token=TOKEN, specs=all_but(MODEL), plan=plan, catalog=catalog)) as made:
        yield made


def test_a_model_the_package_does_not_know_is_named(emulator: Emulator, tmp_path: Path) -> None:
    code, stdout, stderr = finish(start(emulator, tmp_path, "some/unknown-model"))
    assert code == 2
    assert "some/unknown-model" in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert stdout == ""
    assert emulator.count("submit") == 0


def test_a_model_the_server_does_not_know_is_named(stranger: Emulator, tmp_path: Path) -> None:
    code, stdout, stderr = finish(start(stranger, tmp_path))
    assert code == 1
    assert f"the server does not know the model '{MODEL}'" in stderr
    assert "NotFoundError" in stderr
    assert "400001" in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert stdout == ""
    assert stranger.jobs == {}


def test_an_estimate_for_a_model_the_server_does_not_know_is_named(
    stranger: Emulator, tmp_path: Path
) -> None:
    code, stdout, stderr = finish(start(stranger, tmp_path, MODEL, "--estimate"))
    assert code == 1
    assert f"the server does not know the model '{MODEL}'" in stderr
    assert stdout == ""


def test_an_empty_submit_answer_says_the_job_may_exist(emulator: Emulator, tmp_path: Path) -> None:
    emulator.inject(Fault("submit", "empty"))
    code, stdout, stderr = finish(start(emulator, tmp_path))
    assert code == 1
    assert "SubmitOutcomeUnknownError" in stderr
    assert MODEL in stderr
    assert "may exist" in stderr
    assert "not resubmitted" in stderr
    assert stdout == ""
    assert emulator.count("submit") == 1


def test_a_result_read_answered_400005_is_waited_through(
    emulator: Emulator, tmp_path: Path
) -> None:
    emulator.inject(Fault("result", "not_finished", times=2))
    code, stdout, stderr = finish(start(emulator, tmp_path))
    assert code == 0, stderr
    assert json.loads(stdout)["status"] == "succeeded"
    assert emulator.count("result") == 3


def test_ctrl_c_on_a_job_that_started_meanwhile_says_the_cancel_is_pending(
    tmp_path: Path,
) -> None:
    clock = ManualClock()
    plan = JobPlan(queue_seconds=10, run_seconds=3600, cancel_while_running=True)
    with serve(Emulator(token=TOKEN, specs=get_model, clock=clock, plan=plan)) as emulator:
        process = start(emulator, tmp_path)
        deadline = time.monotonic() + 30
        while emulator.count("status") < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        settled = -1
        while settled != emulator.count("status") and time.monotonic() < deadline:
            settled = emulator.count("status")  # no more polls: the prompt is up
            time.sleep(0.3)
        clock.advance(20)  # the job starts while the question waits for its answer
        code, stdout, stderr = finish(process, "y\n")
        (job,) = emulator.jobs.values()
    assert code == 130
    assert "is still queued. Cancel it? [y/N]" in stderr
    assert "cancellation requested" in stderr
    assert "not cancelled yet" in stderr
    assert f"request id: {job.request_id}" in stderr
    assert "could not be cancelled" not in stderr
    assert job.cancel_requested
    assert not job.cancelled
    assert stdout == ""
