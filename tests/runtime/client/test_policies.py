"""Backoff schedules and answer parsing, without a server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from runcomfy_models import JobStatus, PollPolicy, RetryPolicy
from runcomfy_models._runtime.api_answers import parse_retry_after
from runcomfy_models._runtime.jobs import parse_cancel, parse_status, state_of


def test_polling_starts_fast_and_slows_more_while_queued() -> None:
    policy = PollPolicy(initial=0.5, factor=2, max_in_progress=3, max_in_queue=10)
    queued = JobStatus("r", "in_queue", "in_queue", 4)
    running = JobStatus("r", "in_progress", "in_progress")
    delays: list[float] = []
    delay = None
    for _ in range(6):
        delay = policy.next_delay(delay, queued)
        delays.append(delay)
    assert delays == [0.5, 1, 2, 4, 8, 10]
    assert policy.next_delay(8, running) == 3


def test_retry_delay_uses_retry_after_else_bounded_jitter() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=4)
    assert policy.delay(1, 7.0) == 7.0
    samples = [policy.delay(attempt, None) for attempt in (1, 2, 3, 10) for _ in range(50)]
    assert all(0 <= s <= 4 for s in samples)
    assert max(policy.delay(1, None) for _ in range(50)) <= 0.5


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
