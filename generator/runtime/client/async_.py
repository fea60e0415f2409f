"""The async client: the same shape as ``Client``, every call awaitable.

Only the waiting and the I/O differ from the blocking client; reading answers, the
polling schedule and the error mapping are shared (``jobs``, ``polling``, ``transport``).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Generic, TypeVar, overload

import httpx

from ..core.cost import CostEstimate, estimate_cost
from ..core.info import Price
from ..core.model import InputModel, OutputModel
from ..errors import JobNotFinishedError, RunComfyError
from ..media.probe import ProbeLimits
from ..validation.validate import avalidate_media, validate_input
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
from .download import DownloadLimits, adownload_outputs
from .exchange import DEFAULT_MAX_ANSWER_BYTES, checked_timeout
from .ids import check_request_id
from .jobs import CancelOutcome, JobResult, JobStatus, parse_cancel, parse_status, parse_submission
from .polling import PollPolicy, WaitLoop, read_result, with_model_id, with_request_id
from .sync import (
    CANCEL_ON_TIMEOUT,
    OnUpdate,
    model_path,
    request_path,
    result_path,
    spec_of,
    timeout_of,
)
from .transport import AsyncTransport, RetryPolicy

__all__ = ["AsyncClient", "AsyncJob"]

OutputT = TypeVar("OutputT", bound=OutputModel)
AsyncOnUpdate = Callable[[JobStatus], Awaitable[None] | None]
log = logging.getLogger("runcomfy_models")


class AsyncJob(Generic[OutputT]):
    """A handle on one submitted request, for async code."""

    def __init__(
        self,
        client: AsyncClient,
        request_id: str,
        output: type[OutputT],
        model_id: str | None = None,
    ) -> None:
        self._client = client
        self.request_id = check_request_id(request_id)
        self.output_type = output
        self.model_id = model_id

    def __repr__(self) -> str:
        return f"AsyncJob(request_id={self.request_id!r}, model_id={self.model_id!r})"

    async def status(self, *, deadline: float | None = None) -> JobStatus:
        """The job's state now (with its queue position while queued)."""
        path = request_path(self.request_id, "status")
        try:
            body = await self._client._transport.request("GET", path, deadline=deadline)
            return parse_status(body, self.request_id)
        except RunComfyError as exc:
            raise with_request_id(exc, self.request_id) from None

    async def result(
        self, *, include_cost: bool = False, deadline: float | None = None
    ) -> JobResult[OutputT]:
        """The typed result; raises if the job failed, was cancelled or has not finished.

        ``include_cost=True`` asks for the job's cost too (``JobResult.cost``, in USD).
        """
        path = result_path(self.request_id, include_cost)
        try:
            body = await self._client._transport.request("GET", path, deadline=deadline)
            return read_result(body, self.output_type, self.request_id)
        except RunComfyError as exc:
            raise with_request_id(exc, self.request_id) from None

    async def cancel(self, *, deadline: float | None = None) -> CancelOutcome:
        """Ask to cancel; the ``CancelOutcome`` says truthfully what came of it.

        A queued job is cancelled (``outcome.cancelled``); a running one as a rule is not
        (``not_cancellable``: it runs on and is billed), though RunComfy may accept the
        cancel of a running job and stop it later (``outcome.pending``, the outcome
        ``cancellation_requested``: not cancelled yet).
        """
        path = request_path(self.request_id, "cancel")
        try:
            body = await self._client._transport.request("POST", path, deadline=deadline)
            return parse_cancel(body, self.request_id)
        except RunComfyError as exc:
            raise with_request_id(exc, self.request_id) from None

    async def wait(
        self,
        timeout: float = 600.0,
        *,
        on_update: AsyncOnUpdate | OnUpdate | None = None,
        cancel_on_timeout: bool = False,
        poll: PollPolicy | None = None,
        include_cost: bool = False,
    ) -> JobResult[OutputT]:
        """Poll until the job ends; see ``Job.wait``. ``on_update`` may be async."""
        checked_timeout(timeout, "wait timeout", zero=True)
        loop = WaitLoop(self.request_id, timeout, poll or self._client.poll)
        while True:
            try:
                status = await self.status(deadline=loop.deadline)
                if loop.changed(status) and on_update is not None:
                    outcome = on_update(status)
                    if isinstance(outcome, Awaitable):
                        await outcome
                if loop.wants_result(status):
                    return await self.result(include_cost=include_cost, deadline=loop.deadline)
            except JobNotFinishedError:
                pass  # status said done before result did: poll again
            except RunComfyError as exc:
                loop.outlive(exc)
            pause = loop.next_sleep()
            if pause is None:
                raise loop.expired(await self._cancel_quietly() if cancel_on_timeout else None)
            await asyncio.sleep(pause)

    async def _cancel_quietly(self) -> CancelOutcome | None:
        try:
            return await self.cancel(deadline=time.monotonic() + CANCEL_ON_TIMEOUT)
        except RunComfyError as exc:
            log.debug("cancel on timeout of %s failed: %s", self.request_id, exc)
            return None


