"""An answer about another job is never read as this job's (money first: a result is
never credited to another input).

A status, result or cancel answer whose ``request_id`` names a different job (a
misrouted or cached answer, a proxy mixing up connections) was taken as this job's:
``client.job("abc").status()`` returned ``JobStatus(request_id='other-job')`` and
``result()``/``wait()`` handed back the other job's outputs. Here such an answer must be
a one-line ``ServerError`` naming both ids, in the blocking and the async client; an
answer without a ``request_id`` still means the job asked about (RunComfy's own clients
read it so).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from runcomfy_models import (
    AsyncClient,
    Client,
    InvalidRequestIdError,
    JobFailedError,
    RetryPolicy,
    ServerError,
    WaitTimeoutError,
)
from tests.support.hostile_server import HostileServer, hostile_server, json_answer

TOKEN = "rc-misrouted-TOKEN-7d8e9f"
RETRY = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02, total_cap=5)
OTHER = "other-job"
THEIRS = {"image": "https://cdn.example/other-job/theirs.png"}
OURS = {"image": "https://cdn.example/abc/ours.png"}

ANSWERS: dict[str, dict[str, Any]] = {
    "status": {"request_id": OTHER, "status": "completed"},
    "result": {"request_id": OTHER, "status": "succeeded", "output": THEIRS},
    "cancel": {"request_id": OTHER, "status": "cancelled", "outcome": "cancelled"},
}


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with hostile_server() as made:
        yield made


def sync_call(server: HostileServer, action: str, request_id: str = "abc") -> Any:
    with Client(TOKEN, base_url=server.base_url, retry=RETRY, timeout=5) as c:
        return getattr(c.job(request_id), action)()


def async_call(server: HostileServer, action: str, request_id: str = "abc") -> Any:
    async def run() -> Any:
        async with AsyncClient(TOKEN, base_url=server.base_url, retry=RETRY, timeout=5) as c:
            return await getattr(c.job(request_id), action)()

    return asyncio.run(run())


CALLS: dict[str, Callable[..., Any]] = {"sync": sync_call, "async": async_call}


@pytest.mark.parametrize("kind", sorted(CALLS))
@pytest.mark.parametrize("action", sorted(ANSWERS))
def test_an_answer_naming_another_job_is_a_server_error(
    server: HostileServer, action: str, kind: str
) -> None:
    server.route("*", lambda seen: json_answer(200, ANSWERS[action]))
    with pytest.raises(ServerError) as info:
        CALLS[kind](server, action)
    message = str(info.value)
    assert "'abc'" in message
    assert f"'{OTHER}'" in message
    assert "\n" not in message
    assert len(message) < 300
    assert info.value.request_id == "abc"
    assert [seen.path for seen in server.seen] == [f"/v1/requests/abc/{action}"]


@pytest.mark.parametrize("kind", sorted(CALLS))
def test_a_failed_answer_about_another_job_does_not_fail_this_one(
    server: HostileServer, kind: str
) -> None:
    answer = {"request_id": OTHER, "status": "failed", "error": "their input was bad"}
    server.route("*", lambda seen: json_answer(200, answer))
    for action in ("status", "result"):
        with pytest.raises(ServerError) as info:
            CALLS[kind](server, action)
        assert not isinstance(info.value, JobFailedError)


@pytest.mark.parametrize("kind", sorted(CALLS))
def test_a_long_other_id_is_shortened_in_the_message(server: HostileServer, kind: str) -> None:
    long_id = "z" * 128
    server.route("*", lambda seen: json_answer(200, {"request_id": long_id, "status": "in_queue"}))
    with pytest.raises(ServerError) as info:
        CALLS[kind](server, "status", "y" * 128)
    assert len(str(info.value)) < 300
    assert "zzzz" in str(info.value)
    assert "yyyy" in str(info.value)


@pytest.mark.parametrize("kind", sorted(CALLS))
def test_a_hostile_other_id_is_still_refused_as_hostile(server: HostileServer, kind: str) -> None:
    server.route("*", lambda seen: json_answer(200, {"request_id": "..", "status": "completed"}))
    with pytest.raises(InvalidRequestIdError):
        CALLS[kind](server, "status")


@pytest.mark.parametrize("kind", sorted(CALLS))
@pytest.mark.parametrize("action", sorted(ANSWERS))
def test_an_answer_without_request_id_means_the_job_asked_about(
    server: HostileServer, action: str, kind: str
) -> None:
    answer = {k: v for k, v in ANSWERS[action].items() if k != "request_id"}
    if action == "result":
        answer["output"] = OURS
    server.route("*", lambda seen: json_answer(200, answer))
    got = CALLS[kind](server, action)
    assert got.request_id == "abc"
    if action == "result":
        assert got.output.urls() == [OURS["image"]]


@pytest.mark.parametrize("kind", sorted(CALLS))
def test_the_same_id_is_read_as_before(server: HostileServer, kind: str) -> None:
    answer = {"request_id": "abc", "status": "succeeded", "output": OURS}
    server.route("*", lambda seen: json_answer(200, answer))
    assert CALLS[kind](server, "result").output.urls() == [OURS["image"]]


def wait_for(server: HostileServer, kind: str, timeout: float) -> Any:
    if kind == "sync":
        with Client(TOKEN, base_url=server.base_url, retry=RETRY, timeout=5) as c:
            return c.job("abc").wait(timeout)

    async def run() -> Any:
        async with AsyncClient(TOKEN, base_url=server.base_url, retry=RETRY, timeout=5) as c:
            return await c.job("abc").wait(timeout)

    return asyncio.run(run())


@pytest.mark.parametrize("kind", sorted(CALLS))
def test_wait_never_returns_another_jobs_outputs(server: HostileServer, kind: str) -> None:
    server.route("/v1/requests/abc/status", lambda seen: json_answer(200, ANSWERS["status"]))
    server.route("/v1/requests/abc/result", lambda seen: json_answer(200, ANSWERS["result"]))
    with pytest.raises(WaitTimeoutError) as info:
        wait_for(server, kind, 1.5)
    assert info.value.request_id == "abc"


@pytest.mark.parametrize("kind", sorted(CALLS))
def test_wait_outlives_a_misrouted_result_and_takes_this_jobs_own(
    server: HostileServer, kind: str
) -> None:
    results = iter(
        [
            json_answer(200, ANSWERS["result"]),
            json_answer(200, {"request_id": "abc", "status": "succeeded", "output": OURS}),
        ]
    )
    done = {"request_id": "abc", "status": "completed"}
    server.route("/v1/requests/abc/status", lambda seen: json_answer(200, done))
    server.route("/v1/requests/abc/result", lambda seen: next(results))
    result = wait_for(server, kind, 20)
    assert result.request_id == "abc"
    assert result.output.urls() == [OURS["image"]]
    assert THEIRS["image"] not in str(result.raw)
