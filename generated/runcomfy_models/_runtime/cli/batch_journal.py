# Generated from generator/runtime/cli/batch_journal.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""A batch's journal: one JSON line per event, keyed by input, locked, synced, self-repairing.

The first line names the format and the model; every other line is one event about one
input, named by its content key (see ``batch_inputs``) and the line it was on then::

    {"kind": "batch", "version": 2, "model_id": M}
    {"kind": "intent", "key": K, "line": N, "at": T}          synced before the submit is sent
    {"kind": "submitted", "key": K, "line": N, "request_id": R}           synced
    {"kind": "not_submitted", "key": K, "line": N, "error_type": E, "error": S}
    {"kind": "unknown", "key": K, "line": N, "error_type": E, "error": S}
    {"kind": "succeeded", "key": K, "line": N, "request_id": R, "output": {...}}  synced
        (with ``--include-cost`` also ``"cost": C``, in USD, or null when none was sent
        or what was sent is no cost; never ``Infinity`` or ``NaN``)
    {"kind": "failed", "key": K, "line": N, "request_id": R, "error_type": E, "error": S}
    {"kind": "unfinished", "key": K, "line": N, "request_id": R, "error_type": E, "error": S}
    {"kind": "downloaded", "key": K, "line": N, "request_id": R, "files": [...]}
    {"kind": "download_failed", "key": K, "line": N, "request_id": R, "error_type": E, "error": S}

An ``intent`` with nothing after it means the submit may have reached the server: that
input is "outcome unknown" and is never submitted again automatically. A last line with
no newline (the writer was killed) is ended with one and skipped with a warning; lines
that are not records are skipped with a warning; a journal from the version that keyed
inputs by position is refused. An event about a job whose request id fails the client's
check (``client/ids.py``) is skipped with a warning, so no such id reaches a URL or a
folder name. A lock file (``JOURNAL.lock``) keeps a second process out.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from filelock import FileLock, Timeout

from ..client.ids import check_request_id
from ..core.cost import cost_of
from ..errors import InvalidRequestIdError, JournalError

__all__ = ["InputState", "Journal", "JournalError", "journal_path", "open_journal"]

VERSION = 2
EVENTS = frozenset(
    {
        "intent",
        "submitted",
        "not_submitted",
        "unknown",
        "succeeded",
        "failed",
        "unfinished",
        "downloaded",
        "download_failed",
    }
)
# Events about a job: each names its request id, which must be of RunComfy's form.
JOB_EVENTS = EVENTS - {"intent", "not_submitted", "unknown"}


@dataclass
class InputState:
    """What the journal says about one input, after every event so far.

    ``state`` is one of ``sending`` (intent, no answer: outcome unknown), ``unknown``,
    ``not_submitted``, ``submitted``, ``succeeded``, ``failed``; ``downloaded`` and
    ``download_error`` say what became of a success's files.
    """

    key: str
    line: int
    state: str = "new"
    request_id: str | None = None
    output: dict[str, Any] | None = None
    error: str | None = None
    at: str | None = None
    files: list[str] | None = None
    download_error: str | None = None
    request_ids: list[str] = field(default_factory=list)
    cost: Decimal | None = None
    """A success's cost in USD, when it was read with ``--include-cost`` and sent; a
    value that is not a cost (``cost_of``: negative, ``Infinity``, ...) is none."""
    costs: dict[str, Decimal] = field(default_factory=dict)
    """Every cost the journal reports for this input's jobs, by request id: successes
    and failures alike (a failed job may be billed), kept across resubmits."""

    def apply(self, record: dict[str, Any]) -> None:
        kind = record["kind"]
        if isinstance(record.get("line"), int):
            self.line = record["line"]
        request_id = record.get("request_id")
        if isinstance(request_id, str):
            self.request_id = request_id
            if request_id not in self.request_ids:
                self.request_ids.append(request_id)
        if kind in ("succeeded", "failed") and isinstance(request_id, str):
            billed = cost_of(record.get("cost"))
            if billed is not None:
                self.costs[request_id] = billed
        if kind == "intent":
            self.state, self.request_id, self.at = "sending", None, record.get("at")
            self.output = self.files = self.error = self.download_error = None
            self.cost = None
        elif kind in ("submitted", "unfinished"):
            self.state = "submitted"
            self.error = record.get("error")
        elif kind == "succeeded":
            self.state = "succeeded"
            output = record.get("output")
            self.output = output if isinstance(output, dict) else {}
            self.cost = cost_of(record.get("cost"))
        elif kind == "downloaded":
            self.files, self.download_error = list(record.get("files") or []), None
        elif kind == "download_failed":
            self.download_error = _error_text(record)
        else:  # not_submitted, unknown, failed
            self.state, self.error = kind, _error_text(record)

    @property
    def outcome_unknown(self) -> bool:
        return self.state in ("sending", "unknown")

    @property
    def files_present(self) -> bool:
        """Whether a success's downloaded files are all still where they were saved."""
        return self.files is not None and all(Path(name).is_file() for name in self.files)


def _error_text(record: dict[str, Any]) -> str:
    return f"{record.get('error_type', 'Error')}: {record.get('error', '')}"


