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
from runcomfy_models._runtime.core.registry import Registry
from runcomfy_models._runtime.errors import (
    APIError,
    AuthenticationError,
    ConnectionFailedError,
    DownloadError,
    InputValidationError,
    InsufficientBalanceError,
    InvalidInputError,
    InvalidRequestIdError,
    JobCancelledError,
    JobError,
    JobFailedError,
    JobNotFinishedError,
    MediaFinding,
    MediaValidationError,
    MissingExtraError,
    NotFoundError,
    PermissionDeniedError,
    ProbeError,
    RateLimitedError,
    RequestTimeoutError,
    ResultNotReadyError,
    RunComfyError,
    ServerError,
    StructuralFinding,
    StructuralValidationError,
    SubmitOutcomeUnknownError,
    TransportError,
    UnknownModelError,
    WaitTimeoutError,
)

if TYPE_CHECKING:
    from runcomfy_models._runtime.client.async_ import AsyncClient, AsyncJob
    from runcomfy_models._runtime.client.catalog import CatalogEntry, CatalogPage
    from runcomfy_models._runtime.client.download import (
        DownloadLimits,
        adownload_outputs,
        download_outputs,
    )
    from runcomfy_models._runtime.client.jobs import CancelOutcome, JobResult, JobState, JobStatus
    from runcomfy_models._runtime.client.polling import PollPolicy
    from runcomfy_models._runtime.client.sync import Client, Job
    from runcomfy_models._runtime.client.transport import RetryPolicy
    from runcomfy_models._runtime.core.cost import CostEstimate, estimate_cost
    from runcomfy_models._runtime.core.info import CostBasis, ModelInfo, Price
    from runcomfy_models._runtime.core.spec import MediaField, ModelSpec, RuleSpec
    from runcomfy_models._runtime.media.cap import max_local_bytes, set_max_local_bytes
    from runcomfy_models._runtime.media.local import LOCAL_MEDIA, MediaInput
    from runcomfy_models._runtime.media.probe import ProbeLimits
    from runcomfy_models._runtime.media.sources import data_uri
    from runcomfy_models._runtime.rules.grammar import MediaKind
    from runcomfy_models._runtime.validation.validate import (
        amedia_findings,
        avalidate_input,
        avalidate_media,
        media_findings,
        validate_input,
        validate_media,
    )

__all__ = [
    "LOCAL_MEDIA",
    "APIError",
    "AsyncClient",
    "AsyncJob",
    "AuthenticationError",
    "CancelOutcome",
    "CatalogEntry",
    "CatalogPage",
    "Client",
    "ConnectionFailedError",
    "CostBasis",
    "CostEstimate",
    "DownloadError",
    "DownloadLimits",
    "InputValidationError",
    "InsufficientBalanceError",
    "InvalidInputError",
    "InvalidRequestIdError",
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
    "MediaInput",
    "MediaKind",
    "MediaValidationError",
    "MissingExtraError",
    "ModelInfo",
    "ModelSpec",
    "NotFoundError",
    "PermissionDeniedError",
    "PollPolicy",
    "Price",
    "ProbeError",
    "ProbeLimits",
    "RateLimitedError",
    "RequestTimeoutError",
    "ResultNotReadyError",
    "RetryPolicy",
    "RuleSpec",
    "RunComfyError",
    "ServerError",
    "StructuralFinding",
    "StructuralValidationError",
    "SubmitOutcomeUnknownError",
    "TransportError",
    "UnknownModelError",
    "WaitTimeoutError",
    "__version__",
    "adownload_outputs",
    "amedia_findings",
    "avalidate_input",
    "avalidate_media",
    "data_uri",
    "download_outputs",
    "estimate_cost",
    "find",
    "get_model",
    "max_local_bytes",
    "media_findings",
    "model_ids",
    "model_info",
    "set_max_local_bytes",
    "validate_input",
    "validate_media",
]

__version__ = "1.1.0"

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


def find(
    search: str | None = None,
    category: str | None = None,
    *,
    kind: str | None = None,
    output: MediaKind | None = None,
) -> list[ModelInfo]:
    """The models whose index entry matches, sorted by id; imports no model module.

    ``search``: words found in the id, display name, task or categories;
    ``category``: the task (``image-to-video``, ``edit``, ...), a published category,
    or a media kind the model makes (``video``);
    ``kind``: the catalog's kind of entry; ``output``: ``image``, ``video`` or ``audio``.
    """
    from runcomfy_models._catalog import MODELS
    from runcomfy_models._runtime.core.find import find_models

    return find_models(MODELS, search, category, kind=kind, output=output)


def model_info(model_id: str) -> ModelInfo:
    """The index entry of ``model_id`` (task, media, required inputs, price)."""
    from runcomfy_models._catalog import MODELS
    from runcomfy_models._runtime.core.find import info_for

    return info_for(MODELS, model_id)


# Loaded on first use: they pull in httpx and pydantic, which a bare import should not
# (nor should pytest's loading of the plugin in an unrelated project's test run).
_LAZY = {
    "AsyncClient": "runcomfy_models._runtime.client.async_",
    "AsyncJob": "runcomfy_models._runtime.client.async_",
    "CatalogEntry": "runcomfy_models._runtime.client.catalog",
    "CatalogPage": "runcomfy_models._runtime.client.catalog",
    "DownloadLimits": "runcomfy_models._runtime.client.download",
    "adownload_outputs": "runcomfy_models._runtime.client.download",
    "download_outputs": "runcomfy_models._runtime.client.download",
    "CancelOutcome": "runcomfy_models._runtime.client.jobs",
    "JobResult": "runcomfy_models._runtime.client.jobs",
    "JobState": "runcomfy_models._runtime.client.jobs",
    "JobStatus": "runcomfy_models._runtime.client.jobs",
    "PollPolicy": "runcomfy_models._runtime.client.polling",
    "Client": "runcomfy_models._runtime.client.sync",
    "Job": "runcomfy_models._runtime.client.sync",
    "RetryPolicy": "runcomfy_models._runtime.client.transport",
    "CostEstimate": "runcomfy_models._runtime.core.cost",
    "estimate_cost": "runcomfy_models._runtime.core.cost",
    "CostBasis": "runcomfy_models._runtime.core.info",
    "ModelInfo": "runcomfy_models._runtime.core.info",
    "Price": "runcomfy_models._runtime.core.info",
    "MediaField": "runcomfy_models._runtime.core.spec",
    "ModelSpec": "runcomfy_models._runtime.core.spec",
    "RuleSpec": "runcomfy_models._runtime.core.spec",
    "max_local_bytes": "runcomfy_models._runtime.media.cap",
    "set_max_local_bytes": "runcomfy_models._runtime.media.cap",
    "LOCAL_MEDIA": "runcomfy_models._runtime.media.local",
    "MediaInput": "runcomfy_models._runtime.media.local",
    "ProbeLimits": "runcomfy_models._runtime.media.probe",
    "data_uri": "runcomfy_models._runtime.media.sources",
    "MediaKind": "runcomfy_models._runtime.rules.grammar",
    "amedia_findings": "runcomfy_models._runtime.validation.validate",
    "avalidate_input": "runcomfy_models._runtime.validation.validate",
    "avalidate_media": "runcomfy_models._runtime.validation.validate",
    "media_findings": "runcomfy_models._runtime.validation.validate",
    "validate_input": "runcomfy_models._runtime.validation.validate",
    "validate_media": "runcomfy_models._runtime.validation.validate",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'runcomfy_models' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
