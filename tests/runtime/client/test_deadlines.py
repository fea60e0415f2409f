"""A deadline bounds the whole call, however slowly a hostile server sends.

httpx's timeouts bound each read, not the call: a server that trickles one byte every
0.3 s keeps every read short and the call going forever. Each test here points a client
at a loopback server that trickles, stalls, sends without end, sends too much, or
redirects with a plausible JSON body, and checks that the call ends within its deadline
plus the documented grace (a generous bound, not a speed test) with a typed error, and
that the bytes the server managed to send stay bounded.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import resource
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import Any

import httpx
import pytest

from runcomfy_models import (
    APIError,
    AsyncClient,
    Client,
    ConnectionFailedError,
    DownloadError,
    DownloadLimits,
    PollPolicy,
    RequestTimeoutError,
    RetryPolicy,
    ServerError,
    SubmitOutcomeUnknownError,
    WaitTimeoutError,
    adownload_outputs,
    download_outputs,
)
from tests.support.hostile_server import (
    Handler,
    HostileServer,
    Step,
    endless,
    head,
    hostile_server,
    json_answer,
    trickle,
)

pytestmark = pytest.mark.slow  # every attack waits out a deadline on purpose: a minute in all

TOKEN = "rc-deadline-TOKEN-0d1e2a3d"
RETRY = RetryPolicy(max_attempts=3, base_delay=0.01, max_delay=0.05, total_cap=30)
POLL = PollPolicy(initial=0.05, factor=1.5, max_in_progress=0.2, max_in_queue=0.2)
TIMEOUT = 1.5
SLACK = 0.5 + 1.5  # the documented grace, plus room for a busy 2-core machine
STATUS = {"request_id": "abc123", "status": "in_progress"}
ID = "abc123"


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with hostile_server() as made:
        yield made


def client(server: HostileServer, **options: Any) -> Client:
    options.setdefault("timeout", TIMEOUT)
    return Client(TOKEN, base_url=server.base_url, retry=RETRY, poll=POLL, **options)


def aclient(server: HostileServer, **options: Any) -> AsyncClient:
    options.setdefault("timeout", TIMEOUT)
    return AsyncClient(TOKEN, base_url=server.base_url, retry=RETRY, poll=POLL, **options)


def status_path(action: str = "status") -> str:
    return f"/v1/requests/{ID}/{action}"


class Timer:
    def __enter__(self) -> Timer:
        self.started = time.monotonic()
        return self

    def __exit__(self, *exc: object) -> None:
        self.elapsed = time.monotonic() - self.started


# -- what a hostile server does --------------------------------------------------------


def trickled_body(interval: float = 0.3) -> list[Step]:
    data = json.dumps(STATUS).encode() + b" " * 200
    return [head(200, {"Content-Type": "application/json"}, len(data)), *trickle(data, interval)]


def trickled_headers(interval: float = 0.3) -> list[Step]:
    data = json.dumps(STATUS).encode()
    return [*trickle(head(200, {"X-Padding": "p" * 200}, len(data)), interval), data]


def stall_after_headers(seconds: float = 30.0) -> list[Step]:
    return [head(200, {"Content-Type": "application/json"}, 100), seconds]


def stall_before_headers(seconds: float = 30.0) -> list[Step]:
    return [seconds]


def informational_flood() -> Iterator[Step]:
    while True:
        yield b"HTTP/1.1 100 Continue\r\n\r\n"
        yield 0.1


def _fixed(steps: list[Step]) -> Handler:
    """A handler that answers every request with the same steps."""
    return lambda seen: steps


SLOW: dict[str, Callable[[], Iterable[Step]]] = {
    "trickled body": trickled_body,
    "trickled headers": trickled_headers,
    "stall after headers": stall_after_headers,
    "stall before headers": stall_before_headers,
    "endless 100 Continue": informational_flood,
}


# -- API calls --------------------------------------------------------------------------


@pytest.mark.parametrize("attack", SLOW)
def test_a_status_call_ends_by_its_deadline(server: HostileServer, attack: str) -> None:
    server.route(status_path(), lambda seen: SLOW[attack]())
    with client(server) as c, Timer() as timer, pytest.raises(RequestTimeoutError):
        c.job(ID).status()
    assert timer.elapsed < TIMEOUT + SLACK


@pytest.mark.parametrize("attack", ["trickled body", "stall after headers"])
def test_result_and_cancel_end_by_their_deadline(server: HostileServer, attack: str) -> None:
    server.route(status_path("result"), lambda seen: SLOW[attack]())
    server.route(status_path("cancel"), lambda seen: SLOW[attack]())
    with client(server) as c:
        for call in (c.job(ID).result, c.job(ID).cancel):
            with Timer() as timer, pytest.raises(RequestTimeoutError):
                call()
            assert timer.elapsed < TIMEOUT + SLACK


@pytest.mark.parametrize("attack", ["trickled body", "trickled headers", "stall after headers"])
def test_a_slow_submit_ends_by_its_deadline_and_is_sent_once(
    server: HostileServer, attack: str
) -> None:
    server.route("/v1/models/acme/x", lambda seen: SLOW[attack]())
    with client(server) as c, Timer() as timer, pytest.raises(SubmitOutcomeUnknownError) as info:
        c.submit_raw("acme/x", {"prompt": "a cat"})
    assert timer.elapsed < TIMEOUT + SLACK
    assert "may exist" in str(info.value)
    assert [seen.method for seen in server.seen] == ["POST"]  # never sent twice


def test_a_wait_ends_by_its_deadline_when_every_poll_trickles(server: HostileServer) -> None:
    server.route(status_path(), lambda seen: trickled_body(0.2))
    with client(server, timeout=30.0) as c, Timer() as timer, pytest.raises(WaitTimeoutError):
        c.job(ID).wait(2.0)
    assert timer.elapsed < 2.0 + SLACK


def test_a_wait_ends_by_its_deadline_when_the_result_stalls(server: HostileServer) -> None:
    server.route(status_path(), lambda seen: json_answer(200, {**STATUS, "status": "completed"}))
    server.route(status_path("result"), lambda seen: stall_after_headers())
    with client(server, timeout=30.0) as c, Timer() as timer, pytest.raises(WaitTimeoutError):
        c.job(ID).wait(2.0)
    assert timer.elapsed < 2.0 + SLACK


@pytest.mark.parametrize("attack", ["trickled body", "trickled headers", "stall after headers"])
def test_async_calls_end_by_their_deadline(server: HostileServer, attack: str) -> None:
    server.route(status_path(), lambda seen: SLOW[attack]())
    server.route("/v1/models/acme/x", lambda seen: SLOW[attack]())

    async def main() -> None:
        async with aclient(server) as c:
            with Timer() as timer, pytest.raises(RequestTimeoutError):
                await c.job(ID).status()
            assert timer.elapsed < TIMEOUT + SLACK
            with Timer() as timer, pytest.raises(SubmitOutcomeUnknownError):
                await c.submit_raw("acme/x", {"prompt": "a cat"})
            assert timer.elapsed < TIMEOUT + SLACK
        async with aclient(server, timeout=30.0) as c:
            with Timer() as timer, pytest.raises(WaitTimeoutError):
                await c.job(ID).wait(2.0)
            assert timer.elapsed < 2.0 + SLACK

    asyncio.run(main())
    assert sum(seen.method == "POST" for seen in server.seen) == 1


# -- answers too big ----------------------------------------------------------------------

CAP = 1024 * 1024


PAD = b"x" * CAP


def oversized(declared: bool) -> Iterator[Step]:
    """A 64 MiB answer, sent from one shared 1 MiB chunk (the server's memory stays small)."""
    start = b'{"request_id": "abc123", "status": "in_progress", "pad": "'
    length = len(start) + 64 * CAP if declared else None
    yield head(200, {"Content-Type": "application/json"}, length)
    yield start
    for _ in range(64):
        yield PAD


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "no length"])
def test_an_oversized_answer_is_refused_unread(server: HostileServer, declared: bool) -> None:
    server.route(status_path(), lambda seen: oversized(declared))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    with client(server, max_answer_bytes=CAP) as c, pytest.raises(APIError) as info:
        c.job(ID).status()
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak < 48 * 1024
    assert "max_answer_bytes" in str(info.value)
    assert not isinstance(info.value, ServerError)  # not retried: it would only come again
    assert len(server.seen) == 1
    assert server.sent < 32 * CAP  # the client stopped reading; socket buffers hold the rest


