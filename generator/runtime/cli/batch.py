"""Run many inputs through one model with bounded concurrency, resumably.

Every outcome goes to a JSON-lines journal as it happens: a ``submitted`` line with the
request id the moment a submit answers, then one final line per input (``succeeded``
with the outputs, or the error). Run the same batch again with the same journal and
inputs that already have a request id are waited for, never submitted again; inputs
with a final line are skipped. Ctrl-C stops new submits, lets submits already sent
finish and be journaled (so nothing paid for is forgotten), and exits.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..client.async_ import AsyncClient, AsyncJob
from ..client.download import DownloadLimits, adownload_outputs
from ..core.spec import ModelSpec
from ..errors import RunComfyError, SubmitOutcomeUnknownError
from ..validation.validate import avalidate_media, validate_input

__all__ = ["BatchOptions", "read_journal", "run_batch"]

FINAL = "final"


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs: concurrency, the total wait per job, downloads."""

    concurrency: int = 4
    timeout: float = 1800.0
    download: Path | None = None
    allow_http: bool = False


@dataclass
class _Journal:
    handle: IO[str]
    request_ids: dict[int, str] = field(default_factory=dict)
    finished: set[int] = field(default_factory=set)

    def write(self, record: dict[str, Any], *, sync: bool = False) -> None:
        self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.handle.flush()
        if sync:  # a request id is what stops a second, paid, submit after a crash
            os.fsync(self.handle.fileno())


def read_journal(path: Path) -> tuple[dict[int, str], set[int]]:
    """Request ids and finished indexes recorded by earlier runs of the batch."""
    request_ids: dict[int, str] = {}
    finished: set[int] = set()
    if not path.is_file():
        return request_ids, finished
    for line in path.read_text("utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue  # a line cut short by a crash
        index = record.get("index")
        if not isinstance(index, int):
            continue
        if isinstance(record.get("request_id"), str):
            request_ids[index] = record["request_id"]
        if record.get(FINAL):
            finished.add(index)
    return request_ids, finished


def _inputs(path: Path) -> Iterator[tuple[int, Any]]:
    for index, line in enumerate(path.read_text("utf-8").splitlines()):
        if line.strip():
            try:
                yield index, json.loads(line)
            except ValueError as exc:
                yield index, exc


def _error_record(index: int, request_id: str | None, error: Exception) -> dict[str, Any]:
    return {
        "index": index,
        "request_id": request_id,
        "status": "error",
        "error_type": type(error).__name__,
        "error": str(error),
        FINAL: True,
    }


class _Batch:
    def __init__(
        self,
        spec: ModelSpec[Any, Any],
        client: AsyncClient,
        journal: _Journal,
        options: BatchOptions,
    ) -> None:
        self.spec, self.client, self.journal, self.options = spec, client, journal, options
        self.gate = asyncio.Semaphore(options.concurrency)
        self.stopping = asyncio.Event()
        self.failures = 0
        self.sending: set[asyncio.Task[AsyncJob[Any]]] = set()

    async def _send(self, index: int, payload: Any) -> AsyncJob[Any]:
        job = await self.client.submit(payload, validate=False)
        self.journal.request_ids[index] = job.request_id
        record = {"index": index, "request_id": job.request_id, "status": "submitted"}
        self.journal.write(record, sync=True)
        return job

    async def submit(self, index: int, data: Any) -> AsyncJob[Any] | None:
        if isinstance(data, Exception):
            raise ValueError(f"line {index + 1} is not JSON: {data}")
        if not isinstance(data, dict):
            raise ValueError(f"line {index + 1} is not a JSON object")
        payload = validate_input(self.spec, data)
        await avalidate_media(self.spec, payload, limits=self.client.media_limits)
        if self.stopping.is_set():
            return None
        # Once sent, a submit is seen through and journaled even if the batch is stopped.
        sending = asyncio.ensure_future(self._send(index, payload))
        self.sending.add(sending)
        sending.add_done_callback(self.sending.discard)
        return await asyncio.shield(sending)

    async def settle(self) -> None:
        """Wait for submits already sent, so their request ids reach the journal."""
        if self.sending:
            await asyncio.wait(set(self.sending), timeout=self.options.timeout)

    async def one(self, index: int, data: Any) -> None:
        request_id = self.journal.request_ids.get(index)
        async with self.gate:
            if self.stopping.is_set():
                return
            try:
                if request_id is None:
                    job = await self.submit(index, data)
                    if job is None:
                        return
                else:
                    job = self.client.job(request_id, self.spec.output)
                result = await job.wait(self.options.timeout)
                record: dict[str, Any] = {
                    "index": index,
                    "request_id": job.request_id,
                    "status": "succeeded",
                    "output": result.output.model_dump(mode="json", exclude_none=True),
                    FINAL: True,
                }
                if self.options.download is not None:
                    folder = self.options.download / job.request_id
                    limits = DownloadLimits(allow_http=self.options.allow_http)
                    paths = await adownload_outputs(result, folder, limits=limits)
                    record["files"] = [str(path) for path in paths]
                self.journal.write(record)
            except (RunComfyError, ValueError) as exc:
                if isinstance(exc, SubmitOutcomeUnknownError):
                    exc.args = (f"{exc} (not resubmitted on resume: check it first)",)
                self.failures += 1
                self.journal.write(_error_record(index, self.journal.request_ids.get(index), exc))


async def _run(
    spec: ModelSpec[Any, Any], inputs: Path, journal_path: Path, options: BatchOptions, err: Console
) -> int:
    request_ids, finished = read_journal(journal_path)
    todo = [(i, data) for i, data in _inputs(inputs) if i not in finished]
    total = len(todo) + len(finished)
    with journal_path.open("a", encoding="utf-8") as handle:
        journal = _Journal(handle, request_ids, finished)
        async with AsyncClient() as client:
            batch = _Batch(spec, client, journal, options)
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGINT, batch.stopping.set)
            columns = (
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
            )
            with Progress(*columns, console=err, transient=True) as progress:
                task = progress.add_task(spec.model_id, total=total, completed=len(finished))

                async def tracked(index: int, data: Any) -> None:
                    await batch.one(index, data)
                    progress.advance(task)

                work: asyncio.Future[Any] = asyncio.gather(*(tracked(i, d) for i, d in todo))
                stop: asyncio.Future[Any] = asyncio.ensure_future(batch.stopping.wait())
                await asyncio.wait({work, stop}, return_when=asyncio.FIRST_COMPLETED)
                if batch.stopping.is_set() and not work.done():
                    work.cancel()
                    await asyncio.gather(work, return_exceptions=True)
                    await batch.settle()
                    loop.remove_signal_handler(signal.SIGINT)
                    err.print(
                        f"interrupted: run the same command again to resume from {journal_path}",
                        markup=False,
                    )
                    return 130
                stop.cancel()
                loop.remove_signal_handler(signal.SIGINT)
    err.print(
        f"{total - batch.failures} of {total} inputs succeeded; outcomes in {journal_path}",
        markup=False,
    )
    return 1 if batch.failures else 0


def run_batch(
    spec: ModelSpec[Any, Any],
    inputs: Path,
    journal: Path,
    options: BatchOptions,
    err: Console | None = None,
) -> int:
    """Run every line of ``inputs`` (one JSON input object per line); the exit code."""
    console = err or Console(stderr=True, soft_wrap=True, highlight=False)
    return asyncio.run(_run(spec, inputs, journal, options, console))
