# Generated from generator/runtime/client/polling.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""How a wait polls, and how a result answer is read: shared by the sync and async jobs.

Polling starts fast (a short job should not wait long for its result) and slows down
as the job runs, more so while it is only queued. A wait always has a total deadline.
Only the documented end words end a wait (``completed``/``succeeded``, ``failed``,
``cancelled``): a word this client does not know (``processing``, ``pending``, ...) is
taken for a job still under way, since giving up on a job that goes on running (and
billing) invites a second, paid submit.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import ValidationError

from ..core.cost import MAX_COST_USD, cost_of, shown_usd
from ..core.model import OutputModel
from ..errors import (
    JobCancelledError,
    JobFailedError,
    JobNotFinishedError,
    NotFoundError,
    RateLimitedError,
    RunComfyError,
    ServerError,
    TransportError,
    WaitTimeoutError,
)
from .ids import shown
from .jobs import CancelOutcome, JobResult, JobStatus, parse_status

__all__ = [
    "TRANSIENT",
    "PollPolicy",
    "WaitLoop",
    "failure_text",
    "read_result",
    "terminal_error",
    "with_model_id",
    "with_request_id",
]

OutputT = TypeVar("OutputT", bound=OutputModel)
log = logging.getLogger("runcomfy_models")
UNKNOWN_MODEL_CODE = 400001  # "invalid resource id": a model the server does not know
_WORDS_LOGGED: set[str] = set()
_MOST_WORDS = 64  # a server inventing a word per poll must not grow the set for ever


def shown_word(word: str) -> str:
    """A status word for a message: a hostile server's megabyte word is cut short."""
    return word if len(word) <= 80 else f"{word[:60]}... ({len(word)} characters)"


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


def failure_text(error: Any) -> str:
    """A failed job's ``error``, as the server sent it, in one line of at most 500
    characters: an object's ``message`` (and its ``code``), text as is, else its JSON."""
    if isinstance(error, Mapping) and isinstance(error.get("message"), str) and error["message"]:
        text = error["message"]
        code = error.get("code")
        if isinstance(code, str | int) and not isinstance(code, bool) and str(code):
            text = f"{text} ({str(code)[:60]})"
    elif isinstance(error, str):
        text = error
    else:
        text = json.dumps(error, ensure_ascii=False, default=str)[:1000]
    text = " ".join("".join(c if c.isprintable() else " " for c in text[:1000]).split())
    return text if len(text) <= 500 else f"{text[:497]}..."


def terminal_error(
    status: JobStatus, error: Any = None, cost: Decimal | None = None
) -> Exception | None:
    """The exception a finished-without-result state means, else ``None``; it carries
    the job's ``cost`` when the answer gave one (a failed job may still be billed)."""
    request_id = status.request_id
    if status.state == "failed":
        detail = f": {failure_text(error)}" if error else ""
        return JobFailedError(
            f"job {request_id} failed{detail}", request_id=request_id, error=error, cost=cost
        )
    if status.state == "cancelled":
        return JobCancelledError(
            f"job {request_id} was cancelled", request_id=request_id, cost=cost
        )
    return None


def _cost(body: Mapping[str, Any], request_id: str) -> Decimal | None:
    """The answer's cost, or ``None``; a value that is no cost is logged, never fatal."""
    cost = cost_of(body.get("cost"))
    if cost is None and body.get("cost") is not None:
        # The output was paid for: it is never lost over a cost that cannot be read.
        log.warning(
            "job %s: the cost %s is not a cost (a number from 0 to %s USD); the answer is "
            "kept without it",
            request_id,
            shown(body["cost"]),
            shown_usd(MAX_COST_USD),
        )
    return cost


def read_result(
    body: Mapping[str, Any], output: type[OutputT], asked: str | None = None
) -> JobResult[OutputT]:
    """A result answer as a typed ``JobResult``, or the error its state means.

    With ``asked``, an answer about another job is a ``ServerError``: its outputs are
    never handed back as this job's.
    """
    status = parse_status(body, asked, "result")
    cost = _cost(body, status.request_id)
    error = terminal_error(status, body.get("error"), cost)
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
    return JobResult(
        request_id=status.request_id,
        output=typed,
        created_at=body.get("created_at") if isinstance(body.get("created_at"), str) else None,
        finished_at=body.get("finished_at") if isinstance(body.get("finished_at"), str) else None,
        cost=cost,
        raw=dict(body),
    )


TRANSIENT = (ServerError, RateLimitedError, TransportError)
"""Errors a wait outlives: the job goes on whatever the network or the API says for a while."""