def test_an_endless_answer_is_refused_at_the_cap(server: HostileServer) -> None:
    server.route(status_path(), lambda seen: chain([head(200)], endless(b"[" * 65536)))
    with client(server, max_answer_bytes=CAP) as c, Timer() as timer, pytest.raises(APIError):
        c.job(ID).status()
    assert timer.elapsed < TIMEOUT + SLACK
    assert server.sent < 32 * CAP


def test_a_compressed_bomb_is_refused_at_the_cap(server: HostileServer) -> None:
    bomb = gzip.compress(b"{" + b" " * 256 * CAP + b"}")
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    server.route(status_path(), lambda seen: [head(200, headers, len(bomb)), bomb])
    with client(server, max_answer_bytes=CAP) as c, pytest.raises(APIError, match="cap"):
        c.job(ID).status()


def test_a_compressed_answer_under_the_cap_is_read(server: HostileServer) -> None:
    body = gzip.compress(json.dumps({**STATUS, "status": "in_queue"}).encode())
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    server.route(status_path(), lambda seen: [head(200, headers, len(body)), body])
    with client(server) as c:
        assert c.job(ID).status().state == "in_queue"


def test_an_oversized_submit_answer_says_the_job_may_exist(server: HostileServer) -> None:
    server.route("/v1/models/acme/x", lambda seen: oversized(declared=True))
    with client(server, max_answer_bytes=CAP) as c, pytest.raises(APIError) as info:
        c.submit_raw("acme/x", {})
    assert "may or may not have been created" in str(info.value)
    assert len(server.seen) == 1


