# Generated from generator/runtime/cli/batch.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Run many inputs through one model with bounded concurrency, resumably, keyed by input.

Every input is known by its content key (``batch_inputs``), so a rerun after lines were
added, removed or reordered submits only inputs never submitted, waits for those with a
request id, downloads what a success still lacks, and credits every result to its own
input. Every input to be submitted is checked (structure, and media unless told not to)
before the first submit. An ``intent`` line is synced to the journal (``batch_journal``)
before each submit is sent, so an input whose submit may have reached the server is
never submitted again automatically: it is reported as "outcome unknown". Ctrl-C stops
new submits, lets those already sent finish and be journaled, and exits 130. With
``--include-cost`` each result is read with its cost, kept in the journal's ``succeeded``
line (and ``failed`` line: a failed job may be billed), and the summary (one JSON object
on stdout) lists the cost of every job the journal holds (inputs since removed from the
file included: they were paid for) and their exact total.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..client.async_ import AsyncClient
from ..client.download import DownloadLimits, adownload_outputs, safe_child
from ..core.cost import usd_number
from ..core.spec import ModelSpec
from ..errors import (
    AuthenticationError,
    ConnectionFailedError,
    InputValidationError,
    InsufficientBalanceError,
    InvalidInputError,
    JobCancelledError,
    JobError,
    JobFailedError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    RunComfyError,
    StructuralValidationError,
    UnknownModelError,
)
from ..validation.validate import validate_input
from .at_paths import expand_at_paths
from .batch_inputs import BatchInput, check_inputs, content_key, read_inputs
from .batch_journal import InputState, Journal, journal_path, open_journal
from .batch_summary import cost_summary, summary
from .console import Bar, Err

__all__ = ["BatchOptions", "run_batch"]

