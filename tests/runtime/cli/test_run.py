"""python -m runcomfy_models run: progress, JSON result, downloads, Ctrl-C to cancel."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from runcomfy_models.testing import Emulator, JobPlan
from tests.support.emulated import PAYLOADS, TOKEN
from tests.support.package import generated_tree

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"


def start(emulator: Emulator, tmp_path: Path, *extra: str) -> subprocess.Popen[str]:
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(PAYLOADS[MODEL]), "utf-8")
    env = {**os.environ, "RUNCOMFY_API_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": emulator.base_url}
    return subprocess.Popen(
        [sys.executable, "-m", "runcomfy_models", "run", MODEL, str(payload), *extra],
        cwd=generated_tree(),
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_run_prints_the_result_and_downloads(emulator: Emulator, tmp_path: Path) -> None:
    process = start(emulator, tmp_path, "--download", str(tmp_path / "out"), "--allow-http")
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    result = json.loads(stdout)
    assert result["status"] == "succeeded"
    assert result["output"]["video"].endswith("/output.mp4")
    assert (tmp_path / "out" / "output.mp4").read_bytes()[4:8] == b"ftyp"
    assert "saved" in stderr
    assert TOKEN not in stdout + stderr


def test_ctrl_c_on_a_queued_job_offers_to_cancel_it(emulator: Emulator, tmp_path: Path) -> None:
    emulator.plan_next(JobPlan(queue_seconds=3600))
    process = start(emulator, tmp_path)
    deadline = time.monotonic() + 30
    while emulator.count("status") < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate("y\n", timeout=30)
    assert process.returncode == 130, stderr
    assert "is still queued. Cancel it? [y/N]" in stderr
    assert "was cancelled" in stderr
    (job,) = emulator.jobs.values()
    assert job.cancelled
    assert stdout == ""


def test_ctrl_c_declined_leaves_the_job_running(emulator: Emulator, tmp_path: Path) -> None:
    emulator.plan_next(JobPlan(queue_seconds=3600))
    process = start(emulator, tmp_path)
    deadline = time.monotonic() + 30
    while emulator.count("status") < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate("n\n", timeout=30)
    assert process.returncode == 130
    (job,) = emulator.jobs.values()
    assert not job.cancelled
    assert f"follow it by its request id: {job.request_id}" in stderr


def test_run_without_a_token_is_a_usage_error(tmp_path: Path) -> None:
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps(PAYLOADS[MODEL]), "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "RUNCOMFY_API_TOKEN"}
    result = subprocess.run(
        [sys.executable, "-m", "runcomfy_models", "run", MODEL, str(payload)],
        cwd=generated_tree(),
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "RUNCOMFY_API_TOKEN" in result.stderr
