"""Status words the client does not know: the wait goes on, the job is never paid for twice.

RunComfy documents ``in_queue``, ``in_progress``, ``completed``/``succeeded``, ``failed``
and ``cancelled``; its own clients keep polling on any other word. A wait that gave up on
``processing`` left a running, billed job behind and invited a second submit.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import Any

import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from runcomfy_models import AsyncClient, Client, JobStatus, WaitTimeoutError, get_model
from runcomfy_models.testing import Emulator, JobPlan, serve
from tests.support.emulated import FAST_POLL, FAST_RETRY, TOKEN, async_client, payload

pytestmark = pytest.mark.slow  # waits run through status words and deadlines

HOUR = 3600.0
WORDS = ["processing", "pending", "waiting", "starting", "PROCESSING", "running_on_gpu_7"]


def _unique(word: str) -> str:
    """A word of its own per test: each new word is logged once per process."""
    return f"{word}-{uuid.uuid4().hex[:6]}"


@pytest.mark.parametrize("word", WORDS)
def test_an_unknown_in_progress_word_keeps_the_wait_going(
    client: Client, emulator: Emulator, word: str, caplog: pytest.LogCaptureFixture
) -> None:
    word = _unique(word)
    emulator.plan_next(JobPlan(queue_seconds=0.05, run_seconds=0.4, status_word=word))
    seen: list[JobStatus] = []
    with caplog.at_level(logging.WARNING, logger="runcomfy_models"):
        result = client.run(payload(), timeout=20, on_update=seen.append)
    assert result.output.video is not None
    assert word in [status.raw_status for status in seen]
    assert [s.state for s in seen if s.raw_status == word] == ["unknown"]
    assert seen[-1].state in ("unknown", "completed")  # the result may end it first
    assert emulator.count("submit") == 1  # never resubmitted
    logged = [r for r in caplog.records if word in r.getMessage()]
    assert len(logged) == 1, "each new word is logged once"
    assert result.request_id in logged[0].getMessage()


def test_a_word_is_logged_once_however_often_it_is_seen(
    client: Client, emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    word = _unique("warming_up")
    emulator.plan_next(*[JobPlan(0, 0.2, status_word=word) for _ in range(3)])
    with caplog.at_level(logging.WARNING, logger="runcomfy_models"):
        for _ in range(3):
            client.run(payload(), timeout=20)
    assert len([r for r in caplog.records if word in r.getMessage()]) == 1


def test_an_unknown_word_until_the_deadline_says_how_to_follow_the_job(
    client: Client, emulator: Emulator
) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0, run_seconds=HOUR, status_word="paused"))
    job = client.submit(payload())
    started = time.monotonic()
    with pytest.raises(WaitTimeoutError) as info:
        job.wait(0.5)
    assert time.monotonic() - started >= 0.5
    message = str(info.value)
    assert info.value.last_status == "paused"
    assert info.value.request_id == job.request_id
    assert "may still be running" in message
    assert f"client.job({job.request_id!r}).wait()" in message
    assert f"client.job({job.request_id!r}).cancel()" in message
    assert emulator.count("submit") == 1


def test_a_deadline_on_a_known_word_gives_the_same_advice(
    client: Client, emulator: Emulator
) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0, run_seconds=HOUR))
    job = client.submit(payload())
    with pytest.raises(WaitTimeoutError) as info:
        job.wait(0.2)
    assert "still in_progress when the wait ended after 0.2 s" in str(info.value)
    assert "may still be running" in str(info.value)


def test_a_deadline_that_cancelled_says_so(client: Client, emulator: Emulator) -> None:
    emulator.plan_next(JobPlan(queue_seconds=HOUR))
    job = client.submit(payload())
    with pytest.raises(WaitTimeoutError) as info:
        job.wait(0.2, cancel_on_timeout=True)
    assert info.value.cancelled
    assert "it was cancelled" in str(info.value)
    assert "may still be running" not in str(info.value)


def test_async_wait_goes_on_through_unknown_words(emulator: Emulator) -> None:
    word = _unique("pending")
    emulator.plan_next(JobPlan(queue_seconds=0.05, run_seconds=0.4, status_word=word))
    seen: list[str] = []

    async def record(status: JobStatus) -> None:
        seen.append(status.raw_status)

    async def body() -> Any:
        async with async_client(emulator) as made:
            return await made.run(payload(), timeout=20, on_update=record)

    result = asyncio.run(body())
    assert result.output.video is not None
    assert word in seen
    assert emulator.count("submit") == 1


def test_async_deadline_on_an_unknown_word_names_the_job(emulator: Emulator) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0, run_seconds=HOUR, status_word="starting"))

    async def body() -> tuple[str, WaitTimeoutError]:
        async with async_client(emulator) as made:
            job = await made.submit(payload())
            with pytest.raises(WaitTimeoutError) as info:
                await job.wait(0.3)
            return job.request_id, info.value

    request_id, error = asyncio.run(body())
    assert error.last_status == "starting"
    assert f"client.job({request_id!r}).cancel()" in str(error)


class _StuckStatus(Emulator):
    """Status says a word of its own even after the job ended; result tells the truth."""

    async def _status(self, request: Request) -> Response:
        answer = await super()._status(request)
        if isinstance(answer, JSONResponse) and answer.status_code == 200:
            body = dict(__import__("json").loads(answer.body))
            if body["status"] in ("completed", "failed"):
                body["status"] = "finished"
            return JSONResponse(body)
        return answer


def test_the_result_is_asked_while_status_says_an_unknown_word() -> None:
    stuck = _StuckStatus(token=TOKEN, specs=get_model, plan=JobPlan(0.02, 0.02))
    with (
        serve(stuck),
        Client(TOKEN, base_url=stuck.base_url, retry=FAST_RETRY, poll=FAST_POLL) as made,
    ):
        started = time.monotonic()
        result = made.run(payload(), timeout=30)
        assert time.monotonic() - started < 10
        assert result.output.video is not None
        stuck.plan_next(JobPlan(0.02, 0.02, outcome="failed", error="bad seed"))
        with pytest.raises(Exception, match="bad seed"):
            made.run(payload(), timeout=30)
        assert stuck.count("submit") == 2


def test_async_result_is_asked_while_status_says_an_unknown_word() -> None:
    stuck = _StuckStatus(token=TOKEN, specs=get_model, plan=JobPlan(0.02, 0.02))

    async def body() -> Any:
        async with AsyncClient(
            TOKEN, base_url=stuck.base_url, retry=FAST_RETRY, poll=FAST_POLL
        ) as made:
            return await made.run(payload(), timeout=30)

    with serve(stuck):
        assert asyncio.run(body()).output.video is not None


def test_unknown_is_not_a_terminal_state() -> None:
    from runcomfy_models._runtime.client.jobs import TERMINAL_STATES, parse_status

    status = parse_status({"request_id": "r", "status": "processing"})
    assert (status.state, status.is_terminal) == ("unknown", False)
    assert "unknown" not in TERMINAL_STATES


def test_the_error_tree_no_longer_has_an_unknown_status_error() -> None:
    import runcomfy_models
    from runcomfy_models._runtime import errors

    assert not hasattr(errors, "UnknownJobStatusError")
    assert "UnknownJobStatusError" not in runcomfy_models.__all__
    assert "UnknownJobStatus" not in (errors.__doc__ or "")


class _OddStatus(Emulator):
    """Status answers in shapes RunComfy never documented; result stays truthful."""

    def __init__(self, odd: object, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.odd = odd

    async def _status(self, request: Request) -> Response:
        answer = await super()._status(request)
        if isinstance(answer, JSONResponse) and answer.status_code == 200:
            body = dict(__import__("json").loads(answer.body))
            body["status"] = self.odd if body["status"] != "in_queue" else "in_queue"
            return JSONResponse(body)
        return answer


@pytest.mark.parametrize("odd", [None, 7, {"state": "done"}, "COMPLETED", "Succeeded", ""])
def test_odd_status_shapes_keep_waiting_and_end_on_the_result(odd: object) -> None:
    server = _OddStatus(odd, token=TOKEN, specs=get_model, plan=JobPlan(0.02, 0.1))
    with (
        serve(server),
        Client(TOKEN, base_url=server.base_url, retry=FAST_RETRY, poll=FAST_POLL) as made,
    ):
        result = made.run(payload(), timeout=30)
        assert result.output.video is not None
        assert server.count("submit") == 1


def test_a_server_inventing_words_is_logged_within_bounds(
    client: Client,
    emulator: Emulator,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from runcomfy_models._runtime.client import polling

    monkeypatch.setattr(polling, "_WORDS_LOGGED", set())  # other tests' words stay logged
    huge = "w" * 1_000_000
    emulator.plan_next(JobPlan(queue_seconds=0, run_seconds=3600, status_word=huge))
    job = client.submit(payload())
    with (
        caplog.at_level(logging.WARNING, logger="runcomfy_models"),
        pytest.raises(WaitTimeoutError) as info,
    ):
        job.wait(0.3)
    assert len(str(info.value)) < 2000
    assert "(1000000 characters)" in str(info.value)
    assert all(len(record.getMessage()) < 2000 for record in caplog.records)
    assert len(polling._WORDS_LOGGED) <= polling._MOST_WORDS
    for index in range(polling._MOST_WORDS + 10):  # a word per poll, for ever
        loop = polling.WaitLoop("r", 1, polling.PollPolicy())
        loop.changed(JobStatus("r", "unknown", f"invented-{index}-{uuid.uuid4().hex}"))
    assert len(polling._WORDS_LOGGED) == polling._MOST_WORDS
