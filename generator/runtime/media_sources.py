"""Where a media probe's bytes come from: a local path, a ``data:`` URI or an https URL.

Every source is turned into a seekable, read-only binary file that fetches bytes only when a
parser asks for them, so a parser that needs a 600-byte JPEG header costs one small Range
request, not a download. One :class:`Budget` per source caps the bytes received (over all
requests) and the time spent (over all requests, checked between network reads too).

Parsers are third-party code (Pillow, tinytag, MediaInfo). A failure while fetching is never
raised into them: :class:`LazyFile` keeps it in ``failure`` and looks truncated from then on,
and the caller raises ``failure`` once the parser returns. So a limit or a network error is
reported as what it is, not as whatever the parser made of a short read.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
import os
import re
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from .errors import RunComfyError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

BLOCK = 64 * 1024  # first request and cache granularity: most headers (and moov boxes) fit
_T = TypeVar("_T")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")


@dataclass(frozen=True)
class ProbeLimits:
    """Bounds on one probe of one source."""

    max_bytes: int = 16 * 1024 * 1024  # received over all requests (or read from disk)
    timeout: float = 20.0  # seconds for the whole probe: every request and redirect
    max_data_uri_chars: int = 64 * 1024 * 1024  # longer data: URIs are refused undecoded
    max_redirects: int = 5  # followed per request
    allow_http: bool = False  # accept plain http:// URLs and redirects to them
    max_pixels: int = 40_000 * 40_000  # width times height an image or video may claim


class ProbeError(RunComfyError):
    """A media file could not be measured; the message is one sentence for the user.

    Messages never carry request headers, and URLs in them lose their query string, so a
    pre-signed URL's token does not end up in logs.
    """


class BudgetExceeded(ProbeError):
    """Reading on would pass ``ProbeLimits.max_bytes``."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"read more than {limit} bytes without finding what was needed")
        self.limit = limit


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


class _Blocks(LazyFile):
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


class _Stream(LazyFile):
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


