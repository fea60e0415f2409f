# Generated from generator/runtime/testing/faults.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Faults the emulator injects on demand: what can go wrong between a client and RunComfy.

Each ``Fault`` names an endpoint and a kind of misbehaviour, and applies either to the
next N matching requests (a script) or to each one with a probability (a rate). Faults
can also be given on the command line as ``ENDPOINT:KIND[:RATE[:ARG]]``: ARG is how many
seconds a ``slow`` fault holds the request (1 by default), the code an ``error_code``
fault sends (400002 by default), the HTTP status of an ``http_status`` or ``html`` one
(503 by default).

The kinds:

==================  =====================================================================
``rate_limit``      429, with ``Retry-After`` when ``retry_after`` is set
``http_status``     ``status`` (a 5xx, say) with an ``error_code: null`` body
``html``            a CDN's HTML error page with ``status``
``error_code``      HTTP 200 with ``{"error_code": error_code, ...}``: an error all the same
``not_finished``    400 with ``error_code`` 400005, as RunComfy answers a result read
                    before the job ended (whatever the job's state: the race between a
                    status that says done and a result that does not yet)
``drop``            the connection closes mid-answer
``slow``            the answer waits ``delay`` seconds, then comes as usual
``lost_submit``     the job is made, then the connection closes: its id never arrives
``no_request_id``   the real answer (the job made, the state read), without ``request_id``
``empty``           the real work done (a submit makes its job), then ``{}`` with HTTP 200
==================  =====================================================================

``no_request_id`` and ``empty`` change a JSON answer the endpoint made (any but ``files``;
an error it answered is left alone, and does not use the fault up); the others answer in
its place.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal, get_args

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

from ..errors import DroppedOnPurpose

__all__ = [
    "ANSWER_KINDS",
    "NOT_FINISHED_CODE",
    "DroppedOnPurpose",
    "Endpoint",
    "Fault",
    "FaultKind",
    "Handler",
    "answered",
    "dropped",
    "error_response",
    "is_error",
    "misbehave",
    "parse_fault",
    "reshaped",
]

Endpoint = Literal["submit", "status", "result", "cancel", "catalog", "files", "*"]
FaultKind = Literal[
    "rate_limit",
    "http_status",
    "html",
    "error_code",
    "not_finished",
    "drop",
    "slow",
    "lost_submit",
    "no_request_id",
    "empty",
]
Handler = Callable[[Request], Awaitable[Response]]
ANSWER_KINDS: frozenset[str] = frozenset({"no_request_id", "empty"})
"""Kinds that change the endpoint's own answer rather than answer in its place."""

NOT_FINISHED_CODE = 400005
"""RunComfy's code for a result read before the job ended."""


@dataclass
class Fault:
    """A misbehaviour to inject on requests to ``endpoint``.

    Scripted with ``times`` (the next N matching requests), or random with ``rate``
    (each matching request, with that probability, from the emulator's seeded RNG).
    ``fired`` counts the requests it was applied to.
    """

    endpoint: Endpoint
    kind: FaultKind
    status: int = 503
    retry_after: str | None = None
    error_code: int = 400002
    delay: float = 0.0
    times: int | None = 1
    rate: float | None = None
    fired: int = 0

    def applies(self, endpoint: str, rng: random.Random) -> bool:
        """Whether the fault acts on this request (using up one of its ``times`` if so)."""
        if self.endpoint not in (endpoint, "*"):
            return False
        if self.rate is not None:
            hit = rng.random() < self.rate
        elif self.times is None:
            hit = True
        else:
            hit = self.times > 0
            self.times -= 1 if hit else 0
        self.fired += hit
        return hit


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
    if fault.kind == "not_finished":
        return error_response(400, NOT_FINISHED_CODE, "the request has not finished yet")
    if fault.kind == "drop":
        return dropped()
    if fault.kind == "http_status":
        return error_response(fault.status, None, f"injected HTTP {fault.status}")
    return None  # lost_submit and the answer kinds act where the answer is made


def is_error(response: Response) -> bool:
    """Whether ``response`` is an error: a status past 2xx, or a body with ``error_code``
    (an ``error_code`` fault's HTTP 200); answer faults leave errors alone."""
    if response.status_code >= 300 or response.media_type != "application/json":
        return True
    body = bytes(response.body)
    return b'"error_code"' in body and "error_code" in json.loads(body)


def answered(
    faults: list[Fault], dice: Callable[[], random.Random], endpoint: str, handler: Handler
) -> Handler:
    """``handler``, its JSON answers changed by the answer faults among ``faults``."""

    async def answer(request: Request) -> Response:
        response = await handler(request)
        if is_error(response):
            return response  # errors (of the endpoint or of other faults) stay as they are
        for fault in faults:
            if fault.kind in ANSWER_KINDS and fault.applies(endpoint, dice()):
                return reshaped(fault, response)
        return response

    return answer


def reshaped(fault: Fault, response: Response) -> Response:
    """``response`` (a JSON answer the endpoint made) as an answer fault changes it."""
    if fault.kind == "empty":
        return JSONResponse({}, response.status_code)
    body = json.loads(bytes(response.body))
    if isinstance(body, dict):
        body.pop("request_id", None)
    return JSONResponse(body, response.status_code)


def parse_fault(text: str) -> Fault:
    """``status:rate_limit:0.2`` (endpoint, kind, optional rate and argument) as a ``Fault``."""
    parts = text.split(":")
    if (
        len(parts) not in (2, 3, 4)
        or parts[0] not in get_args(Endpoint)
        or parts[1] not in get_args(FaultKind)
    ):
        raise ValueError(
            f"fault {text!r}: expected ENDPOINT:KIND[:RATE[:ARG]] with ENDPOINT one of "
            f"{', '.join(get_args(Endpoint))} and KIND one of {', '.join(get_args(FaultKind))}"
        )
    try:
        rate = float(parts[2]) if len(parts) >= 3 else None
        arg = float(parts[3]) if len(parts) == 4 else None
    except ValueError:
        raise ValueError(f"fault {text!r}: RATE and ARG must be numbers") from None
    if rate is not None and not 0 <= rate <= 1:
        raise ValueError(f"fault {text!r}: the rate must be between 0 and 1")
    kind: Any = parts[1]
    endpoint: Any = parts[0]
    fault = Fault(endpoint, kind, times=None if rate is not None else 1, rate=rate)
    if kind == "slow":
        fault.delay = 1.0 if arg is None else arg
        if not 0 <= fault.delay <= 3600:
            raise ValueError(f"fault {text!r}: SECONDS must be between 0 and 3600")
    elif arg is not None:
        fault_arg(fault, text, arg)
    return fault


def fault_arg(fault: Fault, text: str, arg: float) -> None:
    """Set the ARG of ``fault`` (not ``slow``): an error code or an HTTP status."""
    if fault.kind == "error_code":
        if not (arg.is_integer() and 0 < arg < 10**9):
            raise ValueError(f"fault {text!r}: CODE must be a whole number from 1 to 999999999")
        fault.error_code = int(arg)
    elif fault.kind in ("http_status", "html"):
        if not (arg.is_integer() and 400 <= arg <= 599):
            raise ValueError(f"fault {text!r}: STATUS must be a whole number from 400 to 599")
        fault.status = int(arg)
    else:
        raise ValueError(f"fault {text!r}: {fault.kind} takes no fourth part")
