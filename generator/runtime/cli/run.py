"""``python -m runcomfy_models run``: one job from the command line, with live progress.

Progress (state, queue position, elapsed time) goes to stderr: a live line drawn by rich
on a terminal when the ``cli`` extra is installed, else one plain line per change of the
job's state; the result goes to stdout as JSON, so ``run ... > result.json`` keeps only
the answer. Once the job has succeeded the exit code is 0: a download that fails
afterwards is a warning naming ``download REQUEST_ID``, which fetches the outputs again
without a second, paid job.
Ctrl-C while the job is queued offers to cancel it, since a queued job can still be
cancelled and a running one goes on and is billed (if it started meanwhile and RunComfy
answers ``cancellation_requested``, it says the job will stop but is not cancelled yet).
``--include-cost`` adds the job's cost to the JSON and says it on stderr; ``--estimate``
prints the estimate (JSON on stdout, one line on stderr) and submits nothing.
"""

from __future__ import annotations

import json
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..client.jobs import JobResult, JobStatus
from ..client.polling import shown_word
from ..client.sync import Client
from ..core.cost import estimate_cost, shown_usd, usd_number
from ..core.model import InputModel, OutputModel
from ..core.spec import ModelSpec
from ..errors import (
    AuthenticationError,
    JobCancelledError,
    JobFailedError,
    RunComfyError,
    WaitTimeoutError,
)
from .console import Bar, Err
from .download import download_command, needs_http, result_json, save_outputs

__all__ = ["describe", "estimate_job", "result_json", "run_job"]


def describe(status: JobStatus) -> str:
    """One line about a status, for the progress display."""
    if status.state == "in_queue" and status.queue_position is not None:
        return f"{status.request_id}: queued, position {status.queue_position}"
    return f"{status.request_id}: {shown_word(status.raw_status).replace('_', ' ')}"


def _cost_text(cost: Decimal | None) -> str:
    """A job's cost as ``run --include-cost`` says it on stderr."""
    return "not reported" if cost is None else f"{shown_usd(cost)} USD"


def _client(err: Err, environment: str | None) -> Client | None:
    """The client, or None once a one-line error was printed (no token, a bad setting)."""
    try:
        return Client(environment=environment)
    except (AuthenticationError, ValueError) as exc:
        err.print(f"error: {exc}")
        return None


def estimate_job(
    spec: ModelSpec[Any, Any],
    payload: InputModel[Any],
    console: Err | None = None,
    environment: str | None = None,
) -> int:
    """Print what ``payload`` would cost at the model's live price; submits nothing."""
    err = console or Err()
    client = _client(err, environment)
    if client is None:
        return 2
    with client:
        price = client.price(spec.model_id)
    estimate = estimate_cost(payload, price)
    shown = {
        "model_id": spec.model_id,
        "estimated_cost_usd": usd_number(estimate.usd),
        "upper_bound": estimate.upper_bound,
        "rule": estimate.rule,
        "price": None if price is None else vars(price),
    }
    print(json.dumps(shown, indent=2, allow_nan=False))
    amount = "no estimate" if estimate.usd is None else f"{shown_usd(estimate.usd)} USD"
    if estimate.upper_bound:
        amount = f"at most {amount}"
    err.print(f"estimate: {amount} ({estimate.rule}); nothing was submitted")
    return 0


def _ask(console: Err, question: str) -> bool:
    try:
        return console.input(question).strip().lower() in {"y", "yes"}
    except EOFError:
        return False


