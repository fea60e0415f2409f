"""Faults RunComfy's own clients meet, through the emulator over real HTTP, sync and async.

- A result read before the job ended may be answered ``400`` with ``error_code`` 400005
  ("not finished"): a wait polls on (within its deadline, never a failure), and a single
  ``result()`` raises ``JobNotFinishedError``.
- A cancel may answer ``cancellation_requested`` (the job was running and will be
  cancelled): ``CancelOutcome.pending``, not "not cancelled".
- Status, result and cancel bodies without ``request_id`` mean the job asked about.
- A ``{}`` submit answer (HTTP 200) may hide a job: ``SubmitOutcomeUnknownError`` naming
  the model, never resubmitted.
- Every documented ``error_code`` in a 200 body maps to its class.
- An unknown model is ``400`` with ``error_code`` 400001 (submit and catalog), and the
  error names the model id, whatever the server's message says.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import pytest

from runcomfy_models import (
    APIError,
    AsyncClient,
    AuthenticationError,
    Client,
    InsufficientBalanceError,
    JobCancelledError,
    JobNotFinishedError,
    NotFoundError,
    PermissionDeniedError,
    RunComfyError,
    SubmitOutcomeUnknownError,
    WaitTimeoutError,
)
from runcomfy_models._runtime.client.jobs import parse_cancel
from runcomfy_models.testing import Emulator, Fault, JobPlan
from tests.support.emulated import FAST_POLL, FAST_RETRY, PAYLOADS, TOKEN, payload
from tests.support.hostile_server import head, hostile_server

T = TypeVar("T")
KINDS = ("sync", "async")
MODEL = "bytedance/dreamina-3-0/pro/image-to-video"
HOUR = 3600.0


@asynccontextmanager
async def opened(kind: str, emulator: Emulator) -> AsyncIterator[Any]:
    """The blocking or the async client, behind one ``async with``."""
    options: dict[str, Any] = {"base_url": emulator.base_url, "retry": FAST_RETRY}
    if kind == "sync":
        with Client(TOKEN, poll=FAST_POLL, **options) as client:
            yield client
    else:
        async with AsyncClient(TOKEN, poll=FAST_POLL, **options) as aclient:
            yield aclient


async def call(method: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``method(...)``, awaited when it is a coroutine (the async client's)."""
    answer = method(*args, **kwargs)
    return await answer if inspect.isawaitable(answer) else answer


def scenario(kind: str, emulator: Emulator, body: Callable[[Any], Awaitable[T]]) -> T:
    async def main() -> T:
        async with opened(kind, emulator) as client:
            return await body(client)

    return asyncio.run(main())


