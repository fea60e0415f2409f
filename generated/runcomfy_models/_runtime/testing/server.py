# Generated from generator/runtime/testing/server.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Serve an ``Emulator`` with uvicorn on 127.0.0.1, in a background thread.

``serve(emulator)`` is a context manager: it binds a free port (or the one given),
starts uvicorn, waits until it accepts connections, sets ``emulator.base_url``, and on
exit shuts the server down and joins its thread. Access logs are off: the emulator never
logs request headers, so no token reaches a log.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from ..errors import DroppedOnPurpose
from .emulator import Emulator

__all__ = ["serve"]


class _QuietDrops(logging.Filter):
    """Keep the server's log free of the connections the emulator drops on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, DroppedOnPurpose)


logging.getLogger("uvicorn.error").addFilter(_QuietDrops())


@contextmanager
def serve(emulator: Emulator, port: int = 0, host: str = "127.0.0.1") -> Iterator[Emulator]:
    """Run ``emulator`` on ``host:port`` until the block ends."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()  # the caller reports the port in use; nothing is left open
        raise
    config = uvicorn.Config(
        emulator.app,
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the emulator did not start")
        time.sleep(0.01)
    bound_port = sock.getsockname()[1]
    emulator.base_url = f"http://{host}:{bound_port}"
    watching = threading.Event()
    watcher = threading.Thread(target=_watch_connections, args=(server, emulator, watching))
    watcher.start()
    try:
        yield emulator
    finally:
        watching.set()
        watcher.join(5)
        server.should_exit = True
        thread.join(10)
        sock.close()


def _watch_connections(server: uvicorn.Server, emulator: Emulator, stop: threading.Event) -> None:
    """Record the most connections open at once, sampled every few milliseconds."""
    while not stop.wait(0.002):
        emulator.peak_connections = max(
            emulator.peak_connections, len(server.server_state.connections)
        )
