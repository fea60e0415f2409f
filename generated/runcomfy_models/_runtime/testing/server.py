# Generated from generator/runtime/testing/server.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Serve an ``Emulator`` with uvicorn on 127.0.0.1, in a background thread.

``serve(emulator)`` is a context manager: it binds a free port (or the one given),
starts uvicorn, waits until it accepts connections, sets ``emulator.base_url``, and on
exit shuts the server down and joins its thread. With ``Emulator(https_outputs=True)``
it also makes a CA and a certificate for ``localhost`` and 127.0.0.1 (``tls``) in a
private temporary folder, serves the output files over https on a second free port,
and sets ``emulator.files_url`` (``https://localhost:PORT``) and ``emulator.outputs_ca``
(the CA's PEM file); the folder is removed on exit. Access logs are off: the emulator
never logs request headers, so no token reaches a log.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from starlette.types import ASGIApp

from ..errors import DroppedOnPurpose
from .emulator import Emulator
from .tls import outputs_certificate

__all__ = ["serve"]


class _QuietDrops(logging.Filter):
    """Keep the server's log free of the connections the emulator drops on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, DroppedOnPurpose)


logging.getLogger("uvicorn.error").addFilter(_QuietDrops())


@contextmanager
def _running(
    app: ASGIApp, host: str, port: int, certificate: Path | None = None
) -> Iterator[tuple[uvicorn.Server, int]]:
    """``app`` served by uvicorn on ``host:port`` (over https with ``certificate``, a PEM
    file holding the key and the chain) until the block ends: the server and its port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()  # the caller reports the port in use; nothing is left open
        raise
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="off",
        timeout_graceful_shutdown=1,
        ssl_certfile=None if certificate is None else str(certificate),
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            sock.close()
            raise RuntimeError("the emulator did not start")
        time.sleep(0.01)
    try:
        yield server, sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@contextmanager
def serve(emulator: Emulator, port: int = 0, host: str = "127.0.0.1") -> Iterator[Emulator]:
    """Run ``emulator`` on ``host:port`` until the block ends."""
    with contextlib.ExitStack() as stack:
        server, bound_port = stack.enter_context(_running(emulator.app, host, port))
        emulator.base_url = f"http://{host}:{bound_port}"
        if emulator.https_outputs:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="runcomfy-")))
            ca, chain = outputs_certificate(folder)
            _, files_port = stack.enter_context(_running(emulator.files_app, host, 0, chain))
            # A host name, as production's storage has: clients insist on https and a name.
            emulator.files_url = f"https://localhost:{files_port}"
            emulator.outputs_ca = str(ca)
            stack.callback(_forget_outputs, emulator)
        watching = threading.Event()
        watcher = threading.Thread(target=_watch_connections, args=(server, emulator, watching))
        watcher.start()
        try:
            yield emulator
        finally:
            watching.set()
            watcher.join(5)


def _forget_outputs(emulator: Emulator) -> None:
    emulator.files_url = ""
    emulator.outputs_ca = None


def _watch_connections(server: uvicorn.Server, emulator: Emulator, stop: threading.Event) -> None:
    """Record the most connections open at once, sampled every few milliseconds."""
    while not stop.wait(0.002):
        emulator.peak_connections = max(
            emulator.peak_connections, len(server.server_state.connections)
        )
