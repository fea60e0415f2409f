"""The fault-survival run: many jobs through the async client against the emulator, with
about one request in five faulted, and what came of every job. The emulator tests run it at
a small size; ``python -m benchmarks.faults`` runs it at full size.

Each completed job's outputs are downloaded too, and some downloads are lost (the
connection drops mid-file). A lost download must lose nothing: the job's output URLs
are kept, and the files are fetched again from them afterwards, as a batch's resume
does, without submitting anything again."""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from runcomfy_models import (
    AsyncClient,
    DownloadError,
    DownloadLimits,
    PollPolicy,
    RetryPolicy,
    RunComfyError,
    SubmitOutcomeUnknownError,
    adownload_outputs,
    get_model,
)
from runcomfy_models.testing import Emulator, Fault, JobPlan, serve

MODEL = "runwayml/runway-gen-3-alpha/turbo/image-to-video"
PAYLOAD = {"promptText": "a lighthouse at dusk", "promptImage": "data:,"}
DOWNLOAD_ROUNDS = 5  # a lost download is fetched again from the kept URLs, up to this often


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
            f"peak open connections:     {self.peak_connections}",
            f"wall time:                 {self.seconds:.2f} s",
        ]
        return out


def faults(rate: float) -> list[Fault]:
    """About ``rate`` of requests faulted, spread over every kind the client must survive."""
    share = rate / 4
    return [
        Fault("status", "rate_limit", rate=share, times=None, retry_after="0"),
        Fault("status", "http_status", status=503, rate=share / 2, times=None),
        Fault("status", "html", status=502, rate=share / 2, times=None),
        Fault("result", "drop", rate=share, times=None),
        Fault("submit", "lost_submit", rate=share / 4, times=None),
        Fault("submit", "http_status", status=503, rate=share / 4, times=None),
        Fault("status", "slow", delay=0.05, rate=share / 2, times=None),
        Fault("files", "drop", rate=share, times=None),
    ]


Outcome = tuple[str, str | None, list[str]]


async def _one(client: AsyncClient, payload: Any) -> Outcome:
    """``("completed", request_id, output URLs)``, or the error kind and the request id."""
    job = None
    try:
        job = await client.submit(payload, validate=False)
        result = await job.wait(60)
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


async def _run(emulator: Emulator, jobs: int, concurrency: int) -> list[Outcome]:
    gate = asyncio.Semaphore(concurrency)
    retry = RetryPolicy(max_attempts=10, base_delay=0.01, max_delay=0.2, total_cap=30)
    poll = PollPolicy(initial=0.01, factor=1.5, max_in_progress=0.05, max_in_queue=0.05)
    payload = get_model(MODEL).input.model_validate(PAYLOAD)
    async with AsyncClient(
        emulator.token, base_url=emulator.base_url, retry=retry, poll=poll
    ) as client:

        async def gated() -> Outcome:
            async with gate:
                return await _one(client, payload)

        return await asyncio.gather(*(gated() for _ in range(jobs)))


def run_jobs(jobs: int, concurrency: int, fault_rate: float, seed: int = 1) -> FaultRun:
    """Run ``jobs`` jobs against a fresh emulator with faults; every job accounted for."""
    emulator = Emulator(
        specs=get_model,
        plan=JobPlan(queue_seconds=0.02, run_seconds=0.02),
        seed=seed,
        failure_rate=fault_rate / 10,
        unknown_status_rate=fault_rate / 20,
    )
    emulator.inject(*faults(fault_rate))
    with serve(emulator):
        started = time.perf_counter()
        outcomes = asyncio.run(_run(emulator, jobs, concurrency))
        report = FaultRun(jobs, peak_connections=emulator.peak_connections)  # of the API calls
        asyncio.run(_download_all(outcomes, report, concurrency))
        report.seconds = time.perf_counter() - started
        finished_ok = {
            job.request_id
            for job in emulator.jobs.values()
            if job.state(emulator.clock()) == "completed"
        }
    report.submits_sent = emulator.count("submit")
    for kind, request_id, _ in outcomes:
        if kind == "completed":
            report.completed += 1
        elif kind.startswith("untyped:"):
            report.untyped[kind.removeprefix("untyped:")] += 1
        else:
            report.errors[kind] += 1
            if request_id in finished_ok:
                report.results_lost += 1  # the server finished it, the client gave up on it
    return report
