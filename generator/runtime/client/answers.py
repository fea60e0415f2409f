"""What an answer from the RunComfy API means: its JSON, its error, its advice to wait.

RunComfy signals errors by HTTP status and by an ``error_code`` in the body (even with
HTTP 200), and a CDN in front of it may answer with an HTML page. This module turns
any answer into either its JSON body or one typed ``APIError``. The API never
redirects, so a 3xx is an error whatever its body says, and never followed; an answer
over the client's size cap is an error too, without being read whole.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from ..errors import (
    APIError,
    AuthenticationError,
    InsufficientBalanceError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ResultNotReadyError,
    ServerError,
)

__all__ = ["decode", "error_for", "in_memory", "parse_retry_after", "refuse_redirect"]

# The one table of RunComfy's error codes (documented, or met by RunComfy's own clients):
# a code here decides the class whatever the HTTP status, 200 included.
_BY_CODE: Mapping[int, type[APIError]] = {
    400001: NotFoundError,  # invalid resource id: no such model
    400002: InsufficientBalanceError,  # no remaining balance
    400004: AuthenticationError,  # an account or token problem
    400005: ResultNotReadyError,  # a result read before the job ended: poll on
    403001: PermissionDeniedError,  # permission denied
    403003: PermissionDeniedError,  # permission denied (for this model or request)
    404001: NotFoundError,  # request not found or expired
}
_BY_STATUS: Mapping[int, type[APIError]] = {
    400: InvalidInputError,
    401: AuthenticationError,
    402: InsufficientBalanceError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: InvalidInputError,
    429: RateLimitedError,
}
_MESSAGE_KEYS = ("error_message", "message", "error", "detail")


def parse_retry_after(value: str | None) -> float | None:
    """``Retry-After`` as seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _message(body: Any) -> str | None:
    if isinstance(body, Mapping):
        for key in _MESSAGE_KEYS:
            value = body.get(key)
            if isinstance(value, str) and value:
                return value
            if isinstance(value, Mapping | list) and value:
                return json.dumps(value)[:500]
    return None


def decode(response: httpx.Response) -> tuple[Any, bool]:
    """The JSON body (or None) and whether the body was an HTML page."""
    content_type = response.headers.get("content-type", "")
    text = response.text
    is_html = "html" in content_type or text.lstrip()[:1] == "<"
    if is_html:
        return None, True
    try:
        return json.loads(text) if text.strip() else None, False
    except (ValueError, RecursionError):  # RecursionError: nested deeper than Python recurses
        return None, False


def _error_code(body: Any) -> int | None:
    """RunComfy's error code, as a number or a numeric string."""
    code = body.get("error_code") if isinstance(body, Mapping) else None
    if isinstance(code, str) and code.strip().isdigit():
        return int(code)
    if isinstance(code, float) and code.is_integer():
        return int(code)
    return code if isinstance(code, int) and not isinstance(code, bool) else None


def _detail_summary(body: Any) -> str:
    """Per-field problems a 400/422 answer lists, in one line."""
    detail = body.get("detail") if isinstance(body, Mapping) else None
    if not isinstance(detail, list):
        return ""
    parts = []
    for item in detail[:10]:
        if isinstance(item, Mapping):
            where = ".".join(str(p) for p in item.get("loc", ()) if p != "body")
            parts.append(f"{where or '<input>'}: {item.get('msg', item)}")
    return "; ".join(parts)


def error_for(response: httpx.Response, body: Any, is_html: bool) -> APIError | None:
    """The error an answer means, if any; an ``error_code`` counts even with HTTP 200."""
    status = response.status_code
    code = _error_code(body)
    if code is None and status < 400:
        return None
    message = _message(body)
    if is_html:
        message = f"the server answered with an HTML error page ({len(response.content)} bytes)"
    cls = _BY_CODE.get(code) if code is not None else None
    if cls is None:
        cls = _BY_STATUS.get(status, ServerError if status >= 500 or is_html else APIError)
    summary = f"HTTP {status}" + (f", error_code {code}" if code is not None else "")
    text = f"{cls.__name__.removesuffix('Error')}: {summary}: {message or 'no message'}"
    fields = _detail_summary(body)
    if fields and message != fields:
        text += f" ({fields})"
    retry_after = parse_retry_after(response.headers.get("retry-after"))
    error = cls(text, status=status, error_code=code, detail=body if not is_html else message)
    error.retry_after = retry_after
    return error


_MAYBE_CREATED = (
    " The job may or may not have been created; it was not retried. Check the request "
    "history in your RunComfy dashboard before submitting again."
)
_DROPPED_HEADERS = {"content-encoding", "content-length", "transfer-encoding"}


def _refusal(
    response: httpx.Response, text: str, submit: bool, redact: Callable[[str], str]
) -> APIError:
    request = response.request
    message = f"{request.method} {request.url.path}: HTTP {response.status_code}, {text}"
    return APIError(
        redact(message + (_MAYBE_CREATED if submit else "")), status=response.status_code
    )


def refuse_redirect(response: httpx.Response, submit: bool, redact: Callable[[str], str]) -> None:
    """Raise for a 3xx, before its body is read: the API never redirects."""
    if 300 <= response.status_code < 400:
        location = response.headers.get("location", "")
        to = f" to {location[:100]!r}" if location else ""
        raise _refusal(
            response, f"a redirect{to}; API calls never follow redirects.", submit, redact
        )


def in_memory(
    response: httpx.Response,
    data: bytes | None,
    cap: int,
    submit: bool,
    redact: Callable[[str], str],
) -> httpx.Response:
    """``response`` with its decoded body ``data``; ``None`` (over ``cap``) is an error."""
    if data is None:
        text = f"an answer over the {cap:,}-byte cap (max_answer_bytes); not read further."
        raise _refusal(response, text, submit, redact)
    headers = [
        (key, value)
        for key, value in response.headers.multi_items()
        if key.lower() not in _DROPPED_HEADERS
    ]
    return httpx.Response(
        response.status_code, headers=headers, content=data, request=response.request
    )
