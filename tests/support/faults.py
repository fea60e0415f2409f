"""The fault-survival run: many jobs through the async client against the emulator, with
about one status or result read in five faulted, and what came of every job. The emulator
tests run it at a small size; ``python -m benchmarks.faults`` runs it at full size.

The faults include those RunComfy's own clients meet: result reads answered 400005 ("not
finished"), status and result answers without ``request_id``, ``{}`` submit answers and
``error_code`` 403003 in a 200. One job in ``CANCEL_EVERY`` runs longer and is cancelled
once it is seen running; the emulator answers ``cancellation_requested`` and the job must
end cancelled (``JobCancelledError``), never be taken for not cancelled.

Each completed job's outputs are downloaded too, and some downloads are lost (the
connection drops mid-file). A lost download must lose nothing: the job's output URLs
are kept, and the files are fetched again from them afterwards, as a batch's resume
does, without submitting anything again."""

from __future__ import annotations

import asyncio
import contextlib
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx

from runcomfy_models import (
    AsyncClient,
    CancelOutcome,
    DownloadError,
    DownloadLimits,
    JobStatus,
    PollPolicy,
    RetryPolicy,
    RunComfyError,
    SubmitOutcomeUnknownError,
    adownload_outputs,
    get_model,
)
from runcomfy_models.testing import EmulatedJob, Emulator, Fault, JobPlan, serve

MODEL = "runwayml/runway-gen-3-alpha/turbo/image-to-video"
PAYLOAD = {"promptText": "a lighthouse at dusk", "promptImage": "data:,"}
DOWNLOAD_ROUNDS = 5  # a lost download is fetched again from the kept URLs, up to this often
CANCEL_EVERY = 20  # one job in this many is cancelled while it runs
CANCEL_RUN_SECONDS = 0.5  # how long such a job runs: it is seen running, whatever the polls


@dataclass
class FaultRun:
    """What happened to every job of a run."""

    jobs: int
    completed: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    untyped: Counter[str] = field(default_factory=Counter)
    submits_sent: int = 0
    results_lost: int = 0
    downloads_lost: int = 0
    downloads_refetched: int = 0
    outputs_lost: int = 0
    cancels: Counter[str] = field(default_factory=Counter)
    """What each cancel of a running job answered (``cancellation_requested``, ...)."""
    pending_not_cancelled: int = 0
    """Jobs whose cancel was pending that ended otherwise than cancelled: must be 0."""
    requests: int = 0
    """API and file requests the emulator answered (faulted ones included)."""
    fired: Counter[str] = field(default_factory=Counter)
    """Requests each fault acted on, by ``endpoint:kind``."""
    peak_connections: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        typed = sum(self.errors.values())
        out = [
            f"jobs:                      {self.jobs}",
            f"completed with a result:   {self.completed}",
            f"ended with a typed error:  {typed}",
        ]
        out += [f"  {kind:<24} {count}" for kind, count in sorted(self.errors.items())]
        out += [
            f"ended untyped:             {sum(self.untyped.values())} {dict(self.untyped)}",
            f"submits sent per job:      {self.submits_sent / self.jobs:.3f} "
            f"({self.submits_sent} for {self.jobs} submit calls)",
            f"results lost:              {self.results_lost}",
            f"downloads lost:            {self.downloads_lost} "
            f"({self.downloads_refetched} fetched again from the kept URLs)",
            f"outputs lost:              {self.outputs_lost}",
            f"cancels of running jobs:   {sum(self.cancels.values())} {dict(self.cancels)}",
            f"pending, not cancelled:    {self.pending_not_cancelled}",
            f"requests faulted:          {sum(self.fired.values())} of {self.requests} "
            f"({sum(self.fired.values()) / max(1, self.requests):.1%})",
        ]
        out += [f"  {kind:<32} {count}" for kind, count in sorted(self.fired.items())]
        out += [
            f"peak open connections:     {self.peak_connections}",
            f"wall time:                 {self.seconds:.2f} s",
        ]
        return out


def faults(rate: float) -> list[Fault]:
    """About ``rate`` of status and result reads faulted (the bulk of the requests), a
    quarter of that of submits and downloads, spread over every kind the client must
    survive; ``FaultRun.fired`` counts what each fault did."""
    reads = [
        Fault("status", "rate_limit", retry_after="0", rate=rate * 0.4),
        Fault("status", "http_status", status=503, rate=rate * 0.15),
        Fault("status", "html", status=502, rate=rate * 0.15),
        Fault("status", "no_request_id", rate=rate * 0.15),
        Fault("status", "slow", delay=0.05, rate=rate * 0.15),
        Fault("result", "drop", rate=rate * 0.4),
        Fault("result", "not_finished", rate=rate * 0.4),
        Fault("result", "no_request_id", rate=rate * 0.2),
    ]
    rare = [  # a submit or a download lost is costly to a run: a quarter as often
        Fault("submit", "lost_submit", rate=rate / 16),
        Fault("submit", "http_status", status=503, rate=rate / 16),
        Fault("submit", "empty", rate=rate / 16),
        Fault("submit", "error_code", error_code=403003, rate=rate / 16),
        Fault("files", "drop", rate=rate / 4),
    ]
    return reads + rare  # by rate only: a rate makes ``times`` irrelevant


def _label(fault: Fault) -> str:
    """``status:http_status 503``, ``submit:error_code 403003``, ``result:drop``."""
    arg = {"error_code": fault.error_code, "http_status": fault.status, "html": fault.status}
    shown = arg.get(fault.kind)
    return f"{fault.endpoint}:{fault.kind}" + ("" if shown is None else f" {shown}")


