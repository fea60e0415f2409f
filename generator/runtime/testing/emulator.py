"""A local RunComfy API: the documented endpoints, with jobs on a clock and faults on demand.

The emulator answers ``POST /v1/models/{model_id}``, ``GET /v1/requests/{id}/status``,
``GET /v1/requests/{id}/result``, ``POST /v1/requests/{id}/cancel`` and the catalog as
RunComfy documents them, details that trip clients included: ``succeeded`` on result
where status says ``completed``, 202 cancel outcomes, ``error_code`` bodies, bearer auth.
Jobs move from queued to running to done as its clock advances. Faults (rate limits,
5xx, CDN pages, ``error_code`` on 200, dropped connections, slow or lost answers) are
injected per endpoint, by script or by rate. It is an ASGI app (Starlette), served by
uvicorn on 127.0.0.1 from ``server``.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..core.patterns import PatternBudget, pattern_budget
from ..core.spec import ModelSpec
from ..errors import UnknownModelError
from ..validation.validate import amedia_findings
from .bad_input import MAX_BODY_BYTES, http_error, json_object, query_count
from .faults import Fault, dropped, error_response, misbehave
from .files import output_file, output_kind

__all__ = ["EmulatedJob", "Emulator", "JobPlan", "ManualClock"]

Specs = Callable[[str], ModelSpec[Any, Any]]
T = TypeVar("T")

# The emulator's own error code for an input it could not validate in time (RunComfy
# documents none for this): a 422, as for any input it refuses.
VALIDATION_TIMEOUT_CODE = 422001


async def _off_loop(work: Callable[[], T], timeout: float) -> T:
    """``work()`` run in a thread of its own, awaited for at most ``timeout`` seconds.

    The event loop keeps serving other requests meanwhile. Every pattern match in
    ``work`` shares one budget, stopped when the wait ends (done, out of time, or
    cancelled as the server stops), so the thread ends within one bounded match of that:
    the process can wait for it at exit (a daemon thread killed inside a match would abort
    the interpreter) and still stop promptly on SIGTERM.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()
    # The wait bounds the validation; the budget (longer, so the wait decides) is how the
    # thread learns that nobody waits any more: it is stopped when the wait ends.
    budget = PatternBudget(timeout + 60)

    def settle(result: Any, error: BaseException | None) -> None:
        if future.done():  # the wait ran out: nobody is listening
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)

    def run() -> None:
        try:
            with pattern_budget(budget):
                outcome: tuple[Any, BaseException | None] = (work(), None)
        except BaseException as exc:  # handed to the awaiting request, raised there
            outcome = (None, exc)
        with contextlib.suppress(RuntimeError):  # the loop has closed: the server stopped
            loop.call_soon_threadsafe(settle, *outcome)

    # Not a daemon (a thread inherits that from the server's, which is one): the process
    # waits for it at exit, which the budget keeps short.
    threading.Thread(target=run, name="emulator-validation", daemon=False).start()
    try:
        return await asyncio.wait_for(future, timeout)
    finally:
        budget.stop()


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
    """

    queue_seconds: float = 0.2
    run_seconds: float = 0.2
    outcome: Literal["succeeded", "failed"] = "succeeded"
    error: str = "the model failed to produce an output"
    status_word: str | None = None


@dataclass
class EmulatedJob:
    """One submitted job and the plan it follows."""

    request_id: str
    model_id: str
    payload: dict[str, Any]
    created: float
    plan: JobPlan
    created_at: str
    cancelled: bool = False

    def state(self, now: float) -> str:
        """The status word at ``now``, as the status endpoint says it."""
        if self.cancelled:
            return "cancelled"
        elapsed = now - self.created
        if elapsed < self.plan.queue_seconds:
            return "in_queue"
        if elapsed < self.plan.queue_seconds + self.plan.run_seconds:
            return self.plan.status_word or "in_progress"
        return "completed" if self.plan.outcome == "succeeded" else "failed"


def _now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class Emulator:
    """The emulated API's state: jobs, plans, faults and what it was asked."""

    token: str = "test-token"
    specs: Specs | None = None
    clock: Callable[[], float] = time.monotonic
    plan: JobPlan = field(default_factory=JobPlan)
    seed: int = 0
    jobs: dict[str, EmulatedJob] = field(default_factory=dict)
    faults: list[Fault] = field(default_factory=list)
    next_plans: list[JobPlan] = field(default_factory=list)
    calls: list[tuple[str, str]] = field(default_factory=list, repr=False)
    catalog: list[dict[str, Any]] = field(default_factory=list, repr=False)
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

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self.app = Starlette(
            exception_handlers={HTTPException: http_error},
            routes=[
                Route("/v1/models/{model_id:path}", self._submit, methods=["POST"]),
                Route("/v1/models", self._catalog, methods=["GET"]),
                Route("/v1/requests/{request_id}/status", self._status, methods=["GET"]),
                Route("/v1/requests/{request_id}/result", self._result, methods=["GET"]),
                Route("/v1/requests/{request_id}/cancel", self._cancel, methods=["POST"]),
                Route("/files/{request_id}/{name}", self._file, methods=["GET"]),
            ],
        )

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
            if fault.kind != "lost_submit" and fault.applies(endpoint, self._rng):
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
        problem = await self._check_input(model_id, payload)
        if problem is not None:
            return problem
        plan = self.next_plans.pop(0) if self.next_plans else self._drawn_plan()
        request_id = uuid.UUID(int=self._rng.getrandbits(128), version=4).hex
        job = EmulatedJob(request_id, model_id, payload, self.clock(), plan, _now_iso())
        self.jobs[request_id] = job
        if self.on_job is not None:
            self.on_job(job)
        if lost is not None and lost.applies("submit", self._rng):
            return dropped()
        urls = self._urls(request_id)
        return JSONResponse(
            {"request_id": request_id, **urls, "cancel_url": urls["status_url"][:-6] + "cancel"}
        )

    async def _check_input(self, model_id: str, payload: dict[str, Any]) -> Response | None:
        """Refuse what RunComfy would: unknown models, bad input, media breaking a rule."""
        if self.specs is None:
            return None
        try:
            spec = self.specs(model_id)
        except UnknownModelError:
            return error_response(400, 400001, f"invalid resource id: no model {model_id[:200]!r}")
        try:
            await _off_loop(
                lambda: spec.input.model_validate(payload, by_alias=True, by_name=False),
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
        return None

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
        return JSONResponse(body)

    async def _result(self, request: Request) -> Response:
        refused = await self._guard(request, "result")
        if refused is not None:
            return refused
        job = self._job(request)
        if job is None:
            return error_response(404, 404001, "request not found or expired")
        state = job.state(self.clock())
        body: dict[str, Any] = {
            "request_id": job.request_id,
            "status": "succeeded" if state == "completed" else state,
            "created_at": job.created_at,
        }
        if state == "completed":
            kind = output_kind(job.model_id)
            name = f"output.{output_file(kind)[0]}"
            body["output"] = {kind: f"{self.base_url}/files/{job.request_id}/{name}"}
            body["finished_at"] = _now_iso()
        elif state == "failed":
            body["error"] = job.plan.error
            body["finished_at"] = _now_iso()
        if request.query_params.get("include_cost") == "true" and state in ("completed", "failed"):
            body["cost"] = 0.25
        return JSONResponse(body)

    async def _cancel(self, request: Request) -> Response:
        refused = await self._guard(request, "cancel")
        if refused is not None:
            return refused
        job = self._job(request)
        if job is None:
            return error_response(404, 404001, "request not found or expired")
        state = job.state(self.clock())
        if state == "in_queue":
            job.cancelled = True
            return JSONResponse(
                {"request_id": job.request_id, "status": "cancelled", "outcome": "cancelled"}, 202
            )
        return JSONResponse(
            {"request_id": job.request_id, "status": state, "outcome": "not_cancellable"}, 202
        )

    async def _catalog(self, request: Request) -> Response:
        refused = await self._guard(request, "catalog")
        if refused is not None:
            return refused
        limit = query_count(request, "limit", 100, 1000)
        offset = query_count(request, "offset", 0, 10**9)
        if isinstance(limit, Response):
            return limit
        if isinstance(offset, Response):
            return offset
        return JSONResponse(
            {"models": self.catalog[offset : offset + limit], "total": len(self.catalog)}
        )

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
        extension, media_type, data = output_file(output_kind(job.model_id))
        if request.path_params["name"] != f"output.{extension}":
            return Response(status_code=404)
        return Response(data, media_type=media_type)