async def until(job: Any, state: str, within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while (await call(job.status)).state != state:
        assert time.monotonic() < deadline, f"the job never reached {state}"
        await asyncio.sleep(0.01)


# -- 400005: the result read before the job ended ---------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_result_answered_400005_is_job_not_finished(emulator: Emulator, kind: str) -> None:
    emulator.inject(Fault("result", "not_finished"))

    async def body(client: Any) -> tuple[Any, RunComfyError]:
        job = await call(client.submit, payload())
        with pytest.raises(JobNotFinishedError) as info:
            await call(job.result)
        return job, info.value

    job, error = scenario(kind, emulator, body)
    assert isinstance(error, APIError)  # also what the API answered: status and code kept
    assert (error.status, error.error_code) == (400, 400005)
    assert error.request_id == job.request_id
    assert job.request_id in str(error)
    assert "\n" not in str(error)


@pytest.mark.parametrize("kind", KINDS)
def test_a_wait_polls_on_through_400005(emulator: Emulator, kind: str) -> None:
    emulator.inject(Fault("result", "not_finished", times=3))

    async def body(client: Any) -> Any:
        return await call(client.run, payload(), timeout=20)

    result = scenario(kind, emulator, body)
    assert result.output.video.endswith("/output.mp4")
    assert emulator.count("result") == 4
    assert emulator.count("submit") == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_job_reported_in_unknown_words_is_waited_through_400005(
    emulator: Emulator, kind: str
) -> None:
    """An unknown status word makes a wait read the result while the job runs: a server
    that answers such reads with 400005 must not end the wait."""
    emulator.plan_next(JobPlan(queue_seconds=0, run_seconds=0.3, status_word="processing"))
    emulator.inject(Fault("result", "not_finished", times=5))

    async def body(client: Any) -> Any:
        return await call(client.run, payload(), timeout=20)

    assert scenario(kind, emulator, body).output.video


@pytest.mark.parametrize("kind", KINDS)
def test_a_result_that_always_answers_400005_ends_at_the_deadline_not_in_failure(
    emulator: Emulator, kind: str
) -> None:
    emulator.inject(Fault("result", "not_finished", times=None))

    async def body(client: Any) -> WaitTimeoutError:
        job = await call(client.submit, payload())
        with pytest.raises(WaitTimeoutError) as info:
            await call(job.wait, 0.5)
        return info.value

    error = scenario(kind, emulator, body)
    assert error.last_status == "completed"
    assert emulator.count("result") >= 2  # asked again, not given up on at the first
    assert "its status says it ended (completed), but its result could not be read" in str(error)
    assert "still completed" not in str(error)


# -- cancellation_requested ---------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a_running_job_whose_cancel_is_requested_is_pending_then_cancelled(
    emulator: Emulator, kind: str
) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0, run_seconds=0.6, cancel_while_running=True))

    async def body(client: Any) -> tuple[Any, Any, Any, JobCancelledError]:
        job = await call(client.submit, payload())
        await until(job, "in_progress")
        outcome = await call(job.cancel)
        after = await call(job.status)
        with pytest.raises(JobCancelledError) as info:
            await call(job.wait, 20)
        return job, outcome, after, info.value

    job, outcome, after, error = scenario(kind, emulator, body)
    assert outcome.pending
    assert not outcome.cancelled
    assert (outcome.outcome, outcome.status) == ("cancellation_requested", "in_progress")
    assert outcome.request_id == job.request_id
    assert after.state == "in_progress"  # it runs on until it stops
    assert error.request_id == job.request_id
    assert emulator.jobs[job.request_id].state(emulator.clock()) == "cancelled"


@pytest.mark.parametrize("kind", KINDS)
def test_a_queued_job_is_cancelled_at_once_whatever_the_plan(emulator: Emulator, kind: str) -> None:
    emulator.plan_next(JobPlan(queue_seconds=HOUR, cancel_while_running=True))

    async def body(client: Any) -> Any:
        job = await call(client.submit, payload())
        return await call(job.cancel)

    outcome = scenario(kind, emulator, body)
    assert (outcome.cancelled, outcome.pending, outcome.outcome) == (True, False, "cancelled")


@pytest.mark.parametrize("kind", KINDS)
def test_a_running_job_is_not_cancellable_without_the_plan(emulator: Emulator, kind: str) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0, run_seconds=HOUR))

    async def body(client: Any) -> Any:
        job = await call(client.submit, payload())
        await until(job, "in_progress")
        return await call(job.cancel)

    outcome = scenario(kind, emulator, body)
    assert (outcome.cancelled, outcome.pending, outcome.outcome) == (
        False,
        False,
        "not_cancellable",
    )


@pytest.mark.parametrize("kind", KINDS)
def test_a_wait_cancelled_on_timeout_says_the_cancel_is_pending(
    emulator: Emulator, kind: str
) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0, run_seconds=HOUR, cancel_while_running=True))

    async def body(client: Any) -> WaitTimeoutError:
        job = await call(client.submit, payload())
        await until(job, "in_progress")
        with pytest.raises(WaitTimeoutError) as info:
            await call(job.wait, 0.3, cancel_on_timeout=True)
        return info.value

    error = scenario(kind, emulator, body)
    assert not error.cancelled
    assert error.cancel_pending
    assert "cancellation was requested" in str(error)
    assert emulator.count("cancel") == 1


