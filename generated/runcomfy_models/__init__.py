# Generated from schemas/
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Typed clients for RunComfy's models, generated from their published schemas.

Each model lives in its own module under ``runcomfy_models.models`` with a pydantic
``Input`` and ``Output`` and its media rules. Importing this package loads none of them,
nor httpx or pydantic: ``get_model(model_id)`` imports a model's module the first time
it is asked for, and the clients and validators load on first use.

    from runcomfy_models import Client
    from runcomfy_models.models.<module> import Input

    with Client() as client:                  # token from RUNCOMFY_API_TOKEN
        result = client.run(Input(...))       # validate, submit, wait
        print(result.output)                  # the model's typed Output
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from runcomfy_models._registry import MODULES
from runcomfy_models._runtime.errors import (
    APIError,
    AuthenticationError,
    ConnectionFailedError,
    InputValidationError,
    InsufficientBalanceError,
    InvalidInputError,
    JobCancelledError,
    JobError,
    JobFailedError,
    JobNotFinishedError,
    MediaFinding,
    MediaValidationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    RequestTimeoutError,
    RunComfyError,
    ServerError,
    StructuralFinding,
    StructuralValidationError,
    SubmitOutcomeUnknownError,
    TransportError,
    UnknownJobStatusError,
    UnknownModelError,
    WaitTimeoutError,
)
from runcomfy_models._runtime.registry import Registry
from runcomfy_models._runtime.spec import MediaField, ModelSpec, RuleSpec

if TYPE_CHECKING:
    from runcomfy_models._runtime.aclient import AsyncClient, AsyncJob
    from runcomfy_models._runtime.client import Client, Job
    from runcomfy_models._runtime.download import (
        DownloadError,
        DownloadLimits,
        adownload_outputs,
        download_outputs,
    )
    from runcomfy_models._runtime.jobs import CancelOutcome, JobResult, JobState, JobStatus
    from runcomfy_models._runtime.media import ProbeError, ProbeLimits
    from runcomfy_models._runtime.polling import PollPolicy
    from runcomfy_models._runtime.transport import RetryPolicy
    from runcomfy_models._runtime.validation import (
        amedia_findings,
        avalidate_input,
        avalidate_media,
        media_findings,
        validate_input,
        validate_media,
    )

__all__ = [
    "APIError",
    "AsyncClient",
    "AsyncJob",
    "AuthenticationError",
    "CancelOutcome",
    "Client",
    "ConnectionFailedError",
    "DownloadError",
    "DownloadLimits",
    "InputValidationError",
    "InsufficientBalanceError",
    "InvalidInputError",
    "Job",
    "JobCancelledError",
    "JobError",
    "JobFailedError",
    "JobNotFinishedError",
    "JobResult",
    "JobState",
    "JobStatus",
    "MediaField",
    "MediaFinding",
    "MediaValidationError",
    "ModelSpec",
    "NotFoundError",
    "PermissionDeniedError",
    "PollPolicy",
    "ProbeError",
    "ProbeLimits",
    "RateLimitedError",
    "RequestTimeoutError",
    "RetryPolicy",
    "RuleSpec",
    "RunComfyError",
    "ServerError",
    "StructuralFinding",
    "StructuralValidationError",
    "SubmitOutcomeUnknownError",
    "TransportError",
    "UnknownJobStatusError",
    "UnknownModelError",
    "WaitTimeoutError",
    "__version__",
    "adownload_outputs",
    "amedia_findings",
    "avalidate_input",
    "avalidate_media",
    "download_outputs",
    "get_model",
    "media_findings",
    "model_ids",
    "validate_input",
    "validate_media",
]

__version__ = "1.0.0"

_REGISTRY = Registry(MODULES, "runcomfy_models.models")


def get_model(model_id: str) -> ModelSpec[Any, Any]:
    """The spec of ``model_id``: its ``Input``, ``Output`` and media rules.

    Raises ``UnknownModelError`` (a ``KeyError``) naming close matches when no generated
    model has that id.
    """
    return _REGISTRY.get(model_id)


def model_ids() -> tuple[str, ...]:
    """Every generated model id, sorted."""
    return _REGISTRY.model_ids()


# Loaded on first use: they pull in httpx and pydantic, which a bare import should not.
_LAZY = {
    "AsyncClient": "runcomfy_models._runtime.aclient",
    "AsyncJob": "runcomfy_models._runtime.aclient",
    "Client": "runcomfy_models._runtime.client",
    "Job": "runcomfy_models._runtime.client",
    "DownloadError": "runcomfy_models._runtime.download",
    "DownloadLimits": "runcomfy_models._runtime.download",
    "adownload_outputs": "runcomfy_models._runtime.download",
    "download_outputs": "runcomfy_models._runtime.download",
    "CancelOutcome": "runcomfy_models._runtime.jobs",
    "JobResult": "runcomfy_models._runtime.jobs",
    "JobState": "runcomfy_models._runtime.jobs",
    "JobStatus": "runcomfy_models._runtime.jobs",
    "ProbeError": "runcomfy_models._runtime.media",
    "ProbeLimits": "runcomfy_models._runtime.media",
    "PollPolicy": "runcomfy_models._runtime.polling",
    "RetryPolicy": "runcomfy_models._runtime.transport",
    "amedia_findings": "runcomfy_models._runtime.validation",
    "avalidate_input": "runcomfy_models._runtime.validation",
    "avalidate_media": "runcomfy_models._runtime.validation",
    "media_findings": "runcomfy_models._runtime.validation",
    "validate_input": "runcomfy_models._runtime.validation",
    "validate_media": "runcomfy_models._runtime.validation",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'runcomfy_models' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
