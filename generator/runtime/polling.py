"""How a wait polls, and how a result answer is read: shared by the sync and async jobs.

Polling starts fast (a short job should not wait long for its result) and slows down
as the job runs, more so while it is only queued. A wait always has a total deadline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import ValidationError

from .errors import (
    JobCancelledError,
    JobFailedError,
    JobNotFinishedError,
    ServerError,
    UnknownJobStatusError,
)
from .jobs import JobResult, JobStatus, parse_status
from .model import OutputModel

__all__ = ["PollPolicy", "read_result", "terminal_error"]

OutputT = TypeVar("OutputT", bound=OutputModel)


@dataclass(frozen=True)
class PollPolicy:
    """Delays between status polls: from ``initial``, growing by ``factor`` per poll."""

    initial: float = 0.5
    factor: float = 1.5
    max_in_progress: float = 5.0
    max_in_queue: float = 15.0

    def next_delay(self, previous: float | None, status: JobStatus) -> float:
        ceiling = self.max_in_queue if status.state == "in_queue" else self.max_in_progress
        if previous is None:
            return min(self.initial, ceiling)
        return min(previous * self.factor, ceiling)


def terminal_error(status: JobStatus, error: Any = None) -> Exception | None:
    """The exception a finished-without-result state means, else ``None``."""
    request_id = status.request_id
    if status.state == "failed":
        detail = f": {error}" if error else ""
        return JobFailedError(
            f"job {request_id} failed{detail}", request_id=request_id, error=error
        )
    if status.state == "cancelled":
        return JobCancelledError(f"job {request_id} was cancelled", request_id=request_id)
    if status.state == "unknown":
        return UnknownJobStatusError(
            f"job {request_id} reports status {status.raw_status!r}, which this client does "
            "not know; stopped waiting rather than guess",
            request_id=request_id,
            error=status.raw_status,
        )
    return None


def read_result(body: Mapping[str, Any], output: type[OutputT]) -> JobResult[OutputT]:
    """A result answer as a typed ``JobResult``, or the error its state means."""
    status = parse_status(body)
    error = terminal_error(status, body.get("error"))
    if error is not None:
        raise error
    if status.state != "completed":
        raise JobNotFinishedError(
            f"job {status.request_id} has not finished: it is {status.raw_status}",
            request_id=status.request_id,
            error=status.raw_status,
        )
    try:
        typed = output.model_validate(body.get("output") or {})
    except ValidationError as exc:
        raise ServerError(
            f"job {status.request_id}: the output does not match the model's output schema: "
            f"{exc.error_count()} problem(s)",
            status=200,
            detail=body.get("output"),
            request_id=status.request_id,
        ) from None
    cost = body.get("cost")
    return JobResult(
        request_id=status.request_id,
        output=typed,
        created_at=body.get("created_at") if isinstance(body.get("created_at"), str) else None,
        finished_at=body.get("finished_at") if isinstance(body.get("finished_at"), str) else None,
        cost=float(cost) if isinstance(cost, int | float) and not isinstance(cost, bool) else None,
        raw=dict(body),
    )
