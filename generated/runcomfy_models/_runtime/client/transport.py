# Generated from generator/runtime/client/transport.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""HTTP to the RunComfy API: auth, error mapping and retries, sync and async.

Every call has a deadline that bounds it whole, retries included: the client's
``timeout``, or the caller's deadline (a wait's) if that comes first; answers are read
under a size cap (``max_answer_bytes``) and a redirect is an error, never followed (see
``exchange``). One connection pool per client.

GETs (and cancel, which is idempotent) are retried with exponential backoff and full
jitter on 429, 5xx and connection errors, honouring ``Retry-After``, within a total time
cap and the call's deadline. A submit is never retried: RunComfy has no
idempotency key, so a retry could start and bill a second job. When a submit's answer
is lost the caller gets ``SubmitOutcomeUnknownError`` saying so.

The token lives in a ``Secret`` and is only ever put into the Authorization header; no
repr, log line or exception built here can contain it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import random
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from ..constants import (
    BASE_URL_ENV,
    DEFAULT_BASE_URL,
    ENVIRONMENT_ENV,
    TOKEN_ENVS,
    agent_headers,
    environment_url,
)
from ..errors import (
    AuthenticationError,
    ConnectionFailedError,
    RateLimitedError,
    RequestTimeoutError,
    RunComfyError,
    ServerError,
    SubmitOutcomeUnknownError,
    TransportError,
)
from .answers import decode, error_for, in_memory, refuse_redirect
from .exchange import (
    DEFAULT_MAX_ANSWER_BYTES,
    Deadline,
    Sent,
    aread_capped,
    atimeout,
    bound,
    bounded_client,
    read_capped,
)
from .hosts import checked_base_url

__all__ = [
    "AsyncTransport",
    "RetryPolicy",
    "Secret",
    "SyncTransport",
    "error_for",
]

log = logging.getLogger("runcomfy_models")


MIN_REDACTED_BYTES = 8
"""Answers are scrubbed of the token only when it is at least this long (see redact_bytes)."""


class Secret:
    """A value that never shows itself in a repr, str or format."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def redact(self, text: str) -> str:
        """``text`` with this secret replaced by asterisks."""
        return text.replace(self._value, "********")

    def redact_bytes(self, data: bytes) -> bytes:
        """``data`` (an answer's raw JSON) with this secret replaced by asterisks.

        A secret shorter than ``MIN_REDACTED_BYTES`` is left alone: so short a string
        turns up by chance in any answer (``t`` in ``request_id``), and blanking it would
        break the JSON itself; tokens RunComfy issues are far longer.
        """
        secret = self._value.encode()
        if len(secret) < MIN_REDACTED_BYTES:
            return data
        return data.replace(secret, b"********")

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise TypeError("a Secret cannot be pickled")


@dataclass(frozen=True)
class RetryPolicy:
    """How GETs are retried: attempts, backoff bounds, and a total time cap."""

    max_attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 8.0
    total_cap: float = 60.0

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to sleep before retry ``attempt`` (1-based): Retry-After, else jitter."""
        if retry_after is not None:
            return max(0.0, retry_after)
        return random.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))


def _transport_error(exc: httpx.HTTPError, method: str, path: str) -> TransportError:
    if isinstance(exc, httpx.TimeoutException):
        return RequestTimeoutError(f"{method} {path}: no answer in time ({type(exc).__name__})")
    return ConnectionFailedError(f"{method} {path}: connection failed ({type(exc).__name__})")


# Failures that happen before a byte of the request leaves: nothing can have been created.
_NOT_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    httpx.LocalProtocolError,
    httpx.UnsupportedProtocol,
)


