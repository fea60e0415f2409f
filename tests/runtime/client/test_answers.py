"""The API's answers parsed strictly: Retry-After, status words, status and cancel bodies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from runcomfy_models._runtime.client.answers import parse_retry_after
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