class AsyncClient:
    """The async twin of ``Client``: one connection pool, an async context manager.

    The token and base URL are chosen as for ``Client`` (``base_url=`` >
    ``environment=`` > ``RUNCOMFY_BASE_URL`` > ``RUNCOMFY_API_ENVIRONMENT`` > production).
    ``http_client`` must be an ``httpx.AsyncClient`` (anything else is a ``TypeError`` at
    once). ``timeout`` bounds every call whole, as for ``Client`` (here with
    ``asyncio.timeout``, so also with your own ``http_client``); ``max_answer_bytes`` caps
    every answer.
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
        http_client: httpx.AsyncClient | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
        environment: str | None = None,
    ) -> None:
        self._transport = AsyncTransport(
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
        return f"AsyncClient(base_url={self.base_url!r})"

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        await self._transport.close()

    async def submit(
        self, payload: InputModel[OutputT], *, validate: bool = True
    ) -> AsyncJob[OutputT]:
        """Validate ``payload`` (unless told not to) and submit it; never retried."""
        spec = spec_of(payload)
        if validate:
            validate_input(spec, payload)
            await avalidate_media(
                spec, payload, client=self._transport.http, limits=self.media_limits
            )
        job = await self.submit_raw(spec.model_id, payload.to_request())
        return AsyncJob(self, job.request_id, spec.output, spec.model_id)

    async def submit_raw(self, model_id: str, payload: Mapping[str, Any]) -> AsyncJob[OutputModel]:
        """Submit a plain dict to any model id, generated or not; nothing is validated.

        Errors name the model; see ``Client.submit_raw``.
        """
        path = model_path(model_id)
        try:
            body = await self._transport.request("POST", path, dict(payload), retry=False)
            submission = parse_submission(body, model_id)
        except RunComfyError as exc:
            raise with_model_id(exc, model_id) from None
        log.debug("submitted %s as %s", model_id, submission.request_id)
        return AsyncJob(self, submission.request_id, OutputModel, model_id)

    @overload
    def job(self, request_id: str) -> AsyncJob[OutputModel]: ...

    @overload
    def job(self, request_id: str, output: type[OutputT]) -> AsyncJob[OutputT]: ...

    def job(self, request_id: str, output: type[OutputModel] = OutputModel) -> AsyncJob[Any]:
        """A handle on an existing request, from its id alone (``output`` types its result)."""
        return AsyncJob(self, request_id, output)

    async def run(
        self,
        payload: InputModel[OutputT],
        *,
        timeout: float = 600.0,
        on_update: AsyncOnUpdate | OnUpdate | None = None,
        cancel_on_timeout: bool = False,
        validate: bool = True,
        include_cost: bool = False,
    ) -> JobResult[OutputT]:
        """Submit, then wait for the typed result (with its cost if ``include_cost``)."""
        job = await self.submit(payload, validate=validate)
        return await job.wait(
            timeout,
            on_update=on_update,
            cancel_on_timeout=cancel_on_timeout,
            include_cost=include_cost,
        )

    # -- the live catalog: see ``Client`` -----------------------------------------------

    async def models(
        self,
        search: str | None = None,
        category: str | None = None,
        kind: str | None = None,
        *,
        limit: int = PAGE_SIZE,
        offset: int = 0,
        include_schema: bool = False,
    ) -> CatalogPage:
        """One page of the live catalog (``GET /v1/models``); see ``Client.models``."""
        path = catalog_path(
            search=search,
            category=category,
            kind=kind,
            limit=limit,
            offset=offset,
            include_schema=include_schema,
        )
        return parse_page(await self._transport.request("GET", path), path)

    def iter_models(
        self,
        search: str | None = None,
        category: str | None = None,
        kind: str | None = None,
        *,
        include_schema: bool = False,
        page_size: int = PAGE_SIZE,
    ) -> AsyncIterator[CatalogEntry]:
        """Every entry of the live catalog, page by page (``async for``); see
        ``Client.iter_models``."""
        pages = Pages(  # checks the arguments now, before the first page is asked for
            search=search,
            category=category,
            kind=kind,
            include_schema=include_schema,
            page_size=page_size,
        )
        return self._read_pages(pages)

    async def _read_pages(self, pages: Pages) -> AsyncIterator[CatalogEntry]:
        while (path := pages.next_path()) is not None:
            for entry in pages.take(await self._transport.request("GET", path), path):
                yield entry

    async def categories(self) -> tuple[str, ...]:
        """The catalog's categories (``GET /v1/models/categories``)."""
        path = categories_path()
        return parse_categories(await self._transport.request("GET", path), path)

    async def model(self, model_id: str, *, include_schema: bool = False) -> CatalogEntry:
        """One model's live catalog entry; an unknown model raises ``NotFoundError``."""
        path = entry_path(model_id, include_schema)
        try:
            return parse_model(await self._transport.request("GET", path), path, model_id)
        except RunComfyError as exc:
            raise with_model_id(exc, model_id) from None

    async def price(self, model_id: str) -> Price | None:
        """The model's live price, or ``None`` when the catalog publishes none for it."""
        return (await self.model(model_id)).price

    async def download(
        self,
        source: JobResult[Any] | OutputModel | Iterable[str],
        directory: str | os.PathLike[str],
        *,
        limits: DownloadLimits | None = None,
    ) -> list[Path]:
        """Download ``source``'s output files into ``directory`` (see ``adownload_outputs``).

        Through the ``http_client`` this client was given, if any (its proxies,
        certificates, limits and hooks), else through a download client of its own; never
        with the token, which belongs to the API host only.
        """
        given = None if self._transport.owned else self._transport.http
        return await adownload_outputs(source, directory, limits=limits, client=given)

    async def estimate_cost(self, payload: InputModel[Any]) -> CostEstimate:
        """What ``payload`` would cost, at the model's live price (see ``estimate_cost``)."""
        return estimate_cost(payload, await self.price(spec_of(payload).model_id))
