# Generated from generator/runtime/media/probe.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Measure a media file for the published rules: size, width, height and duration.

:func:`probe_media` takes an https URL or a ``data:`` URI (a local path only when
``ProbeLimits(allow_local=True)``) and measures only the facts asked for, reading as few
bytes as it can. This module holds the public API, the choice of what sources are accepted,
and the https reader (it drives the caller's httpx client, sync or async); bytes become a
lazy file in :mod:`.sources`, and :mod:`.formats` recognises and parses them.

* file size: from the response headers (the total in ``Content-Range`` of a one-byte Range
  request, else ``Content-Length``), the decoded length of a ``data:`` URI, or ``fstat``.
  Size alone never reads or parses content.
* images, audio and video: their headers only, read through Range requests on demand (64 KiB
  at first), under one byte budget and one deadline per source (:class:`ProbeLimits`).

Sizes are the stored ones: EXIF orientation and video rotation are not applied.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
import re
from collections.abc import Callable, Coroutine, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any, BinaryIO, Literal, TypeVar

import httpx

from ..constants import agent_headers
from ..errors import ProbeError
from ..rules.grammar import Fact, MediaFacts, MediaKind
from .formats import MEASURED, Measured, explain, measure, mediainfo, resolve
from .sources import (
    BLOCK,
    Blocks,
    Budget,
    LazyFile,
    ProbeLimits,
    Stream,
    decode_data_uri,
    open_local,
)

__all__ = ["ProbeLimits", "ProbeResult", "aprobe_media", "probe_media"]


@dataclass(frozen=True)
class ProbeResult:
    """What a probe measured (only the facts asked for), and what it cost."""

    facts: MediaFacts
    bytes_read: int
    """Bytes received from the server, read from disk, or decoded from the data: URI."""
    format: str | None
    """For example ``"JPEG"``, ``"PNG"``, ``"MPEG-4"``, ``"WAV"``; ``None`` if not parsed."""


_DEFAULT_LIMITS = ProbeLimits()
_T = TypeVar("_T")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")
_QUOTED = re.compile(r"(?:bytearray\()?(?<!\w)b?['\"]")  # httpx, h11 quote what came in
_NEEDS_URL = "RunComfy needs an https URL or a data: URI"
_NO_LOCAL = (
    f"local file paths are not accepted ({_NEEDS_URL}); set ProbeLimits(allow_local=True) "
    "to check a local file before uploading it"
)


# ---------------------------------------------------------------------------------- https
class _Exchange:
    """How requests are sent: through an :class:`httpx.Client`, directly."""

    def __init__(self, client: httpx.Client) -> None:
        self._client = client
        self._builder: httpx.Client | httpx.AsyncClient = client

    def build(self, url: httpx.URL, headers: dict[str, str], timeout: float) -> httpx.Request:
        headers = {**agent_headers(self._builder.headers), **headers}
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


class _AsyncExchange(_Exchange):
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


def _shown(url: httpx.URL) -> str:
    """``url`` for messages: scheme, host, port and path, without query or credentials."""
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{url.host}{port}{url.path}"


def _check_scheme(url: httpx.URL, limits: ProbeLimits, *, redirect: bool) -> None:
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

    def __init__(self, exchange: _Exchange, url: httpx.URL, budget: Budget) -> None:
        self._exchange, self.url, self._budget = exchange, url, budget
        self._limits = budget.limits

    def _failed(self, exc: httpx.HTTPError, url: httpx.URL) -> ProbeError:
        if isinstance(exc, httpx.TimeoutException):
            return ProbeError(f"timed out after {self._limits.timeout:g} s")
        detail = str(exc) or type(exc).__name__
        for seen in (url, self.url):
            detail = detail.replace(str(seen), _shown(seen))
        if quoted := _QUOTED.search(detail):
            detail = detail[: quoted.start()].rstrip(" :") + " (what it sent is not shown)"
        return ProbeError(f"the download from {url.host} failed: {detail}")

    def get(self, start: int, stop: int) -> httpx.Response:
        """The answer to ``Range: bytes=start-(stop-1)``, after any redirects."""
        headers = {"Range": f"bytes={start}-{stop - 1}", "Accept-Encoding": "identity"}
        url = self.url
        for _ in range(self._limits.max_redirects + 1):
            request = self._exchange.build(url, headers, self._budget.remaining())
            try:
                response = self._exchange.send(request)
            except httpx.InvalidURL:  # httpx reads a redirect's Location while sending
                raise ProbeError("server redirected to an invalid URL") from None
            except httpx.HTTPError as exc:
                raise self._failed(exc, url) from None
            if response.status_code not in _REDIRECTS:
                self.url = url
                return response
            location = response.headers.get("location")
            self._exchange.close(response)
            if not location:
                raise ProbeError(f"server answered HTTP {response.status_code} without a Location")
            try:
                url = url.join(location)
            except httpx.InvalidURL:
                raise ProbeError("server redirected to an invalid URL") from None
            _check_scheme(url, self._limits, redirect=True)
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
        first, last, total = _content_range(response)
        at_end = total is not None and last == total - 1
        if first != start or last >= stop or (last != stop - 1 and not at_end):
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


def _open_url(source: str, exchange: _Exchange, budget: Budget, *, size_only: bool) -> LazyFile:
    """The file at an https URL: one Range request for the first block (one byte when only
    the size is needed), more Range requests as parsers read further."""
    try:
        url = httpx.URL(source)
    except httpx.InvalidURL:
        raise ProbeError("not a valid URL") from None
    _check_scheme(url, budget.limits, redirect=False)
    http = _Http(exchange, url, budget)
    stop = 1 if size_only else BLOCK
    response = http.get(0, stop)
    status = response.status_code
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if not re.fullmatch(r"[\w.-]{0,32}", encoding):
        encoding = "unknown"  # shown below: only a token, never arbitrary header text
    if status == 200 and encoding in ("", "identity"):  # Range ignored: read only the start
        length = response.headers.get("content-length", "").strip()
        file = Stream(int(length) if length.isdigit() else None, http.chunks(response), budget)
        file.closers.append(lambda: exchange.close(response))
        return file
    try:
        if status in (200, 206) and encoding not in ("", "identity"):
            raise ProbeError(f"server sent the file compressed (Content-Encoding: {encoding})")
        if status == 416 and response.headers.get("content-range", "").strip() == "bytes */0":
            return Blocks(0, http.fetch(0), budget)  # an empty file has no byte 0
        if status != 206:
            raise ProbeError(f"server answered HTTP {status} for {_shown(http.url)}")
        total = _content_range(response)[2]
        if total is None:
            raise ProbeError("server did not say the file's size (Content-Range: .../*)")
        first = b"" if size_only else http.body(response, 0, stop)
        return Blocks(total, http.fetch(total), budget, first)
    finally:
        exchange.close(response)


# ------------------------------------------------------------------------------ the probe
def _source_kind(source: str, limits: ProbeLimits) -> Literal["data", "url", "path"]:
    """Which reader ``source`` needs; refuses what is not accepted before touching it."""
    match = _SCHEME.match(source)
    scheme = match[1].lower() if match else ""
    if scheme == "data":
        return "data"
    if scheme in ("http", "https"):
        return "url"
    if not source.strip():
        raise ProbeError(f"the media value is empty ({_NEEDS_URL})")
    if scheme == "file":
        fix = "pass the file's path instead" if limits.allow_local else _NEEDS_URL
        raise ProbeError(f"file: URLs are not accepted ({fix})")
    if match and source[match.end() :].startswith("//"):
        raise ProbeError(f"unsupported URL scheme {scheme!r}: only https URLs are accepted")
    if not limits.allow_local:  # checked before the path is looked at in any way
        raise ProbeError(_NO_LOCAL)
    return "path"


def _probe(
    source: str,
    kind: MediaKind | None,
    needs: frozenset[Fact],
    exchange: Callable[[], _Exchange],
    limits: ProbeLimits,
) -> ProbeResult:
    where = _source_kind(source, limits)
    budget = Budget(limits)
    measurable = MEASURED[kind] if kind else frozenset().union(*MEASURED.values())
    parse = bool(needs & measurable)
    if kind == "video" and parse:
        mediainfo()  # say so before downloading anything
    with ExitStack() as stack:
        raw: LazyFile | None = None
        if where == "data":
            data = decode_data_uri(source, limits)
            file: BinaryIO = io.BytesIO(data)
            if kind is not None and not parse:  # in hand already: its kind costs nothing
                resolve(kind, data[:BLOCK])
        elif where == "url":
            raw = stack.enter_context(_open_url(source, exchange(), budget, size_only=not parse))
        else:
            raw = stack.enter_context(open_local(source, budget))
        if raw is not None:
            file = io.BufferedReader(raw)
        measured: Measured = (None, None, None, None)
        if parse:
            kind, measured = measure(file, raw, kind, needs, limits)
        if raw is not None and raw.size is None and "size_bytes" in needs:
            file.seek(0, io.SEEK_END)  # a body of unknown length: count it
            if raw.failure is not None:
                raise explain(raw.failure, None)
        size = len(data) if raw is None else raw.size
        fmt, width, height, duration = measured
        wanted = needs & (MEASURED[kind] | {"size_bytes"} if kind else {"size_bytes"})
        facts = MediaFacts(
            size_bytes=size if "size_bytes" in wanted else None,
            width=width if "width" in wanted else None,
            height=height if "height" in wanted else None,
            duration_seconds=duration if "duration_seconds" in wanted else None,
        )
        return ProbeResult(facts, len(data) if raw is None else budget.used, fmt)


def probe_media(
    source: str,
    kind: MediaKind | None,
    needs: frozenset[Fact],
    *,
    client: httpx.Client | None = None,
    limits: ProbeLimits = _DEFAULT_LIMITS,
) -> ProbeResult:
    """Measure ``needs`` of the media at ``source``: an https URL, a ``data:`` URI, or a
    local path if ``limits.allow_local``.

    ``kind`` ``None`` means unknown: the first bytes tell. Requests go through ``client``
    (never with its auth, cookies or Authorization header: media URLs are public) or through
    a client made for this call. Raises :class:`ProbeError` with a one-sentence reason,
    which never quotes the content.
    """
    with ExitStack() as stack:

        def exchange() -> _Exchange:
            return _Exchange(client if client is not None else stack.enter_context(httpx.Client()))

        return _probe(source, kind, needs, exchange, limits)


async def aprobe_media(
    source: str,
    kind: MediaKind | None,
    needs: frozenset[Fact],
    *,
    client: httpx.AsyncClient | None = None,
    limits: ProbeLimits = _DEFAULT_LIMITS,
) -> ProbeResult:
    """:func:`probe_media` for asyncio code.

    The parsers (Pillow, tinytag, MediaInfo) are blocking and pull bytes with ``read()``, so
    the probe runs in a worker thread (``asyncio.to_thread``) either way, one implementation
    for both. Without ``client`` that thread uses its own :class:`httpx.Client`. With one,
    every request still goes through ``client``: the worker hands each network step back to
    this event loop (``run_coroutine_threadsafe``) and waits for it, so the caller's
    transport, pool, proxies and event hooks apply. Cancelling the awaiting task does not
    stop the worker: it ends on its own, within ``limits``.
    """
    if client is None:
        return await asyncio.to_thread(probe_media, source, kind, needs, limits=limits)
    exchange = _AsyncExchange(client, asyncio.get_running_loop(), limits.timeout + 1.0)
    return await asyncio.to_thread(_probe, source, kind, needs, lambda: exchange, limits)
