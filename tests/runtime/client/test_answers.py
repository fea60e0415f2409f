"""The API's answers parsed strictly: Retry-After, status words, status and cancel bodies,
and the one table of error codes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from runcomfy_models import (
    APIError,
    AuthenticationError,
    InsufficientBalanceError,
    InvalidInputError,
    JobNotFinishedError,
    NotFoundError,
    PermissionDeniedError,
    ResultNotReadyError,
)
from runcomfy_models._runtime.client.answers import _BY_CODE, decode, error_for, parse_retry_after
from runcomfy_models._runtime.client.jobs import parse_cancel, parse_status, state_of


def test_retry_after_as_seconds_or_http_date() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert 25 < (parse_retry_after(later) or 0) <= 30


@pytest.mark.parametrize(
    ("word", "state"),
    [
        ("in_queue", "in_queue"),
        ("in_progress", "in_progress"),
        ("completed", "completed"),
        ("succeeded", "completed"),
        ("failed", "failed"),
        ("cancelled", "cancelled"),
        ("paused", "unknown"),
        (None, "unknown"),
    ],
)
def test_status_words_map_onto_one_state(word: str | None, state: str) -> None:
    assert state_of(word) == state


def test_answers_are_parsed_strictly() -> None:
    status = parse_status({"request_id": "r", "status": "in_queue", "queue_position": 2})
    assert (status.state, status.queue_position, status.is_terminal) == ("in_queue", 2, False)
    outcome = parse_cancel(
        {"request_id": "r", "status": "in_progress", "outcome": "not_cancellable"}
    )
    assert not outcome.cancelled
    with pytest.raises(Exception, match="no request_id"):
        parse_status({"status": "in_queue"})


DOCUMENTED: dict[int, type[APIError]] = {
    400001: NotFoundError,  # invalid resource id (a model the server does not know)
    400002: InsufficientBalanceError,
    400004: AuthenticationError,
    400005: ResultNotReadyError,  # a result read before the job ended
    403001: PermissionDeniedError,
    403003: PermissionDeniedError,
    404001: NotFoundError,  # request not found or expired
}


def test_one_table_maps_every_documented_code() -> None:
    assert dict(_BY_CODE) == DOCUMENTED
    assert issubclass(ResultNotReadyError, JobNotFinishedError)  # a wait polls on through it


@pytest.mark.parametrize("code", sorted(DOCUMENTED))
@pytest.mark.parametrize("status", [200, 400, 403, 404, 422])
@pytest.mark.parametrize("written", [int, str, float])
def test_the_code_decides_the_class_whatever_the_status(
    code: int, status: int, written: type
) -> None:
    body = {"error_code": written(code), "error_message": "refused"}
    response = httpx.Response(status, json=body, request=httpx.Request("GET", "https://x.test/"))
    error = error_for(response, *decode(response))
    assert type(error) is _BY_CODE[code]
    assert error is not None
    assert (error.status, error.error_code, error.detail) == (status, code, body)
    assert f"error_code {code}" in str(error)


def test_a_code_outside_the_table_falls_back_on_the_status() -> None:
    request = httpx.Request("GET", "https://x.test/")
    for status, cls in [(400, InvalidInputError), (403, PermissionDeniedError), (200, APIError)]:
        response = httpx.Response(status, json={"error_code": 499999}, request=request)
        assert type(error_for(response, *decode(response))) is cls
