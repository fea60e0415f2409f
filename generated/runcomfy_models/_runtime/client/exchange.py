# Generated from generator/runtime/client/exchange.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""One HTTP exchange within a deadline and a size cap, for the API calls and the downloads.

httpx's timeouts bound each read, not the call: a server that sends one byte every half
second satisfies any read timeout and holds the call for as long as it likes. Here a
``Deadline`` (a ``time.monotonic()`` value) bounds the exchange whole: connecting,
sending, the status line and headers, and the body.

* Blocking: every ``httpx.Client`` used (made here, or the caller's own) gets a network
  backend (``bound``) that gives each connect, read and write only the time left, so even
  a header trickled byte by byte ends on time; outside this package's calls it changes
  nothing. The body is also checked chunk by chunk. A client whose transport is not
  httpx's own (a mock, a wrapper) gets the chunk checks and phase timeouts only.
* Async: the exchange runs under ``asyncio.timeout``, whatever the client.

Bodies are read raw and counted: an answer over its cap is refused once the cap is
passed (or at once when its ``Content-Length`` says so), and compressed answers are
inflated under the same cap, so a small bomb cannot grow into a large one.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import ssl
import time
import zlib
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

__all__ = [
    "DEFAULT_MAX_ANSWER_BYTES",
    "GRACE",
    "Deadline",
    "Inflater",
    "Sent",
    "aread_capped",
    "bound",
    "bounded_client",
    "checked_timeout",
    "is_bounded",
    "read_capped",
    "strip_credentials",
]

GRACE = 0.5
"""Seconds a call may end after its deadline: closing the connection, raising, waking up."""

DEFAULT_MAX_ANSWER_BYTES = 4 * 1024 * 1024
"""The largest API answer read by default (``max_answer_bytes=`` on a client)."""

_AT: ContextVar[float | None] = ContextVar("runcomfy_models_deadline", default=None)
_CREDENTIALS = ("authorization", "proxy-authorization", "cookie")


@dataclass(frozen=True)
class Deadline:
    """When an exchange must be over, as a ``time.monotonic()`` value (``None``: never)."""

    at: float | None

    @classmethod
    def within(cls, seconds: float | None, outer: float | None = None) -> Deadline:
        """``seconds`` from now, or ``outer`` (an absolute deadline) if that comes first.

        ``None`` or ``inf`` for either means no limit from it.
        """
        ends = [outer] if outer is not None and math.isfinite(outer) else []
        if seconds is not None and math.isfinite(seconds):
            ends.append(time.monotonic() + seconds)
        finite = ends
        return cls(min(finite) if finite else None)

    def left(self) -> float | None:
        return None if self.at is None else self.at - time.monotonic()

    def passed(self) -> bool:
        left = self.left()
        return left is not None and left <= 0

    def check(self) -> None:
        """Raise ``httpx.ReadTimeout`` once the deadline has passed."""
        if self.passed():
            raise httpx.ReadTimeout("the call's deadline passed")

    def timeout(self, configured: httpx.Timeout) -> httpx.Timeout:
        """``configured`` with every phase shortened to the time left."""
        left = self.left()
        if left is None:
            return configured
        left = max(0.01, left)

        def clip(value: float | None) -> float:
            return left if value is None else min(value, left)

        return httpx.Timeout(
            connect=clip(configured.connect),
            read=clip(configured.read),
            write=clip(configured.write),
            pool=clip(configured.pool),
        )

    @contextlib.contextmanager
    def scope(self) -> Iterator[None]:
        """Within this block, the bounded backend gives each socket operation the time left."""
        token = _AT.set(self.at)
        try:
            yield
        finally:
            _AT.reset(token)


def _clip(timeout: float | None, error: type[Exception]) -> float | None:
    at = _AT.get()
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise error("the call's deadline passed")
    return left if timeout is None else min(timeout, left)


class _Stream(httpcore.NetworkStream):
    """A socket stream whose every operation ends by the current deadline."""

    _PIECE = 64 * 1024

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clip(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        for start in range(0, len(buffer), self._PIECE):  # a slow reader: check between pieces
            piece = buffer[start : start + self._PIECE]
            self._inner.write(piece, _clip(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        clipped = _clip(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, clipped))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    """Connections whose streams are ``_Stream``: the deadline reaches every socket call."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        clipped = _clip(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.connect_tcp(host, port, clipped, local_address, socket_options))

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        clipped = _clip(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.connect_unix_socket(path, clipped, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _transports(client: httpx.Client) -> list[Any]:
    # httpx keeps its transports (the default one and one per proxy) private; reaching in
    # is the only way to give them a backend. ``is_bounded`` lets a test notice a change.
    mounts = getattr(client, "_mounts", {}) or {}
    return [getattr(client, "_transport", None), *mounts.values()]


def _install(transport: Any) -> bool:
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, _Backend):
        return True
    if not isinstance(backend, httpcore.NetworkBackend):
        return False
    pool._network_backend = _Backend(backend)  # type: ignore[union-attr]
    return True


def bound(client: httpx.Client) -> httpx.Client:
    """``client``, its connections made to honour the deadline of the current scope.

    Outside a ``Deadline.scope`` the backend passes every timeout through unchanged, so a
    caller's own client behaves for the caller exactly as before.
    """
    for transport in _transports(client):
        if transport is not None:
            _install(transport)
    return client


def bounded_client(timeout: httpx.Timeout, verify: ssl.SSLContext | bool = True) -> httpx.Client:
    """A new ``httpx.Client`` whose connections honour the deadline of the current scope
    (``verify``: as httpx takes it)."""
    return bound(httpx.Client(timeout=timeout, verify=verify))


def checked_timeout(value: float | None, what: str, *, zero: bool = False) -> float | None:
    """``value`` if it is a number of seconds (``inf`` and ``None``: no limit)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{what} must be a number of seconds, not {type(value).__name__}")
    if math.isnan(value) or value < 0 or (value == 0 and not zero):
        least = "0 or more" if zero else "more than 0"
        raise ValueError(f"{what} must be {least} seconds (inf: no limit), not {value!r}")
    return float(value)


def is_bounded(client: httpx.Client) -> bool:
    """Whether ``client`` enforces deadlines per socket operation (made by ``bounded_client``)."""
    pool = getattr(getattr(client, "_transport", None), "_pool", None)
    return isinstance(getattr(pool, "_network_backend", None), _Backend)


def strip_credentials(request: httpx.Request) -> httpx.Request:
    """``request`` without the headers that carry credentials (a client's defaults too)."""
    for name in _CREDENTIALS:
        request.headers.pop(name, None)
    return request


class Sent:
    """Whether any byte of a request may have left: a trace hook for httpcore."""

    def __init__(self) -> None:
        self.maybe = False

    def _note(self, event: str) -> None:
        if "send_request" in event:
            self.maybe = True

    def trace(self, event: str, info: dict[str, Any]) -> None:
        self._note(event)

    async def atrace(self, event: str, info: dict[str, Any]) -> None:
        self._note(event)


class Inflater:
    """The body's content encoding undone under a cap: identity, gzip or deflate."""

    def __init__(self, encoding: str) -> None:
        names = [part.strip().lower() for part in encoding.split(",") if part.strip()]
        names = [name for name in names if name != "identity"]
        if not names:
            self._z: Any = None
        elif names in (["gzip"], ["x-gzip"]):
            self._z = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif names == ["deflate"]:
            self._z = zlib.decompressobj()
        else:
            raise httpx.DecodingError(f"content encoding {encoding[:40]!r} is not accepted")

    def feed(self, chunk: bytes, room: int) -> bytes:
        """At most ``room`` bytes of output from ``chunk`` (more would be over the cap)."""
        if self._z is None:
            return chunk[:room]
        try:
            return bytes(self._z.decompress(chunk, room))
        except zlib.error:
            raise httpx.DecodingError("the compressed answer is corrupt") from None

    def pieces(self, chunk: bytes, step: int = 1024**2) -> Iterator[bytes]:
        """All of ``chunk``'s output, ``step`` bytes at most at a time, inflated only as
        the caller takes it: a caller that stops at its cap never holds more than a step."""
        if self._z is None:
            yield chunk
            return
        while chunk:
            yield self.feed(chunk, step)
            chunk = self._z.unconsumed_tail


class _Capped:
    """A body being collected; ``over`` once it passed ``cap`` bytes (the rest unread)."""

    def __init__(self, response: httpx.Response, cap: int, deadline: Deadline) -> None:
        self.cap, self.deadline = cap, deadline
        self.parts: list[bytes] = []
        self.size = 0
        declared = response.headers.get("content-length", "").strip()
        self.over = declared.isdigit() and int(declared) > cap
        self.inflater = Inflater(response.headers.get("content-encoding", ""))

    def feed(self, chunk: bytes) -> bool:
        """Keep ``chunk``; False once the body is over the cap (stop reading)."""
        self.deadline.check()
        data = self.inflater.feed(chunk, self.cap + 1 - self.size)
        self.size += len(data)
        self.parts.append(data)
        if self.size > self.cap:
            self.over = True
        return not self.over

    def body(self) -> bytes | None:
        return None if self.over else b"".join(self.parts)


def read_capped(response: httpx.Response, deadline: Deadline, cap: int) -> bytes | None:
    """The decoded body of a streamed ``response``, or ``None`` if it is over ``cap`` bytes.

    Raises ``httpx.ReadTimeout`` when the deadline passes while reading.
    """
    body = _Capped(response, cap, deadline)
    if not body.over:
        for chunk in response.iter_raw():
            if not body.feed(chunk):
                break
    return body.body()


async def aread_capped(response: httpx.Response, deadline: Deadline, cap: int) -> bytes | None:
    """``read_capped`` for a response from an ``httpx.AsyncClient``."""
    body = _Capped(response, cap, deadline)
    if not body.over:
        async for chunk in response.aiter_raw():
            if not body.feed(chunk):
                break
    return body.body()


@contextlib.asynccontextmanager
async def atimeout(deadline: Deadline, sent: Sent | None = None) -> Any:
    """``asyncio.timeout`` to ``deadline``; its expiry raised as an httpx timeout.

    ``httpx.ConnectTimeout`` when nothing of the request was sent yet (per ``sent``),
    else ``httpx.ReadTimeout``, so a submit can tell "never sent" from "maybe created".
    """
    try:
        async with asyncio.timeout(deadline.left()):
            yield
    except TimeoutError:
        if sent is not None and not sent.maybe:
            raise httpx.ConnectTimeout("the call's deadline passed before it was sent") from None
        raise httpx.ReadTimeout("the call's deadline passed") from None
