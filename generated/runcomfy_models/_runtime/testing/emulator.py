# Generated from generator/runtime/testing/emulator.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""A local RunComfy API: the documented endpoints, with jobs on a clock and faults on demand.

The emulator answers ``POST /v1/models/{model_id}``, ``GET /v1/requests/{id}/status``,
``GET /v1/requests/{id}/result`` (with ``cost`` on ``include_cost=true``), ``POST
/v1/requests/{id}/cancel`` and the catalog (``GET /v1/models``, ``GET /v1/models/{id}``,
``GET /v1/models/categories``: see ``catalog``) as RunComfy documents them, details that
trip clients included: ``succeeded`` on result where status says ``completed``, 202
cancel outcomes, ``error_code`` bodies, bearer auth.
Jobs move from queued to running to done as its clock advances. Faults (rate limits,
5xx, CDN pages, ``error_code`` on 200, 400005 "not finished" result reads, dropped
connections, slow or lost answers, answers without ``request_id``, ``{}`` answers) are
injected per endpoint, by script or by rate (see ``faults``). It is an ASGI app
(Starlette), served by uvicorn on 127.0.0.1 from ``server``. Output files are served
from the same address over plain http, or with ``https_outputs=True`` as production
serves them: over https from a host name (``https://localhost:PORT/files/...``,
``files_app`` on a port of its own), with a certificate from a CA made when the emulator
starts (``outputs_ca``).
"""

from __future__ import annotations

import random
import ssl
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..core.cost import usd_number
from ..core.info import CostBasis, Price
from ..core.spec import ModelSpec
from ..errors import UnknownModelError
from ..media.local import LOCAL_MEDIA
from ..validation.validate import amedia_findings
from .bad_input import MAX_BODY_BYTES, http_error, json_object, query_flag
from .catalog import (
    basis_of,
    categories_answer,
    checked_prices,
    failed_cost_of,
    job_cost,
    list_answer,
    model_answer,
    outputs_made,
    price_of,
)
from .faults import ANSWER_KINDS, Fault, Handler, answered, dropped, error_response, misbehave
from .files import output_file, output_kind, output_names
from .offload import off_loop

__all__ = ["EmulatedJob", "Emulator", "JobPlan", "ManualClock"]

Specs = Callable[[str], ModelSpec[Any, Any]]
_LATER = ANSWER_KINDS | {"lost_submit"}  # faults that act once the answer is made

# The emulator's own error code for an input it could not validate in time (RunComfy
# documents none for this): a 422, as for any input it refuses.
VALIDATION_TIMEOUT_CODE = 422001


class ManualClock:
    """A clock that moves only when told to, for tests that must not sleep."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass(frozen=True)
class JobPlan:
    """How a job will go: time queued, time running, and how it ends.

    ``status_word`` makes the job report a status word no client knows (for example
    ``"processing"``) instead of ``in_progress`` while it runs; it ends as planned.
    A failed job's result and status carry ``{"code": error_code, "message": error}``.
    ``cancel_while_running`` lets a cancel reach the job while it runs: the answer's
    outcome is ``cancellation_requested``, and the job runs on until its run would have
    ended, then ends ``cancelled`` (without, a running job is ``not_cancellable``).
    """

    queue_seconds: float = 0.2
    run_seconds: float = 0.2
    outcome: Literal["succeeded", "failed"] = "succeeded"
    error: str = "the model failed to produce an output"
    status_word: str | None = None
    error_code: str = "model_error"
    cancel_while_running: bool = False