class WaitLoop:
    """The decisions of one wait, shared by the blocking and the async job.

    The I/O stays with the caller; this says whether a status calls for the result,
    whether an error ends the wait, and how long to sleep before the next poll.
    """

    def __init__(self, request_id: str, timeout: float, policy: PollPolicy) -> None:
        self.request_id = request_id
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.policy = policy
        self.last: JobStatus | None = None
        self.delay: float | None = None

    def changed(self, status: JobStatus) -> bool:
        """Record ``status``; whether it differs from the last one seen."""
        changed = status != self.last
        self.last = status
        word = status.raw_status
        new_word = status.state == "unknown" and word not in _WORDS_LOGGED
        if changed and new_word and len(_WORDS_LOGGED) < _MOST_WORDS:
            _WORDS_LOGGED.add(word)
            log.warning(
                "job %s reports status %r, which this client does not know; taking it "
                "for a job still under way and waiting on (logged once per word)",
                self.request_id,
                shown_word(word),
            )
        return changed

    def wants_result(self, status: JobStatus) -> bool:
        """True when the result should be read; raises for a job that ended without one.

        Under a status word this client does not know, the result is asked too: it names
        the job's state in the documented words, and carries the output once there is one.
        """
        if status.state in ("completed", "failed", "unknown"):
            return True  # a failed job's result carries the server's error
        error = terminal_error(status)
        if error is not None:
            raise error
        return False

    def outlive(self, error: Exception) -> None:
        """Swallow a transient error while time remains; re-raise anything else."""
        if not isinstance(error, TRANSIENT):
            raise error
        log.debug("wait for %s goes on after %s", self.request_id, type(error).__name__)

    def next_sleep(self) -> float | None:
        """Seconds until the next poll, or ``None`` when the deadline has passed."""
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            return None
        placeholder = self.last or JobStatus(self.request_id, "in_queue", "in_queue")
        self.delay = self.policy.next_delay(self.delay, placeholder)
        return min(self.delay, remaining)

    def expired(self, cancel: CancelOutcome | None = None) -> WaitTimeoutError:
        """The error of a wait past its deadline; ``cancel``: what cancelling it answered."""
        state = shown_word(self.last.raw_status) if self.last else "unknown (no status answer)"
        rid = self.request_id
        cancelled = cancel is not None and cancel.cancelled
        pending = cancel is not None and cancel.pending and not cancelled
        if cancelled:
            advice = "; it was cancelled, so it will not run or be billed"
        elif pending:
            advice = (
                "; it was running, and its cancellation was requested: it will stop, but is "
                "not cancelled yet and may be billed for the time it ran. Follow it with "
                f"client.job({rid!r}).status()"
            )
        else:
            advice = (
                "; it may still be running, and a running job is billed: do not submit it "
                f"again. Follow it with client.job({rid!r}).wait() (or .status(), .result()), "
                f"or cancel it while it is queued with client.job({rid!r}).cancel()"
            )
        ended = self.last is not None and self.last.state in ("completed", "failed", "cancelled")
        if ended and not cancelled and not pending:
            # its status had ended, but its result could not be read in time (400005, ...)
            advice = (
                f"; its status says it ended ({state}), but its result could not be read in "
                f"time: read it with client.job({rid!r}).result() (do not submit it again)"
            )
            what = f"job {rid}: the wait ended after {self.timeout:g} s"
        else:
            what = f"job {rid} was still {state} when the wait ended after {self.timeout:g} s"
        return WaitTimeoutError(
            f"{what}{advice}",
            request_id=rid,
            last_status=state,
            cancelled=cancelled,
            cancel_pending=pending,
        )


def with_model_id(error: RunComfyError, model_id: str) -> RunComfyError:
    """``error`` (of a submit or a catalog entry) naming the model it concerns.

    RunComfy's own message for an unknown model ("invalid resource id", ``error_code``
    400001) need not name it: such an error says the server does not know the model.
    """
    if not error.args or not isinstance(error.args[0], str):
        return error
    text = error.args[0]
    if isinstance(error, NotFoundError) and error.error_code == UNKNOWN_MODEL_CODE:
        text = f"the server does not know the model {model_id!r} ({text})"
    elif model_id not in text:
        text = f"{model_id}: {text}"
    error.args = (text, *error.args[1:])
    return error


def with_request_id(error: RunComfyError, request_id: str) -> RunComfyError:
    """``error`` naming the job it concerns, so a caller can always find the job again."""
    if getattr(error, "request_id", None) is None:
        error.request_id = request_id
        if error.args and isinstance(error.args[0], str) and request_id not in error.args[0]:
            error.args = (f"job {request_id}: {error.args[0]}", *error.args[1:])
    return error