# Submit failures that prove no job exists: the API answered and refused it, or nothing
# was sent. Anything else (any 5xx or CDN error page, a redirect, an answer over the
# size cap, a connection lost after sending) may hide a job that exists and is billed.
_NO_JOB_MADE = (
    AuthenticationError,
    PermissionDeniedError,
    NotFoundError,
    InsufficientBalanceError,
    InvalidInputError,
    RateLimitedError,
    ConnectionFailedError,
    InputValidationError,
    UnknownModelError,
)
_SHOWN_FINDINGS = 50
_SHOWN_WARNINGS = 10


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs: concurrency, the total wait per job, downloads, what to retry."""

    concurrency: int = 4
    timeout: float = 1800.0
    download: Path | None = None
    allow_http: bool = False
    ca_file: Path | None = None
    media: bool = True
    retry_failed: bool = False
    resubmit_unknown: bool = False
    include_cost: bool = False
    environment: str | None = None


def _action(state: InputState | None, options: BatchOptions) -> str | None:
    """What this run does for an input: submit, wait, download, or nothing."""
    if state is None or state.state == "new":
        return "submit"
    if state.state in ("failed", "not_submitted") and options.retry_failed:
        return "submit"
    if state.outcome_unknown and options.resubmit_unknown:
        return "submit"
    if state.state == "submitted":
        return "wait"
    if state.state == "succeeded" and options.download is not None and not state.files_present:
        return "download"
    return None


def _media_names(spec: ModelSpec[Any, Any]) -> list[str]:
    return [field.json_name for field in spec.media_fields]


def _adopt_legacy(journal: Journal, inputs: list[BatchInput], err: Err) -> None:
    """Read a journal written before ``@path`` inputs were keyed by their files' bytes.

    Such a journal keys an ``@path`` line by its text. An input found there under that
    key, and not under its own, is taken as the one journaled (never submitted again on
    its own: it may have been paid for), with a warning, since whether the file has
    changed since cannot be known.
    """
    adopted = 0
    for item in inputs:
        if item.legacy_key is None or item.legacy_key not in journal.states:
            continue
        old = journal.states.pop(item.legacy_key)
        new = journal.states.get(item.key)
        if new is None:
            old.key = item.key
            journal.states[item.key] = old
            adopted += 1
        else:  # both: the newer events are under the new key; keep every job and cost
            new.request_ids = [
                *old.request_ids,
                *(r for r in new.request_ids if r not in old.request_ids),
            ]
            new.costs = {**old.costs, **new.costs}
    if adopted:
        err.print(
            f"warning: {adopted} '@path' input(s) were journaled by an earlier version, by "
            "the path only; they are taken as already run with the same file. If a file "
            "changed since, run those inputs with another --results journal",
        )


def _error(exc: BaseException) -> dict[str, str]:
    return {"error_type": type(exc).__name__, "error": str(exc)}


def _urls(output: dict[str, Any]) -> list[str]:
    urls: list[str] = []
    for value in output.values():
        urls += [value] if isinstance(value, str) else [v for v in value if isinstance(v, str)]
    return urls


class _Batch:
    def __init__(
        self,
        spec: ModelSpec[Any, Any],
        client: AsyncClient,
        journal: Journal,
        options: BatchOptions,
    ) -> None:
        self.spec, self.client, self.journal, self.options = spec, client, journal, options
        self.stopping = asyncio.Event()
        self.sending: set[asyncio.Task[str | None]] = set()

    def _record(self, kind: str, item: BatchInput, **fields: Any) -> None:
        self.journal.write({"kind": kind, "key": item.key, "line": item.line, **fields})

    async def _send(self, item: BatchInput) -> str | None:
        """Intent (synced), the submit, then what came of it; the request id or None."""
        try:  # checked already; a "@path" file may have changed or gone since
            payload = validate_input(
                self.spec, expand_at_paths(self.spec, item.data or {}), local_paths=False
            )
        except StructuralValidationError as exc:
            self._record("not_submitted", item, **_error(exc))
            return None
        if content_key(self.spec.model_id, item.data or {}, _media_names(self.spec)) != (
            item.key.split("#")[0]
        ):  # the job would be credited to bytes it was not sent
            self._record(
                "not_submitted",
                item,
                error_type="InputsError",
                error="a '@path' file changed while the batch ran; run the batch again",
            )
            return None
        at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        self._record("intent", item, at=at)
        try:
            job = await self.client.submit(payload, validate=False)
        except _NO_JOB_MADE as exc:  # refused, or never sent: no job was created
            self._record("not_submitted", item, **_error(exc))
            return None
        except RunComfyError as exc:  # the job may exist: never sent again on its own
            self._record("unknown", item, **_error(exc))
            return None
        self._record("submitted", item, request_id=job.request_id)
        return job.request_id

    async def submit(self, item: BatchInput) -> str | None:
        if self.stopping.is_set():
            return None
        # Once sent, a submit is seen through and journaled even if the batch is stopped.
        sending = asyncio.ensure_future(self._send(item))
        self.sending.add(sending)
        sending.add_done_callback(self.sending.discard)
        return await asyncio.shield(sending)

    async def settle(self) -> None:
        """Wait for submits already sent, so what came of them reaches the journal."""
        if self.sending:
            await asyncio.wait(set(self.sending), timeout=self.options.timeout)

    async def wait(self, item: BatchInput, request_id: str) -> None:
        job = self.client.job(request_id, self.spec.output)
        try:
            result = await job.wait(self.options.timeout, include_cost=self.options.include_cost)
        except (JobFailedError, JobCancelledError, NotFoundError) as exc:
            # Ended without a result, or gone (expired): no wait can ever read one. A
            # failed job (or one cancelled while it ran) may still have been billed.
            billed: dict[str, Any] = {}
            if self.options.include_cost and isinstance(exc, JobError):
                billed["cost"] = usd_number(exc.cost)
            self._record("failed", item, request_id=request_id, **_error(exc), **billed)
            return
        except RunComfyError as exc:  # the job exists; a resume waits for it again
            self._record("unfinished", item, request_id=request_id, **_error(exc))
            return
        output = result.output.model_dump(mode="json", exclude_none=True)
        costs: dict[str, Any] = {}
        if self.options.include_cost:  # as a JSON number, the nearest double (or null)
            costs["cost"] = usd_number(result.cost)
        self._record("succeeded", item, request_id=request_id, output=output, **costs)
        if self.options.download is not None:
            await self.download(item, request_id, output)

    async def download(self, item: BatchInput, request_id: str, output: dict[str, Any]) -> None:
        """Fetch a success's files into DIR/REQUEST_ID, whole or not at all."""
        assert self.options.download is not None
        limits = DownloadLimits(allow_http=self.options.allow_http, ca_file=self.options.ca_file)
        partial: Path | None = None
        try:
            folder = safe_child(self.options.download, request_id)
            partial = folder.with_name(f".{folder.name}.partial")
            shutil.rmtree(partial, ignore_errors=True)
            paths = await adownload_outputs(_urls(output), partial, limits=limits)
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(partial, folder)
        except (RunComfyError, OSError) as exc:
            if partial is not None:
                shutil.rmtree(partial, ignore_errors=True)
            self._record("download_failed", item, request_id=request_id, **_error(exc))
            return
        files = [str(folder / path.name) for path in paths]
        self._record("downloaded", item, request_id=request_id, files=files)

    async def one(self, action: str, item: BatchInput) -> None:
        state = self.journal.states.get(item.key)
        if action == "download" and state is not None and state.request_id and state.output:
            await self.download(item, state.request_id, state.output)
            return
        request_id = state.request_id if action == "wait" and state is not None else None
        if action == "submit":
            request_id = await self.submit(item)
        if request_id is not None:
            await self.wait(item, request_id)