@dataclass
class EmulatedJob:
    """One submitted job and the plan it follows.

    ``created`` is the emulator's clock when it was submitted, ``created_at`` the same
    instant as an ISO 8601 time in UTC; the job ends at a clock reading (``end``), and
    ``finished_at`` is ``created_at`` plus the clock's seconds from one to the other, so
    it is the same however late, and however often, it is read.
    """

    request_id: str
    model_id: str
    payload: dict[str, Any]
    created: float
    plan: JobPlan
    created_at: str
    cancelled: bool = False
    cancel_requested: bool = False
    """A cancel reached the job while it ran (``JobPlan.cancel_while_running``)."""
    values: dict[str, Any] = field(default_factory=dict, repr=False)
    """The input's values by published name, defaults applied once validated."""
    basis: CostBasis = field(default_factory=CostBasis, repr=False)
    cancelled_at: float | None = None
    """The clock reading when the job was cancelled (``cancel``)."""

    def cancel(self, now: float) -> None:
        """Cancel the job at the clock reading ``now``."""
        self.cancelled = True
        self.cancelled_at = now

    def end(self, now: float) -> float | None:
        """The clock reading at which the job ended, or ``None`` while it goes on."""
        if self.cancelled:
            if self.cancelled_at is None:  # flagged without cancel(): ended when first seen
                self.cancelled_at = now
            return self.cancelled_at
        if now - self.created < self.plan.queue_seconds + self.plan.run_seconds:
            return None
        return self.created + self.plan.queue_seconds + self.plan.run_seconds

    def finished_at(self, now: float) -> str | None:
        """When the job ended, as ISO 8601 in UTC, or ``None`` while it goes on."""
        end = self.end(now)
        if end is None:
            return None
        started = datetime.fromisoformat(self.created_at)
        try:
            return _iso(started + timedelta(seconds=max(0.0, end - self.created)))
        except OverflowError:  # a test clock run past the year 9999: the last instant
            return _iso(datetime.max.replace(tzinfo=UTC))

    def error(self) -> dict[str, str]:
        """What a failed job's result and status say about the failure."""
        return {"code": self.plan.error_code, "message": self.plan.error}

    def state(self, now: float) -> str:
        """The status word at ``now``, as the status endpoint says it."""
        if self.cancelled:
            return "cancelled"
        elapsed = now - self.created
        if elapsed < self.plan.queue_seconds:
            return "in_queue"
        if elapsed < self.plan.queue_seconds + self.plan.run_seconds:
            return self.plan.status_word or "in_progress"
        if self.cancel_requested:
            return "cancelled"
        return "completed" if self.plan.outcome == "succeeded" else "failed"


