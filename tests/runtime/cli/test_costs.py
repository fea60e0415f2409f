"""Costs on the command line: ``run --include-cost``, ``run --estimate`` and a batch's costs
(each success's cost in the journal, every cost and the exact total in the summary, also
after a resume), against the emulator on 127.0.0.1 with a price table."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from runcomfy_models.testing import Emulator, JobPlan
from tests.support.batches import MODEL, batch, events, write_inputs
from tests.support.emulated import PAYLOADS, TOKEN
from tests.support.package import generated_tree

KLING = "kling/kling-3.0/pro/text-to-video"
FLUX = "blackforestlabs/flux-3/text-to-video"


@pytest.fixture
def priced(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    table = {
        MODEL: {"base_price_usd": 0.07, "price_unit": "second"},  # no duration field: 2 s clip
        KLING: {"base_price_usd": 0.07, "price_unit": "second"},
    }
    monkeypatch.setattr(emulator, "prices", table)
    return emulator


def cli(emulator: Emulator, tmp_path: Path, *args: str, payload: Any = None) -> Any:
    """``python -m runcomfy_models run ...`` with ``payload`` written to a file."""
    extra = list(args)
    if payload is not None:
        path = tmp_path / "payload.json"
        path.write_text(json.dumps(payload), "utf-8")
        extra.insert(1, str(path))
    env = {**os.environ, "RUNCOMFY_API_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": emulator.base_url}
    return subprocess.run(
        [sys.executable, "-m", "runcomfy_models", "run", *extra],
        cwd=generated_tree(),
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_run_include_cost_prints_the_cost(priced: Emulator, tmp_path: Path) -> None:
    done = cli(priced, tmp_path, MODEL, "--include-cost", payload=PAYLOADS[MODEL])
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["cost"] == 0.14  # 0.07 USD/second x the emulator's 2 s clip
    assert f"{result['request_id']}: cost 0.14 USD" in done.stderr
    plain = cli(priced, tmp_path, MODEL, payload=PAYLOADS[MODEL])
    assert "cost" not in json.loads(plain.stdout)


def test_run_estimate_prints_the_estimate_and_submits_nothing(
    priced: Emulator, tmp_path: Path
) -> None:
    done = cli(priced, tmp_path, KLING, "--estimate", payload={"prompt": "a cat", "duration": 10})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "model_id": KLING,
        "estimated_cost_usd": 0.7,
        "upper_bound": False,
        "rule": "0.07 USD/second x duration 10 s = 0.7 USD",
        "price": {"base_price_usd": 0.07, "price_unit": "second", "pricing_note": None},
    }
    assert "estimate: 0.7 USD (0.07 USD/second x duration 10 s = 0.7 USD)" in done.stderr
    assert "nothing was submitted" in done.stderr
    assert priced.count("submit") == 0


def test_run_estimate_says_why_there_is_none(priced: Emulator, tmp_path: Path) -> None:
    done = cli(priced, tmp_path, FLUX, "--estimate", payload={"prompt": "a cat"})
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["estimated_cost_usd"] is None
    assert shown["rule"] == (
        "duration is 'auto' (the schema's default; the server applies its own defaults to "
        "fields you leave unset): the length is known only after the job"
    )
    assert "estimate: no estimate (duration is 'auto'" in done.stderr
    assert priced.count("submit") == 0


def test_run_estimate_of_a_maximum_count_is_an_upper_bound(
    priced: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wan = "wan-ai/wan-2.7/pro/text-to-image"  # max_images: the most images it may make
    table = {**(priced.prices or {}), wan: {"base_price_usd": 0.04, "price_unit": "output"}}
    monkeypatch.setattr(priced, "prices", table)
    done = cli(priced, tmp_path, wan, "--estimate", payload={"prompt": "a cat", "max_images": 5})
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["estimated_cost_usd"] == 0.2
    assert shown["upper_bound"] is True
    assert shown["rule"] == "0.04 USD/output x at most max_images 5 = at most 0.2 USD"
    assert "estimate: at most 0.2 USD (0.04 USD/output x at most max_images 5" in done.stderr


def test_run_estimate_checks_the_input_first(priced: Emulator, tmp_path: Path) -> None:
    done = cli(priced, tmp_path, KLING, "--estimate", payload={"prompt": "a cat", "duration": 99})
    assert done.returncode == 1
    assert "duration" in done.stderr
    assert priced.count("catalog") == 0


def test_run_estimate_with_a_batch_is_a_usage_error(priced: Emulator, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.jsonl"
    write_inputs(inputs, 1)
    done = cli(priced, tmp_path, MODEL, "--batch", str(inputs), "--estimate")
    assert done.returncode == 2
    assert done.stderr.strip() == "error: --estimate applies to one PAYLOAD.json, not to --batch"
    assert priced.count("submit") == 0


def test_the_help_says_estimate_submits_nothing(tmp_path: Path, emulator: Emulator) -> None:
    done = cli(emulator, tmp_path, "--help")
    assert "--estimate" in done.stdout
    assert "nothing is submitted" in " ".join(done.stdout.split())


def summary_of(stdout: str) -> dict[str, Any]:
    report: dict[str, Any] = json.loads(stdout)
    return report


def test_a_batch_reports_each_cost_and_the_exact_total(priced: Emulator, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.jsonl"
    write_inputs(inputs, 3)
    process = batch(priced, inputs, "--include-cost")
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    journal = tmp_path / "inputs.results.jsonl"
    succeeded = [e for e in events(journal) if e["kind"] == "succeeded"]
    assert [e["cost"] for e in succeeded] == [0.14, 0.14, 0.14]
    report = summary_of(stdout)
    assert report["total_cost_usd"] == 0.42  # summed exactly: not 0.42000000000000004
    assert report["succeeded"] == 3
    assert report["succeeded_without_cost"] == 0
    assert sorted(job["line"] for job in report["jobs"]) == [1, 2, 3]
    assert {job["request_id"] for job in report["jobs"]} == {e["request_id"] for e in succeeded}
    assert "cost: 0.42 USD in total for 3 job(s)" in stderr

    # resumed: nothing is submitted again, and the costs still come from the journal
    again = batch(priced, inputs, "--include-cost")
    stdout, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr
    assert priced.count("submit") == 3
    assert summary_of(stdout)["total_cost_usd"] == 0.42
    assert Decimal(str(summary_of(stdout)["jobs"][0]["cost"])) == Decimal("0.14")


def test_a_resumed_batch_counts_successes_without_a_cost(priced: Emulator, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.jsonl"
    write_inputs(inputs, 1)
    first = batch(priced, inputs)  # without --include-cost
    stdout, stderr = first.communicate(timeout=120)
    assert first.returncode == 0, stderr
    assert stdout == ""
    assert "cost" not in stderr
    write_inputs(inputs, 2)  # one more input
    priced.plan_next(JobPlan(queue_seconds=0.01, run_seconds=0.01))
    second = batch(priced, inputs, "--include-cost")
    stdout, stderr = second.communicate(timeout=120)
    assert second.returncode == 0, stderr
    report = summary_of(stdout)
    assert report["succeeded"] == 2
    assert report["succeeded_without_cost"] == 1
    assert report["total_cost_usd"] == 0.14
    assert [job["cost"] for job in sorted(report["jobs"], key=lambda j: j["line"])] == [None, 0.14]
    assert "1 succeeded job(s) had no cost reported (not in the total)" in stderr


def test_the_cost_total_keeps_paid_jobs_whose_lines_were_removed(
    priced: Emulator, tmp_path: Path
) -> None:
    inputs = tmp_path / "inputs.jsonl"
    write_inputs(inputs, 4)
    first = batch(priced, inputs, "--include-cost")
    stdout, stderr = first.communicate(timeout=120)
    assert first.returncode == 0, stderr
    assert summary_of(stdout)["total_cost_usd"] == 0.56
    write_inputs(inputs, 2)  # only the first two lines stay
    again = batch(priced, inputs, "--include-cost")
    stdout, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr
    assert priced.count("submit") == 4
    report = summary_of(stdout)
    assert report["total_cost_usd"] == 0.56  # every paid job of the journal, not 0.28
    assert report["succeeded"] == 4
    assert report["succeeded_without_cost"] == 0
    shown = sorted((job["line"], job["in_inputs"], job["cost"]) for job in report["jobs"])
    assert shown == [(1, True, 0.14), (2, True, 0.14), (3, False, 0.14), (4, False, 0.14)]
    assert (
        "cost: 0.56 USD in total for 4 job(s), 2 of them for inputs no longer in "
        f"{inputs}" in stderr
    )
    assert "2 of 2 inputs succeeded" in stderr  # the counts stay the file's


def test_a_billed_failure_is_in_the_total_and_kept_across_a_retry(
    emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed job may be billed (the price table's ``failed_cost``): its cost is read,
    journaled, totalled, and kept when --retry-failed submits the input again."""
    table = {MODEL: {"base_price_usd": 0.05, "price_unit": "output", "failed_cost": "work done"}}
    monkeypatch.setattr(emulator, "prices", table)
    inputs = tmp_path / "inputs.jsonl"
    write_inputs(inputs, 2)
    failing = JobPlan(queue_seconds=0.01, run_seconds=0.01, outcome="failed")
    emulator.plan_next(failing)
    emulator.plan_next(failing)
    first = batch(emulator, inputs, "--include-cost")
    stdout, stderr = first.communicate(timeout=120)
    assert first.returncode == 1, stderr
    failed = [e for e in events(tmp_path / "inputs.results.jsonl") if e["kind"] == "failed"]
    assert [e["cost"] for e in failed] == [0.05, 0.05]
    report = summary_of(stdout)
    assert report["total_cost_usd"] == 0.1
    assert report["failed_with_cost"] == 2
    assert "cost: 0.1 USD in total for 2 job(s) (2 of them failed or cancelled, and billed)" in (
        stderr
    )
    again = batch(emulator, inputs, "--include-cost", "--retry-failed")  # both succeed now
    stdout, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr
    report = summary_of(stdout)
    assert report["total_cost_usd"] == 0.2  # the two failures and the two successes
    assert sorted(job["state"] for job in report["jobs"]) == [
        "failed",
        "failed",
        "succeeded",
        "succeeded",
    ]


def test_run_include_cost_says_what_a_failed_job_cost(
    emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = {MODEL: {"base_price_usd": 0.05, "price_unit": "output", "failed_cost": "work done"}}
    monkeypatch.setattr(emulator, "prices", table)
    emulator.plan_next(JobPlan(queue_seconds=0.01, run_seconds=0.01, outcome="failed"))
    done = cli(emulator, tmp_path, MODEL, "--include-cost", payload=PAYLOADS[MODEL])
    assert done.returncode == 1
    assert "JobFailedError" in done.stderr
    assert "cost 0.05 USD" in done.stderr