def _print_findings(err: Err, findings: dict[int, list[str]], name: str) -> None:
    shown = 0
    for line, problems in sorted(findings.items()):
        for problem in problems:
            if shown < _SHOWN_FINDINGS:
                err.print(f"{name} line {line}: {problem}")
            shown += 1
    if shown > _SHOWN_FINDINGS:
        err.print(f"... and {shown - _SHOWN_FINDINGS} more")
    err.print(
        f"{len(findings)} input(s) would be refused; nothing was submitted: "
        "fix them (or run `validate` on the file) and run again",
    )


def _progress(err: Err) -> Bar:
    return Bar(err, counted=True)


async def _work(
    batch: _Batch, todo: deque[tuple[str, BatchInput]], total: int, done: int, err: Err
) -> bool:
    """Run the actions; False if interrupted."""
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGINT, batch.stopping.set)
    try:
        if not err.live:
            err.print(f"{batch.spec.model_id}: {len(todo)} to do, {done} of {total} done before")
        with _progress(err) as progress:
            progress.start(batch.spec.model_id, total=total, completed=done)

            async def worker() -> None:
                while todo and not batch.stopping.is_set():
                    await batch.one(*todo.popleft())
                    progress.advance()

            size = min(batch.options.concurrency, len(todo)) or 1
            work: asyncio.Future[Any] = asyncio.gather(*(worker() for _ in range(size)))
            stop: asyncio.Future[Any] = asyncio.ensure_future(batch.stopping.wait())
            await asyncio.wait({work, stop}, return_when=asyncio.FIRST_COMPLETED)
            stop.cancel()
            if batch.stopping.is_set() and not work.done():
                work.cancel()
                await asyncio.gather(work, return_exceptions=True)
                await batch.settle()
                return False
            await work
            return not batch.stopping.is_set() or not todo
    finally:
        loop.remove_signal_handler(signal.SIGINT)


def _plan(
    inputs: list[BatchInput], states: dict[str, InputState], options: BatchOptions
) -> deque[tuple[str, BatchInput]]:
    todo: deque[tuple[str, BatchInput]] = deque()
    for item in inputs:
        action = _action(states.get(item.key), options) if item.data is not None else None
        if action is not None:
            todo.append((action, item))
    return todo


