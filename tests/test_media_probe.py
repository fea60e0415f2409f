"""probe_media: sizes, dimensions and durations from https URLs, data: URIs and local files.

Every network test talks to a real HTTPS server on 127.0.0.1 (trustme CA), which records the
requests it gets and the bytes it sends, so the tests can check what the probe asked for,
not only what it answered.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import sys
import time
import urllib.parse
import warnings
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path

import httpx
import pytest
from PIL import Image

from generator.runtime.media import ProbeError, ProbeLimits, ProbeResult, aprobe_media, probe_media
from generator.runtime.rules import METRICS, Fact, MediaFacts, MediaKind
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


@pytest.fixture(scope="module")
def server() -> Iterator[MediaServer]:
    with media_server() as served:
        yield served


@pytest.fixture(scope="module")
def client(server: MediaServer) -> Iterator[httpx.Client]:
    with httpx.Client(verify=server.client_context) as http:
        yield http


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
    server: MediaServer, client: httpx.Client, fmt: str, width: int, height: int
) -> None:
    data = files.image(fmt, width, height)
    kinds: list[MediaKind | None] = ["image", None]
    for kind in kinds:
        url = server.add(f"/image/{fmt}/{kind}", serve_bytes(data))
        result = probe_media(url, kind, SHAPE, client=client)
        assert result.facts == MediaFacts(size_bytes=len(data), width=width, height=height)
        assert ratio(result) == Fraction(width, height)
        assert result.format == fmt
        assert result.bytes_read == len(data)  # all smaller than the first 64 KiB block
        ranges = [r.headers["range"] for r in server.seen(f"/image/{fmt}/{kind}")]
        assert ranges == ["bytes=0-65535"]


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
    result = probe_media(str(path), "image", SHAPE)
    size = path.stat().st_size
    assert result == ProbeResult(MediaFacts(size, width, height), size, fmt)


@pytest.mark.parametrize(
    ("name", "fmt", "shape"),
    [("large_jpeg", "JPEG", (1500, 1000)), ("large_png", "PNG", (1200, 1150))],
)
def test_large_images_cost_one_small_range_request(
    server: MediaServer, client: httpx.Client, name: str, fmt: str, shape: tuple[int, int]
) -> None:
    width, height = shape
    data = getattr(files, name)()
    assert len(data) > 4_000_000
    url = server.add(f"/large/{name}", serve_bytes(data))
    result = probe_media(url, "image", SHAPE, client=client)
    assert result.facts == MediaFacts(size_bytes=len(data), width=width, height=height)
    assert result.format == fmt
    sent = server.sent[f"/large/{name}"]
    print(f"\n{name}: {len(data)} bytes, probe read {result.bytes_read}, server sent {sent}")
    assert result.bytes_read <= 64 * KIB
    assert sent == result.bytes_read
    assert len(server.seen(f"/large/{name}")) == 1


def test_large_local_image_reads_one_block(tmp_path: Path) -> None:
    path = tmp_path / "large.png"
    path.write_bytes(files.large_png())
    result = probe_media(str(path), None, SHAPE)
    assert (result.facts.width, result.facts.height, result.bytes_read) == (1200, 1150, 64 * KIB)


# ----------------------------------------------------------------------------------- audio
def test_wav_duration_over_https(server: MediaServer, client: httpx.Client) -> None:
    data = files.wav(1.5)
    url = server.add("/audio/tone.wav", serve_bytes(data))
    result = probe_media(url, "audio", TIMED, client=client)
    assert result.facts == MediaFacts(size_bytes=len(data), duration_seconds=1.5)
    assert result.format == "WAV"


def test_long_wav_reads_only_its_header(server: MediaServer, client: httpx.Client) -> None:
    data = files.wav(300.0)  # 4.8 MB
    url = server.add("/audio/long.wav", serve_bytes(data))
    result = probe_media(url, None, TIMED, client=client)
    assert result.facts == MediaFacts(size_bytes=len(data), duration_seconds=300.0)
    assert result.bytes_read <= 64 * KIB


def test_mp3_duration(server: MediaServer, client: httpx.Client, tmp_path: Path) -> None:
    data = files.fixture("tone.mp3")
    url = server.add("/audio/tone.mp3", serve_bytes(data))
    path = tmp_path / "tone.mp3"
    path.write_bytes(data)
    for source in (url, data_uri(data), str(path)):
        result = probe_media(source, None, TIMED, client=client)
        assert result.facts.size_bytes == len(data)
        assert result.facts.duration_seconds == pytest.approx(1.567, abs=0.001)
        assert result.format == "MP3"


# ----------------------------------------------------------------------------------- video
@pytest.mark.parametrize("kind", ["video", None])
@pytest.mark.parametrize("name", VIDEOS)
def test_video_over_https(
    server: MediaServer, client: httpx.Client, name: str, kind: MediaKind | None
) -> None:
    data = files.fixture(name)
    url = server.add(f"/video/{kind}/{name}", serve_bytes(data))
    result = probe_media(url, kind, ALL, client=client)
    assert result.facts == MediaFacts(len(data), 64, 48, 2.0)
    assert ratio(result) == Fraction(4, 3)
    assert result.format == "MPEG-4"


@pytest.mark.parametrize("name", VIDEOS)
def test_video_as_data_uri_and_local_file(name: str, tmp_path: Path) -> None:
    data = files.fixture(name)
    path = tmp_path / name
    path.write_bytes(data)
    for source in (data_uri(data), str(path)):
        result = probe_media(source, "video", ALL)
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
    server: MediaServer, client: httpx.Client, name: str, grow: Callable[[bytes, int], bytes]
) -> None:
    data = grow(files.fixture(name), 6_000_000)
    url = server.add(f"/video/large/{name}", serve_bytes(data))
    result = probe_media(url, "video", ALL, client=client)
    assert result.facts == MediaFacts(len(data), 64, 48, 2.0)
    requests = len(server.seen(f"/video/large/{name}"))
    print(f"\n{name} grown to {len(data)} bytes: read {result.bytes_read} in {requests} requests")
    assert result.bytes_read <= 192 * KIB
    assert requests <= 3


def test_video_without_pymediainfo(
    server: MediaServer, client: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = files.fixture("clip_moov_end.mp4")
    url = server.add("/video/no-mediainfo.mp4", serve_bytes(data))
    monkeypatch.setitem(sys.modules, "pymediainfo", None)  # import pymediainfo fails
    with pytest.raises(ProbeError, match=r"install runcomfy-models\[video\]"):
        probe_media(url, "video", ALL, client=client)
    assert server.seen("/video/no-mediainfo.mp4") == []  # said so before downloading
    with pytest.raises(ProbeError, match=r"install runcomfy-models\[video\]"):
        probe_media(url, None, ALL, client=client)  # found out from the first bytes
    assert probe_media(url, "video", SIZE, client=client).facts == MediaFacts(len(data))


# ------------------------------------------------------------------------------- size only
@pytest.mark.parametrize("kind", ["image", "video", "audio", None])
def test_size_only_reads_headers_not_content(
    server: MediaServer,
    client: httpx.Client,
    monkeypatch: pytest.MonkeyPatch,
    kind: MediaKind | None,
) -> None:
    no_parsing(monkeypatch)
    data = files.large_png()
    url = server.add(f"/size-only/{kind}", serve_bytes(data))
    result = probe_media(url, kind, SIZE, client=client)
    assert result == ProbeResult(MediaFacts(size_bytes=len(data)), 0, None)
    assert [r.headers["range"] for r in server.seen(f"/size-only/{kind}")] == ["bytes=0-0"]


def test_size_only_local_and_data_uri(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    no_parsing(monkeypatch)
    data = files.fixture("clip_faststart.mp4")
    path = tmp_path / "clip.mp4"
    path.write_bytes(data)
    assert probe_media(str(path), "video", SIZE) == ProbeResult(MediaFacts(len(data)), 0, None)
    by_uri = probe_media(data_uri(data), None, SIZE)
    assert by_uri == ProbeResult(MediaFacts(len(data)), len(data), None)


def test_only_the_facts_asked_for_are_returned(server: MediaServer, client: httpx.Client) -> None:
    data = files.fixture("clip_faststart.mp4")
    url = server.add("/video/only-duration.mp4", serve_bytes(data))
    result = probe_media(url, "video", frozenset({"duration_seconds"}), client=client)
    assert result.facts == MediaFacts(duration_seconds=2.0)


# ------------------------------------------------------------------- servers ignoring Range
def test_server_ignoring_range_is_read_only_as_far_as_needed(
    server: MediaServer, client: httpx.Client
) -> None:
    data = files.large_png()
    url = server.add("/no-range/large.png", serve_bytes(data, ranges=False))
    result = probe_media(url, "image", SHAPE, client=client)
    assert result.facts == MediaFacts(len(data), 1200, 1150)
    print(f"\nRange ignored: {len(data)} bytes, probe read {result.bytes_read}")
    assert result.bytes_read < len(data) // 8
    assert probe_media(url, "image", SIZE, client=client).bytes_read == 0  # Content-Length


def test_server_ignoring_range_with_moov_at_end(server: MediaServer, client: httpx.Client) -> None:
    data = files.fixture("clip_moov_end.mov")
    url = server.add("/no-range/clip.mov", serve_bytes(data, ranges=False))
    result = probe_media(url, None, ALL, client=client)
    assert result == ProbeResult(MediaFacts(len(data), 64, 48, 2.0), len(data), "MPEG-4")


def test_size_without_content_length_is_counted(server: MediaServer, client: httpx.Client) -> None:
    data = files.image("PNG", 50, 40)
    url = server.add("/no-length.png", lambda request: Reply(200, {}, [data[:100], data[100:]]))
    assert probe_media(url, None, SIZE, client=client).facts == MediaFacts(len(data))
    with pytest.raises(ProbeError, match="read more than 100 bytes without finding the file size"):
        probe_media(url, None, SIZE, client=client, limits=ProbeLimits(max_bytes=100))


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
    ("source", "message"),
    [
        ("ftp://example.com/a.png", "unsupported URL scheme 'ftp'"),
        ("file:///etc/hosts", "file: URLs are not accepted"),
        ("https://user:secret@example.com/a.png", "user name or password"),
        ("/no/such/file.png", "no such file: /no/such/file.png"),
        ("data:image/png;base64,***", "the base64 data is invalid"),
        ("data:image/png;base64", "no comma"),
    ],
)
def test_bad_sources(source: str, message: str) -> None:
    with pytest.raises(ProbeError, match=message) as info:
        probe_media(source, "image", SHAPE)
    assert "secret" not in str(info.value)


def test_redirects_are_followed_over_https(server: MediaServer, client: httpx.Client) -> None:
    data = files.image("JPEG", 90, 60)
    server.add("/redirected/target.jpg", serve_bytes(data))
    url = server.add("/redirected/start", redirect("/redirected/hop"))
    server.add("/redirected/hop", redirect(server.base_url + "/redirected/target.jpg", 307))
    assert probe_media(url, None, SHAPE, client=client).facts == MediaFacts(len(data), 90, 60)


def test_redirect_to_http_is_refused(server: MediaServer, client: httpx.Client) -> None:
    url = server.add("/to-http", redirect("http://127.0.0.1:9/picture.png"))
    with pytest.raises(ProbeError, match="redirect to a non-https URL refused"):
        probe_media(url, "image", SHAPE, client=client)
    assert len(server.seen("/to-http")) == 1


def test_redirect_loop(server: MediaServer, client: httpx.Client) -> None:
    url = server.add("/loop", redirect("/loop"))
    with pytest.raises(ProbeError, match=r"too many redirects \(more than 5\)"):
        probe_media(url, "image", SHAPE, client=client)
    assert len(server.seen("/loop")) == 6
    with pytest.raises(ProbeError, match=r"too many redirects \(more than 2\)"):
        probe_media(url, "image", SIZE, client=client, limits=ProbeLimits(max_redirects=2))
    assert len(server.seen("/loop")) == 6 + 3


def test_http_error_status(server: MediaServer, client: httpx.Client) -> None:
    server.add("/gone.png", answer(404, b"no such thing"))
    with pytest.raises(ProbeError, match="server answered HTTP 404") as info:
        probe_media(
            server.base_url + "/gone.png?X-Amz-Signature=secret-token",
            "image",
            SHAPE,
            client=client,
        )
    assert "secret-token" not in str(info.value)


def test_credentials_are_never_sent(server: MediaServer) -> None:
    data = files.image("PNG", 10, 10)
    url = server.add("/public.png", serve_bytes(data))
    with httpx.Client(
        verify=server.client_context,
        headers={"Authorization": "Bearer secret-token"},
        cookies={"session": "secret-cookie"},
        auth=("user", "secret-password"),
    ) as authenticated:
        assert probe_media(url, None, SHAPE, client=authenticated).facts.width == 10
    (seen,) = server.seen("/public.png")
    assert "authorization" not in seen.headers
    assert "cookie" not in seen.headers


def test_untrusted_certificate_with_the_default_client(server: MediaServer) -> None:
    url = server.add("/untrusted.png", serve_bytes(files.image("PNG", 10, 10)))
    with pytest.raises(ProbeError, match="CERTIFICATE_VERIFY_FAILED"):
        probe_media(url, "image", SHAPE)  # a client of its own: trustme's CA is unknown to it


# ------------------------------------------------------------------------- broken content
def test_truncated_images(server: MediaServer, client: httpx.Client, tmp_path: Path) -> None:
    jpeg = files.image("JPEG", 300, 200)[:300]
    url = server.add("/truncated.jpg", serve_bytes(jpeg))
    with pytest.raises(ProbeError, match="could not read the JPEG header: file is truncated"):
        probe_media(url, "image", SHAPE, client=client)
    path = tmp_path / "cut.png"
    path.write_bytes(files.image("PNG", 300, 200)[:20])
    with pytest.raises(ProbeError, match="could not read the PNG header: file is truncated"):
        probe_media(str(path), None, SHAPE)


def test_empty_file(server: MediaServer, client: httpx.Client) -> None:
    url = server.add("/empty", serve_bytes(b""))
    assert probe_media(url, None, SIZE, client=client).facts == MediaFacts(size_bytes=0)
    with pytest.raises(ProbeError, match="the file is empty"):
        probe_media(url, None, SHAPE, client=client)


def test_content_that_is_not_what_was_expected(server: MediaServer, client: httpx.Client) -> None:
    url = server.add("/page.html", serve_bytes(b"<!DOCTYPE html><html><body>Sign in</body></html>"))
    with pytest.raises(ProbeError, match=r"not an image: the file starts with b'<!DOCTYPE html>"):
        probe_media(url, "image", SHAPE, client=client)
    with pytest.raises(ProbeError, match="unrecognised media: the file starts with b'<!DOCTYPE"):
        probe_media(url, None, SHAPE, client=client)
    with pytest.raises(ProbeError, match="not audio"):
        probe_media(url, "audio", TIMED, client=client)
    png = data_uri(files.image("PNG", 10, 10))
    with pytest.raises(ProbeError, match=r"not a video: the file looks like PNG \(image\)"):
        probe_media(png, "video", ALL)
    with pytest.raises(ProbeError, match=r"not an image: the file looks like WAV \(audio\)"):
        probe_media(data_uri(files.wav(0.1)), "image", SHAPE)


def test_decompression_bomb_dimensions(server: MediaServer, client: httpx.Client) -> None:
    limit = Image.MAX_IMAGE_PIXELS
    url = server.add("/bomb.png", serve_bytes(files.bomb_png(100_000, 100_000)))
    with pytest.raises(ProbeError, match=r"implausible size.*10000000000 pixels"):
        probe_media(url, "image", SHAPE, client=client)
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
def test_slow_body_stops_at_the_deadline(server: MediaServer, client: httpx.Client) -> None:
    trickle = itertools.chain([b"\xff\xd8\xff\xfe\xff\xff"], itertools.repeat(b"\0" * 100))
    url = server.add("/slow.jpg", lambda request: Reply(200, {}, trickle, None, interval=0.02))
    start = time.monotonic()
    with pytest.raises(ProbeError, match=r"^timed out after 1 s$"):
        probe_media(url, "image", SHAPE, client=client, limits=ProbeLimits(timeout=1.0))
    assert 1.0 <= time.monotonic() - start < 1.5


def test_stalled_body_stops_at_the_deadline(server: MediaServer, client: httpx.Client) -> None:
    head = files.image("PNG", 300, 200)[:10]
    url = server.add("/stalled.png", fixed(Reply(200, {}, [head], 5000, hold=5.0)))
    start = time.monotonic()
    with pytest.raises(ProbeError, match=r"^timed out after 0.5 s$"):
        probe_media(url, "image", SHAPE, client=client, limits=ProbeLimits(timeout=0.5))
    assert time.monotonic() - start < 1.0


def test_endless_body_stops_at_the_byte_cap(server: MediaServer, client: httpx.Client) -> None:
    url = server.add("/endless.jpg", lambda request: Reply(200, {}, files.endless_jpeg()))
    limits = ProbeLimits(max_bytes=256 * KIB, timeout=5.0)
    start = time.monotonic()
    with pytest.raises(
        ProbeError, match="read more than 262144 bytes without finding the image header"
    ):
        probe_media(url, "image", SHAPE, client=client, limits=limits)
    assert time.monotonic() - start < 1.0


def test_huge_headers_stop_at_the_byte_cap_with_ranges(
    server: MediaServer, client: httpx.Client
) -> None:
    data = b"".join(itertools.islice(files.endless_jpeg(), 20))  # 1.3 MB of JPEG comments
    url = server.add("/huge-header.jpg", serve_bytes(data))
    limits = ProbeLimits(max_bytes=256 * KIB)
    with pytest.raises(ProbeError, match="read more than 262144 bytes"):
        probe_media(url, "image", SHAPE, client=client, limits=limits)
    assert server.sent["/huge-header.jpg"] <= 256 * KIB


def test_content_length_longer_than_the_body(server: MediaServer, client: httpx.Client) -> None:
    head = files.image("PNG", 300, 200)[:10]
    url = server.add("/short-body.png", fixed(Reply(200, {}, [head], 5000)))
    with pytest.raises(ProbeError, match="failed: peer closed connection"):
        probe_media(url, "image", SHAPE, client=client)


def test_content_length_shorter_than_the_body(server: MediaServer, client: httpx.Client) -> None:
    data = files.image("PNG", 300, 200)
    url = server.add("/long-body.png", fixed(Reply(200, {}, [data], 12)))
    with pytest.raises(ProbeError, match="could not read the PNG header: file is truncated"):
        probe_media(url, "image", SHAPE, client=client)


def test_range_answer_that_does_not_match_its_content_range(
    server: MediaServer, client: httpx.Client
) -> None:
    data = files.image("PNG", 300, 200)
    reply = Reply(206, {"Content-Range": f"bytes 0-599/{len(data)}"}, [data[:100]], 100)
    url = server.add("/bad-range.png", fixed(reply))
    with pytest.raises(ProbeError, match="server sent 100 bytes for bytes 0-599"):
        probe_media(url, "image", SHAPE, client=client)


def test_huge_data_uri_is_refused_before_decoding() -> None:
    with pytest.raises(ProbeError, match="has 2013 characters, more than the limit of 1000"):
        probe_media(
            "data:;base64," + "A" * 2000, None, SIZE, limits=ProbeLimits(max_data_uri_chars=1000)
        )
    huge = "data:;base64," + "A" * (64 * 1024 * 1024)
    with pytest.raises(ProbeError, match="more than the limit of 67108864"):
        probe_media(huge, "image", SHAPE)


# ----------------------------------------------------------------------------------- async
def test_async_probe_with_an_async_client(server: MediaServer) -> None:
    image = files.image("WEBP", 320, 180)
    video = files.grow_mdat(files.fixture("clip_moov_end.mp4"), 1_000_000)
    image_url = server.add("/async/picture.webp", serve_bytes(image))
    video_url = server.add("/async/clip.mp4", serve_bytes(video))
    stream_url = server.add("/async/no-range.png", serve_bytes(files.large_png(), ranges=False))
    missing_url = server.add("/async/missing", answer(404))

    async def main() -> tuple[ProbeResult | BaseException, ...]:
        async with httpx.AsyncClient(verify=server.client_context) as http:
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
    assert len(server.seen("/async/clip.mp4")) >= 2  # head, then the moov at the end
    assert isinstance(streamed, ProbeResult)
    assert streamed.facts == MediaFacts(len(files.large_png()), 1200, 1150)
    assert isinstance(missing, ProbeError)
    assert str(missing).startswith("server answered HTTP 404")


def test_async_probe_without_a_client(tmp_path: Path) -> None:
    path = tmp_path / "tone.wav"
    path.write_bytes(files.wav(0.75))
    result = asyncio.run(aprobe_media(str(path), "audio", TIMED))
    assert result.facts == MediaFacts(size_bytes=path.stat().st_size, duration_seconds=0.75)
    gif = files.image("GIF", 33, 11)
    assert asyncio.run(aprobe_media(data_uri(gif), None, SHAPE)).facts == MediaFacts(
        len(gif), 33, 11
    )
