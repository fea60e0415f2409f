# Generated from generator/runtime/errors.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Every exception the runtime defines, in one module and one tree::

    RunComfyError                       base of every error a caller of the package sees
    ├── UnknownModelError               no generated model has that id (also a KeyError)
    ├── InvalidRequestIdError           a request id not of RunComfy's form (also a ValueError)
    ├── ProbeError                      a media file could not be measured
    │   └── BudgetExceeded                  reading on would pass ``ProbeLimits.max_bytes``
    ├── InputValidationError            the input would be refused; nothing was sent
    │   ├── StructuralValidationError       types, enums, bounds, lengths (pydantic)
    │   └── MediaValidationError            a media file breaks a published rule
    ├── APIError                        the API answered with an error
    │   ├── AuthenticationError             401, or error_code 400004 (account or token)
    │   ├── PermissionDeniedError           403, or error_code 403001 / 403003
    │   ├── NotFoundError                   404, or error_code 400001 / 404001
    │   ├── InsufficientBalanceError        402, or error_code 400002
    │   ├── InvalidInputError               400 / 422: the server refused the input
    │   ├── RateLimitedError                429 (``retry_after`` when the server said)
    │   └── ServerError                     5xx, or an HTML error page from a CDN
    ├── TransportError                  no answer at all
    │   ├── ConnectionFailedError           could not connect, or the connection dropped
    │   ├── RequestTimeoutError             no answer in time
    │   └── SubmitOutcomeUnknownError       a submit was sent but its answer was lost
    ├── JobError                        the job ended without a result
    │   ├── JobFailedError                  the job failed (the server's ``error`` kept)
    │   ├── JobCancelledError               the job was cancelled
    │   └── JobNotFinishedError             asked for a result while the job still runs
    │       └── ResultNotReadyError             error_code 400005: the API said so (an APIError too)
    ├── WaitTimeoutError                the job did not end before the wait's deadline
    └── DownloadError                   an output file could not be downloaded

``error_code`` maps to a class through one table, ``client.answers._BY_CODE`` (a code it
does not hold falls back on the HTTP status): 400001 and 404001 ``NotFoundError``, 400002
``InsufficientBalanceError``, 400004 ``AuthenticationError``, 400005
``ResultNotReadyError``, 403001 and 403003 ``PermissionDeniedError``.

Seven more are the runtime's own business, outside that tree::

    RuleSyntaxError (ValueError)        a ``validation_rule`` the grammar cannot read (lint)
    PatternTimeout (Exception)          a ``pattern`` match ran out of time (a refusal)
    UsageError (Exception)              bad command-line arguments: the CLI exits 2
    InputsError (Exception)             a batch's inputs file cannot be read: the CLI exits 2
    JournalError (Exception)            a batch's journal or its lock cannot be used: exits 2
    DroppedOnPurpose (Exception)        the emulator closes a connection mid-answer
    MissingExtraError (ImportError)     a feature needs an extra that is not installed

Validation errors carry every finding, not only the first, so one call tells the caller
everything to fix. No error's text ever contains the API token: messages are built
from status codes, error codes and the server's message, never from request headers.
Messages about media never quote the content (of a file, a data: URI or a server's answer);
URLs in them lose their query string, so a pre-signed URL's token does not end up in logs.

This module imports only the standard library: every layer may import it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "APIError",
    "AuthenticationError",
    "BudgetExceeded",
    "ConnectionFailedError",
    "DownloadError",
    "DroppedOnPurpose",
    "InputValidationError",
    "InputsError",
    "InsufficientBalanceError",
    "InvalidInputError",
    "InvalidRequestIdError",
    "JobCancelledError",
    "JobError",
    "JobFailedError",
    "JobNotFinishedError",
    "JournalError",
    "MediaFinding",
    "MediaValidationError",
    "MissingExtraError",
    "NotFoundError",
    "PatternTimeout",
    "PermissionDeniedError",
    "ProbeError",
    "RateLimitedError",
    "RequestTimeoutError",
    "ResultNotReadyError",
    "RuleSyntaxError",
    "RunComfyError",
    "ServerError",
    "StructuralFinding",
    "StructuralValidationError",
    "SubmitOutcomeUnknownError",
    "TransportError",
    "UnknownModelError",
    "UsageError",
    "WaitTimeoutError",
    "require_extra",
]


class RunComfyError(Exception):
    """Base of every error this package raises on purpose.

    ``request_id`` names the job an error concerns, when there is one.
    """

    request_id: str | None = None


class UnknownModelError(RunComfyError, KeyError):
    """No generated model has the requested id."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown model"


class InvalidRequestIdError(RunComfyError, ValueError):
    """A request id that is not of RunComfy's form, ``[A-Za-z0-9_-]{1,128}``.

    Raised for an id given to ``client.job()`` and for one in a status, result or cancel
    answer; such an id is never put into a URL, a file name or a folder name. ``value``
    is what was given (the message shows its repr, truncated). A submit answer whose id is
    unusable raises ``SubmitOutcomeUnknownError`` instead: that job may exist.
    """

    def __init__(self, message: str, *, value: object) -> None:
        super().__init__(message)
        self.value = value


class ProbeError(RunComfyError):
    """A media file could not be measured; the message is one sentence for the user."""


class BudgetExceeded(ProbeError):
    """Reading on would pass ``ProbeLimits.max_bytes``."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"read more than {limit} bytes without finding what was needed")
        self.limit = limit


@dataclass(frozen=True)
class StructuralFinding:
    """One structural problem: where (a path into the payload) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '<input>'}: {self.message}"


@dataclass(frozen=True)
class MediaFinding:
    """One broken media rule: which value, which rule, what was measured.

    ``message`` is the publisher's own ``validation_error`` text; ``measured`` is
    ``None`` when the file could not be read at all (then ``message`` says why).
    """

    path: str
    rule: str
    limit: int | float | None
    measured: str | None
    message: str

    def __str__(self) -> str:
        if self.measured is None:
            return f"{self.path}: {self.message}"
        return (
            f"{self.path}: {self.message} (rule {self.rule} {self.limit}, "
            f"measured {self.measured})"
        )


class InputValidationError(RunComfyError, ValueError):
    """The input breaks the model's schema or rules; it was not submitted."""

    def __init__(self, model_id: str, findings: Sequence[StructuralFinding | MediaFinding]) -> None:
        self.model_id = model_id
        self.findings = tuple(findings)
        lines = "\n".join(f"  - {finding}" for finding in self.findings)
        super().__init__(f"{model_id}: {len(self.findings)} problem(s) in the input:\n{lines}")


class StructuralValidationError(InputValidationError):
    """Types, enums, bounds, lengths or item counts are wrong."""

    findings: tuple[StructuralFinding, ...]


class MediaValidationError(InputValidationError):
    """One or more media files break the model's published rules."""

    findings: tuple[MediaFinding, ...]


class APIError(RunComfyError):
    """The API answered, with an error.

    ``status`` is the HTTP status, ``error_code`` RunComfy's code when the body had one,
    ``detail`` the server's message (or a summary when the body was an HTML page).
    """

    def __init__(
        self,
        message: str,
        *,
        status: int,
        error_code: int | None = None,
        detail: Any = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.error_code = error_code
        self.detail = detail
        self.request_id = request_id
        self.retry_after: float | None = None


class AuthenticationError(APIError):
    """The token is missing, wrong or expired, or the account has a problem."""


class PermissionDeniedError(APIError):
    """The token may not use this model or request."""


class NotFoundError(APIError):
    """No such model, or the request id is unknown or expired."""


class InsufficientBalanceError(APIError):
    """The account has no remaining balance."""


class InvalidInputError(APIError):
    """The server refused the input; ``detail`` holds its explanation."""


class RateLimitedError(APIError):
    """Too many requests; ``retry_after`` is the server's advice in seconds, if given."""


class ServerError(APIError):
    """The service failed (5xx), or a CDN answered with an error page."""


class TransportError(RunComfyError):
    """No usable answer arrived."""


class ConnectionFailedError(TransportError):
    """Could not connect, or the connection dropped before an answer."""


class RequestTimeoutError(TransportError):
    """The server did not answer in time."""


class SubmitOutcomeUnknownError(TransportError):
    """A submit was sent, but its answer was lost: the job may exist, and may be billed.

    Submits are never retried automatically because RunComfy has no idempotency key:
    retrying could start (and bill) a second job.
    """


class JobError(RunComfyError):
    """The job ended without a result.

    ``cost`` is what the job cost in USD (a ``Decimal``), when its result was read with
    ``include_cost`` and the server said: a failed job, or one cancelled while it ran,
    may still be billed.
    """

    def __init__(
        self, message: str, *, request_id: str, error: Any = None, cost: Any = None
    ) -> None:
        super().__init__(message)
        self.request_id = request_id
        self.error = error
        self.cost = cost


class JobFailedError(JobError):
    """The job failed; ``error`` is what the server said about it, if anything."""


class JobCancelledError(JobError):
    """The job was cancelled before it produced a result."""


class JobNotFinishedError(JobError):
    """The result was asked for before the job ended; ``error`` holds the state seen.

    Not an end: ``wait()`` polls on through it, until the job ends or the wait's deadline.
    """


class ResultNotReadyError(JobNotFinishedError, APIError):
    """The API refused a result read with ``error_code`` 400005: the job has not finished.

    RunComfy answers so (HTTP 400) where the documentation says a result read before the
    end carries the job's state. A ``JobNotFinishedError`` (``wait()`` polls on through it)
    and an ``APIError`` (``status``, ``error_code`` and the server's ``detail`` kept);
    ``error`` holds the server's message.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int,
        error_code: int | None = None,
        detail: Any = None,
        request_id: str | None = None,
    ) -> None:
        APIError.__init__(
            self,
            message,
            status=status,
            error_code=error_code,
            detail=detail,
            request_id=request_id,
        )
        self.error = detail


class WaitTimeoutError(RunComfyError):
    """The job had not ended when the wait's deadline passed; it may still be running.

    ``last_status`` is the last state seen; ``cancelled`` says whether the job was
    cancelled on expiry (only when asked, and as a rule only possible while it was
    queued); ``cancel_pending`` whether the cancel was accepted for a running job that
    will stop (``cancellation_requested``: it is not cancelled yet, and may be billed for
    the time it ran). The message names the request id and the calls that follow or
    cancel the job.
    """

    def __init__(
        self,
        message: str,
        *,
        request_id: str,
        last_status: str,
        cancelled: bool = False,
        cancel_pending: bool = False,
    ) -> None:
        super().__init__(message)
        self.request_id = request_id
        self.last_status = last_status
        self.cancelled = cancelled
        self.cancel_pending = cancel_pending


class DownloadError(RunComfyError):
    """An output file could not be downloaded; nothing was left behind for it."""


# -- outside the RunComfyError tree -------------------------------------------------------


class RuleSyntaxError(ValueError):
    """A ``validation_rule`` that is not a known metric followed by a known operator.

    ``part`` says which half is wrong: ``"metric"`` or ``"operator"``.
    """

    def __init__(self, message: str, part: Literal["metric", "operator"]) -> None:
        super().__init__(message)
        self.part = part


class PatternTimeout(Exception):
    """A ``pattern`` match ran out of time: the pattern backtracks too much on the value.

    Validation turns it into a refusal of the value (``string_pattern_timeout``).
    """


class UsageError(Exception):
    """Bad arguments or an unreadable payload: the command line exits 2 with this message."""


class InputsError(Exception):
    """A batch's inputs file cannot be read at all (missing, not UTF-8): one line, nothing sent."""


class JournalError(Exception):
    """A batch's journal cannot be used (locked, another model, an older format): one line."""


class DroppedOnPurpose(Exception):
    """Raised to make the emulator's server close a connection mid-answer; not a bug."""


class MissingExtraError(ImportError):
    """A feature needs one of the package's extras, which is not installed: one line that
    names the ``pip install`` to run."""


def _findable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a finder that refuses it, a broken install
        return False


def require_extra(extra: str, feature: str, *modules: str) -> None:
    """Raise :class:`MissingExtraError` unless every one of ``modules`` can be imported.

    The modules are looked up, not imported, so a check costs nothing when they are there.
    """
    missing = [module for module in modules if not _findable(module)]
    if missing:
        raise MissingExtraError(
            f"{feature} needs the {extra!r} extra ({', '.join(missing)} not installed): "
            f"pip install 'runcomfy-models[{extra}]'",
            name=missing[0],
        )
