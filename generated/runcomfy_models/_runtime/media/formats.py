# Generated from generator/runtime/media/formats.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""What a media file's bytes are, and what they measure: magic numbers, then a parser.

Split from :mod:`.sources` (where bytes come from) and :mod:`.probe` (the public API)
because this is the part that runs third-party parsers on untrusted content:

* images (JPEG, PNG, WebP, GIF): Pillow reads the header only; no pixel is decoded.
* audio duration (WAV, MP3, FLAC, M4A, Ogg, AIFF...): tinytag, without tags.
* video width, height and duration (MP4, MOV, WebM, AVI...): MediaInfo through pymediainfo,
  an optional dependency (``runcomfy-models[video]``), imported only when a video needs it.

Messages name what was found ("looks like an HTML page") and never quote the content, nor a
parser's own message (which can quote it): a payload may point at any file or URL, and the
error may be shown to whoever sent that payload.
"""

from __future__ import annotations

import functools
import importlib
import re
import warnings
from typing import BinaryIO, Protocol

from ..errors import BudgetExceeded, ProbeError
from ..rules.grammar import Fact, MediaKind
from .sources import LazyFile, ProbeLimits

MEASURED: dict[MediaKind, frozenset[Fact]] = {
    "image": frozenset({"width", "height"}),
    "video": frozenset({"width", "height", "duration_seconds"}),
    "audio": frozenset({"duration_seconds"}),
}
Measured = tuple[str | None, int | None, int | None, float | None]
"""Format name, width, height and duration in seconds (``None`` where not measured)."""

HEAD = 512  # bytes looked at to recognise the content
_WHAT = {"image": "image header", "video": "video metadata", "audio": "audio duration"}
_A = {"image": "an image", "video": "a video", "audio": "audio"}
_IMAGES = "JPEG, PNG, WebP or GIF"
_NO_MEDIAINFO = (
    "measuring a video's width, height or duration needs pymediainfo: "
    "install runcomfy-models[video]"
)
_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis")
_NOT_MEDIA = (  # (prefix, name): content that is plainly no supported media
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "a program (ELF)"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)
_NOT_MEDIA_UNLESS_TEXT = ((b"BM", "a BMP image"), (b"MZ", "a Windows program"))
_MARKUP = re.compile(rb"\s*<(!doctype\s+html|html|head|body|svg|\?xml)\b", re.IGNORECASE)
_MARKUP_NAMES = {b"svg": "an SVG image", b"?xml": "an XML document"}


_TEXT_WINDOW = 64  # bytes looked at to tell text from a signature


def sniff(head: bytes) -> tuple[MediaKind, str] | None:
    """The kind and format that the first bytes announce (magic numbers only).

    Text never announces one: ``free``, ``wide``, ``ID3``, ``OggS`` and ``fLaC`` are
    short enough to open a text file, while every real file of these formats has binary
    bytes (sizes, versions, flags) among its first few.
    """
    if _is_text(head[:_TEXT_WINDOW]):
        return None
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
        if head[8:12] in _HEIF_BRANDS:
            return None  # HEIC/AVIF: an ISO-BMFF image, not a video; see describe()
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


def _is_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:  # a character cut off by the end of ``head`` is fine
        if exc.start < len(head) - 3 or exc.reason != "unexpected end of data":
            return False
        text = head[: exc.start].decode("utf-8")
    return all(char.isprintable() or char in "\t\n\r\f\v" for char in text)


def describe(head: bytes, *, text: bool = True) -> str | None:
    """A name for content that is no supported media (``None`` when it has none).

    Only the name: the caller puts it in a message, so the bytes themselves never are.
    """
    start = head.removeprefix(b"\xef\xbb\xbf")
    if markup := _MARKUP.match(start):
        return _MARKUP_NAMES.get(markup[1].lower(), "an HTML page")
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "a HEIC or AVIF image"
    for prefix, name in _NOT_MEDIA:
        if head.startswith(prefix):
            return name
    is_text = bool(start) and _is_text(start)
    for prefix, name in _NOT_MEDIA_UNLESS_TEXT:
        if head.startswith(prefix) and not is_text:
            return name
    if text and is_text:
        return "JSON" if start.lstrip()[:1] in (b"{", b"[") else "text"
    return None


def resolve(kind: MediaKind | None, head: bytes) -> tuple[MediaKind, str | None]:
    """The kind to measure as, refusing content that is plainly something else."""
    sniffed = sniff(head)
    if sniffed is None:
        found = describe(head)
        if kind is None:
            what = f"looks like {found}" if found else "is in no known image, audio or video format"
            raise ProbeError(f"unrecognised media: the content {what}")
        if kind == "image":
            what = f"looks like {found}, not" if found else "is not"
            raise ProbeError(f"not an image: the content {what} {_IMAGES}")
        if describe(head, text=False):  # something definite; text goes to the parser
            raise ProbeError(f"not {_A[kind]}: the content looks like {found}")
        return kind, None  # MediaInfo and tinytag know more formats than the table above
    found_kind, fmt = sniffed
    if kind is None or kind == found_kind or (kind == "audio" and found_kind == "video"):
        return kind or found_kind, fmt  # an MP4 can serve as audio
    raise ProbeError(f"not {_A[kind]}: the content looks like {fmt} ({found_kind})")


def _image(file: BinaryIO, fmt: str, limits: ProbeLimits) -> Measured:
    from PIL import Image, UnidentifiedImageError

    problem = "file is truncated or damaged"
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
        pixels = re.search(r"\((\d+) pixels\)", str(exc))  # Pillow's own words, not the file's
        claim = f" ({pixels[1]} pixels)" if pixels else ""
        raise ProbeError(f"the image header claims an implausible size{claim}") from None
    except UnidentifiedImageError:
        raise ProbeError(f"could not read the {fmt} header: {problem}") from None
    except OSError as exc:  # the message is not shown: a parser's words can quote the file
        if "truncated" in str(exc).lower():
            problem = "file is truncated"
        raise ProbeError(f"could not read the {fmt} header: {problem}") from None
    if width * height > limits.max_pixels:
        raise ProbeError(
            f"the image claims {width}x{height} pixels, more than the limit of "
            f"{limits.max_pixels}"
        )
    return ("JPEG" if name == "MPO" else name or fmt), width, height, None


def _audio(file: BinaryIO, fmt: str | None, head: bytes) -> Measured:
    from tinytag import TinyTag, TinyTagException, UnsupportedFormatError

    try:
        tag = TinyTag.get(file_obj=file, tags=False, duration=True)
    except UnsupportedFormatError:
        found = describe(head)
        what = f"looks like {found}" if found else "is in no known audio format"
        raise ProbeError(f"not audio: the content {what}") from None
    except TinyTagException:  # wraps any exception, whose message can quote the file
        raise ProbeError("could not read the audio header: the file is damaged") from None
    if tag.duration is None:
        raise ProbeError("could not find the audio's duration in its header")
    if fmt == "WAV" and tag.bitrate and tag.filesize:
        # PCM has a fixed byte rate: a header claiming more audio than the file holds lies
        # (a truncated upload, or a crafted header); the file, not the claim, is judged.
        holds = tag.filesize * 8 / (tag.bitrate * 1000)
        if tag.duration > holds + 1.0:
            raise ProbeError(
                f"the WAV header claims {tag.duration:.1f} s of audio, but the file holds at "
                f"most {holds:.1f} s: it is truncated or its header is wrong"
            )
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


def mediainfo() -> _MediaInfo:
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


def _video(file: BinaryIO, head: bytes, limits: ProbeLimits) -> Measured:
    # ParseSpeed -0.5 reads the container's metadata without parsing frames. Measured with
    # the MediaInfoLib bundled in pymediainfo 7.0.1 on a 6.7 MB 720p MP4: 75 KB read with
    # moov at the end, 131 KB with moov first (ParseSpeed 0 reads ~920 KB). Fragmented MP4
    # durations stay right (ParseSpeed -1 reads less but then sees only the first fragment).
    info = mediainfo().parse(file, parse_speed=-0.5, full=True, buffer_size=64 * 1024)
    general = info.general_tracks[0] if info.general_tracks else None
    if not info.video_tracks:
        found = describe(head)
        if found is None:  # not something else: a damaged, cut or track-less video
            raise ProbeError(
                "could not read a video track: the file is truncated, damaged or has no video"
            )
        raise ProbeError(f"not a video: the content looks like {found}")
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
    if fmt is not None and not re.fullmatch(r"[\w .+/-]{1,40}", fmt):
        fmt = None  # a format name, never text taken from the file
    return (
        fmt,
        None if width is None else int(width),
        None if height is None else int(height),
        None if millis is None else millis / 1000,
    )


def explain(failure: ProbeError, kind: MediaKind | None) -> ProbeError:
    """``failure`` (kept by a :class:`LazyFile`) as it reads to the user."""
    if isinstance(failure, BudgetExceeded):
        what = "file size" if kind is None else _WHAT[kind]
        return ProbeError(f"read more than {failure.limit} bytes without finding the {what}")
    return failure


def measure(
    file: BinaryIO,
    raw: LazyFile | None,
    kind: MediaKind | None,
    needs: frozenset[Fact],
    limits: ProbeLimits,
) -> tuple[MediaKind, Measured]:
    """Recognise the content of ``file`` and measure it (``raw``: the source beneath it)."""
    head = file.read(HEAD)
    file.seek(0)
    if raw is not None and raw.failure is not None:
        raise explain(raw.failure, kind)
    if not head:
        raise ProbeError("the file is empty")
    kind, fmt = resolve(kind, head)
    if not needs & MEASURED[kind]:  # e.g. a duration asked of what turned out an image
        return kind, (fmt, None, None, None)
    try:
        if kind == "image":
            assert fmt is not None  # resolve only lets sniffed images through
            measured = _image(file, fmt, limits)
        else:
            measured = _audio(file, fmt, head) if kind == "audio" else _video(file, head, limits)
    except Exception as exc:
        if raw is not None and raw.failure is not None:  # a limit, not the parser's fault
            raise explain(raw.failure, kind) from None
        if isinstance(exc, ProbeError):
            raise
        # Not the exception's message: a parser's words can quote the file. It stays
        # chained (``__cause__``) for whoever debugs this with a traceback.
        raise ProbeError(f"could not read the {_WHAT[kind]}: {type(exc).__name__}") from exc
    if raw is not None and raw.failure is not None:
        raise explain(raw.failure, kind)
    return kind, measured
