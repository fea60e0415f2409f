"""``python -m runcomfy_models emulate``: a local RunComfy API to point code at.

Serves every generated model on 127.0.0.1 until Ctrl-C, validating submitted inputs
with the generated models, with jobs on a clock and optional faults, and the package's
models as its catalog (priced from ``--prices FILE.json``, else by default), and prints
the URL and token to use (``RUNCOMFY_BASE_URL`` and ``RUNCOMFY_API_TOKEN``). With
``--https-outputs`` the output files are served over https from ``localhost`` on a port of
their own, and the PEM file of the CA that signed their certificate is printed as
``RUNCOMFY_OUTPUTS_CA`` (which ``run --download`` and ``download`` trust).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import re
import signal
import sys
import threading
from collections.abc import Callable, Mapping
from typing import IO, Any

from ..constants import BASE_URL_ENV, OUTPUTS_CA_ENV, TOKEN_ENV
from ..core.spec import ModelSpec
from ..testing.catalog import packaged_models, read_prices
from ..testing.emulator import EmulatedJob, Emulator, JobPlan
from ..testing.faults import parse_fault
from ..testing.server import serve

__all__ = ["emulate"]

_STATUS_WORD = re.compile(r"[A-Za-z0-9_-]{1,64}")


def emulate(get_model: Callable[[str], ModelSpec[Any, Any]], args: argparse.Namespace) -> int:
    """Serve until interrupted; returns the exit code."""
    try:
        faults = [parse_fault(text) for text in args.fault]
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    word = args.status_word
    if word is not None and not _STATUS_WORD.fullmatch(word):
        print(
            f"error: --status-word {word!r}: a status word is 1 to 64 ASCII letters, digits, "
            "'_' or '-' (e.g. processing)",
            file=sys.stderr,
        )
        return 2
    if not 0 <= args.port <= 65535:
        print(f"error: --port {args.port}: a port is 0 to 65535 (0: any free one)", file=sys.stderr)
        return 2
    prices: dict[str, Mapping[str, Any]] = {}
    if args.prices is not None:
        try:
            prices = read_prices(args.prices)
        except ValueError as exc:
            print(f"error: --prices {exc}", file=sys.stderr)
            return 2
    emulator = Emulator(
        token=args.token,
        specs=get_model,
        plan=JobPlan(args.queue_seconds, args.run_seconds, status_word=word),
        seed=args.seed,
        failure_rate=args.failure_rate,
        check_media=args.check_media,
        prices=prices,
        https_outputs=args.https_outputs,
    )
    emulator.inject(*faults)
    record: IO[str] | None = None
    if args.record is not None:
        try:
            record = args.record.open("a", encoding="utf-8")
        except OSError as exc:
            print(f"error: --record {args.record}: {exc.strerror}", file=sys.stderr)
            return 2
        emulator.on_job = _recorder(record)
    done = threading.Event()
    signal.signal(signal.SIGINT, lambda *_: done.set())
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    with contextlib.ExitStack() as stack:
        if record is not None:
            stack.callback(record.close)
        try:
            stack.enter_context(serve(emulator, port=args.port))
        except OSError as exc:
            print(f"error: {_bind_problem(args.port, exc)}", file=sys.stderr)
            return 2
        print(f"{BASE_URL_ENV}={emulator.base_url}", flush=True)
        print(f"{TOKEN_ENV}={emulator.token}", flush=True)
        if emulator.outputs_ca is not None:
            print(f"{OUTPUTS_CA_ENV}={emulator.outputs_ca}", flush=True)
        print(f"{len(packaged_models())} model(s); Ctrl-C to stop", flush=True)
        done.wait()
    return 0


def _recorder(handle: IO[str]) -> Callable[[EmulatedJob], None]:
    """Write each created job as one JSON line, flushed at once (a test reads it live)."""

    def write(job: EmulatedJob) -> None:
        line = {"request_id": job.request_id, "model_id": job.model_id, "input": job.payload}
        handle.write(json.dumps(line, ensure_ascii=True, allow_nan=False) + "\n")
        handle.flush()

    return write


def _bind_problem(port: int, exc: OSError) -> str:
    """Why the emulator could not listen, in one line with the remedy."""
    if exc.errno == errno.EADDRINUSE:
        return (
            f"port {port} on 127.0.0.1 is in use (another emulator?); choose another with "
            "--port, or --port 0 for any free port"
        )
    if exc.errno == errno.EACCES:
        return f"no permission to listen on port {port}; choose a port above 1023 with --port"
    return f"cannot listen on 127.0.0.1 port {port}: {exc.strerror or exc}"