# --------------------------------------------------------------------------- local files
def open_local(path: str, budget: Budget) -> LazyFile:
    """A local file; its size comes from ``os.stat``, bytes are read only when asked for."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed by LazyFile.close
    except FileNotFoundError:
        raise ProbeError(f"no such file: {path}") from None
    except OSError as exc:
        raise ProbeError(f"cannot read {path}: {exc.strerror or exc}") from None
    size = os.fstat(handle.fileno()).st_size

    def fetch(start: int, stop: int) -> bytes:
        budget.remaining()
        handle.seek(start)
        data = handle.read(stop - start)
        budget.take(len(data))
        if len(data) != stop - start:
            raise ProbeError(f"{path} changed while it was being read")
        return data

    file = _Blocks(size, fetch, budget)
    file.closers.append(handle.close)
    return file


# ---------------------------------------------------------------------------------- https
class Exchange:
    """How requests are sent: through an :class:`httpx.Client`, directly."""

    def __init__(self, client: httpx.Client) -> None:
        self._client = client
        self._builder: httpx.Client | httpx.AsyncClient = client

    def build(self, url: httpx.URL, headers: dict[str, str], timeout: float) -> httpx.Request:
        request = self._builder.build_request("GET", url, headers=headers, timeout=timeout)
        for name in ("authorization", "proxy-authorization", "cookie"):
            request.headers.pop(name, None)  # media URLs are public: never send credentials
        return request

    def send(self, request: httpx.Request) -> httpx.Response:
        return self._client.send(request, stream=True, follow_redirects=False, auth=None)

    def chunks(self, response: httpx.Response) -> Iterator[bytes]:
        return response.iter_raw()

    def close(self, response: httpx.Response) -> None:
        response.close()


class AsyncExchange(Exchange):
    """Requests through an :class:`httpx.AsyncClient`, made from a worker thread.

    Each step runs as a coroutine on the caller's event loop (``run_coroutine_threadsafe``)
    while the worker thread, where the blocking parsers run, waits at most ``wait`` seconds
    for it (httpx's own timeouts, set from the budget, normally end it much sooner).
    """

    def __init__(
        self, client: httpx.AsyncClient, loop: asyncio.AbstractEventLoop, wait: float
    ) -> None:
        self._async, self._loop, self._wait = client, loop, wait
        self._builder = client

    def _run(self, coroutine: Coroutine[Any, Any, _T]) -> _T:
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(self._wait)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise httpx.ReadTimeout("the event loop did not answer in time") from None

    def send(self, request: httpx.Request) -> httpx.Response:
        return self._run(self._async.send(request, stream=True, follow_redirects=False, auth=None))

    def chunks(self, response: httpx.Response) -> Iterator[bytes]:
        pieces = response.aiter_raw()

        async def next_piece() -> bytes | None:
            return await anext(pieces, None)

        while (piece := self._run(next_piece())) is not None:
            yield piece

    def close(self, response: httpx.Response) -> None:
        self._run(response.aclose())


def shown(url: httpx.URL) -> str:
    """``url`` for messages: scheme, host, port and path, without query or credentials."""
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{url.host}{port}{url.path}"


def check_scheme(url: httpx.URL, limits: ProbeLimits, *, redirect: bool) -> None:
    """Refuse anything but https (and http when allowed), and URLs carrying credentials."""
    allowed = ("https", "http") if limits.allow_http else ("https",)
    if url.scheme not in allowed:
        if redirect:
            raise ProbeError("redirect to a non-https URL refused")
        if url.scheme == "http":
            raise ProbeError("plain http URL refused: only https URLs are accepted")
        raise ProbeError(f"unsupported URL scheme {url.scheme!r}: only https URLs are accepted")
    if url.username or url.password:
        raise ProbeError("URLs with a user name or password are refused")


class _Http:
    """GET with Range on one URL, following redirects by hand, within one budget."""

    def __init__(self, exchange: Exchange, url: httpx.URL, budget: Budget) -> None:
        self._exchange, self.url, self._budget = exchange, url, budget
        self._limits = budget.limits

    def _failed(self, exc: httpx.HTTPError, url: httpx.URL) -> ProbeError:
        if isinstance(exc, httpx.TimeoutException):
            return ProbeError(f"timed out after {self._limits.timeout:g} s")
        detail = str(exc) or type(exc).__name__
        for seen in (url, self.url):
            detail = detail.replace(str(seen), shown(seen))
        return ProbeError(f"the download from {url.host} failed: {detail}")

    def get(self, start: int, stop: int) -> httpx.Response:
        """The answer to ``Range: bytes=start-(stop-1)``, after any redirects."""
        headers = {"Range": f"bytes={start}-{stop - 1}", "Accept-Encoding": "identity"}
        url = self.url
        for _ in range(self._limits.max_redirects + 1):
            request = self._exchange.build(url, headers, self._budget.remaining())
            try:
                response = self._exchange.send(request)
            except httpx.HTTPError as exc:
                raise self._failed(exc, url) from None
            if response.status_code not in _REDIRECTS:
                self.url = url
                return response
            location = response.headers.get("location")
            self._exchange.close(response)
            if not location:
                raise ProbeError(f"server answered HTTP {response.status_code} without a Location")
            url = url.join(location)
            check_scheme(url, self._limits, redirect=True)
        raise ProbeError(f"too many redirects (more than {self._limits.max_redirects})")

    def chunks(self, response: httpx.Response) -> Iterator[bytes]:
        try:
            for chunk in self._exchange.chunks(response):
                self._budget.take(len(chunk))
                yield chunk
        except httpx.HTTPError as exc:
            raise self._failed(exc, self.url) from None

    def body(self, response: httpx.Response, start: int, stop: int) -> bytes:
        """The body of a 206 answer, checked against the range asked for."""
        first, last, _total = _content_range(response)
        if first != start or last >= stop:
            raise ProbeError(f"server sent bytes {first}-{last}, not {start}-{stop - 1}")
        data = bytearray()
        for chunk in self.chunks(response):  # Content-Length is enforced by httpx
            data += chunk
            if len(data) > last + 1 - first:
                break
        if len(data) != last + 1 - first:
            raise ProbeError(f"server sent {len(data)} bytes for bytes {first}-{last}")
        return bytes(data)

    def fetch(self, size: int) -> Callable[[int, int], bytes]:
        def fetch(start: int, stop: int) -> bytes:
            response = self.get(start, stop)
            try:
                if response.status_code != 206:
                    raise ProbeError(f"server answered HTTP {response.status_code} to a Range")
                if _content_range(response)[2] != size:
                    raise ProbeError("the file changed on the server while it was being read")
                return self.body(response, start, stop)
            finally:
                self._exchange.close(response)

        return fetch


def _content_range(response: httpx.Response) -> tuple[int, int, int | None]:
    match = _CONTENT_RANGE.fullmatch(response.headers.get("content-range", "").strip())
    if match is None or int(match[2]) < int(match[1]):
        raise ProbeError("server answered 206 without a valid Content-Range")
    total = None if match[3] == "*" else int(match[3])
    if total is not None and int(match[2]) >= total:
        raise ProbeError("server answered 206 with a Content-Range beyond the file's end")
    return int(match[1]), int(match[2]), total


def open_url(source: str, exchange: Exchange, budget: Budget, *, size_only: bool) -> LazyFile:
    """The file at an https URL: one Range request for the first block (one byte when only
    the size is needed), more Range requests as parsers read further."""
    try:
        url = httpx.URL(source)
    except httpx.InvalidURL:
        raise ProbeError("not a valid URL") from None
    check_scheme(url, budget.limits, redirect=False)
    http = _Http(exchange, url, budget)
    stop = 1 if size_only else BLOCK
    response = http.get(0, stop)
    status = response.status_code
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if status == 200 and encoding in ("", "identity"):  # Range ignored: read only the start
        length = response.headers.get("content-length", "").strip()
        file = _Stream(int(length) if length.isdigit() else None, http.chunks(response), budget)
        file.closers.append(lambda: exchange.close(response))
        return file
    try:
        if status in (200, 206) and encoding not in ("", "identity"):
            raise ProbeError(f"server sent the file compressed (Content-Encoding: {encoding})")
        if status == 416 and response.headers.get("content-range", "").strip() == "bytes */0":
            return _Blocks(0, http.fetch(0), budget)  # an empty file has no byte 0
        if status != 206:
            raise ProbeError(f"server answered HTTP {status} for {shown(http.url)}")
        total = _content_range(response)[2]
        if total is None:
            raise ProbeError("server did not say the file's size (Content-Range: .../*)")
        first = b"" if size_only else http.body(response, 0, stop)
        return _Blocks(total, http.fetch(total), budget, first)
    finally:
        exchange.close(response)
