"""Backoff schedules of polling and retries, without a server."""

from __future__ import annotations

from runcomfy_models import JobStatus, PollPolicy, RetryPolicy


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