def test_a_deeply_nested_answer_is_a_typed_error(server: HostileServer) -> None:
    server.route(status_path(), lambda seen: [head(200), b"[" * 200_000])
    with client(server) as c, pytest.raises(ServerError, match="not a JSON object"):
        c.job(ID).status()


def test_the_async_client_caps_answers_too(server: HostileServer) -> None:
    server.route(status_path(), lambda seen: oversized(declared=False))

    async def main() -> None:
        async with aclient(server, max_answer_bytes=CAP) as c:
            with pytest.raises(APIError, match="max_answer_bytes"):
                await c.job(ID).status()

    asyncio.run(main())
    assert server.sent < 32 * CAP


def test_the_cap_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_answer_bytes"):
        Client(TOKEN, max_answer_bytes=0)


# -- redirects ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_with_a_json_body_is_an_error(server: HostileServer, status: int) -> None:
    elsewhere = server.route("/elsewhere", lambda seen: json_answer(200, STATUS))
    answer = json_answer(status, {**STATUS, "status": "completed"}, {"Location": elsewhere})
    server.route(status_path(), lambda seen: answer)
    with client(server) as c, pytest.raises(APIError, match=f"HTTP {status}") as info:
        c.job(ID).status()
    assert "redirect" in str(info.value)
    assert [seen.path for seen in server.seen] == [status_path()]  # never followed


def test_a_redirected_submit_is_sent_once_and_said_to_maybe_exist(server: HostileServer) -> None:
    answer = json_answer(307, {"request_id": "abc123"}, {"Location": "/v1/models/acme/y"})
    server.route("/v1/models/acme/x", lambda seen: answer)
    with client(server) as c, pytest.raises(APIError, match="HTTP 307") as info:
        c.submit_raw("acme/x", {})
    assert "may or may not have been created" in str(info.value)
    assert len(server.seen) == 1


def test_the_async_client_refuses_redirects_too(server: HostileServer) -> None:
    server.route(status_path(), lambda seen: json_answer(302, STATUS, {"Location": "/x"}))

    async def main() -> None:
        async with aclient(server) as c:
            with pytest.raises(APIError, match="HTTP 302"):
                await c.job(ID).status()

    asyncio.run(main())


# -- downloads ----------------------------------------------------------------------------

LIMITS = DownloadLimits(timeout=TIMEOUT, allow_http=True, max_bytes=CAP)


def slow_file(attack: str) -> list[Step]:
    if attack == "trickled body":
        return [head(200, {}, 400), *trickle(b"x" * 400, 0.2)]
    if attack == "trickled headers":
        return [*trickle(head(200, {"X-Padding": "p" * 400}, 1), 0.2), b"x"]
    return stall_after_headers()


