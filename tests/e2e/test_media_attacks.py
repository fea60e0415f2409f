"""Media probing under attack, as a user meets it (issue 8, item 3).

Each attack of the issue's list is served by a real HTTPS server on loopback and checked
the way a user checks an input: ``media_findings`` on a generated model (the Runway
model's ``promptImage``), sync and async. Each must end in one clear ``MediaFinding``,
never an exception, after a bounded number of bytes (counted as the client receives them,
and as the server sends them where it honours Range) and seconds (measured).
A ``Content-Type`` is never believed: the content decides. Video and audio attacks
(truncated or track-less MP4s, boxes claiming exabytes, WAV headers claiming days) go
through ``probe_media`` itself. ``tests/runtime/media/test_probe.py`` pins the probe's behaviour in
detail; this module is the user-level contract, one attack at a time.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import re
import struct
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

import httpx
import pytest

from generator.runtime.errors import ProbeError
from generator.runtime.media.probe import ProbeLimits as SourceProbeLimits
from generator.runtime.media.probe import probe_media
from generator.runtime.rules.grammar import Fact, MediaKind
from runcomfy_models import MediaFinding, ProbeLimits, amedia_findings, get_model, media_findings
from tests.support import media_files as files
from tests.support.media_server import (
    Handler,
    MediaServer,
    Reply,
    fixed,
    media_server,
    redirect,
    serve_bytes,
)

RUNWAY = get_model("runwayml/runway-gen-3-alpha/turbo/image-to-video")
KIB = 1024
BLOCK = 16 * KIB  # the probe's first request: one block
LIMITS = ProbeLimits(timeout=0.5, max_bytes=256 * KIB)
# The same limits for probe_media, called here from the runtime's source (its own type).
PROBE_LIMITS = SourceProbeLimits(timeout=LIMITS.timeout, max_bytes=LIMITS.max_bytes)
CANNOT = "cannot check this image file: "
SLACK = 10.0  # seconds past the probe's deadline a loaded machine may take to report
Mode = Literal["sync", "async"]


# ------------------------------------------------------------------- counting the bytes
class _CountingStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    def __init__(self, inner: Any, counter: list[int]) -> None:
        self._inner, self._counter = inner, counter

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._inner:
            self._counter[0] += len(chunk)
            yield chunk

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            self._counter[0] += len(chunk)
            yield chunk

    def close(self) -> None:
        self._inner.close()

    async def aclose(self) -> None:
        await self._inner.aclose()


class CountingTransport(httpx.HTTPTransport):
    """Counts the body bytes the client receives (what the probe costs the user)."""

    def __init__(self, counter: list[int], **options: Any) -> None:
        super().__init__(**options)
        self.counter = counter

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        response.stream = _CountingStream(response.stream, self.counter)
        return response


class AsyncCountingTransport(httpx.AsyncHTTPTransport):
    def __init__(self, counter: list[int], **options: Any) -> None:
        super().__init__(**options)
        self.counter = counter

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await super().handle_async_request(request)
        response.stream = _CountingStream(response.stream, self.counter)
        return response


@pytest.fixture(scope="module")
def server() -> Iterator[MediaServer]:
    with media_server() as served:
        yield served


@dataclass(frozen=True)
class Outcome:
    findings: list[MediaFinding]
    received: int  # body bytes the client received
    seconds: float


def check(server: MediaServer, source: str, mode: Mode, limits: ProbeLimits = LIMITS) -> Outcome:
    """``media_findings`` (or ``amedia_findings``) on ``source`` as promptImage, measured."""
    payload = {"promptText": "a cat", "promptImage": source}
    counter = [0]
    started = time.monotonic()
    if mode == "sync":
        transport = CountingTransport(counter, verify=server.client_context)
        with httpx.Client(transport=transport) as client:
            findings = media_findings(RUNWAY, payload, client=client, limits=limits)
    else:

        async def run() -> list[MediaFinding]:
            transport = AsyncCountingTransport(counter, verify=server.client_context)
            async with httpx.AsyncClient(transport=transport) as client:
                return await amedia_findings(RUNWAY, payload, client=client, limits=limits)

        findings = asyncio.run(run())
    return Outcome(findings, counter[0], time.monotonic() - started)


def wait_until_the_server_stops_sending(server: MediaServer, path: str) -> int:
    """The bytes the server sent, once its counter has stopped growing (the client hung
    up): proof that the connection was closed, not left streaming in the background."""
    deadline = time.monotonic() + 2.0
    sent = server.sent.get(path, 0)
    while time.monotonic() < deadline:
        time.sleep(0.1)
        now = server.sent.get(path, 0)
        if now == sent:
            return sent
        sent = now
    raise AssertionError(f"{path}: the server is still sending ({sent} bytes so far)")


# ------------------------------------------------------------------------------ attacks
def _trickle() -> Iterator[bytes]:
    return itertools.chain([b"\xff\xd8\xff\xfe\xff\xff"], itertools.repeat(b"\0" * 100))


def _claims_a_huge_file(data: bytes, total: int) -> Handler:
    """Honours Range, serving ``data`` (then zeros), but claims the file has ``total`` bytes."""

    def handler(request: Any) -> Reply:
        match = re.fullmatch(r"bytes=(\d+)-(\d+)", request.headers.get("range", ""))
        assert match is not None, "the probe always asks for a range"
        start, stop = int(match[1]), int(match[2]) + 1
        chunk = (data + bytes(stop))[start:stop]
        headers = {"Content-Range": f"bytes {start}-{stop - 1}/{total}"}
        return Reply(206, headers, [chunk], len(chunk))

    return handler


@dataclass(frozen=True)
class Attack:
    name: str
    handler: Callable[[], Handler]
    finding: str  # the whole finding, as str(MediaFinding) shows it (a regex)
    received: int = BLOCK  # at most this many body bytes reach the client
    requests: int = 2  # at most this many requests reach the server
    slow: bool = False  # ends at the probe's deadline (so takes at least that long)
    streamed: bool = False  # the server ignores Range: check that it stops sending


HUGE_HEADER = b"".join(itertools.islice(files.endless_jpeg(), 20))  # 1.3 MB of JPEG comments
PNG = files.image("PNG", 300, 200)
ATTACKS = [
    # truncated images
    Attack(
        "truncated.jpg",
        lambda: serve_bytes(files.image("JPEG", 300, 200)[:300]),
        CANNOT + "could not read the JPEG header: file is truncated",
    ),
    Attack(
        "truncated.png",
        lambda: serve_bytes(PNG[:20]),
        CANNOT + "could not read the PNG header: file is truncated",
    ),
    # files that are not what their extension or content type says
    Attack(
        "login-page.png",
        lambda: serve_bytes(b"<!DOCTYPE html><html><body>Sign in</body></html>"),
        CANNOT + "not an image: the content looks like an HTML page, not JPEG, PNG, WebP or GIF",
    ),
    Attack(
        "sound.jpg",
        lambda: serve_bytes(files.wav(0.1)),
        CANNOT + re.escape("not an image: the content looks like WAV (audio)"),
    ),
    Attack(
        "archive.png",
        lambda: serve_bytes(b"PK\x03\x04" + bytes(200)),
        CANNOT + re.escape("not an image: the content looks like a ZIP archive"),
    ),
    Attack(  # a PNG named .jpg: the content decides, and is judged by the rules
        "really-a-png.jpg",
        lambda: serve_bytes(files.image("PNG", 1000, 200)),
        re.escape("The aspect ratio range should be 1:2 to 2:1. (rule width/height< 2, measured 5"),
    ),
    Attack(  # a page that says it is a PNG: the content type is not believed
        "page-typed-as-png",
        lambda: serve_bytes(b"<html><body>Sign in</body></html>", content_type="image/png"),
        CANNOT + "not an image: the content looks like an HTML page, not JPEG, PNG, WebP or GIF",
    ),
    Attack(  # a video that says it is a JPEG
        "video-typed-as-jpeg",
        lambda: serve_bytes(files.fixture("clip_faststart.mp4"), content_type="image/jpeg"),
        CANNOT + re.escape("not an image: the content looks like MP4 (video)"),
    ),
    Attack(  # a real PNG that says it is a page: measured all the same, and judged
        "png-typed-as-html",
        lambda: serve_bytes(files.image("PNG", 1000, 200), content_type="text/html"),
        re.escape("The aspect ratio range should be 1:2 to 2:1. (rule width/height< 2, measured 5"),
    ),
    # decompression-bomb dimensions: judged from the header, never decoded
    Attack(
        "bomb.png",
        lambda: serve_bytes(files.bomb_png(100_000, 100_000)),
        CANNOT + re.escape("the image header claims an implausible size (10000000000 pixels)"),
    ),
    Attack(
        "big-but-plausible.png",
        lambda: serve_bytes(files.bomb_png(9000, 4600)),
        "The uploaded image width and height must not exceed 8000 pixels. "
        + re.escape("(rule width_pixels< 8000, measured 9000 px)"),
    ),
    # headers that claim absurd sizes
    Attack(
        "petabyte.png",
        lambda: _claims_a_huge_file(PNG, 10**15),
        re.escape("File size must be less than 16 MB. (rule file_size_mb< 16, measured 1e+09 MB"),
    ),
    Attack(
        "petabyte-length.png",
        lambda: fixed(Reply(200, {}, [PNG], 10**15)),
        CANNOT + "the download from 127.0.0.1 failed: peer closed connection .*"
        r"expected 1000000000000000\)",
    ),
    Attack(
        "huge-header.jpg",
        lambda: serve_bytes(HUGE_HEADER),
        CANNOT + "read more than 262144 bytes without finding the image header",
        received=LIMITS.max_bytes,
        requests=LIMITS.max_bytes // BLOCK + 1,
    ),
    # a Content-Length that lies
    Attack(
        "length-too-long.png",
        lambda: fixed(Reply(200, {}, [PNG[:10]], 5000)),
        CANNOT + "the download from 127.0.0.1 failed: peer closed connection without sending "
        r"complete message body \(received 10 bytes, expected 5000\)",
    ),
    Attack(
        "length-too-short.png",
        lambda: fixed(Reply(200, {}, [PNG], 12)),
        CANNOT + "could not read the PNG header: file is truncated",
    ),
    # endless or very slow bodies
    Attack(
        "endless.jpg",
        lambda: lambda request: Reply(200, {}, files.endless_jpeg()),
        CANNOT + "read more than 262144 bytes without finding the image header",
        received=LIMITS.max_bytes + 64 * KIB,  # at most one network read past the budget
        streamed=True,
    ),
    Attack(
        "trickle.jpg",
        lambda: lambda request: Reply(200, {}, _trickle(), None, interval=0.02),
        CANNOT + r"timed out after 0.5 s",
        slow=True,
        streamed=True,
    ),
    Attack(
        "stalled.png",
        lambda: fixed(Reply(200, {}, [PNG[:10]], 5000, hold=30.0)),
        CANNOT + r"timed out after 0.5 s",
        slow=True,
    ),
    # redirects to http, to other schemes, in loops
    Attack(
        "to-http",
        lambda: redirect("http://127.0.0.1:9/picture.png"),
        CANNOT + "redirect to a non-https URL refused",
    ),
    Attack(
        "to-file",
        lambda: redirect("file:///etc/passwd"),
        CANNOT + "redirect to a non-https URL refused",
    ),
    Attack(
        "to-ftp",
        lambda: redirect("ftp://127.0.0.1/picture.png"),
        CANNOT + "redirect to a non-https URL refused",
    ),
    Attack(
        "loop",
        lambda: redirect("loop", 307),
        CANNOT + re.escape("too many redirects (more than 5)"),
        requests=LIMITS.max_redirects + 1,
    ),
]


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("attack", ATTACKS, ids=lambda attack: attack.name)
def test_attack_ends_in_one_clear_finding(server: MediaServer, attack: Attack, mode: Mode) -> None:
    path = f"/attack/{mode}/{attack.name}"
    url = server.add(path, attack.handler())
    outcome = check(server, url + "?X-Amz-Signature=secret-signature", mode)

    (finding,) = outcome.findings
    assert finding.path == "promptImage"
    assert re.match(attack.finding, str(finding).removeprefix("promptImage: ")), str(finding)
    assert "secret-signature" not in str(finding)  # a pre-signed URL's query is never shown
    assert outcome.received <= attack.received
    # Bounded by the probe's deadline, not by the server: the slow attacks would run 30 s
    # or forever. (The slack is for a loaded machine; this is no speed limit.)
    assert outcome.seconds < LIMITS.timeout + SLACK
    if attack.slow:
        assert outcome.seconds >= LIMITS.timeout
    if attack.streamed:
        wait_until_the_server_stops_sending(server, path)
    else:
        assert server.sent.get(path, 0) <= LIMITS.max_bytes
    assert 1 <= len(server.seen(path)) <= attack.requests


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_huge_data_uri_is_refused_undecoded(server: MediaServer, mode: Mode) -> None:
    huge = "data:image/png;base64," + base64.b64encode(bytes(3 * 1024 * 1024)).decode()
    limits = ProbeLimits(timeout=0.5, max_data_uri_chars=64 * KIB)
    outcome = check(server, huge, mode, limits)
    (finding,) = outcome.findings
    assert str(finding) == (
        f"promptImage: {CANNOT}the data: URI has {len(huge):,} characters, more than the "
        f"limit of {64 * KIB:,}"
    )
    assert outcome.received == 0


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize(
    "location",
    [
        "data:image/png;base64,iVBORw0KGgo=",
        "mailto:someone@example.com",
        "javascript:alert(1)",
        "https://[::1",
    ],
)
def test_redirect_to_a_url_without_a_host(server: MediaServer, location: str, mode: Mode) -> None:
    path = f"/attack/{mode}/odd-redirect-{len(location)}"
    url = server.add(path, redirect(location))
    outcome = check(server, url, mode)
    (finding,) = outcome.findings
    assert re.fullmatch(
        f"promptImage: {CANNOT}(redirect to a non-https URL refused|server redirected to an "
        r"invalid URL|the download from 127\.0\.0\.1 failed: Invalid URL in location header.*)",
        str(finding),
    ), str(finding)
    assert len(server.seen(path)) == 1


def _short_ranges(data: bytes, most: int) -> Handler:
    """Answers every Range with at most ``most`` bytes, as a CDN that caps range sizes may."""

    def handler(request: Any) -> Reply:
        match = re.fullmatch(r"bytes=(\d+)-(\d+)", request.headers.get("range", ""))
        assert match is not None
        start = int(match[1])
        stop = min(int(match[2]) + 1, start + most, len(data))
        headers = {"Content-Range": f"bytes {start}-{stop - 1}/{len(data)}"}
        return Reply(206, headers, [data[start:stop]], stop - start)

    return handler


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_range_answers_shorter_than_asked(server: MediaServer, mode: Mode) -> None:
    url = server.add(f"/attack/{mode}/short-ranges.png", _short_ranges(PNG, 16))
    outcome = check(server, url, mode)
    # Either the probe reads on and measures the (valid) image, or it says why it cannot.
    messages = [finding.message for finding in outcome.findings]
    assert messages == [] or (len(messages) == 1 and messages[0].startswith(CANNOT)), messages
    assert outcome.seconds < LIMITS.timeout + SLACK


# ---------------------------------------------------------------- video and audio attacks
MP4 = files.fixture("clip_faststart.mp4")
MOOV_AT_END = files.fixture("clip_moov_end.mp4")
WAV = files.wav(1.0)
NO_TRACK = "could not read a video track: the file is truncated, damaged or has no video"
AV_ATTACKS = [  # name, content, kind, the ProbeError's message (a regex)
    ("truncated.mp4", MP4[:200], "video", NO_TRACK),
    ("cut-before-its-moov.mp4", MOOV_AT_END[: len(MOOV_AT_END) // 2], "video", NO_TRACK),
    (
        "box-claims-an-exabyte.mp4",
        struct.pack(">I4sQ", 1, b"mdat", 2**62) + bytes(100),
        "video",
        NO_TRACK,
    ),
    (
        "page.mp4",
        b"<!DOCTYPE html><html></html>",
        "video",
        "not a video: the content looks like an HTML page",
    ),
    ("picture.mp4", PNG, "video", re.escape("not a video: the content looks like PNG (image)")),
    ("truncated.wav", WAV[:30], "audio", "could not read the audio header: the file is damaged"),
    (
        "claims-three-days.wav",
        WAV[:40] + struct.pack("<I", 0xFFFFFFF0) + WAV[44:1000],
        "audio",
        re.escape("the WAV header claims 268435.5 s of audio, but the file holds at most 0.1 s"),
    ),
    ("picture.wav", PNG, "audio", re.escape("not audio: the content looks like PNG (image)")),
]


@pytest.mark.parametrize(
    ("name", "content", "kind", "message"),
    AV_ATTACKS,
    ids=[attack[0] for attack in AV_ATTACKS],
)
def test_video_and_audio_attacks_end_in_a_clear_error(
    server: MediaServer, name: str, content: bytes, kind: MediaKind, message: str
) -> None:
    path = f"/attack/av/{name}"
    url = server.add(path, serve_bytes(content, content_type=f"{kind}/mp4"))
    facts: frozenset[Fact] = frozenset({"size_bytes", "duration_seconds"})
    if kind == "video":
        facts |= {"width", "height"}
    counter = [0]
    transport = CountingTransport(counter, verify=server.client_context)
    started = time.monotonic()
    with httpx.Client(transport=transport) as client, pytest.raises(ProbeError) as caught:
        probe_media(url, kind, facts, client=client, limits=PROBE_LIMITS)
    assert time.monotonic() - started < PROBE_LIMITS.timeout + SLACK  # the deadline holds
    assert re.match(message, str(caught.value)), str(caught.value)
    assert counter[0] <= PROBE_LIMITS.max_bytes
    assert 1 <= len(server.seen(path)) <= 4
