"""The blocking client: submit, poll, result, cancel, and run (submit then wait).

``Client`` and ``AsyncClient`` (in ``async_``) have the same shape. A ``Job`` is a
handle on one request id; it can be rebuilt from the id alone. ``client.run(Input(...))``
returns the model's typed ``Output`` because every ``Input`` knows its ``Output`` type.
"""

from __future__ import annotations

import logging
import math
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, TypeVar, overload

import httpx

from ..core.cost import CostEstimate, estimate_cost
from ..core.info import Price
from ..core.model import InputModel, OutputModel
from ..core.spec import ModelSpec, spec_for
from ..errors import JobNotFinishedError, RunComfyError
from ..media.probe import ProbeLimits
from ..validation.validate import validate_input, validate_media
from .catalog import (
    PAGE_SIZE,
    CatalogEntry,
    CatalogPage,
    Pages,
    catalog_path,
    categories_path,
    entry_path,
    parse_categories,
    parse_model,
    parse_page,
)
from .download import DownloadLimits, download_outputs
from .exchange import DEFAULT_MAX_ANSWER_BYTES, checked_timeout
from .ids import check_request_id, model_path, request_path
from .jobs import CancelOutcome, JobResult, JobStatus, parse_cancel, parse_status, parse_submission
from .polling import PollPolicy, WaitLoop, read_result, with_model_id, with_request_id
from .transport import RetryPolicy, SyncTransport

__all__ = [
    "CANCEL_ON_TIMEOUT",
    "Client",
    "Job",
    "OnUpdate",
    "model_path",
    "request_path",
    "result_path",
    "spec_of",
    "timeout_of",
]

OutputT = TypeVar("OutputT", bound=OutputModel)
OnUpdate = Callable[[JobStatus], None]
log = logging.getLogger("runcomfy_models")

CANCEL_ON_TIMEOUT = 5.0
"""Seconds the cancel of a wait's ``cancel_on_timeout`` may take after the wait's deadline."""


def result_path(request_id: str, include_cost: bool) -> str:
    """The result's path; with ``include_cost`` the answer carries the job's ``cost``."""
    return request_path(request_id, "result") + ("?include_cost=true" if include_cost else "")


def spec_of(payload: object) -> ModelSpec[Any, Any]:
    """The ``ModelSpec`` of a generated ``Input``; ``TypeError`` for anything else."""
    spec = spec_for(type(payload))
    if spec is None:
        raise TypeError(f"{type(payload).__name__} is not a generated model's Input")
    return spec


def timeout_of(value: float | httpx.Timeout) -> httpx.Timeout:
    """A client's ``timeout=`` as an ``httpx.Timeout``; refused unless it is a deadline."""
    if not isinstance(value, httpx.Timeout):
        seconds = checked_timeout(value, "timeout")
        return httpx.Timeout(None if seconds is None or math.isinf(seconds) else seconds)
    for phase in (value.connect, value.read, value.write, value.pool):
        checked_timeout(phase, "timeout")
    return value


