"""probe_media: sizes, dimensions and durations from https URLs, data: URIs and local files.

Every network test talks to a real HTTPS media on 127.0.0.1 (trustme CA), which records the
requests it gets and the bytes it sends, so the tests can check what the probe asked for,
not only what it answered. Every probe here goes through the wrappers below, which check
that no error message quotes the content it was given.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import os
import re
import stat
import sys
import threading
import time
import urllib.parse
import warnings
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from generator.runtime.errors import ProbeError
from generator.runtime.media import probe as media
from generator.runtime.media.cap import DEFAULT_MAX_LOCAL_BYTES, data_uri_chars
from generator.runtime.media.probe import ProbeLimits, ProbeResult
from generator.runtime.media.sources import BLOCK
from generator.runtime.rules.grammar import METRICS, Fact, MediaFacts, MediaKind
from tests.support import media_files as files
from tests.support.media_server import (
    MediaServer,
    Reply,
    answer,
    fixed,
    media_server,
    redirect,
    serve_bytes,
)

SIZE: frozenset[Fact] = frozenset({"size_bytes"})
SHAPE: frozenset[Fact] = frozenset({"size_bytes", "width", "height"})
TIMED: frozenset[Fact] = frozenset({"size_bytes", "duration_seconds"})
ALL: frozenset[Fact] = frozenset({"size_bytes", "width", "height", "duration_seconds"})
KIB = 1024
IMAGES = [  # format, width, height
    ("JPEG", 300, 200),
    ("PNG", 640, 480),
    ("WEBP", 256, 512),
    ("GIF", 120, 90),
]
VIDEOS = ["clip_faststart.mp4", "clip_moov_end.mp4", "clip_moov_end.mov", "clip_faststart.mov"]
LOCAL = ProbeLimits(allow_local=True)
POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and /dev")
NO_LOCAL = (
    "local file paths are not accepted (RunComfy needs an https URL or a data: URI); "
    "set ProbeLimits(allow_local=True) to check a local file before uploading it"
)
PASSWD = b"root:x:0:0:root:/root:/bin/bash\nSECRET-CONTENT:x:1000:1000::/home:/bin/sh\n"
_QUOTED = re.compile(r"\bb['\"]|bytearray\(|\\x[0-9a-fA-F]{2}")


def assert_quotes_no_content(message: str) -> None:
    """Messages name what was found; they never quote bytes (a payload can name any file)."""
    assert not _QUOTED.search(message), message
    for marker in ("SECRET", "root:x", "DOCTYPE", "Sign in"):
        assert marker not in message, message


def probe_media(
    source: str, kind: MediaKind | None, needs: frozenset[Fact], **options: Any
) -> ProbeResult:
    """``media.probe_media``, checking the message of any error it raises."""
    try:
        return media.probe_media(source, kind, needs, **options)
    except ProbeError as exc:
        assert_quotes_no_content(str(exc))
        raise


async def aprobe_media(
    source: str, kind: MediaKind | None, needs: frozenset[Fact], **options: Any
) -> ProbeResult:
    """``media.aprobe_media``, checking the message of any error it raises."""
    try:
        return await media.aprobe_media(source, kind, needs, **options)
    except ProbeError as exc:
        assert_quotes_no_content(str(exc))
        raise


def data_uri(data: bytes, mime: str = "application/octet-stream") -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def ratio(result: ProbeResult) -> Fraction | None:
    return METRICS["width/height"].measure(result.facts)


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every parser fail loudly, to prove a probe did not call one."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a size-only probe must not parse content")

    monkeypatch.setattr(Image, "open", refuse)
    monkeypatch.setattr("tinytag.TinyTag.get", refuse)
    monkeypatch.setattr("pymediainfo.MediaInfo.parse", refuse)


# ---------------------------------------------------------------------------------- images
@pytest.mark.parametrize(("fmt", "width", "height"), IMAGES)
def test_image_over_https(
    media: MediaServer, media_http: httpx.Client, fmt: str, width: int, height: int
) -> None:
    data = files.image(fmt, width, height)
    kinds: list[MediaKind | None] = ["image", None]
    for kind in kinds:
        url = media.add(f"/image/{fmt}/{kind}", serve_bytes(data))
        result = probe_media(url, kind, SHAPE, client=media_http)
        assert result.facts == MediaFacts(size_bytes=len(data), width=width, height=height)
        assert ratio(result) == Fraction(width, height)
        assert result.format == fmt
        assert result.bytes_read == len(data)  # all smaller than the first 64 KiB block
        ranges = [r.headers["range"] for r in media.seen(f"/image/{fmt}/{kind}")]
        assert ranges == [f"bytes=0-{BLOCK - 1}"]


@pytest.mark.parametrize("encoding", ["base64", "percent"])
@pytest.mark.parametrize(("fmt", "width", "height"), IMAGES)
def test_image_as_data_uri(fmt: str, width: int, height: int, encoding: str) -> None:
    data = files.image(fmt, width, height)
    if encoding == "base64":
        uri = data_uri(data, f"image/{fmt.lower()}")
    else:
        uri = f"data:image/{fmt.lower()}," + urllib.parse.quote_from_bytes(data)
    result = probe_media(uri, None, SHAPE)
    assert result == ProbeResult(MediaFacts(len(data), width, height), len(data), fmt)
    assert ratio(result) == Fraction(width, height)


@pytest.mark.parametrize(("fmt", "width", "height"), IMAGES)
def test_image_as_local_file(tmp_path: Path, fmt: str, width: int, height: int) -> None:
    path = tmp_path / f"picture.{fmt.lower()}"
    path.write_bytes(files.image(fmt, width, height))
    result = probe_media(str(path), "image", SHAPE, limits=LOCAL)
    size = path.stat().st_size
    assert result == ProbeResult(MediaFacts(size, width, height), size, fmt)


@pytest.mark.parametrize(
    ("name", "fmt", "shape"),
    [("large_jpeg", "JPEG", (1500, 1000)), ("large_png", "PNG", (1200, 1150))],
)
def test_large_images_cost_one_small_range_request(
    media: MediaServer, media_http: httpx.Client, name: str, fmt: str, shape: tuple[int, int]
) -> None:
    width, height = shape
    data = getattr(files, name)()
    assert len(data) > 4_000_000
    url = media.add(f"/large/{name}", serve_bytes(data))
    result = probe_media(url, "image", SHAPE, client=media_http)
    assert result.facts == MediaFacts(size_bytes=len(data), width=width, height=height)
    assert result.format == fmt
    sent = media.sent[f"/large/{name}"]
    print(f"\n{name}: {len(data)} bytes, probe read {result.bytes_read}, server sent {sent}")
    assert result.bytes_read <= 64 * KIB
    assert sent == result.bytes_read
    assert len(media.seen(f"/large/{name}")) == 1


def test_large_local_image_reads_one_block(tmp_path: Path) -> None:
    path = tmp_path / "large.png"
    path.write_bytes(files.large_png())
    result = probe_media(str(path), None, SHAPE, limits=LOCAL)
    assert (result.facts.width, result.facts.height, result.bytes_read) == (1200, 1150, BLOCK)


# ----------------------------------------------------------------------------------- audio
def test_wav_duration_over_https(media: MediaServer, media_http: httpx.Client) -> None:
    data = files.wav(1.5)
    url = media.add("/audio/tone.wav", serve_bytes(data))
    result = probe_media(url, "audio", TIMED, client=media_http)
    assert result.facts == MediaFacts(size_bytes=len(data), duration_seconds=1.5)
    assert result.format == "WAV"


def test_long_wav_reads_only_its_header(media: MediaServer, media_http: httpx.Client) -> None:
    data = files.wav(300.0)  # 4.8 MB
    url = media.add("/audio/long.wav", serve_bytes(data))
    result = probe_media(url, None, TIMED, client=media_http)
    assert result.facts == MediaFacts(size_bytes=len(data), duration_seconds=300.0)
    assert result.bytes_read <= 64 * KIB


def test_mp3_duration(media: MediaServer, media_http: httpx.Client, tmp_path: Path) -> None:
    data = files.fixture("tone.mp3")
    url = media.add("/audio/tone.mp3", serve_bytes(data))
    path = tmp_path / "tone.mp3"
    path.write_bytes(data)
    for source in (url, data_uri(data), str(path)):
        result = probe_media(source, None, TIMED, client=media_http, limits=LOCAL)
        assert result.facts.size_bytes == len(data)
        assert result.facts.duration_seconds == pytest.approx(1.567, abs=0.001)
        assert result.format == "MP3"


# ----------------------------------------------------------------------------------- video
@pytest.mark.parametrize("kind", ["video", None])
@pytest.mark.parametrize("name", VIDEOS)
def test_video_over_https(
    media: MediaServer, media_http: httpx.Client, name: str, kind: MediaKind | None
) -> None:
    data = files.fixture(name)
    url = media.add(f"/video/{kind}/{name}", serve_bytes(data))
    result = probe_media(url, kind, ALL, client=media_http)
    assert result.facts == MediaFacts(len(data), 64, 48, 2.0)
    assert ratio(result) == Fraction(4, 3)
    assert result.format == "MPEG-4"


@pytest.mark.parametrize("name", VIDEOS)
def test_video_as_data_uri_and_local_file(name: str, tmp_path: Path) -> None:
    data = files.fixture(name)
    path = tmp_path / name
    path.write_bytes(data)
    for source in (data_uri(data), str(path)):
        result = probe_media(source, "video", ALL, limits=LOCAL)
        assert result == ProbeResult(MediaFacts(len(data), 64, 48, 2.0), len(data), "MPEG-4")


@pytest.mark.parametrize(
    ("name", "grow"),
    [
        ("clip_moov_end.mp4", files.grow_mdat),
        ("clip_moov_end.mov", files.grow_mdat),
        ("clip_faststart.mp4", files.add_free_box),
        ("clip_faststart.mov", files.add_free_box),
    ],
)
def test_large_video_reads_only_its_metadata(
    media: MediaServer, media_http: httpx.Client, name: str, grow: Callable[[bytes, int], bytes]
) -> None:
    data = grow(files.fixture(name), 6_000_000)
    url = media.add(f"/video/large/{name}", serve_bytes(data))
    result = probe_media(url, "video", ALL, client=media_http)
    assert result.facts == MediaFacts(len(data), 64, 48, 2.0)
    requests = len(media.seen(f"/video/large/{name}"))
    print(f"\n{name} grown to {len(data)} bytes: read {result.bytes_read} in {requests} requests")
    assert result.bytes_read <= 192 * KIB
    assert requests <= 3


def test_video_without_pymediainfo(
    media: MediaServer, media_http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = files.fixture("clip_moov_end.mp4")
    url = media.add("/video/no-mediainfo.mp4", serve_bytes(data))
    monkeypatch.setitem(sys.modules, "pymediainfo", None)  # import pymediainfo fails
    with pytest.raises(ProbeError, match=r"install runcomfy-models\[video\]"):
        probe_media(url, "video", ALL, client=media_http)
    assert media.seen("/video/no-mediainfo.mp4") == []  # said so before downloading
    with pytest.raises(ProbeError, match=r"install runcomfy-models\[video\]"):
        probe_media(url, None, ALL, client=media_http)  # found out from the first bytes
    assert probe_media(url, "video", SIZE, client=media_http).facts == MediaFacts(len(data))


# ------------------------------------------------------------------------------- size only
@pytest.mark.parametrize("kind", ["image", "video", "audio", None])
def test_size_only_reads_headers_not_content(
    media: MediaServer,
    media_http: httpx.Client,
    monkeypatch: pytest.MonkeyPatch,
    kind: MediaKind | None,
) -> None:
    no_parsing(monkeypatch)
    data = files.large_png()
    url = media.add(f"/size-only/{kind}", serve_bytes(data))
    result = probe_media(url, kind, SIZE, client=media_http)
    assert result == ProbeResult(MediaFacts(size_bytes=len(data)), 0, None)
    assert [r.headers["range"] for r in media.seen(f"/size-only/{kind}")] == ["bytes=0-0"]


def test_size_only_local_and_data_uri(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    no_parsing(monkeypatch)
    data = files.fixture("clip_faststart.mp4")
    path = tmp_path / "clip.mp4"
    path.write_bytes(data)
    by_path = probe_media(str(path), "video", SIZE, limits=LOCAL)
    assert by_path == ProbeResult(MediaFacts(len(data)), 0, None)
    by_uri = probe_media(data_uri(data), None, SIZE)
    assert by_uri == ProbeResult(MediaFacts(len(data)), len(data), None)


def test_only_the_facts_asked_for_are_returned(
    media: MediaServer, media_http: httpx.Client
) -> None:
    data = files.fixture("clip_faststart.mp4")
    url = media.add("/video/only-duration.mp4", serve_bytes(data))
    result = probe_media(url, "video", frozenset({"duration_seconds"}), client=media_http)
    assert result.facts == MediaFacts(duration_seconds=2.0)


# ------------------------------------------------------------------- servers ignoring Range
def test_server_ignoring_range_is_read_only_as_far_as_needed(
    media: MediaServer, media_http: httpx.Client
) -> None:
    data = files.large_png()
    url = media.add("/no-range/large.png", serve_bytes(data, ranges=False))
    result = probe_media(url, "image", SHAPE, client=media_http)
    assert result.facts == MediaFacts(len(data), 1200, 1150)
    print(f"\nRange ignored: {len(data)} bytes, probe read {result.bytes_read}")
    assert result.bytes_read < len(data) // 8
    assert probe_media(url, "image", SIZE, client=media_http).bytes_read == 0  # Content-Length


def test_server_ignoring_range_with_moov_at_end(
    media: MediaServer, media_http: httpx.Client
) -> None:
    data = files.fixture("clip_moov_end.mov")
    url = media.add("/no-range/clip.mov", serve_bytes(data, ranges=False))
    result = probe_media(url, None, ALL, client=media_http)
    assert result == ProbeResult(MediaFacts(len(data), 64, 48, 2.0), len(data), "MPEG-4")


def test_size_without_content_length_is_counted(
    media: MediaServer, media_http: httpx.Client
) -> None:
    data = files.image("PNG", 50, 40)
    url = media.add("/no-length.png", lambda request: Reply(200, {}, [data[:100], data[100:]]))
    assert probe_media(url, None, SIZE, client=media_http).facts == MediaFacts(len(data))
    with pytest.raises(ProbeError, match="read more than 100 bytes without finding the file size"):
        probe_media(url, None, SIZE, client=media_http, limits=ProbeLimits(max_bytes=100))


# ------------------------------------------------------------------ refusals and redirects
def test_plain_http_is_refused_without_a_request() -> None:
    with pytest.raises(ProbeError, match="plain http URL refused"):
        probe_media("http://127.0.0.1:9/picture.png", "image", SHAPE)


def test_plain_http_when_allowed() -> None:
    data = files.image("PNG", 30, 20)
    with media_server(tls=False) as plain:
        url = plain.add("/p.png", serve_bytes(data))
        result = probe_media(url, "image", SHAPE, limits=ProbeLimits(allow_http=True))
    assert result.facts == MediaFacts(len(data), 30, 20)


@pytest.mark.parametrize(
    ("source", "limits", "message"),
    [
        ("ftp://example.com/a.png", LOCAL, "unsupported URL scheme 'ftp'"),
        ("file:///etc/hosts", ProbeLimits(), r"file: URLs are not accepted \(RunComfy needs"),
        ("file:///etc/hosts", LOCAL, r"file: URLs are not accepted \(pass the file's path"),
        ("https://user:secret@example.com/a.png", LOCAL, "user name or password"),
        ("/no/such/file.png", LOCAL, "^no such file: /no/such/file.png$"),
        ("", LOCAL, r"^the media value is empty \(RunComfy needs an https URL or a data: URI\)$"),
        ("data:image/png;base64,***", LOCAL, "the base64 data is invalid"),
        ("data:image/png;base64", LOCAL, "no comma"),
    ],
)
def test_bad_sources(source: str, limits: ProbeLimits, message: str) -> None:
    with pytest.raises(ProbeError, match=message) as info:
        probe_media(source, "image", SHAPE, limits=limits)
    assert "secret" not in str(info.value)


def test_redirects_are_followed_over_https(media: MediaServer, media_http: httpx.Client) -> None:
    data = files.image("JPEG", 90, 60)
    media.add("/redirected/target.jpg", serve_bytes(data))
    url = media.add("/redirected/start", redirect("/redirected/hop"))
    media.add("/redirected/hop", redirect(media.base_url + "/redirected/target.jpg", 307))
    assert probe_media(url, None, SHAPE, client=media_http).facts == MediaFacts(len(data), 90, 60)


def test_redirect_to_http_is_refused(media: MediaServer, media_http: httpx.Client) -> None:
    url = media.add("/to-http", redirect("http://127.0.0.1:9/picture.png"))
    with pytest.raises(ProbeError, match="redirect to a non-https URL refused"):
        probe_media(url, "image", SHAPE, client=media_http)
    assert len(media.seen("/to-http")) == 1


def test_redirect_loop(media: MediaServer, media_http: httpx.Client) -> None:
    url = media.add("/loop", redirect("/loop"))
    with pytest.raises(ProbeError, match=r"too many redirects \(more than 5\)"):
        probe_media(url, "image", SHAPE, client=media_http)
    assert len(media.seen("/loop")) == 6
    with pytest.raises(ProbeError, match=r"too many redirects \(more than 2\)"):
        probe_media(url, "image", SIZE, client=media_http, limits=ProbeLimits(max_redirects=2))
    assert len(media.seen("/loop")) == 6 + 3


def test_http_error_status(media: MediaServer, media_http: httpx.Client) -> None:
    media.add("/gone.png", answer(404, b"no such thing"))
    with pytest.raises(ProbeError, match="server answered HTTP 404") as info:
        probe_media(
            media.base_url + "/gone.png?X-Amz-Signature=secret-token",
            "image",
            SHAPE,
            client=media_http,
        )
    assert "secret-token" not in str(info.value)


def test_credentials_are_never_sent(media: MediaServer) -> None:
    data = files.image("PNG", 10, 10)
    url = media.add("/public.png", serve_bytes(data))
    with httpx.Client(
        verify=media.client_context,
        headers={"Authorization": "Bearer secret-token"},
        cookies={"session": "secret-cookie"},
        auth=("user", "secret-password"),
    ) as authenticated:
        assert probe_media(url, None, SHAPE, client=authenticated).facts.width == 10
    (seen,) = media.seen("/public.png")
    assert "authorization" not in seen.headers
    assert "cookie" not in seen.headers


def test_untrusted_certificate_with_the_default_client(media: MediaServer) -> None:
    url = media.add("/untrusted.png", serve_bytes(files.image("PNG", 10, 10)))
    with pytest.raises(ProbeError, match="CERTIFICATE_VERIFY_FAILED"):
        probe_media(url, "image", SHAPE)  # a media_http of its own: trustme's CA is unknown to it


# ------------------------------------------------------------------------- broken content
def test_truncated_images(media: MediaServer, media_http: httpx.Client, tmp_path: Path) -> None:
    jpeg = files.image("JPEG", 300, 200)[:300]
    url = media.add("/truncated.jpg", serve_bytes(jpeg))
    with pytest.raises(ProbeError, match="could not read the JPEG header: file is truncated"):
        probe_media(url, "image", SHAPE, client=media_http)
    path = tmp_path / "cut.png"
    path.write_bytes(files.image("PNG", 300, 200)[:20])
    with pytest.raises(ProbeError, match="could not read the PNG header: file is truncated"):
        probe_media(str(path), None, SHAPE, limits=LOCAL)


def test_empty_file(media: MediaServer, media_http: httpx.Client) -> None:
    url = media.add("/empty", serve_bytes(b""))
    assert probe_media(url, None, SIZE, client=media_http).facts == MediaFacts(size_bytes=0)
    with pytest.raises(ProbeError, match="the file is empty"):
        probe_media(url, None, SHAPE, client=media_http)


def test_content_that_is_not_what_was_expected(
    media: MediaServer, media_http: httpx.Client
) -> None:
    url = media.add("/page.html", serve_bytes(b"<!DOCTYPE html><html><body>Sign in</body></html>"))
    expected: list[tuple[MediaKind | None, str]] = [
        ("image", "not an image: the content looks like an HTML page, not JPEG, PNG, WebP or GIF"),
        (None, "unrecognised media: the content looks like an HTML page"),
        ("audio", "not audio: the content looks like an HTML page"),
        ("video", "not a video: the content looks like an HTML page"),
    ]
    for kind, message in expected:
        with pytest.raises(ProbeError) as info:
            probe_media(url, kind, ALL, client=media_http)
        assert str(info.value) == message
    png = data_uri(files.image("PNG", 10, 10))
    with pytest.raises(ProbeError, match=r"^not a video: the content looks like PNG \(image\)$"):
        probe_media(png, "video", ALL)
    with pytest.raises(ProbeError, match=r"^not an image: the content looks like WAV \(audio\)$"):
        probe_media(data_uri(files.wav(0.1)), "image", SHAPE)


def test_decompression_bomb_dimensions(media: MediaServer, media_http: httpx.Client) -> None:
    limit = Image.MAX_IMAGE_PIXELS
    url = media.add("/bomb.png", serve_bytes(files.bomb_png(100_000, 100_000)))
    with pytest.raises(ProbeError, match=r"implausible size.*10000000000 pixels"):
        probe_media(url, "image", SHAPE, client=media_http)
    assert limit == Image.MAX_IMAGE_PIXELS  # the global is left alone
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a DecompressionBombWarning would fail the test
        big = probe_media(data_uri(files.bomb_png(12_000, 10_000)), "image", SHAPE)
    assert (big.facts.width, big.facts.height) == (12_000, 10_000)  # only the header is read
    with pytest.raises(ProbeError, match="claims 12000x10000 pixels, more than the limit of 1000"):
        probe_media(
            data_uri(files.bomb_png(12_000, 10_000)),
            "image",
            SHAPE,
            limits=ProbeLimits(max_pixels=1000),
        )


# ------------------------------------------------------------------------ time and budget
def test_slow_body_stops_at_the_deadline(media: MediaServer, media_http: httpx.Client) -> None:
    trickle = itertools.chain([b"\xff\xd8\xff\xfe\xff\xff"], itertools.repeat(b"\0" * 100))
    url = media.add("/slow.jpg", lambda request: Reply(200, {}, trickle, None, interval=0.02))
    start = time.monotonic()
    with pytest.raises(ProbeError, match=r"^timed out after 1 s$"):
        probe_media(url, "image", SHAPE, client=media_http, limits=ProbeLimits(timeout=1.0))
    assert 1.0 <= time.monotonic() - start < 1.5


def test_stalled_body_stops_at_the_deadline(media: MediaServer, media_http: httpx.Client) -> None:
    head = files.image("PNG", 300, 200)[:10]
    url = media.add("/stalled.png", fixed(Reply(200, {}, [head], 5000, hold=5.0)))
    start = time.monotonic()
    with pytest.raises(ProbeError, match=r"^timed out after 0.5 s$"):
        probe_media(url, "image", SHAPE, client=media_http, limits=ProbeLimits(timeout=0.5))
    assert time.monotonic() - start < 1.0


def test_endless_body_stops_at_the_byte_cap(media: MediaServer, media_http: httpx.Client) -> None:
    url = media.add("/endless.jpg", lambda request: Reply(200, {}, files.endless_jpeg()))
    limits = ProbeLimits(max_bytes=256 * KIB, timeout=5.0)
    start = time.monotonic()
    with pytest.raises(
        ProbeError, match="read more than 262144 bytes without finding the image header"
    ):
        probe_media(url, "image", SHAPE, client=media_http, limits=limits)
    assert time.monotonic() - start < 1.0


def test_huge_headers_stop_at_the_byte_cap_with_ranges(
    media: MediaServer, media_http: httpx.Client
) -> None:
    data = b"".join(itertools.islice(files.endless_jpeg(), 20))  # 1.3 MB of JPEG comments
    url = media.add("/huge-header.jpg", serve_bytes(data))
    limits = ProbeLimits(max_bytes=256 * KIB)
    with pytest.raises(ProbeError, match="read more than 262144 bytes"):
        probe_media(url, "image", SHAPE, client=media_http, limits=limits)
    assert media.sent["/huge-header.jpg"] <= 256 * KIB


def test_content_length_longer_than_the_body(media: MediaServer, media_http: httpx.Client) -> None:
    head = files.image("PNG", 300, 200)[:10]
    url = media.add("/short-body.png", fixed(Reply(200, {}, [head], 5000)))
    with pytest.raises(ProbeError, match="failed: peer closed connection"):
        probe_media(url, "image", SHAPE, client=media_http)


def test_content_length_shorter_than_the_body(media: MediaServer, media_http: httpx.Client) -> None:
    data = files.image("PNG", 300, 200)
    url = media.add("/long-body.png", fixed(Reply(200, {}, [data], 12)))
    with pytest.raises(ProbeError, match="could not read the PNG header: file is truncated"):
        probe_media(url, "image", SHAPE, client=media_http)


def test_range_answer_that_does_not_match_its_content_range(
    media: MediaServer, media_http: httpx.Client
) -> None:
    data = files.image("PNG", 300, 200)
    reply = Reply(206, {"Content-Range": f"bytes 0-599/{len(data)}"}, [data[:100]], 100)
    url = media.add("/bad-range.png", fixed(reply))
    with pytest.raises(ProbeError, match="server sent bytes 0-599, not 0-"):
        probe_media(url, "image", SHAPE, client=media_http)


def test_huge_data_uri_is_refused_before_decoding() -> None:
    with pytest.raises(ProbeError, match="has 2,013 characters, more than the limit of 1,000"):
        probe_media(
            "data:;base64," + "A" * 2000, None, SIZE, limits=ProbeLimits(max_data_uri_chars=1000)
        )
    default = data_uri_chars(DEFAULT_MAX_LOCAL_BYTES)  # a file at the local media cap fits
    huge = "data:;base64," + "A" * default
    with pytest.raises(ProbeError, match=f"more than the limit of {default:,}"):
        probe_media(huge, "image", SHAPE)


# ----------------------------------------------------------------------------------- async
def test_async_probe_with_an_async_client(media: MediaServer) -> None:
    image = files.image("WEBP", 320, 180)
    video = files.grow_mdat(files.fixture("clip_moov_end.mp4"), 1_000_000)
    image_url = media.add("/async/picture.webp", serve_bytes(image))
    video_url = media.add("/async/clip.mp4", serve_bytes(video))
    stream_url = media.add("/async/no-range.png", serve_bytes(files.large_png(), ranges=False))
    missing_url = media.add("/async/missing", answer(404))

    async def main() -> tuple[ProbeResult | BaseException, ...]:
        async with httpx.AsyncClient(verify=media.client_context) as http:
            return await asyncio.gather(
                aprobe_media(image_url, None, SHAPE, client=http),
                aprobe_media(video_url, "video", ALL, client=http),
                aprobe_media(stream_url, "image", SHAPE, client=http),
                aprobe_media(missing_url, "image", SHAPE, client=http),
                return_exceptions=True,
            )

    picture, clip, streamed, missing = asyncio.run(main())
    assert isinstance(picture, ProbeResult)
    assert picture.facts == MediaFacts(len(image), 320, 180)
    assert isinstance(clip, ProbeResult)
    assert clip.facts == MediaFacts(len(video), 64, 48, 2.0)
    assert len(media.seen("/async/clip.mp4")) >= 2  # head, then the moov at the end
    assert isinstance(streamed, ProbeResult)
    assert streamed.facts == MediaFacts(len(files.large_png()), 1200, 1150)
    assert isinstance(missing, ProbeError)
    assert str(missing).startswith("server answered HTTP 404")


def test_async_probe_without_a_client(tmp_path: Path) -> None:
    path = tmp_path / "tone.wav"
    path.write_bytes(files.wav(0.75))
    result = asyncio.run(aprobe_media(str(path), "audio", TIMED, limits=LOCAL))
    assert result.facts == MediaFacts(size_bytes=path.stat().st_size, duration_seconds=0.75)
    gif = files.image("GIF", 33, 11)
    assert asyncio.run(aprobe_media(data_uri(gif), None, SHAPE)).facts == MediaFacts(
        len(gif), 33, 11
    )


# ------------------------------------------------------------------------ local file paths
@POSIX
def test_local_paths_are_refused_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "picture.png"
    path.write_bytes(files.image("PNG", 10, 10))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def untouchable(*args: object) -> None:
        raise AssertionError("a refused path must not be looked at")

    monkeypatch.setattr(media, "open_local", untouchable)
    for source in (str(path), str(fifo), "/etc/passwd", "relative/picture.png", "C:\\x.png"):
        probes: list[tuple[MediaKind | None, frozenset[Fact]]] = [("image", SHAPE), (None, SIZE)]
        for kind, needs in probes:
            with pytest.raises(ProbeError) as info:
                probe_media(source, kind, needs, limits=ProbeLimits(allow_http=True))
            assert str(info.value) == NO_LOCAL
        with pytest.raises(ProbeError) as info:
            asyncio.run(aprobe_media(source, "image", SHAPE))
        assert str(info.value) == NO_LOCAL


@POSIX
def test_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer; reading, forever
    limits = ProbeLimits(allow_local=True, timeout=3.0)  # a hang fails instead of blocking
    start = time.monotonic()
    probes: list[tuple[MediaKind | None, frozenset[Fact]]] = [
        ("image", SHAPE),
        (None, SIZE),
        ("video", ALL),
    ]
    for kind, needs in probes:
        with pytest.raises(ProbeError) as info:
            probe_media(str(fifo), kind, needs, limits=limits)
        assert str(info.value) == f"not a regular file: {fifo} is a named pipe (FIFO)"
    assert time.monotonic() - start < 1.0


@POSIX
def test_fifo_swapped_in_after_the_check_is_caught_by_fstat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fifo = tmp_path / "swapped"
    os.mkfifo(fifo)
    real_stat = os.stat

    def stale_stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        """What ``os.stat`` said just before a regular file was replaced by a FIFO."""
        found = real_stat(path, *args, **kwargs)
        if str(path) != str(fifo):
            return found
        return os.stat_result((stat.S_IFREG | 0o644, *tuple(found)[1:]))

    monkeypatch.setattr(os, "stat", stale_stat)
    start = time.monotonic()
    with pytest.raises(ProbeError, match=r"^not a regular file: .* is a named pipe \(FIFO\)$"):
        probe_media(str(fifo), "image", SHAPE, limits=ProbeLimits(allow_local=True, timeout=3.0))
    assert time.monotonic() - start < 1.0  # opened with O_NONBLOCK: no wait for a writer


@POSIX
def test_directories_and_devices_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ProbeError) as info:
        probe_media(str(tmp_path), None, SIZE, limits=LOCAL)
    assert str(info.value) == f"not a regular file: {tmp_path} is a directory"
    if Path("/dev/zero").exists():  # endless: it must not even be opened
        with pytest.raises(ProbeError, match=r"^not a regular file: /dev/zero is a character"):
            probe_media("/dev/zero", "image", SHAPE, limits=LOCAL)


@pytest.mark.parametrize("hangs", ["stat", "read"])
def test_local_file_that_hangs_stops_at_the_deadline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hangs: str
) -> None:
    """A file on a hung network mount: the call cannot be interrupted, the probe ends."""
    path = tmp_path / "picture.png"
    path.write_bytes(files.image("PNG", 30, 20))
    release = threading.Event()
    real = getattr(os, hangs)

    def hung(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread().name == "runcomfy-media-file":
            release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(os, hangs, hung)
    start = time.monotonic()
    try:
        with pytest.raises(ProbeError, match=r"^timed out after 0.5 s$"):
            probe_media(
                str(path), "image", SHAPE, limits=ProbeLimits(allow_local=True, timeout=0.5)
            )
        assert time.monotonic() - start < 1.0
    finally:
        release.set()


def test_local_files_are_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "picture.jpg"
    path.write_bytes(files.image("JPEG", 40, 30))
    closed: list[int] = []
    real_close = os.close
    picture = path.stat()

    def close(fd: int) -> None:
        # Only closes of the picture count: other threads may close their own files.
        with contextlib.suppress(OSError):
            opened = os.fstat(fd)
            if (opened.st_dev, opened.st_ino) == (picture.st_dev, picture.st_ino):
                closed.append(fd)
        real_close(fd)

    monkeypatch.setattr(os, "close", close)
    for needs in (SHAPE, SIZE):
        probe_media(str(path), "image", needs, limits=LOCAL)
    with pytest.raises(ProbeError, match="not a video"):
        probe_media(str(path), "video", ALL, limits=LOCAL)
    deadline = time.monotonic() + 2

    def readers() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if t.name == "runcomfy-media-file"]

    while (len(closed) < 3 or readers()) and time.monotonic() < deadline:
        time.sleep(0.01)  # closed on the file's own thread, which then ends
    assert len(closed) == 3
    assert readers() == []


# ----------------------------------------------------------- messages never quote content
@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("image", "not an image: the content looks like text, not JPEG, PNG, WebP or GIF"),
        (None, "unrecognised media: the content looks like text"),
        ("audio", "not audio: the content looks like text"),
        ("video", "not a video: the content looks like text"),
    ],
)
def test_a_text_file_is_named_not_quoted(
    media: MediaServer,
    media_http: httpx.Client,
    tmp_path: Path,
    kind: MediaKind | None,
    message: str,
) -> None:
    path = tmp_path / "passwd"
    path.write_bytes(PASSWD)
    url = media.add(f"/passwd/{kind}", serve_bytes(PASSWD))
    for source in (str(path), url, data_uri(PASSWD)):
        with pytest.raises(ProbeError) as info:
            probe_media(source, kind, ALL, client=media_http, limits=LOCAL)
        assert str(info.value) == message


@pytest.mark.parametrize(
    ("content", "found"),
    [
        (b"%PDF-1.7\n%SECRET", "looks like a PDF document, not"),
        (b"PK\x03\x04SECRET", "looks like a ZIP archive (or an Office document), not"),
        (b'<?xml version="1.0"?><SECRET/>', "looks like an XML document, not"),
        (
            b"\xef\xbb\xbf  <svg xmlns='http://www.w3.org/2000/svg'>SECRET",
            "looks like an SVG image, not",
        ),
        (b'{"SECRET": "value"}', "looks like JSON, not"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00SECRET", "looks like a HEIC or AVIF image, not"),
        (b"BM\x36\x00\x00\x00\x00\x00\x00\x00SECRET", "looks like a BMP image, not"),
        (b"BMW SECRET", "looks like text, not"),
        (b"\x00\x01\x02\x03\xfe\xffSECRET", "is not"),
    ],
)
def test_other_content_is_named(content: bytes, found: str) -> None:
    with pytest.raises(ProbeError) as info:
        probe_media(data_uri(content), "image", SHAPE)
    assert str(info.value) == f"not an image: the content {found} JPEG, PNG, WebP or GIF"


def test_parser_messages_are_not_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsers' own messages can quote the file (tinytag wraps any exception): never shown."""
    from tinytag import ParseError

    def parse_error(*args: object, **kwargs: object) -> None:
        raise ParseError(ValueError("invalid literal for int(): 'SECRET-CONTENT'"))

    def unexpected(*args: object, **kwargs: object) -> None:
        raise ValueError("invalid literal for int(): 'SECRET-CONTENT'")

    def pillow_error(*args: object, **kwargs: object) -> None:
        raise OSError("broken data: b'SECRET-CONTENT'")

    monkeypatch.setattr("tinytag.TinyTag.get", parse_error)
    with pytest.raises(ProbeError, match=r"^could not read the audio header: the file is damaged$"):
        probe_media(data_uri(files.wav(0.1)), "audio", TIMED)
    monkeypatch.setattr("pymediainfo.MediaInfo.parse", unexpected)
    with pytest.raises(
        ProbeError, match=r"^could not read the video metadata: ValueError$"
    ) as info:
        probe_media(data_uri(files.fixture("clip_faststart.mp4")), "video", ALL)
    assert isinstance(info.value.__cause__, ValueError)  # kept for a traceback, not shown
    monkeypatch.setattr(Image, "open", pillow_error)
    with pytest.raises(ProbeError, match=r"^could not read the PNG header: file is truncated or"):
        probe_media(data_uri(files.image("PNG", 10, 10)), "image", SHAPE)


def test_what_a_server_sends_is_not_quoted(media: MediaServer, media_http: httpx.Client) -> None:
    garbage = media.add("/not-http", fixed(Reply(raw=b"SSH-2.0-SECRET-CONTENT\r\n\r\n")))
    with pytest.raises(ProbeError) as info:
        probe_media(garbage, "image", SHAPE, client=media_http)
    assert str(info.value) == (
        "the download from 127.0.0.1 failed: illegal status line (what it sent is not shown)"
    )
    headers = {"Content-Encoding": "SECRET CONTENT", "Content-Range": "bytes 0-3/4"}
    odd = media.add("/odd-encoding", fixed(Reply(206, headers, [b"abcd"], 4)))
    with pytest.raises(ProbeError, match=r"^server sent the file compressed \(Content-Encoding: "):
        probe_media(odd, "image", SHAPE, client=media_http)
    bad_redirect = media.add("/bad-redirect", redirect("https://[::1"))  # "Invalid port"
    with pytest.raises(ProbeError) as info:
        probe_media(bad_redirect, "image", SHAPE, client=media_http)
    assert str(info.value) == (
        "the download from 127.0.0.1 failed: Invalid URL in location header: Invalid port "
        "(what it sent is not shown)"
    )