# -- bodies without request_id --------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("endpoint", ["status", "result", "cancel"])
def test_answers_without_request_id_are_about_the_job_asked(
    emulator: Emulator, kind: str, endpoint: Any
) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0.1, run_seconds=0.1))
    emulator.inject(Fault(endpoint, "no_request_id", times=None))

    async def body(client: Any) -> tuple[Any, Any, Any, Any]:
        job = await call(client.submit, payload())
        status = await call(job.status)
        result = await call(job.wait, 20)
        outcome = await call(job.cancel)
        return job, status, result, outcome

    job, status, result, outcome = scenario(kind, emulator, body)
    assert status.request_id == result.request_id == outcome.request_id == job.request_id
    assert result.output.video.endswith("/output.mp4")
    assert outcome.outcome == "not_cancellable"
    assert emulator.count(endpoint) >= 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_submit_answer_without_request_id_is_outcome_unknown(
    emulator: Emulator, kind: str
) -> None:
    emulator.inject(Fault("submit", "no_request_id"))

    async def body(client: Any) -> SubmitOutcomeUnknownError:
        with pytest.raises(SubmitOutcomeUnknownError) as info:
            await call(client.submit, payload())
        return info.value

    error = scenario(kind, emulator, body)
    assert MODEL in str(error)
    assert len(emulator.jobs) == 1  # the job exists: it was made, and is billed


# -- {} submit answers -------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_submit_answer_is_outcome_unknown_naming_the_model(
    emulator: Emulator, kind: str
) -> None:
    emulator.inject(Fault("submit", "empty"))

    async def body(client: Any) -> SubmitOutcomeUnknownError:
        with pytest.raises(SubmitOutcomeUnknownError) as info:
            await call(client.submit, payload())
        return info.value

    error = scenario(kind, emulator, body)
    message = str(error)
    assert MODEL in message
    assert "may exist" in message
    assert "not resubmitted" in message
    assert "\n" not in message
    assert emulator.count("submit") == 1  # never sent again
    assert len(emulator.jobs) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_raw_submit_names_the_model_too(emulator: Emulator, kind: str) -> None:
    emulator.inject(Fault("submit", "empty"))

    async def body(client: Any) -> SubmitOutcomeUnknownError:
        with pytest.raises(SubmitOutcomeUnknownError) as info:
            await call(client.submit_raw, MODEL, PAYLOADS[MODEL])
        return info.value

    assert MODEL in str(scenario(kind, emulator, body))


# -- documented error codes in a 200 body ----------------------------------------------------