class Job(Generic[OutputT]):
    """A handle on one submitted request."""

    def __init__(
        self, client: Client, request_id: str, output: type[OutputT], model_id: str | None = None
    ) -> None:
        self._client = client
        self.request_id = check_request_id(request_id)
        self.output_type = output
        self.model_id = model_id

    def __repr__(self) -> str:
        return f"Job(request_id={self.request_id!r}, model_id={self.model_id!r})"

    def status(self, *, deadline: float | None = None) -> JobStatus:
        """The job's state now (with its queue position while queued)."""
        try:
            body = self._client._transport.request(
                "GET", request_path(self.request_id, "status"), deadline=deadline
            )
            return parse_status(body, self.request_id)
        except RunComfyError as exc:
            raise with_request_id(exc, self.request_id) from None

    def result(
        self, *, include_cost: bool = False, deadline: float | None = None
    ) -> JobResult[OutputT]:
        """The typed result; raises if the job failed, was cancelled or has not finished.

        ``include_cost=True`` asks for the job's cost too (``JobResult.cost``, in USD).
        """
        path = result_path(self.request_id, include_cost)
        try:
            body = self._client._transport.request("GET", path, deadline=deadline)
            return read_result(body, self.output_type, self.request_id)
        except RunComfyError as exc:
            raise with_request_id(exc, self.request_id) from None

    def cancel(self, *, deadline: float | None = None) -> CancelOutcome:
        """Ask to cancel; the ``CancelOutcome`` says truthfully what came of it.

        A queued job is cancelled (``outcome.cancelled``); a running one as a rule is not
        (``not_cancellable``: it runs on and is billed), though RunComfy may accept the
        cancel of a running job and stop it later (``outcome.pending``, the outcome
        ``cancellation_requested``: not cancelled yet).
        """
        path = request_path(self.request_id, "cancel")
        try:
            body = self._client._transport.request("POST", path, deadline=deadline)
            return parse_cancel(body, self.request_id)
        except RunComfyError as exc:
            raise with_request_id(exc, self.request_id) from None

    def wait(
        self,
        timeout: float = 600.0,
        *,
        on_update: OnUpdate | None = None,
        cancel_on_timeout: bool = False,
        poll: PollPolicy | None = None,
        include_cost: bool = False,
    ) -> JobResult[OutputT]:
        """Poll until the job ends and return its result, or raise when it cannot.

        ``include_cost=True`` reads the result with the job's cost (``JobResult.cost``).

        ``on_update`` is called with each status that differs from the last one. Only
        the documented end words end the wait; a status word this client does not know
        (``processing``, ``pending``, ...) is reported through ``on_update``, logged once,
        and waited through like ``in_progress``. Rate limits, 5xx answers and dropped
        connections do not end the wait either: it polls on until ``timeout`` seconds
        have passed in total, then raises ``WaitTimeoutError``, which names the request id
        and how to follow or cancel the job (cancelling it first if ``cancel_on_timeout``
        is set, which may take up to ``CANCEL_ON_TIMEOUT`` seconds more). Every poll ends
        by the wait's deadline, however slowly the server answers.
        """
        checked_timeout(timeout, "wait timeout", zero=True)
        loop = WaitLoop(self.request_id, timeout, poll or self._client.poll)
        while True:
            try:
                status = self.status(deadline=loop.deadline)
                if loop.changed(status) and on_update is not None:
                    on_update(status)
                if loop.wants_result(status):
                    return self.result(include_cost=include_cost, deadline=loop.deadline)
            except JobNotFinishedError:
                pass  # status said done before result did: poll again
            except RunComfyError as exc:
                loop.outlive(exc)
            pause = loop.next_sleep()
            if pause is None:
                raise loop.expired(self._cancel_quietly() if cancel_on_timeout else None)
            time.sleep(pause)

    def _cancel_quietly(self) -> CancelOutcome | None:
        try:
            return self.cancel(deadline=time.monotonic() + CANCEL_ON_TIMEOUT)
        except RunComfyError as exc:
            log.debug("cancel on timeout of %s failed: %s", self.request_id, exc)
            return None