def _lost_submit(exc: httpx.HTTPError, path: str, sent: Sent | None = None) -> TransportError:
    """A submit error: was the request sent? If maybe, say the job may exist."""
    unsent = sent is not None and not sent.maybe and isinstance(exc, httpx.TimeoutException)
    if isinstance(exc, _NOT_SENT) or unsent:
        return _transport_error(exc, "POST", path)  # never sent: safe to submit again
    return SubmitOutcomeUnknownError(
        f"POST {path}: the submit was sent but its answer was lost ({type(exc).__name__}). "
        "The job may exist and may be billed; it was not retried. Check the request "
        "history in your RunComfy dashboard before submitting again."
    )


def _headers(token: Secret, client: httpx.Client | httpx.AsyncClient) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {token.reveal()}",
        "Accept": "application/json",
        "Accept-Encoding": "gzip, deflate",  # what ``exchange`` inflates under its cap
        **agent_headers(client.headers),
    }


def _token_from_env() -> str:
    for name in TOKEN_ENVS:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return ""


def resolve_base_url(base_url: str | None, environment: str | None) -> str:
    """The API's base URL: explicit arguments beat environment variables.

    ``base_url=``, else ``environment=``'s URL, else ``RUNCOMFY_BASE_URL``, else
    ``RUNCOMFY_API_ENVIRONMENT``'s URL, else production. A blank value (argument or
    variable) counts as unset. An unknown ``environment=`` is a ``ValueError`` even when
    ``base_url=`` overrides it; the variable is read only where it decides, so a bad one
    is an error only then. A base URL that is not https is a ``ValueError`` too.
    """
    named = environment if environment is not None and environment.strip() else None
    named_url = environment_url(named) if named is not None else None  # fails even if unused
    if base_url is not None and base_url.strip():
        return checked_base_url(base_url.strip())
    if named_url is not None:
        return checked_base_url(named_url)
    url_variable = os.environ.get(BASE_URL_ENV, "").strip()
    if url_variable:
        return checked_base_url(url_variable)
    variable = os.environ.get(ENVIRONMENT_ENV, "").strip()  # read only where it decides
    return checked_base_url(environment_url(variable) if variable else DEFAULT_BASE_URL)


def _checked_http_client(client: object, expected: type, twin: str) -> None:
    """A one-line ``TypeError`` now, rather than an ``AttributeError`` at the first call."""
    if client is not None and not isinstance(client, expected):
        raise TypeError(
            f"http_client must be an httpx.{expected.__name__} (for {twin}), "
            f"not {type(client).__module__}.{type(client).__qualname__}"
        )


_NOT_FOLLOWED = (
    " The job may exist and may be billed, but it cannot be followed; it was not "
    "resubmitted. Check the request history in your RunComfy dashboard before submitting again."
)


def _result(
    response: httpx.Response, method: str, path: str, token: Secret, submit: bool = False
) -> Any:
    body, is_html = decode(response)
    error = error_for(response, body, is_html)
    log.debug("%s %s -> %s", method, path, response.status_code)
    if error is not None:
        # A server that echoes the request: never repeat the token. (It is never bound
        # to a local name, so a traceback that shows frame locals does not show it.)
        error.args = (token.redact(str(error)),)
        detail = json.dumps(error.detail, default=str)
        if token.redact(detail) != detail:
            error.detail = json.loads(token.redact(detail))
        raise error
    if not isinstance(body, Mapping):
        text = f"{method} {path}: HTTP {response.status_code} with a body that is not a JSON object"
        if submit and response.status_code < 300:  # accepted, maybe: no id to follow it by
            raise SubmitOutcomeUnknownError(f"{text}, so no request id.{_NOT_FOLLOWED}")
        raise ServerError(text, status=response.status_code)
    return body