DOCUMENTED: dict[int, type[RunComfyError]] = {
    400001: NotFoundError,
    400002: InsufficientBalanceError,
    400004: AuthenticationError,
    400005: JobNotFinishedError,
    403001: PermissionDeniedError,
    403003: PermissionDeniedError,
    404001: NotFoundError,
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("code", sorted(DOCUMENTED))
def test_each_documented_code_in_a_200_body_maps_to_its_class(
    emulator: Emulator, kind: str, code: int
) -> None:
    async def body(client: Any) -> tuple[Any, RunComfyError]:
        job = await call(client.submit, payload())
        emulator.inject(Fault("result", "error_code", error_code=code))
        with pytest.raises(RunComfyError) as info:
            await call(job.result)
        return job, info.value

    job, error = scenario(kind, emulator, body)
    assert type(error) is not APIError
    assert isinstance(error, DOCUMENTED[code])
    assert isinstance(error, APIError)
    assert (error.status, error.error_code) == (200, code)
    assert error.request_id == job.request_id
    assert emulator.count("result") == 1  # none of them is retried


# -- unknown models ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_submitting_to_a_model_the_server_does_not_know(emulator: Emulator, kind: str) -> None:
    async def body(client: Any) -> NotFoundError:
        with pytest.raises(NotFoundError) as info:
            await call(client.submit_raw, "acme/no-such-model", {"prompt": "x"})
        return info.value

    error = scenario(kind, emulator, body)
    assert (error.status, error.error_code) == (400, 400001)
    assert "acme/no-such-model" in str(error)
    assert "\n" not in str(error)
    assert emulator.jobs == {}


@pytest.mark.parametrize("kind", KINDS)
def test_an_unknown_model_error_names_the_model_whatever_the_server_says(
    emulator: Emulator, kind: str
) -> None:
    """RunComfy's message ("invalid resource id") need not name the model: the client does."""
    emulator.inject(Fault("submit", "error_code", error_code=400001))
    emulator.inject(Fault("catalog", "error_code", error_code=400001))

    async def body(client: Any) -> tuple[NotFoundError, NotFoundError]:
        with pytest.raises(NotFoundError) as submitted:
            await call(client.submit, payload())
        with pytest.raises(NotFoundError) as looked_up:
            await call(client.model, MODEL)
        return submitted.value, looked_up.value

    for error in scenario(kind, emulator, body):
        assert MODEL in str(error)
        assert error.error_code == 400001


@pytest.mark.parametrize("kind", KINDS)
def test_the_catalog_entry_of_an_unknown_model_is_400001(emulator: Emulator, kind: str) -> None:
    async def body(client: Any) -> NotFoundError:
        with pytest.raises(NotFoundError) as info:
            await call(client.model, "acme/no-such-model")
        return info.value

    error = scenario(kind, emulator, body)
    assert (error.status, error.error_code) == (400, 400001)
    assert "acme/no-such-model" in str(error)


# -- every other 2xx submit answer without a usable id, from a hostile server ---------------

UNUSABLE_SUBMIT_ANSWERS: dict[str, tuple[str, bytes]] = {
    "no-body": ("application/json", b""),
    "null": ("application/json", b"null"),
    "list": ("application/json", b"[]"),
    "garbage": ("application/json", b"not json"),
    "html": ("text/html", b"<html><body>ok</body></html>"),
    "id-null": ("application/json", b'{"request_id": null}'),
    "id-empty": ("application/json", b'{"request_id": ""}'),
    "id-number": ("application/json", b'{"request_id": 7}'),
    "id-hostile": ("application/json", b'{"request_id": "../x"}'),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("answer", sorted(UNUSABLE_SUBMIT_ANSWERS))
def test_a_submit_answer_without_a_usable_id_is_outcome_unknown(kind: str, answer: str) -> None:
    """HTTP 200, and nothing to follow the job by: it may exist, and is never sent again."""
    content_type, data = UNUSABLE_SUBMIT_ANSWERS[answer]
    with hostile_server() as server:
        server.route("*", lambda seen: [head(200, {"Content-Type": content_type}, len(data)), data])

        async def main() -> SubmitOutcomeUnknownError:
            options: dict[str, Any] = {"base_url": server.base_url, "retry": FAST_RETRY}
            made = Client(TOKEN, **options) if kind == "sync" else AsyncClient(TOKEN, **options)
            with pytest.raises(SubmitOutcomeUnknownError) as info:
                await call(made.submit_raw, "acme/some-model", {"prompt": "x"})
            await call(made.close)
            return info.value

        error = asyncio.run(main())
        assert len(server.seen) == 1
    message = str(error)
    assert "acme/some-model" in message
    assert "may exist" in message
    assert "\n" not in message


@pytest.mark.parametrize("kind", KINDS)
def test_a_plain_404_on_submit_names_the_model_without_calling_it_unknown(
    emulator: Emulator, kind: str
) -> None:
    """A 404 without RunComfy's 400001 may be a wrong base URL as well as a wrong model."""
    emulator.inject(Fault("submit", "http_status", status=404))

    async def body(client: Any) -> NotFoundError:
        with pytest.raises(NotFoundError) as info:
            await call(client.submit, payload())
        return info.value

    error = scenario(kind, emulator, body)
    assert str(error).startswith(f"{MODEL}: ")
    assert "does not know" not in str(error)


def test_a_repeated_cancel_of_a_cancelled_job_says_it_is_cancelled(emulator: Emulator) -> None:
    """A retried cancel (its first answer lost) finds the job cancelled: that is no
    "not cancelled", whatever the outcome word says."""
    emulator.plan_next(JobPlan(queue_seconds=30, run_seconds=1))
    with Client(emulator.token, base_url=emulator.base_url) as client:
        job = client.submit(payload(), validate=False)
        first = job.cancel()
        again = job.cancel()
    assert (first.cancelled, again.cancelled) == (True, True)
    assert again.outcome == "not_cancellable"  # the emulator's word for an ended job
    assert (again.pending, again.unknown) == (False, False)


def test_an_empty_cancel_answer_is_unknown_not_refused() -> None:
    empty = parse_cancel({}, "job-1")
    assert (empty.cancelled, empty.pending, empty.unknown) == (False, False, True)
    said = parse_cancel({"outcome": "not_cancellable", "status": "in_progress"}, "job-1")
    assert (said.cancelled, said.unknown) == (False, False)