@dataclass
class Journal:
    """An open, locked journal: the state of every input ever recorded, and an appender."""

    path: Path
    model_id: str
    handle: IO[bytes]
    lock: FileLock
    states: dict[str, InputState] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def write(self, record: dict[str, Any], *, sync: bool = True) -> None:
        """Append one record (and apply it); synced unless told otherwise."""
        line = json.dumps(record, ensure_ascii=True, allow_nan=False, separators=(", ", ": "))
        line += "\n"
        self.handle.write(line.encode("ascii"))
        self.handle.flush()
        if sync:
            os.fsync(self.handle.fileno())
        key = record.get("key")
        if isinstance(key, str) and record.get("kind") in EVENTS:
            self.state(key, record.get("line", 0)).apply(record)

    def state(self, key: str, line: int) -> InputState:
        if key not in self.states:
            self.states[key] = InputState(key, line)
        return self.states[key]

    def close(self) -> None:
        self.handle.close()
        self.lock.release()


def _lock(path: Path) -> FileLock:
    lock = FileLock(str(path.parent / f"{path.name}.lock"), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise JournalError(
            f"{path} is in use by another batch (its lock {path.name}.lock is held); "
            "wait for that run to end, or give this one another --results file"
        ) from None
    except OSError as exc:
        raise JournalError(f"{path}: its lock file cannot be made ({exc.strerror})") from None
    return lock


def _records(
    journal: Path, raw: bytes, model_id: str
) -> tuple[list[dict[str, Any]], list[str], bool]:
    """The events, the warnings, and whether a header was seen."""
    warnings: list[str] = []
    header = False
    records: list[dict[str, Any]] = []
    lines = raw.split(b"\n")
    for number, chunk in enumerate(lines, start=1):
        if not chunk.strip():
            continue
        torn = number == len(lines)  # no newline after it: the writer stopped mid-line
        try:
            record = json.loads(chunk.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            record = None
        if not isinstance(record, dict):
            why = "cut short (the run writing it stopped)" if torn else "not a journal record"
            warnings.append(f"warning: {journal} line {number}: {why}; skipped")
            continue
        if torn:
            warnings.append(f"warning: {journal} line {number}: had no newline; repaired")
        if "index" in record and "key" not in record:
            raise JournalError(
                f"{journal} was written by an older version that keyed inputs by line "
                "position, which cannot be resumed safely; keep it to check its request ids "
                "and give this run a new --results file"
            )
        if record.get("kind") == "batch":
            _check_header(journal, record, model_id)
            header = True
        elif record.get("kind") in EVENTS and isinstance(record.get("key"), str):
            problem = _request_id_problem(record)
            if problem is None:
                records.append(record)
            else:
                warnings.append(f"warning: {journal} line {number}: {problem}; skipped")
        else:
            warnings.append(f"warning: {journal} line {number}: not a journal record; skipped")
    return records, warnings, header


def _request_id_problem(record: dict[str, Any]) -> str | None:
    """Why a record's request id cannot be used (the client's check), or None."""
    request_id = record.get("request_id")
    if request_id is None and record["kind"] not in JOB_EVENTS:
        return None
    try:
        check_request_id(request_id)
    except InvalidRequestIdError as exc:
        return str(exc)
    return None


def _check_header(journal: Path, record: dict[str, Any], model_id: str) -> None:
    version = record.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise JournalError(f"{journal} was written by a newer version (format {version!r})")
    if record.get("model_id") != model_id:
        raise JournalError(
            f"{journal} is the journal of a batch of {record.get('model_id')!r}, "
            f"not {model_id!r}; give this run another --results file"
        )


def journal_path(path: Path) -> Path:
    """The journal's absolute path, refused (one line) if it could never be one."""
    path = Path(os.path.abspath(path))
    if path.is_dir():
        raise JournalError(f"--results {path}: is a folder, not a file")
    if not path.parent.is_dir():
        raise JournalError(f"--results {path}: the folder {path.parent} does not exist")
    return path


def open_journal(path: Path, model_id: str) -> Journal:
    """Lock, read and repair the journal at ``path`` (created if missing)."""
    path = journal_path(path)
    lock = _lock(path.resolve())
    try:
        raw = path.read_bytes() if path.exists() else b""
        records, warnings, header = _records(path, raw, model_id)
        if not header and not records and raw[: raw.rfind(b"\n") + 1].strip():
            raise JournalError(
                f"--results {path}: not a batch journal (no line of it is a record); "
                "name another file, this one is left as it is"
            )
        handle = path.open("ab")
    except OSError as exc:
        lock.release()
        raise JournalError(
            f"--results {path}: cannot be read and appended to ({exc.strerror})"
        ) from None
    except BaseException:
        lock.release()
        raise
    journal = Journal(path, model_id, handle, lock, warnings=warnings)
    if raw and not raw.endswith(b"\n"):
        handle.write(b"\n")  # end the torn line, so the next record starts on its own
    if not header:
        journal.write({"kind": "batch", "version": VERSION, "model_id": model_id})
        _sync_folder(path.parent)
    for record in records:
        journal.state(record["key"], record.get("line", 0)).apply(record)
    return journal


def _sync_folder(folder: Path) -> None:
    """Make a new journal's name durable too, not only its contents."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
