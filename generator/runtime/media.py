"""Measure a media file for the published rules: size, width, height and duration.

:func:`probe_media` takes an https URL, a ``data:`` URI or a local path and measures only the
facts asked for, reading as few bytes as it can:

* file size: from the response headers (the total in ``Content-Range`` of a one-byte Range
  request, else ``Content-Length``), the decoded length of a ``data:`` URI, or ``os.stat``.
  Size alone never reads or parses content.
* images (JPEG, PNG, WebP, GIF): Pillow reads the header only; no pixel is decoded.
* audio duration (WAV, MP3, FLAC, M4A, Ogg, AIFF...): tinytag, without tags.
* video width, height and duration (MP4, MOV, WebM, AVI...): MediaInfo through pymediainfo,
  an optional dependency (``runcomfy-models[video]``), imported only when a video needs it.

Bytes come through :mod:`.media_sources`: Range requests on demand (64 KiB at first), under
one byte budget and one deadline per source (:class:`ProbeLimits`). Sizes are the stored
ones: EXIF orientation and video rotation are not applied.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import functools
import importlib
import io
import re
import urllib.parse
import warnings
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from typing import BinaryIO, Literal, Protocol

import httpx

from .media_sources import (
    AsyncExchange,
    Budget,
    BudgetExceeded,
    Exchange,
    LazyFile,
    ProbeError,
    ProbeLimits,
    open_local,
    open_url,
)
from .rules import Fact, MediaFacts, MediaKind

__all__ = ["ProbeError", "ProbeLimits", "ProbeResult", "aprobe_media", "probe_media"]


@dataclass(frozen=True)
class ProbeResult:
    """What a probe measured (only the facts asked for), and what it cost."""

    facts: MediaFacts
    bytes_read: int
    """Bytes received from the server, read from disk, or decoded from the data: URI."""
    format: str | None
    """For example ``"JPEG"``, ``"PNG"``, ``"MPEG-4"``, ``"WAV"``; ``None`` if not parsed."""


_DEFAULT_LIMITS = ProbeLimits()
_MEASURED: dict[MediaKind, frozenset[Fact]] = {
    "image": frozenset({"width", "height"}),
    "video": frozenset({"width", "height", "duration_seconds"}),
    "audio": frozenset({"duration_seconds"}),
}
_WHAT = {"image": "image header", "video": "video metadata", "audio": "audio duration"}
_A = {"image": "an image", "video": "a video", "audio": "audio"}
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+):")
_NO_MEDIAINFO = (
    "measuring a video's width, height or duration needs pymediainfo: "
    "install runcomfy-models[video]"
)
_Measured = tuple[str | None, int | None, int | None, float | None]


def _sniff(head: bytes) -> tuple[MediaKind, str] | None:
    """The kind and format that the first bytes announce (magic numbers only)."""
    riff = head[8:12] if head[:4] == b"RIFF" else b""
    if head.startswith(b"\xff\xd8\xff"):
        return "image", "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image", "PNG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image", "GIF"
    if riff == b"WEBP":
        return "image", "WEBP"
    if riff in (b"WAVE", b"AVI "):
        return ("audio", "WAV") if riff == b"WAVE" else ("video", "AVI")
    if head[4:8] == b"ftyp":
        if head[8:11] == b"M4A" or head[8:12] == b"M4B ":
            return "audio", "M4A"
        return "video", "MOV" if head[8:12] == b"qt  " else "MP4"
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free"):
        return "video", "MOV"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video", "Matroska"
    if head.startswith((b"fLaC", b"OggS")):
        return "audio", "FLAC" if head.startswith(b"fLaC") else "Ogg"
    if head[:4] == b"FORM" and head[8:12] in (b"AIFF", b"AIFC"):
        return "audio", "AIFF"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0):
        return "audio", "MP3"
    return None


def _resolve(kind: MediaKind | None, head: bytes) -> tuple[MediaKind, str | None]:
    """The kind to measure as, refusing content that is plainly something else."""
    sniffed = _sniff(head)
    starts = f"the file starts with {head[:16]!r}"
    if sniffed is None:
        if kind is None:
            raise ProbeError(f"unrecognised media: {starts}")
        if kind == "image":
            raise ProbeError(f"not an image: {starts}")
        return kind, None  # MediaInfo and tinytag know more formats than the table above
    found, fmt = sniffed
    if kind is None or kind == found or (kind == "audio" and found == "video"):
        return kind or found, fmt  # an MP4 can serve as audio
    raise ProbeError(f"not {_A[kind]}: the file looks like {fmt} ({found})")


def _image(file: BinaryIO, fmt: str, limits: ProbeLimits) -> _Measured:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # Only the header is read and no pixel decoded, so a huge size is harmless here:
            # silence Pillow's warning locally and leave Image.MAX_IMAGE_PIXELS alone (it is
            # process-wide and belongs to the application). Above twice that limit Pillow
            # still raises DecompressionBombError, reported below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            # JPEG, PNG and GIF stop at the first image data. The WebP plugin reads the whole
            # file (libwebp wants all of it): acceptable, since it is bounded by max_bytes.
            # (catch_warnings is not thread-safe before Python 3.14: probes running at once
            # can, at worst, leave DecompressionBombWarning ignored for the whole process.)
            with Image.open(file, formats=[fmt]) as image:
                (width, height), name = image.size, image.format
    except Image.DecompressionBombError as exc:
        raise ProbeError(f"the image header claims an implausible size: {exc}") from None
    except UnidentifiedImageError:
        raise ProbeError(f"could not read the {fmt} header: file is truncated or damaged") from None
    except OSError as exc:
        problem = "file is truncated" if "truncated" in str(exc).lower() else f"{exc}"
        raise ProbeError(f"could not read the {fmt} header: {problem}") from None
    if width * height > limits.max_pixels:
        raise ProbeError(
            f"the image claims {width}x{height} pixels, more than the limit of "
            f"{limits.max_pixels}"
        )
    return ("JPEG" if name == "MPO" else name or fmt), width, height, None


def _audio(file: BinaryIO, fmt: str | None, head: bytes) -> _Measured:
    from tinytag import TinyTag, TinyTagException, UnsupportedFormatError

    try:
        tag = TinyTag.get(file_obj=file, tags=False, duration=True)
    except UnsupportedFormatError:
        raise ProbeError(f"not audio: the file starts with {head[:16]!r}") from None
    except TinyTagException as exc:
        raise ProbeError(f"could not read the audio header: {exc}") from None
    if tag.duration is None:
        raise ProbeError("could not find the audio's duration in its header")
    return fmt or tag.mime_type, None, None, tag.duration


class _Track(Protocol):
    """The fields read from a pymediainfo track (all of them are ``Any`` there)."""

    width: object
    height: object
    duration: object
    format: object


class _Parsed(Protocol):
    general_tracks: list[_Track]
    video_tracks: list[_Track]


class _MediaInfo(Protocol):
    """The part of ``pymediainfo.MediaInfo`` used here.

    pymediainfo is typed, but it is an optional extra: a project that type-checks without it
    installed must not fail on this module, so it is imported by name and described here.
    """

    def parse(
        self, filename: BinaryIO, *, parse_speed: float, full: bool, buffer_size: int
    ) -> _Parsed: ...

    def can_parse(self) -> bool: ...


def _import_mediainfo() -> _MediaInfo:
    try:
        media_info: _MediaInfo = importlib.import_module("pymediainfo").MediaInfo
    except ImportError:
        raise ProbeError(_NO_MEDIAINFO) from None
    return media_info


@functools.cache
def _mediainfo_loads() -> bool:
    return _import_mediainfo().can_parse()


def _mediainfo() -> _MediaInfo:
    """pymediainfo's MediaInfo, or a ProbeError saying how to get it."""
    media_info = _import_mediainfo()
    if not _mediainfo_loads():
        raise ProbeError(
            "pymediainfo is installed but cannot load the MediaInfo library (libmediainfo); "
            "install libmediainfo for this platform"
        )
    return media_info


