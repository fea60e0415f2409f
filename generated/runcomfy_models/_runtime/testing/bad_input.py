# Generated from generator/runtime/testing/bad_input.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Reading what a request sends without ever failing on it: the emulator's 4xx answers.

A client under test may send anything: a query parameter that is not a number, a body
that is not JSON, not an object, nested past Python's recursion limit, holding a number
no double holds (``1e400``, which Python's ``json`` would read as infinity and write back
as ``Infinity``, which is not JSON), or larger than any input. Each is answered as
RunComfy answers errors (a 4xx with ``error_code`` and ``error_message``), never with a
500 or a traceback. RunComfy documents no error code for a malformed request, so these
carry the emulator's own ``MALFORMED_REQUEST`` code and say what is wrong.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..media.cap import DEFAULT_MAX_LOCAL_BYTES, data_uri_chars
from .faults import error_response

__all__ = [
    "MAX_BODY_BYTES",
    "MAX_DEPTH",
    "http_error",
    "json_object",
    "query_count",
    "query_flag",
    "query_text",
]

MAX_BODY_BYTES = 4 * data_uri_chars(DEFAULT_MAX_LOCAL_BYTES)
"""The largest submit body read: four files at the SDK's default local media cap, as
``data:`` URIs, fit; more is refused with 413."""

MAX_DEPTH = 64
"""How deeply a submit body may nest: far beyond any model's input, far below recursion."""

_DIGITS = re.compile(r"[0-9]{1,12}")


# RunComfy documents no code for a malformed request (bad query parameters, a body that
# is not a JSON object); its clients treat any non-null ``error_code`` as an error, so the
# emulator answers one, outside the documented codes, rather than none.
MALFORMED_REQUEST = 400000


def _refuse(message: str, status: int = 400) -> JSONResponse:
    return error_response(status, MALFORMED_REQUEST, message)


def _shown(raw: str) -> str:
    return repr(raw if len(raw) <= 40 else raw[:37] + "...")


def query_count(
    request: Request, name: str, default: int, largest: int, smallest: int = 0
) -> int | Response:
    """The query parameter ``name`` as a whole number from ``smallest`` to ``largest``,
    or a 400."""
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not _DIGITS.fullmatch(raw) or not smallest <= int(raw) <= largest:
        return _refuse(
            f"{name} must be a whole number from {smallest} to {largest}, not {_shown(raw)}"
        )
    return int(raw)


def query_flag(request: Request, name: str) -> bool | Response:
    """The query parameter ``name`` as ``true`` or ``false`` (absent: false), or a 400."""
    raw = request.query_params.get(name)
    if raw is None or raw.lower() == "false":
        return False
    if raw.lower() == "true":
        return True
    return _refuse(f"{name} must be true or false, not {_shown(raw)}")


def query_text(request: Request, name: str, longest: int = 200) -> str | Response | None:
    """The query parameter ``name`` as text of at most ``longest`` characters, or a 400."""
    raw = request.query_params.get(name)
    if raw is not None and len(raw) > longest:
        return _refuse(f"{name} must be at most {longest} characters, not {len(raw)}")
    return raw


async def _body(request: Request, limit: int) -> bytes | Response:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return _refuse(f"the body is over {limit:,} bytes", 413)
    parts: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return _refuse(f"the body is over {limit:,} bytes", 413)
        parts.append(chunk)
    return b"".join(parts)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _no_double(text: str, huge: list[str]) -> ValueError:
    """Note ``text`` (a number past a double's range: ``1e400``, a 400-digit integer) in
    ``huge``, and the error that stops the reading."""
    huge.append(text)
    return ValueError(f"{text[:40]} is past a double's range")


def _double(text: str, huge: list[str]) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _no_double(text, huge)
    return number


def _whole(text: str, huge: list[str]) -> int:
    number = int(text)  # past int()'s digit limit: a ValueError, "not JSON" as before
    try:
        float(number)
    except OverflowError:
        raise _no_double(text, huge) from None
    return number


def _depth(value: Any) -> int:
    """How deeply ``value`` nests, without recursion (a list or object is one level)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:  # deeper than that is refused anyway
                children = item.values() if isinstance(item, dict) else item
                stack.extend((child, level + 1) for child in children)
    return deepest


async def json_object(request: Request, limit: int = MAX_BODY_BYTES) -> dict[str, Any] | Response:
    """The body as a JSON object, or the 4xx that says why it is not one."""
    data = await _body(request, limit)
    if isinstance(data, Response):
        return data
    huge: list[str] = []
    try:
        payload = json.loads(
            data,
            parse_constant=_no_constant,
            parse_float=lambda text: _double(text, huge),
            parse_int=lambda text: _whole(text, huge),
        )
    except RecursionError:
        return _refuse(f"the body nests deeper than {MAX_DEPTH} levels")
    except ValueError:  # not JSON, not UTF-8, NaN or Infinity, an integer too long
        if huge:
            return _refuse(
                f"the body holds a number no double holds, {_shown(huge[0])} (JSON numbers "
                "are read as doubles: at most about 1.8e308)"
            )
        return _refuse("the body is not JSON")
    if not isinstance(payload, dict):
        return _refuse("the body must be a JSON object")
    if _depth(payload) > MAX_DEPTH:
        return _refuse(f"the body nests deeper than {MAX_DEPTH} levels")
    return payload


async def http_error(request: Request, exc: Exception) -> Response:
    """Unknown routes and methods, answered in RunComfy's error shape."""
    status = exc.status_code if isinstance(exc, HTTPException) else 400
    detail = exc.detail if isinstance(exc, HTTPException) else "bad request"
    response: JSONResponse = error_response(status, None, f"{detail}: {request.method}")
    if isinstance(exc, HTTPException) and exc.headers:
        response.headers.update(exc.headers)
    return response
