"""A real HTTPS server on 127.0.0.1 that streams a body chunk by chunk and counts what
it managed to send, so a test can tell a body refused early from one read whole.

The body is sent without ``Content-Length`` (read until the connection closes) unless the
test gives one; a client that stops reading makes the server's write fail, which ends the
response.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import trustme

Chunks = Callable[[], Iterable[bytes]]


@dataclass
class Streamed:
    """A running server: its base URL, a client SSL context, and what it sent."""

    base_url: str
    client_context: ssl.SSLContext
    requests: list[dict[str, str]] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)

    @property
    def bytes_sent(self) -> int:
        return sum(self.sent)


@contextmanager
def streaming_https_server(
    chunks: Chunks,
    *,
    headers: dict[str, str] | None = None,
    ca: trustme.CA | None = None,
) -> Iterator[Streamed]:
    ca = ca or trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    served = Streamed("", client_context)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            with lock:
                served.requests.append({k.lower(): v for k, v in self.headers.items()})
            self.send_response(200)
            for key, value in (headers or {"Content-Type": "text/plain"}).items():
                self.send_header(key, value)
            self.end_headers()
            sent = 0
            try:
                for chunk in chunks():
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
                pass
            finally:
                with lock:
                    served.sent.append(sent)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served.base_url = f"https://127.0.0.1:{server.server_address[1]}"
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
