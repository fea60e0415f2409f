"""A real HTTPS server on 127.0.0.1, with a throwaway CA from trustme.

Tests hand it a routing function; it answers every request with what the function
returns and records each request (path and headers) so tests can assert on them.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import trustme

Response = tuple[int, dict[str, str], bytes]
Route = Callable[[str, dict[str, str]], Response]


@dataclass
class Served:
    """A running server: its base URL, a client SSL context, and the requests it saw."""

    base_url: str
    client_context: ssl.SSLContext
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)


@contextmanager
def https_server(route: Route, ca: trustme.CA | None = None) -> Iterator[Served]:
    """Serve ``route``; servers given one ``ca`` are trusted by each other's client context
    (two servers on two ports are two hosts for the client)."""
    ca = ca or trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(server_context)
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    seen: list[tuple[str, dict[str, str]]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            seen.append((self.path, headers))
            status, extra, body = route(self.path, headers)
            self.send_response(status)
            for key, value in extra.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.socket = server_context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Served(f"https://127.0.0.1:{server.server_address[1]}", client_context, seen)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
