"""A real HTTPS (or plain HTTP) server on 127.0.0.1 for the media-probe tests.

Unlike :mod:`tests.support.https`, each path gets a handler that returns a :class:`Reply`
with full control of the wire: byte ranges (206 and Content-Range), redirects, bodies sent
slowly or forever, a Content-Length that lies, a connection held open after the body. The
server records every request and counts the body bytes it managed to send per path.
"""

from __future__ import annotations

import re
import ssl
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import trustme


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class Reply:
    """What to send. ``length`` is the Content-Length header (``None``: no header, the body
    ends when the connection closes); ``interval`` is a pause before each chunk; ``hold``
    keeps the connection open that long after the body. ``raw`` is sent as it is, instead of
    all of that (a server that does not speak HTTP)."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: Iterable[bytes] = ()
    length: int | None = None
    interval: float = 0.0
    hold: float = 0.0
    raw: bytes | None = None


Handler = Callable[[Request], Reply]
_RANGE = re.compile(r"bytes=(\d+)-(\d*)")


def serve_bytes(data: bytes, *, ranges: bool = True, content_type: str | None = None) -> Handler:
    """Serve ``data``; answer ``Range: bytes=a-b`` with 206 unless ``ranges`` is false.

    ``content_type`` is sent as the ``Content-Type`` header (true or not).
    """
    typed = {} if content_type is None else {"Content-Type": content_type}

    def handler(request: Request) -> Reply:
        match = _RANGE.fullmatch(request.headers.get("range", "")) if ranges else None
        if match is None:
            return Reply(200, {"Accept-Ranges": "none", **typed}, [data], len(data))
        start = int(match[1])
        stop = min(int(match[2]) + 1 if match[2] else len(data), len(data))
        if start >= len(data):
            return Reply(416, {"Content-Range": f"bytes */{len(data)}"}, [], 0)
        headers = {"Content-Range": f"bytes {start}-{stop - 1}/{len(data)}", **typed}
        return Reply(206, headers, [data[start:stop]], stop - start)

    return handler


def redirect(location: str, status: int = 302) -> Handler:
    return lambda request: Reply(status, {"Location": location}, [b"moved"], 5)


def answer(status: int, body: bytes = b"") -> Handler:
    return lambda request: Reply(status, {}, [body], len(body))


def fixed(reply: Reply) -> Handler:
    """The same reply to every request (the body iterable is made once: use a list)."""
    return lambda request: reply


@dataclass
class MediaServer:
    base_url: str
    client_context: ssl.SSLContext
    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    sent: dict[str, int] = field(default_factory=dict)

    def add(self, path: str, handler: Handler) -> str:
        """Route ``path`` to ``handler``; returns the full URL."""
        self.routes[path] = handler
        return self.base_url + path

    def seen(self, path: str) -> list[Request]:
        return [request for request in self.requests if request.path.split("?")[0] == path]


@contextmanager
def media_server(*, tls: bool = True) -> Iterator[MediaServer]:
    ca = trustme.CA()
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    stop = threading.Event()
    state: list[MediaServer] = []

    class Handler(BaseHTTPRequestHandler):
        def _serve(self, with_body: bool) -> None:
            served = state[0]
            headers = {key.lower(): value for key, value in self.headers.items()}
            request = Request(self.command, self.path, headers)
            served.requests.append(request)
            path = self.path.split("?")[0]
            route = served.routes.get(path)
            reply = route(request) if route else Reply(404, {}, [b"not found"], 9)
            if reply.raw is not None:
                self.wfile.write(reply.raw)
                self.close_connection = True
                return
            self.send_response(reply.status)
            for key, value in reply.headers.items():
                self.send_header(key, value)
            if reply.length is not None:
                self.send_header("Content-Length", str(reply.length))
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for chunk in reply.body if with_body else ():
                    if stop.is_set() or (reply.interval and stop.wait(reply.interval)):
                        return
                    self.wfile.write(chunk)
                    self.wfile.flush()
                    served.sent[path] = served.sent.get(path, 0) + len(chunk)
                if reply.hold:
                    stop.wait(reply.hold)
            except OSError:  # the client hung up: what a probe that has enough does
                return

        def do_GET(self) -> None:
            self._serve(with_body=True)

        def do_HEAD(self) -> None:
            self._serve(with_body=False)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if tls:
        server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1", "localhost").configure_cert(server_context)
        server.socket = server_context.wrap_socket(server.socket, server_side=True)
    scheme = "https" if tls else "http"
    state.append(MediaServer(f"{scheme}://127.0.0.1:{server.server_address[1]}", client_context))
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield state[0]
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
