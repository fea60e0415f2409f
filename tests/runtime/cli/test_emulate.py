"""python -m runcomfy_models emulate: the emulator served for any client, until Ctrl-C."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

import runcomfy_models
from tests.support.emulated import PAYLOADS
from tests.support.package import generated_tree

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"


def test_emulate_command_serves_the_generated_models(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "runcomfy_models", "emulate", "--port", "0", "--token", "t0k"],
        cwd=generated_tree(),
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
        assert catalog["total"] == len(runcomfy_models.model_ids())
        assert [m["model_id"] for m in catalog["models"]] == list(runcomfy_models.model_ids()[1:3])
        bad = httpx.post(f"{base_url}/v1/models/{MODEL}", json={"prompt": 1}, headers=headers)
        assert bad.status_code == 422
        assert {tuple(d["loc"]) for d in bad.json()["detail"]} == {("prompt",), ("image_urls",)}
        ok = httpx.post(f"{base_url}/v1/models/{MODEL}", json=PAYLOADS[MODEL], headers=headers)
        assert ok.status_code == 200
        assert httpx.get(f"{base_url}/v1/models", headers={}).status_code == 401
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0


def emulate(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "runcomfy_models", "emulate", "--port", "0", *args],
        cwd=generated_tree(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_status_word_makes_running_jobs_report_it(tmp_path: Path) -> None:
    """The issue's `processing` case, reproduced from the command line."""
    process = emulate(
        "--token", "t0k", "--status-word", "processing", "--queue-seconds", "0",
        "--run-seconds", "600",
    )  # fmt: skip
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip().split("=", 1)[1]
        headers = {"Authorization": "Bearer t0k"}
        ok = httpx.post(f"{base_url}/v1/models/{MODEL}", json=PAYLOADS[MODEL], headers=headers)
        assert ok.status_code == 200, ok.text
        request_id = ok.json()["request_id"]
        status = httpx.get(f"{base_url}/v1/requests/{request_id}/status", headers=headers)
        assert status.json()["status"] == "processing"
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0


@pytest.mark.parametrize("word", ["", " ", "in progress", "a\nb", "x" * 65, "caf\u00e9"])
def test_a_status_word_that_is_not_a_word_is_a_usage_error(word: str) -> None:
    process = emulate("--status-word", word)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 2
    (line,) = stderr.strip().splitlines()
    assert line.startswith("error: --status-word ")


def test_prices_file_prices_the_catalog_and_the_results(tmp_path: Path) -> None:
    prices = tmp_path / "prices.json"
    table = {MODEL: {"base_price_usd": 0.07, "price_unit": "second", "pricing_note": "720p"}}
    prices.write_text(json.dumps(table), "utf-8")
    process = emulate(
        "--token", "t0k", "--prices", str(prices), "--queue-seconds", "0", "--run-seconds", "0"
    )  # fmt: skip
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip().split("=", 1)[1]
        headers = {"Authorization": "Bearer t0k"}
        entry = httpx.get(f"{base_url}/v1/models/{MODEL}", headers=headers).json()
        assert (entry["base_price_usd"], entry["price_unit"], entry["pricing_note"]) == (
            0.07,
            "second",
            "720p",
        )
        other = "qwen/qwen-image-2.1/text-to-image"  # not in the table: the default
        assert (
            httpx.get(f"{base_url}/v1/models/{other}", headers=headers).json()["price_unit"]
            == "output"
        )
        ok = httpx.post(f"{base_url}/v1/models/{MODEL}", json=PAYLOADS[MODEL], headers=headers)
        request_id = ok.json()["request_id"]
        result = httpx.get(
            f"{base_url}/v1/requests/{request_id}/result?include_cost=true", headers=headers
        ).json()
        assert result["cost"] == 0.14  # no duration field: 0.07 USD/second x the 2 s clip
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "cannot be read"),
        ("{not json", "not a JSON file"),
        ("[]", "expected an object mapping model ids to prices"),
        ('{"a/b": {"base_price_usd": "1", "price_unit": "second"}}', "base_price_usd"),
        ('{"a/b": {"base_price_usd": 1}}', "price_unit: expected a non-empty string"),
        (
            '{"a/b": {"base_price_usd": 1, "price_unit": "second", "failed_cost": "half"}}',
            "failed_cost: expected a number of USD from 0 to 1,000,000,000 or 'work done'",
        ),
    ],
)
def test_a_bad_prices_file_is_a_usage_error(
    tmp_path: Path, content: str | None, problem: str
) -> None:
    prices = tmp_path / "prices.json"
    if content is not None:
        prices.write_text(content, "utf-8")
    process = emulate("--prices", str(prices))
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 2
    (line,) = stderr.strip().splitlines()
    assert line.startswith(f"error: --prices {prices}: ")
    assert problem in line