def _print_warnings(err: Err, journal: Journal) -> None:
    for warning in journal.warnings[:_SHOWN_WARNINGS]:
        err.print(warning)
    if len(journal.warnings) > _SHOWN_WARNINGS:
        err.print(f"... and {len(journal.warnings) - _SHOWN_WARNINGS} more such lines")


async def _refused(
    spec: ModelSpec[Any, Any], items: list[BatchInput], client: AsyncClient,
    options: BatchOptions, name: str, err: Err,
) -> bool:  # fmt: skip
    """Check ``items``; print the findings and say True if any would be refused."""
    with _progress(err) as progress:
        progress.start("checking inputs", total=len(items))
        findings = await check_inputs(
            spec, items, media=options.media, limits=client.media_limits,
            concurrency=options.concurrency, on_checked=progress.advance,
        )  # fmt: skip
    if findings:
        _print_findings(err, findings, name)
    return bool(findings)


async def _run(
    spec: ModelSpec[Any, Any], inputs: list[BatchInput], held: list[Journal], path: Path,
    options: BatchOptions, name: str, err: Err,
) -> int:  # fmt: skip
    """The exit code; a journal opened here is added to ``held`` (the caller closes it).

    A journal that does not exist yet is created (and locked) only once every input was
    checked, so a refused batch leaves neither a journal nor a lock file behind.
    """
    opened = held[0] if held else None
    if opened is not None:
        _print_warnings(err, opened)
        _adopt_legacy(opened, inputs, err)
    todo = _plan(inputs, opened.states if opened is not None else {}, options)
    async with AsyncClient(
        environment=options.environment
    ) as client:  # no token: one line, before anything is checked
        to_check = [item for action, item in todo if action == "submit"]
        to_check += [item for item in inputs if item.data is None]
        if await _refused(spec, to_check, client, options, name, err):
            return 1
        if opened is None:
            # Another run may have made it meanwhile: lock it, and plan from what it says.
            opened = open_journal(path, spec.model_id)
            held.append(opened)
            _print_warnings(err, opened)
            _adopt_legacy(opened, inputs, err)
            checked = {item.key for item in to_check}
            todo = _plan(inputs, opened.states, options)
            unchecked = [i for a, i in todo if a == "submit" and i.key not in checked]
            if await _refused(spec, unchecked, client, options, name, err):
                return 1
        journal = opened
        # Waits and downloads first: they finish what was paid for before anything new is.
        todo = deque(sorted(todo, key=lambda pair: pair[0] == "submit"))
        batch = _Batch(spec, client, journal, options)
        finished = await _work(batch, todo, len(inputs), len(inputs) - len(todo), err)
    if not finished:
        err.print(
            f"interrupted: run the same command again to resume from {journal.path}",
        )
        return 130
    lines, code = summary(journal, inputs, options.download is not None, name)
    for line in lines:
        err.print(line)
    if options.include_cost:
        line, report = cost_summary(journal, inputs, name)
        err.print(line)
        print(json.dumps(report, indent=2, allow_nan=False), flush=True)
    return code


def run_batch(
    spec: ModelSpec[Any, Any],
    inputs: Path,
    journal: Path,
    options: BatchOptions,
    err: Err | None = None,
) -> int:
    """Run every line of ``inputs`` (one JSON input object per line); the exit code.

    Raises ``InputsError`` or ``JournalError`` (one line each) before anything is sent.
    """
    console = err or Err()
    name = "standard input" if str(inputs) == "-" else str(inputs)
    items = read_inputs(spec.model_id, inputs, _media_names(spec))
    path = journal_path(journal)
    # An existing journal is locked and read now (it says what is left to check); a new
    # one is made only after the checks pass.
    held = [open_journal(path, spec.model_id)] if path.exists() else []
    try:
        return asyncio.run(_run(spec, items, held, path, options, name, console))
    finally:
        for opened in held:
            opened.close()
