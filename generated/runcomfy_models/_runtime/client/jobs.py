# Generated from generator/runtime/client/jobs.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""The job lifecycle's answers, typed: submit, status, result and cancel bodies.

RunComfy's endpoints disagree on words: ``status`` says ``completed`` where ``result``
says ``succeeded``, and both may say ``failed``. Everything is mapped onto one
``JobState`` here, including an explicit ``unknown`` for words this client has never
seen. ``unknown`` is not an end: RunComfy may name a running job in new words
(``processing``, ``pending``, ``starting``), so a wait polls on through them and only
the documented end words (``completed``/``succeeded``, ``failed``, ``cancelled``) end it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Generic, Literal, TypeVar

from ..errors import InvalidRequestIdError, ServerError, SubmitOutcomeUnknownError
from .ids import check_request_id, shown

__all__ = [
    "CANCELLATION_REQUESTED",
    "TERMINAL_STATES",
    "CancelOutcome",
    "JobResult",
    "JobState",
    "JobStatus",
    "Submission",
    "parse_cancel",
    "parse_status",
    "parse_submission",
]

JobState = Literal["in_queue", "in_progress", "completed", "failed", "cancelled", "unknown"]
TERMINAL_STATES: frozenset[JobState] = frozenset({"completed", "failed", "cancelled"})

_STATES: Mapping[str, JobState] = {
    "in_queue": "in_queue",
    "queued": "in_queue",
    "in_progress": "in_progress",
    "running": "in_progress",
    "completed": "completed",
    "succeeded": "completed",
    "failed": "failed",
    "cancelled": "cancelled",
    "canceled": "cancelled",
}

OutputT = TypeVar("OutputT")

CANCELLATION_REQUESTED = "cancellation_requested"
"""The cancel outcome of a running job that will be cancelled (not cancelled yet)."""


def state_of(word: object) -> JobState:
    """The state a status word means; ``unknown`` for anything unrecognised."""
    return _STATES.get(word, "unknown") if isinstance(word, str) else "unknown"


def _text(body: Mapping[str, Any], key: str) -> str | None:
    value = body.get(key)
    return value if isinstance(value, str) else None


def _require_request_id(body: Mapping[str, Any], what: str) -> str:
    """The answer's request id, used only if it is of RunComfy's form."""
    if body.get("request_id") in (None, ""):
        raise ServerError(f"the {what} answer has no request_id", status=200, detail=dict(body))
    return check_request_id(body.get("request_id"), f"the {what} answer's request_id")


def _answer_id(body: Mapping[str, Any], what: str, asked: str | None) -> str:
    """The id an answer is about: ``asked`` unless the answer names another job.

    An answer without a ``request_id`` is about the job asked for (RunComfy's own
    clients read it so). One that names a different job (a misrouted or cached answer)
    is never read as this job's: its outputs would be credited to the wrong input.
    """
    if asked is None:
        return _require_request_id(body, what)
    if body.get("request_id") in (None, ""):
        return asked
    named = check_request_id(body.get("request_id"), f"the {what} answer's request_id")
    if named != asked:
        raise ServerError(
            f"job {shown(asked, 40)}: the {what} answer is about another job, "
            f"{shown(named, 40)}; it was not used",
            status=200,
            request_id=asked,
        )
    return named


@dataclass(frozen=True)
class Submission:
    """What submit answered: the request id and the URLs to follow it."""

    request_id: str
    status_url: str | None
    result_url: str | None
    cancel_url: str | None


@dataclass(frozen=True)
class JobStatus:
    """One status answer. ``raw_status`` is the word the server used."""

    request_id: str
    state: JobState
    raw_status: str
    queue_position: int | None = None

    @property
    def is_terminal(self) -> bool:
        return self.state in TERMINAL_STATES


@dataclass(frozen=True)
class JobResult(Generic[OutputT]):
    """A finished job's result: the typed output and its timestamps (as sent).

    ``cost`` is what the job cost in USD, exactly as the server wrote it (``0.35`` is
    ``Decimal("0.35")``), when asked for (``include_cost=True``) and sent; else ``None``.
    A value that is no cost (negative, ``NaN``, ``Infinity``, past ``MAX_COST_USD``, text:
    see ``core.cost.cost_of``) is ``None`` too, with a warning naming the job; the output
    is kept. ``raw`` holds what was sent.
    """

    request_id: str
    output: OutputT
    created_at: str | None = None
    finished_at: str | None = None
    cost: Decimal | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class CancelOutcome:
    """What cancel answered, in three states (``outcome`` is the word the server used):

    * ``cancelled``: the job is cancelled: the answer's outcome or status says so (a
      repeated cancel, retried after a lost answer, finds it already cancelled);
    * ``pending``: ``cancellation_requested``: the job was running and will be cancelled;
      it is not cancelled yet (its status says so once it stopped, and a wait then raises
      ``JobCancelledError``), and it may be billed for the time it ran;
    * ``unknown``: the answer says neither outcome nor status (``{}``): ask the job's
      status;
    * none of these: not cancelled (``not_cancellable``: it runs on, or had already ended).
    """

    request_id: str
    cancelled: bool
    outcome: str
    status: str | None
    pending: bool = False

    @property
    def unknown(self) -> bool:
        """The answer said neither an outcome nor a status: nothing is known."""
        return self.outcome == "unknown" and self.status is None and not self.cancelled


def parse_submission(body: Mapping[str, Any], model_id: str = "") -> Submission:
    """A submit answer; one without a usable request id may still have made a paid job.

    ``model_id`` names the model in the error (a ``{}`` answer says nothing of it).
    """
    try:
        request_id = _require_request_id(body, "submit")
    except (ServerError, InvalidRequestIdError) as exc:
        what = "an empty object, {}" if not body else f"request_id {shown(body.get('request_id'))}"
        raise SubmitOutcomeUnknownError(
            f"{model_id + ': ' if model_id else ''}{exc} ({what}). The job may exist and may "
            "be billed, but it cannot be followed; it was not resubmitted. Check the request "
            "history in your RunComfy dashboard before submitting again."
        ) from None
    return Submission(
        request_id=request_id,
        status_url=_text(body, "status_url"),
        result_url=_text(body, "result_url"),
        cancel_url=_text(body, "cancel_url"),
    )


def parse_status(
    body: Mapping[str, Any], asked: str | None = None, what: str = "status"
) -> JobStatus:
    """A status (or result) answer; with ``asked``, one about another job is refused."""
    raw = body.get("status")
    position = body.get("queue_position")
    return JobStatus(
        request_id=_answer_id(body, what, asked),
        state=state_of(raw),
        raw_status=str(raw),
        queue_position=position if isinstance(position, int) and position >= 0 else None,
    )


def parse_cancel(body: Mapping[str, Any], asked: str | None = None) -> CancelOutcome:
    """A cancel answer; with ``asked``, one about another job is refused."""
    outcome = _text(body, "outcome") or "unknown"
    status = _text(body, "status")
    cancelled = outcome == "cancelled" or state_of(status) == "cancelled"
    return CancelOutcome(
        request_id=_answer_id(body, "cancel", asked),
        cancelled=cancelled,
        outcome=outcome,
        status=status,
        pending=outcome == CANCELLATION_REQUESTED and not cancelled,
    )
