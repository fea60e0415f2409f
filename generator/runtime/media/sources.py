"""Bytes on demand for a media probe: limits, the lazy file, local files and data: URIs.

Every source becomes a seekable, read-only :class:`LazyFile` that reads bytes only when a
parser asks, so a 600-byte JPEG header costs one small read (or one Range request: the https
reader, in :mod:`.media`, builds on :class:`Blocks`), not a download. One :class:`Budget` per
source caps the bytes read and the time spent. A failure while reading is never raised into
a parser (third-party code): the file keeps it in ``failure`` and looks truncated from then
on, and the caller raises it once the parser returns, so a limit or an I/O error is reported
as what it is. Local files: regular files only, opened without blocking, read within the
deadline; whether a local path is accepted at all is decided in :mod:`.media`.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import io
import mimetypes
import os
import queue
import re
import stat
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from ..errors import BudgetExceeded, ProbeError
from .cap import data_uri_chars, local_cap

__all__ = [
    "BLOCK",
    "Blocks",
    "Budget",
    "LazyFile",
    "ProbeLimits",
    "Stream",
    "data_uri",
    "decode_data_uri",
    "open_local",
]

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

BLOCK = 16 * 1024  # first request and cache granularity: an image header fits in one
_T = TypeVar("_T")


@dataclass(frozen=True)
class ProbeLimits:
    """Bounds on one probe of one source, and which sources are accepted."""

    max_bytes: int = 16 * 1024 * 1024  # received over all requests (or read from disk)
    timeout: float = 20.0  # seconds for the whole probe: every request, redirect or read
    max_data_uri_chars: int | None = None
    """Longer ``data:`` URIs are refused undecoded; ``None``: room for a file at the local
    media cap (``max_local_bytes``), so whatever the encoder lets through is probed."""
    max_redirects: int = 5  # followed per request
    allow_http: bool = False  # accept plain http:// URLs and redirects to them
    max_pixels: int = 40_000 * 40_000  # width times height an image or video may claim
    allow_local: bool = False
    """Accept local file paths (regular files only). Off by default: a payload from someone
    else must not make this process open its own files; RunComfy takes no paths anyway."""


class Budget:
    """Bytes received so far and the deadline, shared by every request for one source."""

    def __init__(self, limits: ProbeLimits) -> None:
        self.limits = limits
        self.used = 0
        self._start = time.monotonic()

    def remaining(self) -> float:
        """Seconds left; raises once the deadline has passed."""
        left = self.limits.timeout - (time.monotonic() - self._start)
        if left <= 0:
            raise ProbeError(f"timed out after {self.limits.timeout:g} s")
        return left

    def room(self) -> int:
        return self.limits.max_bytes - self.used

    def take(self, count: int) -> None:
        """Count ``count`` bytes just received; raise past the byte cap or the deadline."""
        self.used += count
        if self.used > self.limits.max_bytes:
            raise BudgetExceeded(self.limits.max_bytes)
        self.remaining()


class LazyFile(io.RawIOBase):
    """Seekable, read-only view of a source whose bytes are fetched on demand.

    ``size`` is ``None`` only for a body of unknown length; seeking to the end then reads it
    to the end (within the budget). Wrap in :class:`io.BufferedReader` for parsers.
    """

    def __init__(self, size: int | None) -> None:
        super().__init__()
        self.size = size
        self.failure: ProbeError | None = None
        self._pos = 0
        self.closers: list[Callable[[], None]] = []

    def _get(self, start: int, stop: int) -> bytes:
        """Bytes ``start`` to ``stop`` (or fewer, at the end); raises :class:`ProbeError`."""
        raise NotImplementedError

    def _guard(self, start: int, stop: int) -> bytes:
        if self.failure is not None or stop <= start:
            return b""
        try:
            return self._get(start, stop)
        except ProbeError as exc:
            self.failure = exc
            return b""

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET, /) -> int:
        if whence == io.SEEK_END:
            base = self._length()
        else:
            base = self._pos if whence == io.SEEK_CUR else 0
        self._pos = max(0, base + offset)
        return self._pos

    def _length(self) -> int:
        assert self.size is not None
        return self.size

    def _stop(self, count: int | None) -> int:
        if count is None:  # read to the end
            return self.size if self.size is not None else 1 << 62
        stop = self._pos + count
        return stop if self.size is None else min(stop, self.size)

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        view = memoryview(buffer).cast("B")
        data = self._guard(self._pos, self._stop(len(view)))
        view[: len(data)] = data
        self._pos += len(data)
        return len(data)

    def readall(self) -> bytes:
        data = self._guard(self._pos, self._stop(None))
        self._pos += len(data)
        return data

    def close(self) -> None:
        while self.closers:
            self.closers.pop()()
        super().close()


class Blocks(LazyFile):
    """Random access through ``fetch(start, stop)``, cached in ``BLOCK``-aligned pieces."""

    def __init__(
        self, size: int, fetch: Callable[[int, int], bytes], budget: Budget, first: bytes = b""
    ) -> None:
        super().__init__(size)
        self._fetch, self._budget = fetch, budget
        self._cache: dict[int, bytes] = {}
        self._store(0, first)

    def _store(self, start: int, data: bytes) -> None:
        assert self.size is not None
        for offset in range(0, len(data), BLOCK):
            piece = data[offset : offset + BLOCK]
            if len(piece) == BLOCK or start + offset + len(piece) == self.size:
                self._cache[(start + offset) // BLOCK] = piece

    def _get(self, start: int, stop: int) -> bytes:
        assert self.size is not None
        first, last = start // BLOCK, (stop - 1) // BLOCK
        missing = [i for i in range(first, last + 1) if i not in self._cache]
        if missing:
            begin, end = missing[0] * BLOCK, min((missing[-1] + 1) * BLOCK, self.size)
            if end - begin > self._budget.room():
                raise BudgetExceeded(self._budget.limits.max_bytes)
            self._store(begin, self._fetch(begin, end))
        data = b"".join(self._cache[i] for i in range(first, last + 1))
        return data[start - first * BLOCK : stop - first * BLOCK]


class Stream(LazyFile):
    """A body read front to back (a server that ignored Range), kept in memory as it comes."""

    def __init__(self, size: int | None, chunks: Iterator[bytes], budget: Budget) -> None:
        super().__init__(size)
        self._chunks, self._budget = chunks, budget
        self._buffer = bytearray()
        self._done = False

    def _length(self) -> int:
        if self.size is None:  # unknown length: read to the end, within the budget
            self._guard(len(self._buffer), 1 << 62)
            if self._done:
                self.size = len(self._buffer)
        return len(self._buffer) if self.size is None else self.size

    def _get(self, start: int, stop: int) -> bytes:
        while len(self._buffer) < stop and not self._done:
            chunk = next(self._chunks, None)
            if chunk is None:
                self._done = True
            else:
                self._buffer += chunk
        if self._done and self.size is not None and len(self._buffer) != self.size:
            raise ProbeError(f"the body ended after {len(self._buffer)} of {self.size} bytes")
        return bytes(self._buffer[start:stop])


# ---------------------------------------------------------------------------- local files
_NONBLOCK: int = getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS: int = os.O_RDONLY | _NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_NOT_REGULAR = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _regular(path: str, mode: int) -> None:
    """Refuse anything but a regular file: a FIFO or a device can block, or never end."""
    if not stat.S_ISREG(mode):
        what = next((name for test, name in _NOT_REGULAR if test(mode)), "a special file")
        raise ProbeError(f"not a regular file: {path} is {what}")


class _Worker:
    """Makes every system call on one local file, in order, on a thread of its own.

    A read from a hung network mount (or FUSE file system) cannot be interrupted. The probe
    waits for each call only until its deadline, then leaves the thread to finish on its
    own. All calls run on that one thread, so the file is closed after the last of them
    returns, never under it.
    """

    def __init__(self, budget: Budget) -> None:
        self._budget = budget
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        threading.Thread(target=self._serve, name="runcomfy-media-file", daemon=True).start()

    def _serve(self) -> None:
        while (job := self._jobs.get()) is not None:
            job()

    def call(self, function: Callable[[], _T]) -> _T:
        """``function()``, run on the thread; raises if the deadline comes first."""
        done = threading.Event()
        outcome: list[tuple[_T] | BaseException] = []

        def job() -> None:
            try:
                outcome.append((function(),))
            except BaseException as exc:  # handed to the waiting thread below
                outcome.append(exc)
            done.set()

        wait = self._budget.remaining()
        self._jobs.put(job)
        if not done.wait(wait):
            raise ProbeError(f"timed out after {self._budget.limits.timeout:g} s")
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        return outcome[0][0]

    def finish(self, last: Callable[[], None]) -> None:
        """Run ``last`` after every call so far (whenever they end); then stop the thread."""
        self._jobs.put(last)
        self._jobs.put(None)


def open_local(path: str, budget: Budget) -> LazyFile:
    """A local regular file: its size from ``fstat``, its bytes read only when asked for,
    every step within the probe's deadline (see :class:`_Worker`)."""
    worker = _Worker(budget)
    opened: list[int] = []

    def open_file() -> int:
        try:
            _regular(path, os.stat(path).st_mode)  # so a device or a FIFO is never opened
            opened.append(os.open(path, _OPEN_FLAGS))  # nor blocks, if swapped in since
            info = os.fstat(opened[0])
            _regular(path, info.st_mode)
            if _NONBLOCK:
                os.set_blocking(opened[0], True)
        except FileNotFoundError:
            raise ProbeError(f"no such file: {path}") from None
        except OSError as exc:
            raise ProbeError(f"cannot read {path}: {exc.strerror or exc}") from None
        return info.st_size

    def close() -> None:
        with contextlib.suppress(OSError):
            for fd in opened:
                os.close(fd)

    def read_range(start: int, stop: int) -> bytes:
        os.lseek(opened[0], start, os.SEEK_SET)
        data = bytearray()
        while len(data) < stop - start and (chunk := os.read(opened[0], stop - start - len(data))):
            data += chunk
        return bytes(data)

    def fetch(start: int, stop: int) -> bytes:
        try:
            data = worker.call(lambda: read_range(start, stop))
        except OSError as exc:
            raise ProbeError(f"cannot read {path}: {exc.strerror or exc}") from None
        budget.take(len(data))
        if len(data) != stop - start:
            raise ProbeError(f"{path} changed while it was being read")
        return data

    try:
        size = worker.call(open_file)
    except BaseException:
        worker.finish(close)
        raise
    file = Blocks(size, fetch, budget)
    file.closers.append(lambda: worker.finish(close))
    return file