class _Attempts:
    """The retry bookkeeping of one call: what to raise, or how long to wait."""

    def __init__(
        self, policy: RetryPolicy, method: str, path: str, retry: bool, deadline: float | None
    ) -> None:
        self.policy = policy
        self.method = method
        self.path = path
        self.retry = retry
        self.started = time.monotonic()
        self.deadline = deadline
        self.count = 0

    def convert(self, exc: httpx.HTTPError, sent: Sent | None = None) -> RunComfyError:
        if not self.retry:
            return _lost_submit(exc, self.path, sent)
        return _transport_error(exc, self.method, self.path)

    def after(self, error: RunComfyError) -> float:
        """Seconds to wait before trying again; raises ``error`` when it is final."""
        self.count += 1
        if not self.retry:
            if isinstance(error, ServerError):
                raise type(error)(
                    f"{error} The job may or may not have been created; it was not retried. "
                    "Check the request history in your RunComfy dashboard before submitting "
                    "again.",
                    status=error.status,
                    error_code=error.error_code,
                    detail=error.detail,
                ) from None
            raise error
        if not isinstance(error, RateLimitedError | ServerError | TransportError):
            raise error
        if isinstance(error, ConnectionFailedError) and "LocalProtocolError" in str(error):
            raise error  # the request could not even be written: retrying cannot help
        wait = self.policy.delay(self.count, getattr(error, "retry_after", None))
        now = time.monotonic()
        past_cap = now - self.started + wait > self.policy.total_cap
        past_deadline = self.deadline is not None and now + wait > self.deadline
        if self.count >= self.policy.max_attempts or past_cap or past_deadline:
            raise error
        log.debug(
            "%s %s: %s; retry %d in %.2f s",
            self.method,
            self.path,
            type(error).__name__,
            self.count,
            wait,
        )
        return wait


_VISIBLE_ASCII = re.compile(r"[\x21-\x7e]+")


def _total(timeout: httpx.Timeout) -> float | None:
    """The longest a call may take: the largest phase timeout (``None``: no limit)."""
    phases = [timeout.connect, timeout.read, timeout.write, timeout.pool]
    finite = [phase for phase in phases if phase is not None]
    return max(finite) if finite else None


class _Base:
    def __init__(
        self,
        token: str | None,
        base_url: str | None,
        timeout: httpx.Timeout,
        retry: RetryPolicy,
        max_answer_bytes: int,
        environment: str | None = None,
    ) -> None:
        if isinstance(max_answer_bytes, bool) or not isinstance(max_answer_bytes, int):
            raise TypeError("max_answer_bytes must be an int (bytes)")
        if max_answer_bytes < 1:
            raise ValueError(f"max_answer_bytes must be at least 1, not {max_answer_bytes}")
        self.max_answer_bytes = max_answer_bytes
        self.configured = timeout
        self.total = _total(timeout)
        raw_token = (token if token is not None else _token_from_env()).strip()
        if not raw_token:
            names = " or ".join(TOKEN_ENVS)
            raise AuthenticationError(f"no API token: pass token= or set {names}", status=0)
        if not _VISIBLE_ASCII.fullmatch(raw_token):
            raise AuthenticationError(
                "the API token contains spaces, control or non-ASCII characters; check how "
                "it was read (the token itself is not shown)",
                status=0,
            )
        self.token = Secret(raw_token)
        self.base_url = resolve_base_url(base_url, environment)
        self.retry = retry
        self.closed = False

    def ensure_open(self, method: str, path: str) -> None:
        if self.closed:
            raise ConnectionFailedError(f"{method} {path}: the client is closed")

    def finish(
        self,
        response: httpx.Response,
        data: bytes | None,
        method: str,
        path: str,
        submit: bool,
    ) -> Any:
        """The JSON object of an answer read under the cap, or the error it means."""
        # A server that echoes the token (as a request id, say) never gets it into a
        # message, a journal or a folder name: it becomes asterisks, which no id matches.
        data = None if data is None else self.token.redact_bytes(data)
        read = in_memory(response, data, self.max_answer_bytes, submit, self.token.redact)
        return _result(read, method, path, self.token, submit)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r})"


