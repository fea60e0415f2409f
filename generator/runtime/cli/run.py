"""``python -m runcomfy_models run``: one job from the command line, with live progress.

Progress (state, queue position, elapsed time) goes to stderr through rich; the result
goes to stdout as JSON, so ``run ... > result.json`` keeps only the answer. Once the job
has succeeded the exit code is 0: a download that fails afterwards is a warning naming
``download REQUEST_ID``, which fetches the outputs again without a second, paid job.
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

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

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
from .download import download_command, needs_http, save_outputs

__all__ = ["describe", "estimate_job", "result_json", "run_job"]


def describe(status: JobStatus) -> str:
    """One line about a status, for the progress display."""
    if status.state == "in_queue" and status.queue_position is not None:
        return f"{status.request_id}: queued, position {status.queue_position}"
    return f"{status.request_id}: {shown_word(status.raw_status).replace('_', ' ')}"


def _cost_text(cost: Decimal | None) -> str:
    """A job's cost as ``run --include-cost`` says it on stderr."""
    return "not reported" if cost is None else f"{shown_usd(cost)} USD"


def result_json(result: JobResult[Any], include_cost: bool = False) -> dict[str, Any]:
    """What ``run`` prints: the request id, timestamps, the outputs that exist, and with
    ``include_cost`` the cost in USD (``null`` when the server sent none)."""
    shown: dict[str, Any] = {
        "request_id": result.request_id,
        "status": "succeeded",
        "output": result.output.model_dump(mode="json", exclude_none=True),
        "created_at": result.created_at,
        "finished_at": result.finished_at,
    }
    if include_cost:
        # A JSON number: the nearest double to the digits sent (``core.cost.usd_number``).
        shown["cost"] = usd_number(result.cost)
    return shown


def _console(console: Console | None) -> Console:
    return console or Console(stderr=True, soft_wrap=True, highlight=False)


def estimate_job(
    spec: ModelSpec[Any, Any], payload: InputModel[Any], console: Console | None = None
) -> int:
    """Print what ``payload`` would cost at the model's live price; submits nothing."""
    err = _console(console)
    try:
        client = Client()
    except AuthenticationError as exc:
        err.print(f"error: {exc}", markup=False)
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
    err.print(f"estimate: {amount} ({estimate.rule}); nothing was submitted", markup=False)
    return 0


def _ask(console: Console, question: str) -> bool:
    try:
        return console.input(question, markup=False).strip().lower() in {"y", "yes"}
    except EOFError:
        return False


def _interrupted(client: Client, request_id: str, last: JobStatus | None, console: Console) -> int:
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
            console.print(f"{job_text}: cancel failed: {exc}", markup=False)
            return 130
        if outcome.cancelled:
            console.print(f"{job_text} was cancelled.", markup=False)
        elif outcome.pending:
            console.print(
                f"{job_text}: cancellation requested: it had started running, and will stop; "
                "it is not cancelled yet, and may be billed for the time it ran. Follow it "
                f"by its request id: {request_id}",
                markup=False,
            )
        elif outcome.unknown:
            console.print(
                f"{job_text}: the cancel's answer said nothing of its outcome; ask the job's "
                f"status by its request id: {request_id}",
                markup=False,
            )
        else:
            state = outcome.status or "no longer queued"
            console.print(f"{job_text} could not be cancelled: it is {state}.", markup=False)
        return 130
    console.print(f"\n{job_text} goes on; follow it by its request id: {request_id}", markup=False)
    return 130


def run_job(
    spec: ModelSpec[Any, Any],
    payload: InputModel[Any],
    *,
    timeout: float,
    download: Path | None,
    allow_http: bool = False,
    console: Console | None = None,
    include_cost: bool = False,
    ca_file: Path | None = None,
) -> int:
    """Submit ``payload`` (already validated), wait with progress, print the result."""
    err = _console(console)
    try:
        client = Client()
    except AuthenticationError as exc:
        err.print(f"error: {exc}", markup=False)
        return 2
    with client:
        try:
            job = client.submit(payload, validate=False)
        except KeyboardInterrupt:
            err.print(
                "\ninterrupted while submitting: the job may have been created (and may be "
                "billed); check the request history in your RunComfy dashboard before "
                "submitting again.",
                markup=False,
            )
            return 130
        last: list[JobStatus] = []
        started = time.monotonic()
        progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,  # logs get one plain line per change instead
        )
        with progress:
            task = progress.add_task(f"{job.request_id}: submitted", total=None)
            if not err.is_terminal:
                err.print(f"{job.request_id}: submitted", markup=False)

            def on_update(status: JobStatus) -> None:
                last[:] = [status]
                progress.update(task, description=describe(status))
                if not err.is_terminal:
                    elapsed = time.monotonic() - started
                    err.print(f"{describe(status)} ({elapsed:.0f} s)", markup=False)

            try:
                result = job.wait(timeout, on_update=on_update, include_cost=include_cost)
            except KeyboardInterrupt:
                progress.stop()
                return _interrupted(client, job.request_id, last[0] if last else None, err)
            except RunComfyError as exc:
                progress.stop()
                err.print(f"error: {type(exc).__name__}: {exc}", markup=False)
                if include_cost and isinstance(exc, JobFailedError | JobCancelledError):
                    err.print(f"{job.request_id}: cost {_cost_text(exc.cost)}", markup=False)
                if isinstance(exc, WaitTimeoutError) and not exc.cancelled:
                    again = download_command(
                        job.request_id,
                        download or Path("."),
                        allow_http=allow_http,
                        ca_file=ca_file,
                    )
                    err.print(f"to wait again and save its outputs: {again}", markup=False)
                return 1
        print(json.dumps(result_json(result, include_cost), indent=2, allow_nan=False))
        if include_cost:
            err.print(f"{result.request_id}: cost {_cost_text(result.cost)}", markup=False)
        if download is not None:
            _save(result, download, allow_http, err, ca_file)
    return 0


def _save(
    result: JobResult[Any],
    download: Path,
    allow_http: bool,
    err: Console,
    ca_file: Path | None = None,
) -> None:
    """Download the outputs; a failure is a warning, since the job succeeded and was paid."""
    failures = save_outputs(
        result,
        download,
        allow_http=allow_http,
        say=lambda line: err.print(line, markup=False),
        ca_file=ca_file,
    )
    if not failures:
        return
    for failure in failures:
        err.print(f"warning: download failed: {failure}", markup=False)
    again = download_command(
        result.request_id,
        download,
        allow_http=allow_http or needs_http(failures),
        ca_file=ca_file,
    )
    err.print(
        f"warning: job {result.request_id} succeeded (and was paid for), but not every output "
        f"was saved; do not run the job again, fetch its outputs with: {again}",
        markup=False,
    )