# ------------------------------------------------------------------------------ data: URIs
def data_uri(path: str | os.PathLike[str], media_type: str | None = None) -> str:
    """A local file as a base64 ``data:`` URI, to send a file of your own inline.

    The media type is guessed from the file name unless given. RunComfy takes media as
    https URLs or ``data:`` URIs; an inline file makes the request as large as the file
    (and a third larger), so keep to the sizes the model's rules allow.
    """
    name = os.fspath(path)
    kind = media_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    with open(name, "rb") as file:
        return f"data:{kind};base64," + base64.b64encode(file.read()).decode("ascii")


def decode_data_uri(uri: str, limits: ProbeLimits) -> bytes:
    """The bytes of a ``data:`` URI, base64 or percent-encoded, after a length check."""
    limit = limits.max_data_uri_chars
    if limit is None:
        limit = data_uri_chars(local_cap())
    if len(uri) > limit:
        raise ProbeError(
            f"the data: URI has {len(uri):,} characters, more than the limit of {limit:,}"
        )
    header, comma, payload = uri[5:].partition(",")
    if not comma:
        raise ProbeError("malformed data: URI: there is no comma before the data")
    if "base64" not in (part.strip().lower() for part in header.split(";")[1:]):
        return urllib.parse.unquote_to_bytes(payload)
    text = re.sub(r"\s+", "", urllib.parse.unquote(payload) if "%" in payload else payload)
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ProbeError("malformed data: URI: the base64 data is invalid") from None