def _interrupted(client: Client, request_id: str, last: JobStatus | None, console: Err) -> int:
    job_text = f"job {request_id}"
    if last is None:  # interrupted before the first status: ask for it now
        try:
            last = client.job(request_id).status()
        except RunComfyError:
            last = None
    queued = last is not None and last.state == "in_queue"
    if queued and _ask(console, f"\n{job_text} is still queued. Cancel it? [y/N] "):
        try:
            outcome = client.job(request_id, OutputModel).cancel()
        except RunComfyError as exc:
            console.print(f"{job_text}: cancel failed: {exc}")
            return 130
        if outcome.cancelled:
            console.print(f"{job_text} was cancelled.")
        elif outcome.pending:
            console.print(
                f"{job_text}: cancellation requested: it had started running, and will stop; "
                "it is not cancelled yet, and may be billed for the time it ran. Follow it "
                f"by its request id: {request_id}",
            )
        elif outcome.unknown:
            console.print(
                f"{job_text}: the cancel's answer said nothing of its outcome; ask the job's "
                f"status by its request id: {request_id}",
            )
        else:
            state = outcome.status or "no longer queued"
            console.print(f"{job_text} could not be cancelled: it is {state}.")
        return 130
    console.print(f"\n{job_text} goes on; follow it by its request id: {request_id}")
    return 130


def run_job(
    spec: ModelSpec[Any, Any],
    payload: InputModel[Any],
    *,
    timeout: float,
    download: Path | None,
    allow_http: bool = False,
    console: Err | None = None,
    include_cost: bool = False,
    ca_file: Path | None = None,
    environment: str | None = None,
) -> int:
    """Submit ``payload`` (already validated), wait with progress, print the result."""
    err = console or Err()
    client = _client(err, environment)
    if client is None:
        return 2
    with client:
        try:
            job = client.submit(payload, validate=False)
        except KeyboardInterrupt:
            err.print(
                "\ninterrupted while submitting: the job may have been created (and may be "
                "billed); check the request history in your RunComfy dashboard before "
                "submitting again.",
            )
            return 130
        last: list[JobStatus] = []
        started = time.monotonic()
        with Bar(err) as progress:
            progress.start(f"{job.request_id}: submitted")
            if not err.live:  # logs, or no rich: one plain line per change instead
                err.print(f"{job.request_id}: submitted")

            def on_update(status: JobStatus) -> None:
                last[:] = [status]
                progress.describe(describe(status))
                if not err.live:
                    elapsed = time.monotonic() - started
                    err.print(f"{describe(status)} ({elapsed:.0f} s)")

            try:
                result = job.wait(timeout, on_update=on_update, include_cost=include_cost)
            except KeyboardInterrupt:
                progress.stop()
                return _interrupted(client, job.request_id, last[0] if last else None, err)
            except RunComfyError as exc:
                progress.stop()
                err.print(f"error: {type(exc).__name__}: {exc}")
                if include_cost and isinstance(exc, JobFailedError | JobCancelledError):
                    err.print(f"{job.request_id}: cost {_cost_text(exc.cost)}")
                if isinstance(exc, WaitTimeoutError) and not exc.cancelled:
                    again = download_command(
                        job.request_id,
                        download or Path("."),
                        allow_http=allow_http,
                        ca_file=ca_file,
                        environment=environment,
                    )
                    err.print(f"to wait again and save its outputs: {again}")
                return 1
        print(json.dumps(result_json(result, include_cost), indent=2, allow_nan=False))
        if include_cost:
            err.print(f"{result.request_id}: cost {_cost_text(result.cost)}")
        if download is not None:
            _save(result, download, allow_http, err, ca_file, environment)
    return 0


def _save(
    result: JobResult[Any],
    download: Path,
    allow_http: bool,
    err: Err,
    ca_file: Path | None = None,
    environment: str | None = None,
) -> None:
    """Download the outputs; a failure is a warning, since the job succeeded and was paid."""
    failures = save_outputs(
        result,
        download,
        allow_http=allow_http,
        say=err.print,
        ca_file=ca_file,
    )
    if not failures:
        return
    for failure in failures:
        err.print(f"warning: download failed: {failure}")
    again = download_command(
        result.request_id,
        download,
        allow_http=allow_http or needs_http(failures),
        ca_file=ca_file,
        environment=environment,
    )
    err.print(
        f"warning: job {result.request_id} succeeded (and was paid for), but not every output "
        f"was saved; do not run the job again, fetch its outputs with: {again}",
    )