def _number(value: object) -> float | None:
    """A MediaInfo field as a number (they come as int, float or numeric text)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _video(file: BinaryIO, head: bytes, limits: ProbeLimits) -> _Measured:
    # ParseSpeed -0.5 reads the container's metadata without parsing frames. Measured with
    # the MediaInfoLib bundled in pymediainfo 7.0.1 on a 6.7 MB 720p MP4: 75 KB read with
    # moov at the end, 131 KB with moov first (ParseSpeed 0 reads ~920 KB). Fragmented MP4
    # durations stay right (ParseSpeed -1 reads less but then sees only the first fragment).
    info = _mediainfo().parse(file, parse_speed=-0.5, full=True, buffer_size=64 * 1024)
    general = info.general_tracks[0] if info.general_tracks else None
    if not info.video_tracks:
        raise ProbeError(f"not a video: no video track in a file that starts with {head[:16]!r}")
    track = info.video_tracks[0]
    width, height = _number(track.width), _number(track.height)
    millis = _number(general.duration) if general is not None else None
    millis = millis if millis is not None else _number(track.duration)
    if width is not None and height is not None and width * height > limits.max_pixels:
        raise ProbeError(
            f"the video claims {width:.0f}x{height:.0f} pixels, more than the limit of "
            f"{limits.max_pixels}"
        )
    fmt = general.format if general is not None and isinstance(general.format, str) else None
    return (
        fmt,
        None if width is None else int(width),
        None if height is None else int(height),
        None if millis is None else millis / 1000,
    )


def _explain(failure: ProbeError, kind: MediaKind | None) -> ProbeError:
    if isinstance(failure, BudgetExceeded):
        what = "file size" if kind is None else _WHAT[kind]
        return ProbeError(f"read more than {failure.limit} bytes without finding the {what}")
    return failure


def _measure(
    file: BinaryIO,
    raw: LazyFile | None,
    kind: MediaKind | None,
    needs: frozenset[Fact],
    limits: ProbeLimits,
) -> tuple[MediaKind, _Measured]:
    head = file.read(32)
    file.seek(0)
    if raw is not None and raw.failure is not None:
        raise _explain(raw.failure, kind)
    if not head:
        raise ProbeError("the file is empty")
    kind, fmt = _resolve(kind, head)
    if not needs & _MEASURED[kind]:  # e.g. a duration asked of what turned out an image
        return kind, (fmt, None, None, None)
    try:
        if kind == "image":
            assert fmt is not None  # _resolve only lets sniffed images through
            measured = _image(file, fmt, limits)
        else:
            measured = _audio(file, fmt, head) if kind == "audio" else _video(file, head, limits)
    except Exception as exc:
        if raw is not None and raw.failure is not None:  # a limit, not the parser's fault
            raise _explain(raw.failure, kind) from None
        if isinstance(exc, ProbeError):
            raise
        raise ProbeError(f"could not read the {_WHAT[kind]}: {type(exc).__name__}: {exc}") from None
    if raw is not None and raw.failure is not None:
        raise _explain(raw.failure, kind)
    return kind, measured


def _decode_data_uri(uri: str, limits: ProbeLimits) -> bytes:
    """The bytes of a ``data:`` URI, base64 or percent-encoded, after a length check."""
    if len(uri) > limits.max_data_uri_chars:
        raise ProbeError(
            f"the data: URI has {len(uri)} characters, more than the limit of "
            f"{limits.max_data_uri_chars}"
        )
    header, comma, payload = uri[5:].partition(",")
    if not comma:
        raise ProbeError("malformed data: URI: there is no comma before the data")
    if "base64" not in (part.strip().lower() for part in header.split(";")[1:]):
        return urllib.parse.unquote_to_bytes(payload)
    text = re.sub(r"\s+", "", urllib.parse.unquote(payload) if "%" in payload else payload)
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ProbeError("malformed data: URI: the base64 data is invalid") from None


def _source_kind(source: str) -> Literal["data", "url", "path"]:
    match = _SCHEME.match(source)
    scheme = match[1].lower() if match else ""
    if scheme == "data":
        return "data"
    if scheme in ("http", "https"):
        return "url"
    if scheme == "file":
        raise ProbeError("file: URLs are not accepted: pass the file's path instead")
    if match and source[match.end() :].startswith("//"):
        raise ProbeError(f"unsupported URL scheme {scheme!r}: only https URLs are accepted")
    return "path"


def _probe(
    source: str,
    kind: MediaKind | None,
    needs: frozenset[Fact],
    exchange: Callable[[], Exchange],
    limits: ProbeLimits,
) -> ProbeResult:
    budget = Budget(limits)
    measurable = _MEASURED[kind] if kind else frozenset().union(*_MEASURED.values())
    parse = bool(needs & measurable)
    if kind == "video" and parse:
        _mediainfo()  # say so before downloading anything
    with ExitStack() as stack:
        raw: LazyFile | None = None
        where = _source_kind(source)
        if where == "data":
            data = _decode_data_uri(source, limits)
            file: BinaryIO = io.BytesIO(data)
        elif where == "url":
            raw = stack.enter_context(open_url(source, exchange(), budget, size_only=not parse))
        else:
            raw = stack.enter_context(open_local(source, budget))
        if raw is not None:
            file = io.BufferedReader(raw)
        measured: _Measured = (None, None, None, None)
        if parse:
            kind, measured = _measure(file, raw, kind, needs, limits)
        if raw is not None and raw.size is None and "size_bytes" in needs:
            file.seek(0, io.SEEK_END)  # a body of unknown length: count it
            if raw.failure is not None:
                raise _explain(raw.failure, None)
        size = len(data) if raw is None else raw.size
        fmt, width, height, duration = measured
        wanted = needs & (_MEASURED[kind] | {"size_bytes"} if kind else {"size_bytes"})
        facts = MediaFacts(
            size_bytes=size if "size_bytes" in wanted else None,
            width=width if "width" in wanted else None,
            height=height if "height" in wanted else None,
            duration_seconds=duration if "duration_seconds" in wanted else None,
        )
        return ProbeResult(facts, len(data) if raw is None else budget.used, fmt)


def probe_media(
    source: str,
    kind: MediaKind | None,
    needs: frozenset[Fact],
    *,
    client: httpx.Client | None = None,
    limits: ProbeLimits = _DEFAULT_LIMITS,
) -> ProbeResult:
    """Measure ``needs`` of the media at ``source``: an https URL, a ``data:`` URI or a path.

    ``kind`` ``None`` means unknown: the first bytes tell. Requests go through ``client``
    (never with its auth, cookies or Authorization header: media URLs are public) or through
    a client made for this call. Raises :class:`ProbeError` with a one-sentence reason.
    """
    with ExitStack() as stack:

        def exchange() -> Exchange:
            return Exchange(client if client is not None else stack.enter_context(httpx.Client()))

        return _probe(source, kind, needs, exchange, limits)


async def aprobe_media(
    source: str,
    kind: MediaKind | None,
    needs: frozenset[Fact],
    *,
    client: httpx.AsyncClient | None = None,
    limits: ProbeLimits = _DEFAULT_LIMITS,
) -> ProbeResult:
    """:func:`probe_media` for asyncio code.

    The parsers (Pillow, tinytag, MediaInfo) are blocking and pull bytes with ``read()``, so
    the probe runs in a worker thread (``asyncio.to_thread``) either way, one implementation
    for both. Without ``client`` that thread uses its own :class:`httpx.Client`. With one,
    every request still goes through ``client``: the worker hands each network step back to
    this event loop (``run_coroutine_threadsafe``) and waits for it, so the caller's
    transport, pool, proxies and event hooks apply. Cancelling the awaiting task does not
    stop the worker: it ends on its own, within ``limits``.
    """
    if client is None:
        return await asyncio.to_thread(probe_media, source, kind, needs, limits=limits)
    exchange = AsyncExchange(client, asyncio.get_running_loop(), limits.timeout + 1.0)
    return await asyncio.to_thread(_probe, source, kind, needs, lambda: exchange, limits)