def _iso(moment: datetime) -> str:
    """ISO 8601 in UTC to the millisecond: ``YYYY-MM-DDTHH:MM:SS.mmmZ``."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Emulator:
    """The emulated API's state: jobs, plans, faults and what it was asked."""

    token: str = "test-token"
    specs: Specs | None = None
    clock: Callable[[], float] = time.monotonic
    plan: JobPlan = field(default_factory=JobPlan)
    seed: int = 0
    """Seeds the fault and failure dice only; request ids are random (``uuid4``) whatever
    the seed, so no two emulators, nor one restarted, ever give the same id."""
    jobs: dict[str, EmulatedJob] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    next_plans: list[JobPlan] = field(default_factory=list)
    calls: list[tuple[str, str]] = field(default_factory=list, repr=False)
    catalog: list[dict[str, Any]] | None = field(default=None, repr=False)
    """Catalog entries served as given; ``None``: the package's own models."""
    prices: Mapping[str, Price | Mapping[str, Any]] | None = field(default=None, repr=False)
    """Prices by model id (a ``Price`` or ``{base_price_usd, price_unit, pricing_note}``),
    over the published ones and the defaults (``catalog.DEFAULT_PRICES``)."""
    page_cap: int = 100
    """The most catalog entries one page holds, whatever ``limit`` asks (1 to 100 is
    accepted): a server may serve fewer than asked, and clients must page on."""
    base_url: str = ""
    files_with_credentials: int = 0
    failure_rate: float = 0.0
    unknown_status_rate: float = 0.0
    check_media: bool = False
    peak_connections: int = 0
    max_body_bytes: int = MAX_BODY_BYTES
    validation_timeout: float = 10.0
    """Seconds a submit's input may take to validate (off the event loop) before a 422."""
    on_job: Callable[[EmulatedJob], None] | None = field(default=None, repr=False)
    https_outputs: bool = False
    """Serve output files over https from ``localhost`` on a port of their own (``serve``
    makes the certificate), as production serves them from its storage host."""
    files_url: str = ""
    """Where output URLs point (set by ``serve``); empty: ``base_url``."""
    outputs_ca: str | None = None
    """With ``https_outputs``, once served: the PEM file of the CA that signed the output
    host's certificate, for clients to trust (removed when the emulator stops)."""

    def __post_init__(self) -> None:
        checked_prices(self.prices)  # a bad price table fails here, not on first use
        self._rng = random.Random(self.seed)

        def api(endpoint: str, handler: Handler) -> Handler:  # answer faults may change it
            return answered(self.faults, lambda: self._rng, endpoint, handler)

        self.app = Starlette(
            exception_handlers={HTTPException: http_error},
            routes=[
                Route("/v1/models/{model_id:path}", api("submit", self._submit), methods=["POST"]),
                Route("/v1/models", api("catalog", self._catalog), methods=["GET"]),
                Route("/v1/models/categories", api("catalog", self._categories), methods=["GET"]),
                Route("/v1/models/{model_id:path}", api("catalog", self._model), methods=["GET"]),
                Route(
                    "/v1/requests/{request_id}/status", api("status", self._status), methods=["GET"]
                ),
                Route(
                    "/v1/requests/{request_id}/result", api("result", self._result), methods=["GET"]
                ),
                Route(
                    "/v1/requests/{request_id}/cancel",
                    api("cancel", self._cancel),
                    methods=["POST"],
                ),
                Route("/files/{request_id}/{name}", self._file, methods=["GET"]),
            ],
        )
        self.files_app = Starlette(
            exception_handlers={HTTPException: http_error},
            routes=[Route("/files/{request_id}/{name}", self._file, methods=["GET"])],
        )
        """The output files alone: what ``serve`` serves over https with ``https_outputs``."""

    def __repr__(self) -> str:
        return f"Emulator(base_url={self.base_url!r}, jobs={len(self.jobs)})"

    # -- what tests steer -------------------------------------------------------------

    def inject(self, *faults: Fault) -> None:
        """Add faults; scripted ones are used up in order, by the requests they match."""
        self.faults.extend(faults)

    def plan_next(self, *plans: JobPlan) -> None:
        """The plans the next submitted jobs follow, in order (then ``plan``)."""
        self.next_plans.extend(plans)

    def reset(self, plan: JobPlan | None = None) -> None:
        """Forget every job, fault, plan and call, as if just started."""
        self.jobs.clear()
        self.faults.clear()
        self.next_plans.clear()
        self.calls.clear()
        self.files_with_credentials = 0
        self.plan = plan or JobPlan()
        self._rng = random.Random(self.seed)

    def outputs_ssl_context(self) -> ssl.SSLContext:
        """A client SSL context that trusts the https outputs' CA (and nothing else)."""
        if self.outputs_ca is None:
            raise RuntimeError(
                "outputs are served over https only by Emulator(https_outputs=True), once served"
            )
        return ssl.create_default_context(cafile=self.outputs_ca)

    def count(self, endpoint: str) -> int:
        """How many requests reached ``endpoint`` (faulted ones included)."""
        return sum(1 for name, _ in self.calls if name == endpoint)

    # -- plumbing -----------------------------------------------------------------------

    def _drawn_plan(self) -> JobPlan:
        """The default plan, or by the configured rates a failing or oddly reported job."""
        draw = self._rng.random()
        if draw < self.failure_rate:
            return replace(self.plan, outcome="failed")
        if draw < self.failure_rate + self.unknown_status_rate:
            return replace(self.plan, status_word="mystery")
        return self.plan

    def _authorised(self, request: Request) -> bool:
        return request.headers.get("authorization", "") == f"Bearer {self.token}"

    async def _fault(self, endpoint: str) -> Response | None:
        for fault in self.faults:
            if fault.kind in _LATER or not fault.applies(endpoint, self._rng):
                continue
            return await misbehave(fault)
        return None

    async def _guard(self, request: Request, endpoint: str) -> Response | None:
        self.calls.append((endpoint, request.url.path))
        if not self._authorised(request):
            return error_response(401, 400004, "invalid or missing token")
        return await self._fault(endpoint)

    def _job(self, request: Request) -> EmulatedJob | None:
        return self.jobs.get(request.path_params["request_id"])

    def _urls(self, request_id: str) -> dict[str, str]:
        base = f"{self.base_url}/v1/requests/{request_id}"
        return {"status_url": f"{base}/status", "result_url": f"{base}/result"}

    # -- endpoints ------------------------------------------------------------------------

    async def _submit(self, request: Request) -> Response:
        lost = next((f for f in self.faults if f.kind == "lost_submit"), None)
        refused = await self._guard(request, "submit")
        if refused is not None:
            return refused
        model_id = request.path_params["model_id"]
        payload = await json_object(request, self.max_body_bytes)
        if isinstance(payload, Response):
            return payload
        checked = await self._check_input(model_id, payload)
        if isinstance(checked, Response):
            return checked
        plan = self.next_plans.pop(0) if self.next_plans else self._drawn_plan()
        # Random, never from the seeded dice: a restarted emulator (or another one) must
        # not hand out an id an earlier job had, which a resumed batch would take for it.
        request_id = uuid.uuid4().hex
        job = EmulatedJob(
            request_id, model_id, payload, self.clock(), plan, _iso(datetime.now(UTC))
        )
        job.values, job.basis = checked
        self.jobs[request_id] = job
        if self.on_job is not None:
            self.on_job(job)
        if lost is not None and lost.applies("submit", self._rng):
            return dropped()
        urls = self._urls(request_id)
        return JSONResponse(
            {"request_id": request_id, **urls, "cancel_url": urls["status_url"][:-6] + "cancel"}
        )

    async def _check_input(
        self, model_id: str, payload: dict[str, Any]
    ) -> Response | tuple[dict[str, Any], CostBasis]:
        """Refuse what RunComfy would: unknown models, bad input, media breaking a rule.

        What passes gives the input's values (defaults applied, once validated) and the
        model's cost basis, which the job's cost and outputs are worked out from.
        """
        if self.specs is None:
            return payload, basis_of(model_id, None)
        try:
            spec = self.specs(model_id)
        except UnknownModelError:
            return error_response(400, 400001, f"invalid resource id: no model {model_id[:200]!r}")
        try:
            checked = await off_loop(
                lambda: spec.input.model_validate(
                    payload, by_alias=True, by_name=False, context={LOCAL_MEDIA: False}
                ),
                self.validation_timeout,
            )
        except TimeoutError:
            return error_response(
                422,
                VALIDATION_TIMEOUT_CODE,
                f"the input could not be validated within {self.validation_timeout:g} s",
            )
        except ValidationError as exc:
            detail = [
                {"loc": list(error["loc"]), "msg": error["msg"], "type": error["type"]}
                for error in exc.errors()
            ]
            return error_response(
                422, None, "the input does not match the model's schema", detail=detail
            )
        if self.check_media:
            findings = await amedia_findings(spec, payload)
            if findings:
                detail = [{"loc": [f.path], "msg": str(f), "type": "media"} for f in findings]
                return error_response(422, None, "a media file breaks a rule", detail=detail)
        values = checked.model_dump(mode="json", by_alias=True)
        return values, basis_of(model_id, spec.info)

    async def _status(self, request: Request) -> Response:
        refused = await self._guard(request, "status")
        if refused is not None:
            return refused
        job = self._job(request)
        if job is None:
            return error_response(404, 404001, "request not found or expired")
        state = job.state(self.clock())
        body: dict[str, Any] = {
            "request_id": job.request_id,
            "status": state,
            **self._urls(job.request_id),
        }
        if state == "in_queue":
            queued = [j for j in self.jobs.values() if j.state(self.clock()) == "in_queue"]
            body["queue_position"] = sorted(j.created for j in queued).index(job.created)
        elif state == "failed":
            body["error"] = job.error()
        return JSONResponse(body)

    async def _result(self, request: Request) -> Response:
        refused = await self._guard(request, "result")
        if refused is not None:
            return refused
        job = self._job(request)
        if job is None:
            return error_response(404, 404001, "request not found or expired")
        include_cost = query_flag(request, "include_cost")
        if isinstance(include_cost, Response):
            return include_cost
        now = self.clock()
        state = job.state(now)
        body: dict[str, Any] = {
            "request_id": job.request_id,
            "model_id": job.model_id,
            "status": "succeeded" if state == "completed" else state,
            "created_at": job.created_at,
        }
        if state == "completed":
            body["output"] = self._output(job)
        elif state == "failed":
            body["error"] = job.error()
        finished_at = job.finished_at(now)
        if finished_at is not None:  # absent, like ``output``, until the job has ended
            body["finished_at"] = finished_at
        ended = ("completed", "failed", "cancelled")
        if include_cost and state in ended:
            price = price_of(self, job.model_id)
            failed = failed_cost_of(self, job.model_id)
            # a cancel that reached a running job let it run its course: it is billed as
            # the run ended (a success's price, or what the table says a failure costs)
            billed = state
            if job.cancel_requested and not job.cancelled:
                billed = "completed" if job.plan.outcome == "succeeded" else "failed"
            cost = job_cost(price, job.values, job.basis, job.model_id, billed, failed)
            body["cost"] = usd_number(cost)  # a JSON number: the nearest double
        return JSONResponse(body)

    def _output(self, job: EmulatedJob) -> dict[str, Any]:
        """One file (``{"video": url}``), or as many as the count field asks (``"videos"``)."""
        kind = output_kind(job.model_id)
        urls = [
            f"{self.files_url or self.base_url}/files/{job.request_id}/{name}"
            for name in output_names(kind, outputs_made(job.values, job.basis))
        ]
        return {kind: urls[0]} if len(urls) == 1 else {f"{kind}s": urls}

    async def _cancel(self, request: Request) -> Response:
        refused = await self._guard(request, "cancel")
        if refused is not None:
            return refused
        job = self._job(request)
        if job is None:
            return error_response(404, 404001, "request not found or expired")
        state = job.state(self.clock())
        if state == "in_queue":
            job.cancel(self.clock())
            state = outcome = "cancelled"
        elif job.plan.cancel_while_running and state not in ("completed", "failed", "cancelled"):
            job.cancel_requested = True  # it runs on, then ends cancelled
            outcome = "cancellation_requested"
        else:
            outcome = "not_cancellable"
        return JSONResponse(
            {"request_id": job.request_id, "status": state, "outcome": outcome}, 202
        )

    async def _catalog(self, request: Request) -> Response:
        refused = await self._guard(request, "catalog")
        return refused if refused is not None else list_answer(self, request)

    async def _categories(self, request: Request) -> Response:
        refused = await self._guard(request, "catalog")
        return refused if refused is not None else categories_answer(self)

    async def _model(self, request: Request) -> Response:
        refused = await self._guard(request, "catalog")
        return refused if refused is not None else model_answer(self, request)

    async def _file(self, request: Request) -> Response:
        # Output files are public, as RunComfy's are: no token needed, none expected.
        self.calls.append(("files", request.url.path))
        if "authorization" in request.headers:
            self.files_with_credentials += 1
        fault = await self._fault("files")
        if fault is not None:
            return fault
        job = self._job(request)
        if job is None or job.state(self.clock()) != "completed":
            return Response(status_code=404)
        kind = output_kind(job.model_id)
        if request.path_params["name"] not in output_names(
            kind, outputs_made(job.values, job.basis)
        ):
            return Response(status_code=404)
        _, media_type, data = output_file(kind)
        return Response(data, media_type=media_type)