class Client:
    """A blocking RunComfy client with one connection pool; use it as a context manager.

    The token comes from ``token=``, ``RUNCOMFY_API_TOKEN`` or ``RUNCOMFY_TOKEN``. The base
    URL: explicit arguments beat environment variables, so it is ``base_url=``, else
    ``environment=``'s (``"production"`` or ``"development"``), else ``RUNCOMFY_BASE_URL``,
    else ``RUNCOMFY_API_ENVIRONMENT``'s, else production; a blank value counts as unset.
    Every request (API calls, media
    probes) goes through ``http_client`` (an ``httpx.Client``; anything else is a
    ``TypeError`` at once) if given, which this client never closes, and
    carries a ``runcomfy-models/...`` User-Agent unless that client sets its own. Inputs
    are validated (structure, then media rules) before they are submitted, unless
    ``validate=False``.

    ``timeout`` bounds every call whole (connecting, sending, the answer and its body,
    and retries), however slowly the server sends; an ``httpx.Timeout`` sets each phase
    and the call's total is its largest. Answers over ``max_answer_bytes`` are refused
    unread. The token is sent to the base URL's host only.
    """

    def __init__(
        self,
        token: str | None = None,
        *,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = 30.0,
        retry: RetryPolicy | None = None,
        poll: PollPolicy | None = None,
        media_limits: ProbeLimits | None = None,
        http_client: httpx.Client | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
        environment: str | None = None,
    ) -> None:
        self._transport = SyncTransport(
            token,
            base_url,
            timeout_of(timeout),
            retry or RetryPolicy(),
            http_client,
            max_answer_bytes,
            environment,
        )
        self.poll = poll or PollPolicy()
        self.media_limits = media_limits or ProbeLimits()

    @property
    def base_url(self) -> str:
        return self._transport.base_url

    def __repr__(self) -> str:
        return f"Client(base_url={self.base_url!r})"

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._transport.close()

    def submit(self, payload: InputModel[OutputT], *, validate: bool = True) -> Job[OutputT]:
        """Validate ``payload`` (unless told not to) and submit it; never retried."""
        spec = spec_of(payload)
        if validate:
            validate_input(spec, payload)
            validate_media(spec, payload, client=self._transport.http, limits=self.media_limits)
        job = self.submit_raw(spec.model_id, payload.to_request())
        return Job(self, job.request_id, spec.output, spec.model_id)

    def submit_raw(self, model_id: str, payload: Mapping[str, Any]) -> Job[OutputModel]:
        """Submit a plain dict to any model id, generated or not; nothing is validated.

        Errors name the model: a model the server does not know is a ``NotFoundError``
        (RunComfy answers 400 with ``error_code`` 400001); an answer without a usable
        request id (``{}``, say) a ``SubmitOutcomeUnknownError``, since the job may exist.
        """
        path = model_path(model_id)
        try:
            body = self._transport.request("POST", path, dict(payload), retry=False)
            submission = parse_submission(body, model_id)
        except RunComfyError as exc:
            raise with_model_id(exc, model_id) from None
        log.debug("submitted %s as %s", model_id, submission.request_id)
        return Job(self, submission.request_id, OutputModel, model_id)

    @overload
    def job(self, request_id: str) -> Job[OutputModel]: ...

    @overload
    def job(self, request_id: str, output: type[OutputT]) -> Job[OutputT]: ...

    def job(self, request_id: str, output: type[OutputModel] = OutputModel) -> Job[Any]:
        """A handle on an existing request, from its id alone (``output`` types its result)."""
        return Job(self, request_id, output)

    def run(
        self,
        payload: InputModel[OutputT],
        *,
        timeout: float = 600.0,
        on_update: OnUpdate | None = None,
        cancel_on_timeout: bool = False,
        validate: bool = True,
        include_cost: bool = False,
    ) -> JobResult[OutputT]:
        """Submit, then wait for the typed result (with its cost if ``include_cost``)."""
        job = self.submit(payload, validate=validate)
        return job.wait(
            timeout,
            on_update=on_update,
            cancel_on_timeout=cancel_on_timeout,
            include_cost=include_cost,
        )

    # -- the live catalog -------------------------------------------------------------

    def models(
        self,
        search: str | None = None,
        category: str | None = None,
        kind: str | None = None,
        *,
        limit: int = PAGE_SIZE,
        offset: int = 0,
        include_schema: bool = False,
    ) -> CatalogPage:
        """One page of the live catalog (``GET /v1/models``), typed and checked.

        ``search``, ``category`` and ``kind`` filter on the server; ``include_schema``
        adds each model's input schema. ``iter_models`` reads every page.
        """
        path = catalog_path(
            search=search,
            category=category,
            kind=kind,
            limit=limit,
            offset=offset,
            include_schema=include_schema,
        )
        return parse_page(self._transport.request("GET", path), path)

    def iter_models(
        self,
        search: str | None = None,
        category: str | None = None,
        kind: str | None = None,
        *,
        include_schema: bool = False,
        page_size: int = PAGE_SIZE,
    ) -> Iterator[CatalogEntry]:
        """Every entry of the live catalog, page by page, each model once.

        The offset advances by what each page held; a server that repeats a page, lists
        a model twice, ends before its ``total`` or never ends raises ``ServerError``.
        """
        pages = Pages(  # checks the arguments now, before the first page is asked for
            search=search,
            category=category,
            kind=kind,
            include_schema=include_schema,
            page_size=page_size,
        )
        return self._read_pages(pages)

    def _read_pages(self, pages: Pages) -> Iterator[CatalogEntry]:
        while (path := pages.next_path()) is not None:
            yield from pages.take(self._transport.request("GET", path), path)

    def categories(self) -> tuple[str, ...]:
        """The catalog's categories (``GET /v1/models/categories``)."""
        path = categories_path()
        return parse_categories(self._transport.request("GET", path), path)

    def model(self, model_id: str, *, include_schema: bool = False) -> CatalogEntry:
        """One model's live catalog entry (``GET /v1/models/{model_id}``).

        An unknown model raises ``NotFoundError`` naming it (RunComfy answers 400 with
        ``error_code`` 400001).
        """
        path = entry_path(model_id, include_schema)
        try:
            return parse_model(self._transport.request("GET", path), path, model_id)
        except RunComfyError as exc:
            raise with_model_id(exc, model_id) from None

    def price(self, model_id: str) -> Price | None:
        """The model's live price, or ``None`` when the catalog publishes none for it."""
        return self.model(model_id).price

    def download(
        self,
        source: JobResult[Any] | OutputModel | Iterable[str],
        directory: str | os.PathLike[str],
        *,
        limits: DownloadLimits | None = None,
    ) -> list[Path]:
        """Download ``source``'s output files into ``directory`` (see ``download_outputs``).

        Through the ``http_client`` this client was given, if any (its proxies,
        certificates, limits and hooks), else through a download client of its own; never
        with the token, which belongs to the API host only.
        """
        given = None if self._transport.owned else self._transport.http
        return download_outputs(source, directory, limits=limits, client=given)

    def estimate_cost(self, payload: InputModel[Any]) -> CostEstimate:
        """What ``payload`` would cost, at the model's live price (see ``estimate_cost``)."""
        return estimate_cost(payload, self.price(spec_of(payload).model_id))