def _first_request_id() -> str:
    process = emulate("--token", "t0k", "--seed", "3")
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip().split("=", 1)[1]
        headers = {"Authorization": "Bearer t0k"}
        ok = httpx.post(f"{base_url}/v1/models/{MODEL}", json=PAYLOADS[MODEL], headers=headers)
        assert ok.status_code == 200, ok.text
        request_id: str = ok.json()["request_id"]
        return request_id
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0


def test_two_emulate_processes_one_after_the_other_never_repeat_a_request_id() -> None:
    from runcomfy_models._runtime.client.ids import REQUEST_ID

    first, second = _first_request_id(), _first_request_id()
    assert first != second
    assert REQUEST_ID.fullmatch(first)
    assert REQUEST_ID.fullmatch(second)


def test_a_prices_file_says_what_a_failed_job_costs(tmp_path: Path) -> None:
    prices = tmp_path / "prices.json"
    table = {MODEL: {"base_price_usd": 0.07, "price_unit": "second", "failed_cost": 0.01}}
    prices.write_text(json.dumps(table), "utf-8")
    process = emulate(
        "--token", "t0k", "--prices", str(prices), "--failure-rate", "1",
        "--queue-seconds", "0", "--run-seconds", "0",
    )  # fmt: skip
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip().split("=", 1)[1]
        headers = {"Authorization": "Bearer t0k"}
        ok = httpx.post(f"{base_url}/v1/models/{MODEL}", json=PAYLOADS[MODEL], headers=headers)
        request_id = ok.json()["request_id"]
        result = httpx.get(
            f"{base_url}/v1/requests/{request_id}/result?include_cost=true", headers=headers
        ).json()
        assert (result["status"], result["cost"], result["model_id"]) == ("failed", 0.01, MODEL)
        assert result["error"]["message"]
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0


def _strict(line: str) -> dict[str, object]:
    """A JSON line as a strict reader takes it: ``Infinity`` or ``NaN`` fail the test."""

    def refuse(name: str) -> object:
        raise AssertionError(f"{name} in a recorded line: {line[:200]}")

    loaded: dict[str, object] = json.loads(line, parse_constant=refuse)
    return loaded


def test_two_emulators_at_once_record_distinct_ids_and_never_infinity(tmp_path: Path) -> None:
    """Two emulate processes side by side (same seed, same record file): every id is new and
    of RunComfy's form, and a body with 1e400 is refused, so the record stays JSON."""
    from runcomfy_models._runtime.client.ids import REQUEST_ID

    record = tmp_path / "jobs.jsonl"
    processes = [emulate("--token", "t0k", "--seed", "3", "--record", str(record)) for _ in "ab"]
    headers = {"Authorization": "Bearer t0k", "Content-Type": "application/json"}
    huge = json.dumps(PAYLOADS[MODEL])[:-1] + ', "seed": 1e400}'
    try:
        ids = []
        for process in processes:
            assert process.stdout is not None
            base_url = process.stdout.readline().strip().split("=", 1)[1]
            for _ in range(3):
                ok = httpx.post(
                    f"{base_url}/v1/models/{MODEL}", json=PAYLOADS[MODEL], headers=headers
                )
                assert ok.status_code == 200, ok.text
                ids.append(ok.json()["request_id"])
            refused = httpx.post(f"{base_url}/v1/models/{MODEL}", content=huge, headers=headers)
            assert refused.status_code == 400, refused.text[:300]
            assert "no double" in refused.json()["error_message"]
    finally:
        for process in processes:
            process.send_signal(signal.SIGINT)
        for process in processes:
            assert process.wait(10) == 0
    assert len(set(ids)) == 6
    assert all(REQUEST_ID.fullmatch(rid) for rid in ids)
    lines = record.read_text("utf-8").splitlines()
    assert sorted(str(_strict(line)["request_id"]) for line in lines) == sorted(ids)
