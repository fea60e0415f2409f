"""The emulator as downstream users meet it: the emulate command, the pytest plugin,
faults by rate, media checks; and the fault-survival run at a small size."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from benchmarks.faults import run_jobs
from runcomfy_models import get_model
from runcomfy_models.testing import Emulator, JobPlan, parse_fault, serve
from tests.conftest import GENERATED
from tests.support.emulated import PAYLOADS, png_data_uri

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"


def test_emulate_command_serves_the_generated_models(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "runcomfy_models", "emulate", "--port", "0", "--token", "t0k"],
        cwd=GENERATED,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip().split("=", 1)[1]
        assert process.stdout.readline().strip() == "RUNCOMFY_API_TOKEN=t0k"
        headers = {"Authorization": "Bearer t0k"}
        catalog = httpx.get(f"{base_url}/v1/models?limit=2&offset=1", headers=headers).json()
        assert catalog["total"] == 4
        assert [m["model_id"] for m in catalog["models"]] == [
            "bytedance/dreamina-3-0/pro/image-to-video",
            "bytedance/seedance-1-0/pro/image-to-video",
        ]
        bad = httpx.post(f"{base_url}/v1/models/{MODEL}", json={"prompt": 1}, headers=headers)
        assert bad.status_code == 422
        assert {tuple(d["loc"]) for d in bad.json()["detail"]} == {("prompt",), ("image_urls",)}
        ok = httpx.post(f"{base_url}/v1/models/{MODEL}", json=PAYLOADS[MODEL], headers=headers)
        assert ok.status_code == 200
        assert httpx.get(f"{base_url}/v1/models", headers={}).status_code == 401
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0


def test_bad_fault_specs_are_refused() -> None:
    assert parse_fault("status:rate_limit:0.25").rate == 0.25
    assert parse_fault("submit:lost_submit").times == 1
    for text in ("status", "nowhere:drop", "status:explode", "status:drop:2"):
        with pytest.raises(ValueError, match="fault"):
            parse_fault(text)


def test_emulator_checks_media_rules_when_asked() -> None:
    emulator = Emulator(specs=get_model, check_media=True, plan=JobPlan(0.01, 0.01))
    small = {"prompt": "x", "image_urls": [png_data_uri(100, 100)]}
    with serve(emulator):
        answer = httpx.post(
            f"{emulator.base_url}/v1/models/{MODEL}",
            json=small,
            headers={"Authorization": f"Bearer {emulator.token}"},
        )
    assert answer.status_code == 422
    assert [d["loc"] for d in answer.json()["detail"]] == [["image_urls[0]"], ["image_urls[0]"]]


def test_downstream_tests_use_the_pytest_plugin(tmp_path: Path) -> None:
    test_file = tmp_path / "test_downstream.py"
    test_file.write_text(f"""
from runcomfy_models.models.bytedance_dreamina_3_0_pro_image_to_video import Input
from runcomfy_models.testing import Fault

def my_code(client):
    return client.run(Input(prompt="a cat", image_urls=[{png_data_uri()!r}]), timeout=10)

def test_my_code(runcomfy_client, runcomfy_emulator):
    runcomfy_emulator.inject(Fault("status", "rate_limit", retry_after="0"))
    result = my_code(runcomfy_client)
    assert result.output.video.endswith("output.mp4")
    assert runcomfy_emulator.count("submit") == 1
""")
    env = {**os.environ, "PYTHONPATH": str(GENERATED)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "runcomfy_models._runtime.pytest_plugin",
            "-p",
            "no:cacheprovider",
            str(test_file),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_generated_project_registers_the_plugin() -> None:
    pyproject = (GENERATED / "pyproject.toml").read_text()
    plugin = 'runcomfy_models = "runcomfy_models._runtime.pytest_plugin"'
    assert f"[project.entry-points.pytest11]\n{plugin}" in pyproject


def test_faults_are_survived_and_every_job_accounted_for() -> None:
    report = run_jobs(jobs=80, concurrency=16, fault_rate=0.2, seed=5)
    print("\n".join(report.lines()))
    assert report.results_lost == 0
    assert report.outputs_lost == 0  # a lost download is fetched again from the kept URLs
    assert report.downloads_refetched == report.downloads_lost
    assert not report.untyped
    assert report.submits_sent == 80  # one per submit call, never a retry
    assert report.completed + sum(report.errors.values()) == 80
    assert report.completed >= 60
    assert 1 <= report.peak_connections <= 16


def test_failure_and_unknown_rates_shape_jobs() -> None:
    emulator = Emulator(failure_rate=0.5, unknown_status_rate=0.5, plan=JobPlan(0, 0))
    headers = {"Authorization": f"Bearer {emulator.token}"}
    with serve(emulator):
        for _ in range(20):
            httpx.post(f"{emulator.base_url}/v1/models/a/b", json={}, headers=headers)
        time.sleep(0.01)
        states = {job.state(emulator.clock()) for job in emulator.jobs.values()}
    assert states == {"failed", "mystery"}
