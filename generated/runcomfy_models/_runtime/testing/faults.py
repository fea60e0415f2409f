# Generated from generator/runtime/testing/faults.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Faults the emulator injects on demand: what can go wrong between a client and RunComfy.

Each ``Fault`` names an endpoint and a kind of misbehaviour, and applies either to the
next N matching requests (a script) or to each one with a probability (a rate). Faults
can also be given on the command line as ``ENDPOINT:KIND[:RATE[:SECONDS]]`` (SECONDS: how
long a ``slow`` fault holds the request, 1 by default).
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from dataclasses import dataclass
from typing import Any, Literal, get_args

from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from ..errors import DroppedOnPurpose

__all__ = [
    "DroppedOnPurpose",
    "Endpoint",
    "Fault",
    "FaultKind",
    "dropped",
    "error_response",
    "misbehave",
    "parse_fault",
]

Endpoint = Literal["submit", "status", "result", "cancel", "catalog", "files", "*"]
FaultKind = Literal[
    "rate_limit", "http_status", "html", "error_code", "drop", "slow", "lost_submit"
]


@dataclass
class Fault:
    """A misbehaviour to inject on requests to ``endpoint``.

    Scripted with ``times`` (the next N matching requests), or random with ``rate``
    (each matching request, with that probability, from the emulator's seeded RNG).
    """

    endpoint: Endpoint
    kind: FaultKind
    status: int = 503
    retry_after: str | None = None
    error_code: int = 400002
    delay: float = 0.0
    times: int | None = 1
    rate: float | None = None

    def applies(self, endpoint: str, rng: random.Random) -> bool:
        if self.endpoint not in (endpoint, "*"):
            return False
        if self.rate is not None:
            return rng.random() < self.rate
        if self.times is None:
            return True
        if self.times > 0:
            self.times -= 1
            return True
        return False


def error_response(status: int, code: int | None, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error_code": code, "error_message": message, **extra}, status)


class _Dropped(Response):
    """Declares a body it never finishes, so the client sees the connection drop."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"application/json"), (b"content-length", b"4096")],
            }
        )
        with contextlib.suppress(Exception):  # the server refuses to end a short body...
            await send({"type": "http.response.body", "body": b'{"request_', "more_body": False})
        raise DroppedOnPurpose  # ...and closes the connection when the app raises


def dropped() -> Response:
    """A response that breaks off mid-body: the client sees the connection drop."""
    return _Dropped()


async def misbehave(fault: Fault) -> Response | None:
    if fault.kind == "slow":
        await asyncio.sleep(fault.delay)
        return None
    if fault.kind == "rate_limit":
        headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
        return JSONResponse({"error": "rate limited"}, 429, headers=headers)
    if fault.kind == "html":
        page = f"<html><body><h1>{fault.status} error</h1><p>cdn edge</p></body></html>"
        return Response(page, fault.status, media_type="text/html")
    if fault.kind == "error_code":
        return error_response(200, fault.error_code, f"error {fault.error_code}")
    if fault.kind == "drop":
        return dropped()
    if fault.kind == "http_status":
        return error_response(fault.status, None, f"injected HTTP {fault.status}")
    return None  # lost_submit is handled where the job is created


def parse_fault(text: str) -> Fault:
    """``status:rate_limit:0.2`` (endpoint, kind, optional rate) as a ``Fault``."""
    parts = text.split(":")
    if (
        len(parts) not in (2, 3, 4)
        or parts[0] not in get_args(Endpoint)
        or parts[1] not in get_args(FaultKind)
    ):
        raise ValueError(
            f"fault {text!r}: expected ENDPOINT:KIND[:RATE[:SECONDS]] with ENDPOINT one of "
            f"{', '.join(get_args(Endpoint))} and KIND one of {', '.join(get_args(FaultKind))}"
        )
    try:
        rate = float(parts[2]) if len(parts) >= 3 else None
        delay = float(parts[3]) if len(parts) == 4 else 1.0
    except ValueError:
        raise ValueError(f"fault {text!r}: RATE and SECONDS must be numbers") from None
    if rate is not None and not 0 <= rate <= 1:
        raise ValueError(f"fault {text!r}: the rate must be between 0 and 1")
    if not 0 <= delay <= 3600:
        raise ValueError(f"fault {text!r}: SECONDS must be between 0 and 3600")
    kind: Any = parts[1]
    endpoint: Any = parts[0]
    times = None if rate is not None else 1
    return Fault(endpoint, kind, delay=delay, times=times, rate=rate)