@pytest.mark.parametrize("attack", ["trickled body", "trickled headers", "stall after headers"])
def test_a_download_ends_by_its_deadline(
    server: HostileServer, attack: str, tmp_path: Path
) -> None:
    url = server.route("/files/out.png", lambda seen: slow_file(attack))
    with Timer() as timer, pytest.raises(DownloadError):
        download_outputs([url], tmp_path, limits=LIMITS)
    assert timer.elapsed < TIMEOUT + SLACK
    assert list(tmp_path.iterdir()) == []

    async def main() -> None:
        with Timer() as timer, pytest.raises(DownloadError):
            await adownload_outputs([url], tmp_path, limits=LIMITS)
        assert timer.elapsed < TIMEOUT + SLACK

    asyncio.run(main())
    assert list(tmp_path.iterdir()) == []


def test_a_download_deadline_covers_every_redirect(server: HostileServer, tmp_path: Path) -> None:
    """Each hop answers within a read timeout; the hops together do not."""
    for hop in range(5):
        target = f"/hop{hop + 1}"
        server.route(f"/hop{hop}", _fixed([0.6, head(302, {"Location": target}, 0)]))
    server.route("/hop5", lambda seen: [head(200, {}, 1), b"x"])
    with Timer() as timer, pytest.raises(DownloadError):
        download_outputs([server.base_url + "/hop0"], tmp_path, limits=LIMITS)
    assert timer.elapsed < TIMEOUT + SLACK


def test_an_endless_download_stops_at_its_cap(server: HostileServer, tmp_path: Path) -> None:
    url = server.route("/files/out.png", lambda seen: chain([head(200)], endless(b"x" * 65536)))
    with pytest.raises(DownloadError, match="cap"):
        download_outputs([url], tmp_path, limits=LIMITS)
    assert server.sent < 32 * CAP
    assert list(tmp_path.iterdir()) == []


# -- the edges --------------------------------------------------------------------------


def test_a_submit_the_server_never_reads_ends_by_its_deadline() -> None:
    """A body larger than the socket buffers, to a peer that reads only the headers."""
    with hostile_server(read_body=False) as server:
        server.route("/v1/models/acme/x", lambda seen: [60.0])
        errors = (SubmitOutcomeUnknownError, ConnectionFailedError)
        with client(server) as c, Timer() as timer, pytest.raises(errors):
            c.submit_raw("acme/x", {"prompt": "a" * 64 * CAP})
        assert timer.elapsed < TIMEOUT + SLACK
        assert len(server.seen) == 1


@pytest.mark.parametrize("attack", ["trickled body", "trickled headers", "stall after headers"])
def test_a_callers_own_http_client_keeps_the_deadline(server: HostileServer, attack: str) -> None:
    server.route(status_path(), lambda seen: SLOW[attack]())
    with httpx.Client(timeout=30) as own, client(server, http_client=own) as c:
        with Timer() as timer, pytest.raises(RequestTimeoutError):
            c.job(ID).status()
        assert timer.elapsed < TIMEOUT + SLACK
        assert own.get(server.base_url + "/nowhere").status_code == 404  # still theirs, usable

    async def main() -> None:
        async with httpx.AsyncClient(timeout=30) as own, aclient(server, http_client=own) as c:
            with Timer() as timer, pytest.raises(RequestTimeoutError):
                await c.job(ID).status()
            assert timer.elapsed < TIMEOUT + SLACK

    asyncio.run(main())


@pytest.mark.parametrize("bad", [float("nan"), -1.0, 0.0])
def test_timeouts_that_are_not_a_deadline_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="timeout"):
        Client(TOKEN, timeout=bad)
    with pytest.raises(ValueError, match="timeout"):
        AsyncClient(TOKEN, timeout=bad)
    with pytest.raises(ValueError, match="timeout"):
        DownloadLimits(timeout=bad)
    with Client(TOKEN) as c, pytest.raises(ValueError, match="timeout"):
        c.job(ID).wait(bad if bad != 0.0 else -0.5)


def test_an_endless_timeout_is_no_deadline(server: HostileServer) -> None:
    """``inf`` is the caller's explicit choice: it must work, not crash a socket call."""
    server.route(status_path(), lambda seen: json_answer(200, STATUS))
    with client(server, timeout=float("inf")) as c:
        assert c.job(ID).status().state == "in_progress"
    with client(server, timeout=httpx.Timeout(None)) as c:
        assert c.job(ID).status().state == "in_progress"
    done = {**STATUS, "status": "succeeded", "output": {}}
    server.route(status_path("result"), lambda seen: json_answer(200, done))
    server.route(status_path(), lambda seen: json_answer(200, {**STATUS, "status": "completed"}))
    with client(server) as c:
        assert c.job(ID).wait(float("inf")).request_id == ID
