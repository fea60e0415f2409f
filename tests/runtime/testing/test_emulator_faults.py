"""The emulator's faults of RunComfy's own clients, over raw HTTP: 400005 result reads,
answers without ``request_id``, ``{}`` answers, ``error_code`` faults with a given code,
cancels of running jobs (``cancellation_requested``), and their command-line form."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from runcomfy_models.testing import Emulator, Fault, JobPlan, ManualClock, parse_fault, serve
from tests.support.emulated import PAYLOADS, TOKEN

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def http(emulator: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emulator.base_url, headers=AUTH, timeout=30) as made:
        yield made


def submit(http: httpx.Client) -> str:
    answer = http.post(f"/v1/models/{MODEL}", json=PAYLOADS[MODEL])
    assert answer.status_code == 200, answer.text
    request_id: str = answer.json()["request_id"]
    return request_id


def wait_until(emulator: Emulator, request_id: str, state: str) -> None:
    deadline = time.monotonic() + 10
    while emulator.jobs[request_id].state(emulator.clock()) != state:
        assert time.monotonic() < deadline, f"never {state}"
        time.sleep(0.01)


def test_a_not_finished_fault_answers_400005_then_the_result(
    emulator: Emulator, http: httpx.Client
) -> None:
    request_id = submit(http)
    wait_until(emulator, request_id, "completed")
    emulator.inject(Fault("result", "not_finished", times=2))
    for _ in range(2):
        refused = http.get(f"/v1/requests/{request_id}/result")
        assert refused.status_code == 400
        assert refused.json()["error_code"] == 400005
        assert refused.json()["error_message"]
    assert http.get(f"/v1/requests/{request_id}/result").json()["status"] == "succeeded"


@pytest.mark.parametrize("endpoint", ["status", "result", "cancel"])
def test_an_answer_without_request_id_is_the_real_answer_less_the_id(
    emulator: Emulator, http: httpx.Client, endpoint: Any
) -> None:
    request_id = submit(http)
    wait_until(emulator, request_id, "completed")
    emulator.inject(Fault(endpoint, "no_request_id"))
    method = "POST" if endpoint == "cancel" else "GET"
    path = f"/v1/requests/{request_id}/{endpoint}"
    stripped = http.request(method, path)
    whole = http.request(method, path)
    assert stripped.status_code == whole.status_code
    assert "request_id" not in stripped.json()
    assert whole.json()["request_id"] == request_id
    expected = {k: v for k, v in whole.json().items() if k not in ("request_id", "finished_at")}
    assert {k: v for k, v in stripped.json().items() if k != "finished_at"} == expected


def test_a_submit_answer_without_request_id_still_makes_the_job(
    emulator: Emulator, http: httpx.Client
) -> None:
    emulator.inject(Fault("submit", "no_request_id"))
    answer = http.post(f"/v1/models/{MODEL}", json=PAYLOADS[MODEL])
    assert answer.status_code == 200
    assert "request_id" not in answer.json()
    assert answer.json()["status_url"].endswith("/status")
    assert len(emulator.jobs) == 1


def test_an_empty_answer_is_an_empty_object_after_the_work_is_done(
    emulator: Emulator, http: httpx.Client
) -> None:
    emulator.inject(Fault("submit", "empty"), Fault("status", "empty"))
    answer = http.post(f"/v1/models/{MODEL}", json=PAYLOADS[MODEL])
    assert (answer.status_code, answer.json()) == (200, {})
    (request_id,) = emulator.jobs  # made, and (on RunComfy) billed
    status = http.get(f"/v1/requests/{request_id}/status")
    assert (status.status_code, status.json()) == (200, {})
    assert http.get(f"/v1/requests/{request_id}/status").json()["request_id"] == request_id


def test_an_error_answer_does_not_use_an_answer_fault_up(
    emulator: Emulator, http: httpx.Client
) -> None:
    emulator.inject(Fault("submit", "empty"), Fault("status", "no_request_id"))
    refused = http.post(f"/v1/models/{MODEL}", json={"prompt": 5})
    assert refused.status_code == 422  # the endpoint's own error, left alone
    assert http.get("/v1/requests/nope/status").status_code == 404
    assert http.post(f"/v1/models/{MODEL}", json=PAYLOADS[MODEL]).json() == {}
    (request_id,) = emulator.jobs
    assert "request_id" not in http.get(f"/v1/requests/{request_id}/status").json()


@pytest.mark.parametrize("code", [400001, 400002, 400004, 400005, 403001, 403003, 404001])
def test_an_error_code_fault_sends_the_code_given_in_a_200(
    emulator: Emulator, http: httpx.Client, code: int
) -> None:
    emulator.inject(Fault("status", "error_code", error_code=code))
    answer = http.get("/v1/requests/any/status")
    assert answer.status_code == 200
    assert answer.json()["error_code"] == code


def test_a_running_job_with_the_plan_is_cancelled_once_its_run_would_end() -> None:
    clock = ManualClock()
    plan = JobPlan(queue_seconds=1, run_seconds=10, cancel_while_running=True)
    served = serve(Emulator(token=TOKEN, clock=clock, plan=plan))
    with (
        served as emulator,
        httpx.Client(base_url=emulator.base_url, headers=AUTH, timeout=30) as http,
    ):
        request_id = http.post("/v1/models/a/b", json={}).json()["request_id"]
        clock.advance(2)
        answer = http.post(f"/v1/requests/{request_id}/cancel")
        assert answer.status_code == 202
        assert answer.json() == {
            "request_id": request_id,
            "status": "in_progress",
            "outcome": "cancellation_requested",
        }
        again = http.post(f"/v1/requests/{request_id}/cancel").json()
        assert again["outcome"] == "cancellation_requested"  # asked twice: the same
        clock.advance(5)
        status = http.get(f"/v1/requests/{request_id}/status").json()
        assert status["status"] == "in_progress"  # it runs on until it stops
        clock.advance(5)
        assert http.get(f"/v1/requests/{request_id}/status").json()["status"] == "cancelled"
        result = http.get(f"/v1/requests/{request_id}/result?include_cost=true").json()
        # it ran its course, so the work is billed, as a running job is (API notes)
        assert result["status"] == "cancelled"
        assert result["cost"] > 0
        assert "output" not in result
        ended = http.post(f"/v1/requests/{request_id}/cancel").json()
        assert ended["outcome"] == "not_cancellable"


def test_without_the_plan_a_running_job_is_not_cancellable(
    emulator: Emulator, http: httpx.Client
) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0, run_seconds=3600))
    request_id = submit(http)
    answer = http.post(f"/v1/requests/{request_id}/cancel").json()
    assert (answer["status"], answer["outcome"]) == ("in_progress", "not_cancellable")
    assert not emulator.jobs[request_id].cancel_requested


def test_new_fault_kinds_and_arguments_on_the_command_line() -> None:
    assert parse_fault("result:not_finished").kind == "not_finished"
    assert parse_fault("status:no_request_id:0.1").rate == 0.1
    assert parse_fault("submit:empty").times == 1
    coded = parse_fault("status:error_code:1:403003")
    assert (coded.kind, coded.rate, coded.error_code) == ("error_code", 1.0, 403003)
    assert parse_fault("submit:http_status:0.5:502").status == 502
    assert parse_fault("files:html:0.5:504").status == 504
    assert parse_fault("status:slow:0.5:0.25").delay == 0.25
    refused = {
        "status:rate_limit:0.1:5": "no fourth part",
        "status:error_code:1:4.5": "CODE",
        "status:error_code:1:0": "CODE",
        "submit:http_status:1:200": "STATUS",
        "submit:http_status:1:abc": "must be numbers",
        "status:slow:1:7200": "SECONDS",
    }
    for text, message in refused.items():
        with pytest.raises(ValueError, match=message):
            parse_fault(text)


def test_answer_faults_reach_the_catalog_too(emulator: Emulator, http: httpx.Client) -> None:
    emulator.inject(Fault("catalog", "empty"))
    assert http.get("/v1/models").json() == {}
    assert http.get("/v1/models").json()["total"] >= 1
    emulator.inject(Fault("files", "empty"))  # a file is no JSON answer: left alone
    request_id = submit(http)
    wait_until(emulator, request_id, "completed")
    url = http.get(f"/v1/requests/{request_id}/result").json()["output"]["video"]
    assert http.get(urlsplit(url).path).content[4:8] == b"ftyp"  # whatever the scheme


def test_an_answer_fault_leaves_another_faults_error_alone(
    emulator: Emulator, http: httpx.Client
) -> None:
    """An ``error_code`` fault's answer is an HTTP 200 too: it stays what it is."""
    emulator.inject(Fault("submit", "error_code", error_code=403003), Fault("submit", "empty"))
    refused = http.post(f"/v1/models/{MODEL}", json=PAYLOADS[MODEL])
    assert (refused.status_code, refused.json()["error_code"]) == (200, 403003)
    assert emulator.jobs == {}
    assert http.post(f"/v1/models/{MODEL}", json=PAYLOADS[MODEL]).json() == {}
    assert [fault.fired for fault in emulator.faults] == [1, 1]
