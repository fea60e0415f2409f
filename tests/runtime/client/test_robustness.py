"""Edge cases a real network and a real API produce: malformed tokens, blips during a
wait, deadlines against retries, odd error bodies."""

from __future__ import annotations

import time
import traceback

import pytest

from runcomfy_models import (
    AuthenticationError,
    Client,
    ConnectionFailedError,
    InsufficientBalanceError,
    InvalidInputError,
    JobResult,
    RetryPolicy,
    WaitTimeoutError,
)
from runcomfy_models.testing import Emulator, Fault, JobPlan
from tests.support.emulated import FAST_POLL, FAST_RETRY, TOKEN, payload


@pytest.mark.parametrize("bad", ["tok\tSECRET", "tok SECRET", "tok-SÉCRET", "tok\nSECRET"])
def test_malformed_tokens_are_refused_without_quoting_them(emulator: Emulator, bad: str) -> None:
    with pytest.raises(AuthenticationError) as info:
        Client(bad, base_url=emulator.base_url)
    text = "".join(traceback.format_exception(info.value))
    assert "SECRET" not in text
    assert emulator.count("status") == 0


def test_whitespace_around_a_token_is_trimmed(emulator: Emulator) -> None:
    with Client(f"  {TOKEN}\n", base_url=emulator.base_url, poll=FAST_POLL) as c:
        assert isinstance(c.run(payload(), timeout=10), JobResult)


def test_base_urls_are_checked() -> None:
    for url in ("127.0.0.1:1", "ftp://example.com", "http://example.com"):
        with pytest.raises(ValueError, match="base URL"):
            Client(TOKEN, base_url=url)


def test_a_blip_while_waiting_does_not_lose_the_job(client: Client, emulator: Emulator) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0.2, run_seconds=0.2))
    job = client.submit(payload())
    emulator.inject(Fault("status", "http_status", status=503, times=FAST_RETRY.max_attempts + 3))
    result = job.wait(20)
    assert result.request_id == job.request_id


def test_wait_keeps_its_deadline_against_retries(emulator: Emulator) -> None:
    slow_retries = RetryPolicy(max_attempts=10, base_delay=1.0, max_delay=5.0, total_cap=60)
    with Client(TOKEN, base_url=emulator.base_url, retry=slow_retries, poll=FAST_POLL) as c:
        emulator.plan_next(JobPlan(queue_seconds=3600))
        job = c.submit(payload())
        emulator.inject(Fault("status", "rate_limit", retry_after="20", times=None))
        started = time.monotonic()
        with pytest.raises(WaitTimeoutError) as info:
            job.wait(1.5, cancel_on_timeout=True)
    assert time.monotonic() - started < 4
    assert info.value.request_id == job.request_id


def test_errors_after_submit_name_the_job(client: Client, emulator: Emulator) -> None:
    job = client.submit(payload())
    emulator.inject(Fault("status", "drop", times=None))
    with pytest.raises(ConnectionFailedError) as info:
        job.status()
    assert info.value.request_id == job.request_id
    assert job.request_id in str(info.value)


def test_error_code_as_a_string_counts(client: Client, emulator: Emulator) -> None:
    import httpx

    from runcomfy_models._runtime.client.answers import error_for

    response = httpx.Response(200, json={"error_code": "400002", "error_message": "no balance"})
    error = error_for(response, response.json(), False)
    assert isinstance(error, InsufficientBalanceError)
    bad = httpx.Response(
        422,
        json={"detail": [{"loc": ["body", "frames"], "msg": "bad value"}], "message": "invalid"},
    )
    error = error_for(bad, bad.json(), False)
    assert isinstance(error, InvalidInputError)
    assert "frames: bad value" in str(error)


def test_a_closed_client_raises_a_typed_error(emulator: Emulator) -> None:
    c = Client(TOKEN, base_url=emulator.base_url)
    c.close()
    with pytest.raises(ConnectionFailedError, match="the client is closed"):
        c.job("r1").status()
