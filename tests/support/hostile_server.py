"""A hostile HTTP server on 127.0.0.1 with full control of every byte and every pause.

Each request is read whole (head, then a body by ``Content-Length``), recorded with its
headers, and answered by the route's handler: a sequence of steps, ``bytes`` to send or a
``float`` of seconds to pause, written as they come. So a test can trickle one byte every
half second, stall after the headers, send a body that never ends, or lie about lengths.
The server counts every byte it managed to send, and stops every answer at once when it
shuts down, so no test waits on its own server.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

Step = bytes | float
Handler = Callable[["Seen"], Iterable[Step]]


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class HostileServer:
    base_url: str
    routes: dict[str, Handler] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    sent: int = 0
    """Bytes the server managed to write, over every connection."""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def route(self, path: str, handler: Handler) -> str:
        """Answer requests to ``path`` (any method; ``*``: any other path) with ``handler``;
        returns the URL."""
        self.routes[path] = handler
        return self.base_url + path

    def count(self, n: int) -> None:
        with self.lock:
            self.sent += n


def head(status: int, headers: dict[str, str] | None = None, length: int | None = None) -> bytes:
    """A status line and headers; ``Content-Length`` only when ``length`` is given."""
    lines = [f"HTTP/1.1 {status} X"]
    for key, value in (headers or {}).items():
        lines.append(f"{key}: {value}")
    if length is not None:
        lines.append(f"Content-Length: {length}")
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def json_answer(status: int, body: Any, headers: dict[str, str] | None = None) -> list[Step]:
    data = json.dumps(body).encode()
    return [head(status, {"Content-Type": "application/json", **(headers or {})}, len(data)), data]


def trickle(data: bytes, interval: float) -> Iterator[Step]:
    """``data`` one byte at a time, ``interval`` seconds apart."""
    for index in range(len(data)):
        yield interval
        yield data[index : index + 1]


def endless(chunk: bytes = b" " * 1024, interval: float = 0.0) -> Iterator[Step]:
    while True:
        if interval:
            yield interval
        yield chunk


def _read_request(conn: socket.socket, read_body: bool = True) -> Seen | None:
    data = b""
    while b"\r\n\r\n" not in data:
        piece = conn.recv(65536)
        if not piece:
            return None
        data += piece
    raw_head, _, body = data.partition(b"\r\n\r\n")
    lines = raw_head.decode("latin-1").split("\r\n")
    method, path, _ = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        key, _, value = line.partition(":")
        headers[key.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    while read_body and len(body) < length:
        piece = conn.recv(65536)
        if not piece:
            break
        body += piece
    return Seen(method, path, headers, body)


@contextmanager
def hostile_server(*, read_body: bool = True) -> Iterator[HostileServer]:
    """Serve on 127.0.0.1; ``read_body=False`` never reads request bodies (a stalled peer)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.settimeout(0.05)
    server = HostileServer(f"http://127.0.0.1:{listener.getsockname()[1]}")
    stop = threading.Event()
    workers: list[threading.Thread] = []

    def answer(conn: socket.socket) -> None:
        with conn:
            try:
                conn.settimeout(5)
                seen = _read_request(conn, read_body)
                if seen is None:
                    return
                server.seen.append(seen)
                handler = server.routes.get(seen.path.split("?")[0], server.routes.get("*"))
                steps = handler(seen) if handler else json_answer(404, {"error_code": 404001})
                for step in steps:
                    if stop.is_set():
                        return
                    if isinstance(step, float):
                        if stop.wait(step):
                            return
                        continue
                    conn.sendall(step)
                    server.count(len(step))
            except OSError:
                return  # the client hung up, as it should when it has had enough

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            worker = threading.Thread(target=answer, args=(conn,), daemon=True)
            workers.append(worker)
            worker.start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield server
    finally:
        stop.set()
        acceptor.join(5)
        listener.close()
        for worker in workers:
            worker.join(5)
