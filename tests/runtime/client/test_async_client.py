"""The async client has the same shape and behaviour as the blocking one."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from runcomfy_models import (
    AsyncClient,
    DownloadLimits,
    InsufficientBalanceError,
    JobCancelledError,
    JobFailedError,
    JobResult,
    JobStatus,
    ServerError,
    SubmitOutcomeUnknownError,
    WaitTimeoutError,
    adownload_outputs,
    get_model,
)
from runcomfy_models.testing import Emulator, Fault, JobPlan
from tests.support.emulated import PAYLOADS, async_client, payload

T = TypeVar("T")
HOUR = 3600.0


def run(awaitable: Awaitable[T]) -> T:
    async def main() -> T:
        return await awaitable

    return asyncio.run(main())


async def _with(emulator: Emulator, body: Callable[[AsyncClient], Awaitable[T]]) -> T:
    async with async_client(emulator) as client:
        return await body(client)


@pytest.mark.parametrize("model_id", sorted(PAYLOADS))
def test_run_returns_the_models_typed_output(emulator: Emulator, model_id: str) -> None:
    async def body(client: AsyncClient) -> JobResult[Any]:
        return await client.run(payload(model_id), timeout=10)

    result = run(_with(emulator, body))
    assert isinstance(result.output, get_model(model_id).output)
    assert result.output.video.endswith("/output.mp4")


def test_wait_reports_each_change_to_an_async_callback(emulator: Emulator) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0.2, run_seconds=0.2))
    seen: list[str] = []

    async def record(status: JobStatus) -> None:
        seen.append(status.state)

    async def body(client: AsyncClient) -> JobResult[Any]:
        job = await client.submit(payload())
        return await job.wait(10, on_update=record)

    run(_with(emulator, body))
    assert seen == ["in_queue", "in_progress", "completed"]


def test_cancel_failed_unknown_and_deadline(emulator: Emulator) -> None:
    emulator.plan_next(
        JobPlan(queue_seconds=HOUR),
        JobPlan(queue_seconds=0, run_seconds=HOUR),
        JobPlan(0.01, 0.01, outcome="failed", error="out of memory"),
        JobPlan(queue_seconds=0, run_seconds=0.2, status_word="mystery"),
        JobPlan(queue_seconds=HOUR),
    )

    async def body(client: AsyncClient) -> None:
        queued, running, failing, odd, slow = [await client.submit(payload()) for _ in range(5)]
        assert (await queued.cancel()).cancelled
        with pytest.raises(JobCancelledError):
            await queued.wait(5)
        outcome = await running.cancel()
        assert (outcome.cancelled, outcome.outcome) == (False, "not_cancellable")
        with pytest.raises(JobFailedError, match="out of memory"):
            await failing.wait(10)
        assert (await odd.wait(30)).request_id == odd.request_id  # waited through "mystery"
        started = time.monotonic()
        with pytest.raises(WaitTimeoutError) as info:
            await slow.wait(0.2, cancel_on_timeout=True)
        assert time.monotonic() - started < 3
        assert info.value.cancelled

    run(_with(emulator, body))


def test_errors_retries_and_the_submit_that_is_never_retried(emulator: Emulator) -> None:
    async def body(client: AsyncClient) -> None:
        job = await client.submit(payload())
        emulator.inject(Fault("status", "http_status", status=500, times=2))
        await job.status()
        assert emulator.count("status") == 3
        emulator.inject(Fault("result", "error_code", error_code=400002))
        with pytest.raises(InsufficientBalanceError):
            await job.result()
        emulator.inject(Fault("submit", "html", status=502))
        with pytest.raises(ServerError, match="HTML error page"):
            await client.submit(payload())
        emulator.inject(Fault("submit", "lost_submit"))
        with pytest.raises(SubmitOutcomeUnknownError):
            await client.submit(payload())
        assert emulator.count("submit") == 3

    run(_with(emulator, body))


def test_async_download(emulator: Emulator, tmp_path: Path) -> None:
    async def body(client: AsyncClient) -> list[Path]:
        result = await client.run(payload(), timeout=10)
        return await adownload_outputs(result, tmp_path, limits=DownloadLimits(allow_http=True))

    (path,) = run(_with(emulator, body))
    assert path.read_bytes()[4:8] == b"ftyp"
    assert emulator.files_with_credentials == 0