class SyncTransport(_Base):
    """Blocking requests over one ``httpx.Client``."""

    def __init__(
        self,
        token: str | None,
        base_url: str | None,
        timeout: httpx.Timeout,
        retry: RetryPolicy,
        client: httpx.Client | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
        environment: str | None = None,
    ) -> None:
        _checked_http_client(client, httpx.Client, "Client")
        super().__init__(token, base_url, timeout, retry, max_answer_bytes, environment)
        self.owned = client is None  # a client we were given is the caller's to close
        self.http = bound(client) if client is not None else bounded_client(timeout)

    def close(self) -> None:
        self.closed = True
        if self.owned:
            self.http.close()

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        retry: bool = True,
        deadline: float | None = None,
    ) -> Any:
        """The JSON object answered; ``retry=False`` for requests that must not repeat.

        The call, retries included, ends by the client's timeout or by ``deadline`` (a
        ``time.monotonic()`` value), whichever comes first.
        """
        self.ensure_open(method, path)
        call = Deadline.within(self.total, deadline)
        attempts = _Attempts(self.retry, method, path, retry, call.at)
        while True:
            error: RunComfyError
            sent = Sent()
            try:
                return self._once(method, path, body, call, sent, submit=not retry)
            except httpx.HTTPError as exc:
                error = attempts.convert(exc, sent)
            except (RateLimitedError, ServerError) as exc:
                error = exc
            # Outside the except block: the httpx exception (which may quote the request's
            # headers) is not chained to what the caller sees.
            time.sleep(attempts.after(error))

    def _once(
        self, method: str, path: str, body: Any, call: Deadline, sent: Sent, submit: bool
    ) -> Any:
        request = self.http.build_request(
            method,
            self.base_url + path,
            json=body,
            headers=_headers(self.token, self.http),
            timeout=call.timeout(self.configured),
            extensions={"trace": sent.trace},
        )
        with call.scope():
            response = self.http.send(request, stream=True, follow_redirects=False)
            try:
                refuse_redirect(response, submit, self.token.redact)
                data = read_capped(response, call, self.max_answer_bytes)
            finally:
                response.close()
        return self.finish(response, data, method, path, submit)


class AsyncTransport(_Base):
    """Non-blocking requests over one ``httpx.AsyncClient``."""

    def __init__(
        self,
        token: str | None,
        base_url: str | None,
        timeout: httpx.Timeout,
        retry: RetryPolicy,
        client: httpx.AsyncClient | None = None,
        max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES,
        environment: str | None = None,
    ) -> None:
        _checked_http_client(client, httpx.AsyncClient, "AsyncClient")
        super().__init__(token, base_url, timeout, retry, max_answer_bytes, environment)
        self.owned = client is None  # a client we were given is the caller's to close
        self.http = client or httpx.AsyncClient(timeout=timeout)

    async def close(self) -> None:
        self.closed = True
        if self.owned:
            await self.http.aclose()

    async def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        retry: bool = True,
        deadline: float | None = None,
    ) -> Any:
        """The JSON object answered; see ``SyncTransport.request``."""
        self.ensure_open(method, path)
        call = Deadline.within(self.total, deadline)
        attempts = _Attempts(self.retry, method, path, retry, call.at)
        while True:
            error: RunComfyError
            sent = Sent()
            try:
                return await self._once(method, path, body, call, sent, submit=not retry)
            except httpx.HTTPError as exc:
                error = attempts.convert(exc, sent)
            except (RateLimitedError, ServerError) as exc:
                error = exc
            await asyncio.sleep(attempts.after(error))

    async def _once(
        self, method: str, path: str, body: Any, call: Deadline, sent: Sent, submit: bool
    ) -> Any:
        request = self.http.build_request(
            method,
            self.base_url + path,
            json=body,
            headers=_headers(self.token, self.http),
            timeout=call.timeout(self.configured),
            extensions={"trace": sent.atrace},
        )
        async with atimeout(call, sent):
            response = await self.http.send(request, stream=True, follow_redirects=False)
            try:
                refuse_redirect(response, submit, self.token.redact)
                data = await aread_capped(response, call, self.max_answer_bytes)
            finally:
                await response.aclose()
        return self.finish(response, data, method, path, submit)