Outcome = tuple[str, str | None, list[str]]
Cancels = dict[str, CancelOutcome]


async def _one(client: AsyncClient, payload: Any, marked: set[str], cancels: Cancels) -> Outcome:
    """``("completed", request_id, output URLs)``, or the error kind and the request id.

    A job in ``marked`` is cancelled once it is seen running; ``cancels`` gets the answer.
    """
    job = None
    try:
        job = await client.submit(payload, validate=False)
        rid = job.request_id

        async def cancel_once_running(status: JobStatus) -> None:
            if rid in marked and rid not in cancels and status.state == "in_progress":
                # Not cancelled if the cancel fails: the job's result is waited for.
                with contextlib.suppress(RunComfyError):
                    cancels[rid] = await job.cancel()

        result = await job.wait(60, on_update=cancel_once_running)
        return "completed", job.request_id, result.output.urls()
    except SubmitOutcomeUnknownError:
        return "SubmitOutcomeUnknownError", None, []
    except RunComfyError as exc:
        return type(exc).__name__, job.request_id if job else None, []
    except Exception as exc:  # counted, never hidden: an untyped ending is a bug
        return f"untyped:{type(exc).__name__}", job.request_id if job else None, []


async def _fetched(http: httpx.AsyncClient, urls: list[str], folder: Path) -> bool:
    """Whether every file of ``urls`` was downloaded into ``folder``."""
    limits = DownloadLimits(allow_http=True)  # the emulator serves its files over http
    try:
        await adownload_outputs(urls, folder, limits=limits, client=http)
    except DownloadError:
        return False
    return True


async def _download_all(outcomes: list[Outcome], report: FaultRun, concurrency: int) -> None:
    """Download every completed job's outputs; lost downloads again from the kept URLs."""
    limits = httpx.Limits(max_connections=concurrency)
    with tempfile.TemporaryDirectory() as scratch:
        async with httpx.AsyncClient(timeout=30, limits=limits) as http:
            waiting = [(rid, urls) for kind, rid, urls in outcomes if kind == "completed" and rid]
            for round_ in range(DOWNLOAD_ROUNDS):
                done = await asyncio.gather(
                    *(
                        _fetched(http, urls, Path(scratch) / f"{rid}-{round_}")
                        for rid, urls in waiting
                    )
                )
                lost = [pair for pair, ok in zip(waiting, done, strict=True) if not ok]
                if round_ == 0:
                    report.downloads_lost = len(lost)
                else:
                    report.downloads_refetched += len(waiting) - len(lost)
                waiting = lost
            report.outputs_lost = len(waiting)


async def _run(
    emulator: Emulator, jobs: int, concurrency: int, marked: set[str], cancels: Cancels
) -> list[Outcome]:
    gate = asyncio.Semaphore(concurrency)
    retry = RetryPolicy(max_attempts=10, base_delay=0.01, max_delay=0.2, total_cap=30)
    poll = PollPolicy(initial=0.01, factor=1.5, max_in_progress=0.05, max_in_queue=0.05)
    payload = get_model(MODEL).input.model_validate(PAYLOAD)
    async with AsyncClient(
        emulator.token, base_url=emulator.base_url, retry=retry, poll=poll
    ) as client:

        async def gated() -> Outcome:
            async with gate:
                return await _one(client, payload, marked, cancels)

        return await asyncio.gather(*(gated() for _ in range(jobs)))


def run_jobs(jobs: int, concurrency: int, fault_rate: float, seed: int = 1) -> FaultRun:
    """Run ``jobs`` jobs against a fresh emulator with faults; every job accounted for."""
    emulator = Emulator(
        specs=get_model,
        plan=JobPlan(queue_seconds=0.02, run_seconds=0.02, cancel_while_running=True),
        seed=seed,
        failure_rate=fault_rate / 10,
        unknown_status_rate=fault_rate / 20,
    )
    emulator.inject(*faults(fault_rate))
    marked: set[str] = set()  # the jobs to cancel while they run (made longer to run)
    cancels: Cancels = {}

    def mark(job: EmulatedJob) -> None:  # called by the emulator as it makes each job
        if len(emulator.jobs) % CANCEL_EVERY == 0:
            job.plan = replace(job.plan, run_seconds=CANCEL_RUN_SECONDS)
            marked.add(job.request_id)

    emulator.on_job = mark
    with serve(emulator):
        started = time.perf_counter()
        outcomes = asyncio.run(_run(emulator, jobs, concurrency, marked, cancels))
        report = FaultRun(jobs, peak_connections=emulator.peak_connections)  # of the API calls
        asyncio.run(_download_all(outcomes, report, concurrency))
        report.seconds = time.perf_counter() - started
        finished_ok = {
            job.request_id
            for job in emulator.jobs.values()
            if job.state(emulator.clock()) == "completed"
        }
    report.submits_sent = emulator.count("submit")
    report.requests = len(emulator.calls)
    for fault in emulator.faults:
        report.fired[_label(fault)] += fault.fired
    report.cancels.update(outcome.outcome for outcome in cancels.values())
    for kind, request_id, _ in outcomes:
        cancel = cancels.get(request_id or "")
        if cancel is not None and cancel.pending and kind != "JobCancelledError":
            report.pending_not_cancelled += 1
        if kind == "completed":
            report.completed += 1
        elif kind.startswith("untyped:"):
            report.untyped[kind.removeprefix("untyped:")] += 1
        else:
            report.errors[kind] += 1
            if request_id in finished_ok:
                report.results_lost += 1  # the server finished it, the client gave up on it
    return report
