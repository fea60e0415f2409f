"""The emulator: fault specs, faults and failures by rate, media checks; and the
fault-survival run at a small size."""

from __future__ import annotations

import time

import httpx
import pytest

from runcomfy_models import get_model
from runcomfy_models.testing import Emulator, JobPlan, parse_fault, serve
from tests.support.emulated import png_data_uri
from tests.support.faults import run_jobs

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"


def test_bad_fault_specs_are_refused() -> None:
    assert parse_fault("status:rate_limit:0.25").rate == 0.25
    assert parse_fault("submit:lost_submit").times == 1
    for text in ("status", "nowhere:drop", "status:explode", "status:drop:2"):
        with pytest.raises(ValueError, match="fault"):
            parse_fault(text)


def test_slow_fault_takes_its_seconds_from_the_command_line() -> None:
    fault = parse_fault("submit:slow:0.5:0.25")
    assert (fault.kind, fault.rate, fault.delay, fault.times) == ("slow", 0.5, 0.25, None)
    assert parse_fault("submit:slow").delay == 1.0
    with pytest.raises(ValueError, match="must be numbers"):
        parse_fault("submit:slow:0.5:soon")


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
    # One job in 20 is cancelled while it runs: its cancel is pending, then it ends cancelled.
    assert report.cancels["cancellation_requested"] >= 1
    assert report.pending_not_cancelled == 0
    assert report.errors["JobCancelledError"] == report.cancels["cancellation_requested"]


def test_failure_and_unknown_rates_shape_jobs() -> None:
    emulator = Emulator(failure_rate=0.5, unknown_status_rate=0.5, plan=JobPlan(0, 3600))
    headers = {"Authorization": f"Bearer {emulator.token}"}
    with serve(emulator):
        for _ in range(20):
            httpx.post(f"{emulator.base_url}/v1/models/a/b", json={}, headers=headers)
        time.sleep(0.01)
        states = {job.state(emulator.clock()) for job in emulator.jobs.values()}
    assert states == {"in_progress", "mystery"}  # running: "mystery" in place of in_progress
    ends = {job.plan.outcome for job in emulator.jobs.values()}
    assert ends == {"failed", "succeeded"}
