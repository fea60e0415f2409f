"""Every field the published API and RunComfy's clients read, in the emulator's answers.

Result answers carry ``request_id``, ``model_id``, ``status``, ``created_at`` (fixed when
the job is submitted) and, once the job has ended, ``finished_at`` (fixed when it ended,
however late it is read); a failed job's result and status carry an ``error`` object; a
failed job costs what the price table says. Everything goes over real HTTP to an emulator
on 127.0.0.1, its jobs on a ``ManualClock`` so that "far apart" costs no sleeping.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from runcomfy_models import Client, JobFailedError, get_model
from runcomfy_models._runtime.client.ids import REQUEST_ID
from runcomfy_models.testing import Emulator, JobPlan, ManualClock, serve
from tests.support.emulated import FAST_POLL, FAST_RETRY

TOKEN = "emulator-answers-TOKEN"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
KLING = "kling/kling-3.0/pro/text-to-video"
QWEN = "qwen/qwen-image-2.1/text-to-image"


@pytest.fixture(scope="module")
def served() -> Iterator[Emulator]:
    with serve(Emulator(token=TOKEN, specs=get_model, clock=ManualClock(1000.0))) as emulator:
        yield emulator


@pytest.fixture
def emulator(served: Emulator) -> Emulator:
    served.reset(JobPlan(queue_seconds=5, run_seconds=10))
    served.prices = None
    return served


@pytest.fixture
def clock(emulator: Emulator) -> ManualClock:
    assert isinstance(emulator.clock, ManualClock)
    return emulator.clock


@pytest.fixture
def http(emulator: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emulator.base_url, headers=AUTH, timeout=30) as made:
        yield made


def submit(http: httpx.Client, model_id: str = KLING, **values: Any) -> str:
    answer = http.post(f"/v1/models/{model_id}", json={"prompt": "a cat", **values})
    assert answer.status_code == 200, answer.text[:300]
    request_id: str = answer.json()["request_id"]
    return request_id


def result(http: httpx.Client, request_id: str, cost: bool = False) -> dict[str, Any]:
    query = "?include_cost=true" if cost else ""
    body: dict[str, Any] = http.get(f"/v1/requests/{request_id}/result{query}").json()
    return body


def status(http: httpx.Client, request_id: str) -> dict[str, Any]:
    body: dict[str, Any] = http.get(f"/v1/requests/{request_id}/status").json()
    return body


def moment(text: str) -> datetime:
    """An ISO 8601 timestamp that names its time zone; anything else fails the test."""
    when = datetime.fromisoformat(text)
    assert when.tzinfo is not None, f"{text!r} has no time zone"
    assert when.utcoffset() == timedelta(0), f"{text!r} is not UTC"
    return when


# -- timestamps ----------------------------------------------------------------------------


def test_finished_at_is_when_the_job_ended_however_late_it_is_read(
    http: httpx.Client, clock: ManualClock
) -> None:
    request_id = submit(http)
    clock.advance(100)  # the job ended 15 s after it was submitted: 85 s ago
    first = result(http, request_id)
    assert first["status"] == "succeeded"
    created, finished = moment(first["created_at"]), moment(first["finished_at"])
    assert finished - created == timedelta(seconds=15)
    clock.advance(7 * 24 * 3600)  # a week later: the same instants
    again = result(http, request_id)
    assert (again["created_at"], again["finished_at"]) == (
        first["created_at"],
        first["finished_at"],
    )


def test_created_at_is_fixed_at_submit_and_finished_at_absent_until_the_end(
    http: httpx.Client, clock: ManualClock
) -> None:
    request_id = submit(http)
    queued = result(http, request_id)
    assert queued["status"] == "in_queue"
    assert "finished_at" not in queued
    moment(queued["created_at"])
    clock.advance(6)
    running = result(http, request_id)
    assert running["status"] == "in_progress"
    assert "finished_at" not in running
    assert running["created_at"] == queued["created_at"]
    clock.advance(9)
    done = result(http, request_id)
    assert done["created_at"] == queued["created_at"]
    assert moment(done["finished_at"]) - moment(done["created_at"]) == timedelta(seconds=15)


def test_a_failed_job_ends_when_its_plan_says(
    emulator: Emulator, http: httpx.Client, clock: ManualClock
) -> None:
    emulator.plan_next(JobPlan(queue_seconds=1, run_seconds=2, outcome="failed"))
    request_id = submit(http)
    clock.advance(50)
    body = result(http, request_id)
    assert body["status"] == "failed"
    assert moment(body["finished_at"]) - moment(body["created_at"]) == timedelta(seconds=3)


def test_a_cancelled_job_ended_when_it_was_cancelled(
    http: httpx.Client, clock: ManualClock
) -> None:
    request_id = submit(http)
    clock.advance(2)
    cancel = http.post(f"/v1/requests/{request_id}/cancel")
    assert cancel.json()["outcome"] == "cancelled"
    clock.advance(3600)
    body = result(http, request_id)
    assert body["status"] == "cancelled"
    assert moment(body["finished_at"]) - moment(body["created_at"]) == timedelta(seconds=2)
    assert result(http, request_id)["finished_at"] == body["finished_at"]


def test_jobs_submitted_later_were_created_later(http: httpx.Client, clock: ManualClock) -> None:
    first = submit(http)
    clock.advance(30)
    second = submit(http)
    clock.advance(30)
    one, two = result(http, first), result(http, second)
    assert moment(one["created_at"]) <= moment(two["created_at"])
    assert moment(one["finished_at"]) <= moment(two["finished_at"])


# -- model_id, request_id ------------------------------------------------------------------


def test_results_name_the_model_and_the_job(
    emulator: Emulator, http: httpx.Client, clock: ManualClock
) -> None:
    request_id = submit(http, QWEN)
    assert REQUEST_ID.fullmatch(request_id)
    for _ in range(3):  # queued, running, done: always the same job and model
        body = result(http, request_id)
        assert (body["request_id"], body["model_id"]) == (request_id, QWEN)
        clock.advance(8)
    assert body["status"] == "succeeded"
    emulator.plan_next(JobPlan(queue_seconds=0, run_seconds=0, outcome="failed"))
    failed = submit(http, KLING)
    assert result(http, failed)["model_id"] == KLING


# -- a failed job's error --------------------------------------------------------------------


def test_a_failed_jobs_result_and_status_carry_an_error_object(
    emulator: Emulator, http: httpx.Client, clock: ManualClock
) -> None:
    emulator.plan_next(
        JobPlan(queue_seconds=0, run_seconds=1, outcome="failed", error="out of GPU memory")
    )
    request_id = submit(http)
    running = status(http, request_id)
    assert running["status"] == "in_progress"
    assert "error" not in running
    assert "error" not in result(http, request_id)
    clock.advance(2)
    error = {"code": "model_error", "message": "out of GPU memory"}
    body = result(http, request_id)
    assert (body["status"], body["error"]) == ("failed", error)
    assert "output" not in body
    assert status(http, request_id)["error"] == error
    assert status(http, request_id)["status"] == "failed"


def test_the_error_code_follows_the_plan(
    emulator: Emulator, http: httpx.Client, clock: ManualClock
) -> None:
    emulator.plan_next(
        JobPlan(0, 0, outcome="failed", error="unsafe content", error_code="content_policy")
    )
    request_id = submit(http)
    assert result(http, request_id)["error"] == {
        "code": "content_policy",
        "message": "unsafe content",
    }


def test_succeeded_and_cancelled_jobs_carry_no_error(
    http: httpx.Client, clock: ManualClock
) -> None:
    done = submit(http)
    cancelled = submit(http)
    http.post(f"/v1/requests/{cancelled}/cancel")
    clock.advance(60)
    for request_id in (done, cancelled):
        assert "error" not in result(http, request_id)
        assert "error" not in status(http, request_id)


def test_the_clients_failure_names_the_servers_message(served: Emulator) -> None:
    served.reset(JobPlan(0, 0, outcome="failed", error="out of GPU memory"))
    payload = get_model(KLING).input.model_validate({"prompt": "a cat"})
    with Client(TOKEN, base_url=served.base_url, retry=FAST_RETRY, poll=FAST_POLL) as client:
        job = client.submit(payload)
        with pytest.raises(JobFailedError) as info:
            job.wait(10)
    message = str(info.value)
    assert message == f"job {job.request_id} failed: out of GPU memory (model_error)"
    assert info.value.error == {"code": "model_error", "message": "out of GPU memory"}


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        ({"code": "oom", "message": "out of memory"}, "out of memory (oom)"),
        ({"message": "out of memory"}, "out of memory"),
        ({"code": 500123, "message": "x"}, "x (500123)"),
        ({"code": "oom"}, '{"code": "oom"}'),
        ({"message": "m" * 5000}, "m" * 497 + "..."),
        ("plain words", "plain words"),
        (["a", "b"], '["a", "b"]'),
        ({"message": "two\nlines\x00"}, "two lines"),
    ],
    ids=range(8),
)
def test_any_error_a_server_sends_is_one_short_line(error: Any, shown: str) -> None:
    from runcomfy_models._runtime.client.jobs import JobStatus
    from runcomfy_models._runtime.client.polling import terminal_error

    failure = terminal_error(JobStatus("abc", "failed", "failed"), error)
    assert isinstance(failure, JobFailedError)
    assert str(failure) == f"job abc failed: {shown}"
    assert failure.error == error


# -- what a failed job costs -------------------------------------------------------------------


def test_a_failed_job_costs_nothing_by_default(
    emulator: Emulator, http: httpx.Client, clock: ManualClock
) -> None:
    emulator.prices = {KLING: {"base_price_usd": 0.07, "price_unit": "second"}}
    emulator.plan_next(JobPlan(0, 0, outcome="failed"))
    request_id = submit(http, duration=5)
    assert result(http, request_id, cost=True)["cost"] == 0


@pytest.mark.parametrize(
    ("failed_cost", "cost"),
    [(0, Decimal(0)), (0.01, Decimal("0.01")), ("work done", Decimal("0.35"))],
)
def test_the_price_table_says_what_a_failed_job_costs(
    emulator: Emulator, http: httpx.Client, failed_cost: Any, cost: Decimal
) -> None:
    emulator.prices = {
        KLING: {"base_price_usd": 0.07, "price_unit": "second", "failed_cost": failed_cost}
    }
    emulator.plan_next(JobPlan(0, 0, outcome="failed"), JobPlan(0, 0))
    failed = submit(http, duration=5)
    succeeded = submit(http, duration=5)
    assert Decimal(repr(result(http, failed, cost=True)["cost"])) == cost
    assert Decimal(repr(result(http, succeeded, cost=True)["cost"])) == Decimal("0.35")


def test_a_cancelled_job_costs_nothing_whatever_the_table(
    emulator: Emulator, http: httpx.Client, clock: ManualClock
) -> None:
    emulator.prices = {
        KLING: {"base_price_usd": 0.07, "price_unit": "second", "failed_cost": "work done"}
    }
    request_id = submit(http, duration=5)
    http.post(f"/v1/requests/{request_id}/cancel")
    assert result(http, request_id, cost=True)["cost"] == 0


@pytest.mark.parametrize(
    "failed_cost", [-1, "all of it", None, True, float("inf"), float("nan"), 1e10, [0]]
)
def test_a_bad_failed_cost_is_refused_naming_the_model_and_field(failed_cost: Any) -> None:
    table = {"acme/x": {"base_price_usd": 1, "price_unit": "output", "failed_cost": failed_cost}}
    with pytest.raises(ValueError, match=r"prices\['acme/x'\]\.failed_cost: expected") as info:
        Emulator(prices=table)
    assert "work done" in str(info.value)
    assert "\n" not in str(info.value)


# -- numbers no double holds -------------------------------------------------------------------


@pytest.mark.parametrize(
    "number", [b"1e400", b"-1e400", b"1E+309", b"123456789e999", b"1" + b"0" * 400]
)
def test_a_number_no_double_holds_is_refused_as_other_bad_bodies(
    emulator: Emulator, http: httpx.Client, number: bytes
) -> None:
    body = b'{"prompt": "a cat", "duration": ' + number + b"}"
    answer = http.post(f"/v1/models/{KLING}", content=body)
    assert answer.status_code == 400, answer.text[:300]
    refusal = answer.json()
    assert refusal["error_code"] == 400000  # the emulator's code for a malformed request
    assert "no double" in refusal["error_message"]
    assert emulator.jobs == {}
    nested = b'{"prompt": "a cat", "extra": {"deep": [1, 2, ' + number + b"]}}"
    assert http.post(f"/v1/models/{KLING}", content=nested).status_code == 400
    assert emulator.jobs == {}


def test_numbers_a_double_holds_are_still_accepted(emulator: Emulator, http: httpx.Client) -> None:
    for number in (b"1e308", b"-1.7976931348623157e308", b"1e-400", b"5", b"5.0"):
        body = b'{"prompt": "a cat", "duration": 5, "extra": ' + number + b"}"
        answer = http.post(f"/v1/models/{KLING}", content=body)
        assert answer.status_code in (200, 422), (number, answer.text[:300])  # read as JSON


def test_a_clock_run_past_any_calendar_still_answers(
    emulator: Emulator, http: httpx.Client, clock: ManualClock
) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0, run_seconds=1e15))
    request_id = submit(http)
    clock.advance(2e15)
    body = result(http, request_id)
    assert body["status"] == "succeeded"
    clock.advance(-2e15)  # back, for the module's other tests (fractions matter there)
    assert moment(body["finished_at"]).year == 9999
