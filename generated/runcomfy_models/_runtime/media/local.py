# Generated from generator/runtime/media/local.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Local media as input: a path, ``bytes``, a binary file object or a PIL image.

A generated ``Input`` types its media fields ``MediaInput``: besides an https URL or a
``data:`` URI (kept as given), it accepts a local file in any of these forms and encodes it
as a base64 ``data:`` URI, its MIME type read from the file's first bytes (the magic
numbers the probe knows; content announcing none of them is refused, whatever its name,
so a media field never carries a text file or a secret). The model then holds only that
string, so ``to_request()`` and ``model_dump()`` stay plain JSON, and the media rules are
checked on it like on any other ``data:`` URI.

Sizes are checked before anything is read whole: ``os.stat`` for a path, ``len`` for
``bytes``, ``seek``/``tell`` for a seekable file object (a pipe is read at most one byte
past the cap). The cap is :data:`DEFAULT_MAX_LOCAL_BYTES` (64 MiB); change it for the whole
process with :func:`set_max_local_bytes`, or for a block of code with
:func:`max_local_bytes`.

A string is a URL when it starts with ``https://``, ``http://`` or ``data:`` (never read as
a path, whatever exists on disk); otherwise it must name an existing regular file. JSON
text (``model_validate_json``) never has its strings read as paths. Strings that came from
someone else in Python objects (a server's parsed request body) must not be either:
validate with ``context={LOCAL_MEDIA: False}`` (the emulator does, and so does
``validate_input(..., local_paths=False)``); a string is then a URL or refused.
"""

from __future__ import annotations

import base64
import io
import os
import stat
import threading
from collections import OrderedDict
from typing import IO, Annotated, Any, Protocol, runtime_checkable

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from .cap import DEFAULT_MAX_LOCAL_BYTES, local_cap, max_local_bytes, set_max_local_bytes
from .formats import sniff

__all__ = [
    "DEFAULT_MAX_LOCAL_BYTES",
    "LOCAL_MEDIA",
    "URL_PREFIXES",
    "MediaInput",
    "encode_local",
    "local_label",
    "max_local_bytes",
    "set_max_local_bytes",
]

LOCAL_MEDIA = "runcomfy_local_media"
"""Validation context key: ``{LOCAL_MEDIA: False}`` never reads a string as a local path."""

URL_PREFIXES = ("https://", "http://", "data:")
"""How a media string that is a URL (never read as a path) begins."""
_NONBLOCK: int = getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS: int = os.O_RDONLY | _NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_HEAD = 64
_CHUNK = 1024 * 1024
_MIME = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
    "WAV": "audio/wav",
    "AVI": "video/x-msvideo",
    "M4A": "audio/mp4",
    "MP4": "video/mp4",
    "MOV": "video/quicktime",
    "Matroska": "video/x-matroska",
    "FLAC": "audio/flac",
    "Ogg": "audio/ogg",
    "AIFF": "audio/aiff",
    "MP3": "audio/mpeg",
}
_KNOWN = ", ".join(_MIME)


@runtime_checkable
class ImageLike(Protocol):
    """A PIL image, as far as encoding needs it (Pillow itself is optional)."""

    @property
    def mode(self) -> str: ...

    def save(self, fp: Any, format: str | None = None, **params: Any) -> None: ...

    def convert(self, mode: str) -> Any: ...


# Data URIs made here, by (length, hash), to the file they came from: media findings name
# the file instead of a long data: URI. Bounded, and holds no reference to the URI itself.
_LABELS: OrderedDict[tuple[int, int], str] = OrderedDict()
_LABELS_KEPT = 256
_LABELS_LOCK = threading.Lock()


def local_label(value: str) -> str | None:
    """The file a data: URI was encoded from here (``'photo.png'``, ``bytes``), if any."""
    if not value.startswith("data:"):
        return None
    return _LABELS.get((len(value), hash(value)))


def _remember(uri: str, label: str) -> str:
    with _LABELS_LOCK:
        _LABELS[(len(uri), hash(uri))] = label
        while len(_LABELS) > _LABELS_KEPT:
            _LABELS.popitem(last=False)
    return uri


def _too_large(label: str, size: int, cap: int) -> ValueError:
    return ValueError(
        f"{label} is {size:,} bytes, more than the local media limit of {cap:,} bytes "
        "(see set_max_local_bytes)"
    )


def _mime(head: bytes, label: str) -> str:
    found = sniff(head)
    if found is None:  # never the name's word for it: a media field carries media only
        raise ValueError(
            f"{label} is not a media file: its first bytes are none of {_KNOWN} (for "
            "another format, give a data: URI, e.g. data_uri(path, media_type))"
        )
    if found[1] == "Matroska" and b"webm" in head[:_HEAD]:
        return "video/webm"
    return _MIME[found[1]]


def _uri(data: bytes, label: str) -> str:
    if not data:
        raise ValueError(f"{label} is empty")
    mime = _mime(data[:_HEAD], label)
    encoded = base64.b64encode(data).decode("ascii")
    return _remember(f"data:{mime};base64,{encoded}", label)


def _from_path(path: str, cap: int) -> str:
    label = repr(path)
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO or a device is never opened
            raise ValueError(f"{label} is not a regular file")
        descriptor = os.open(path, _OPEN_FLAGS)  # nor blocks, if one was swapped in since
        with open(descriptor, "rb") as file:
            info = os.fstat(descriptor)
            if not stat.S_ISREG(info.st_mode):
                raise ValueError(f"{label} is not a regular file")
            if info.st_size > cap:
                raise _too_large(label, info.st_size, cap)
            if _NONBLOCK:
                os.set_blocking(descriptor, True)
            data = file.read(cap + 1)
    except FileNotFoundError:
        raise ValueError(f"no such file: {label}") from None
    except OSError as exc:
        raise ValueError(f"cannot read {label}: {exc.strerror or exc}") from None
    if len(data) > cap:  # it grew since it was looked at
        raise _too_large(label, len(data), cap)
    return _uri(data, label)


def _from_file(file: IO[bytes], cap: int) -> str:
    name = getattr(file, "name", None)
    label = repr(name) if isinstance(name, str) else "the file object"
    if isinstance(file, io.TextIOBase):
        raise ValueError(f"{label} is open in text mode; open it with 'rb'")
    try:
        if file.seekable():
            start = file.tell()
            size = file.seek(0, io.SEEK_END) - start
            file.seek(start)
            if size > cap:
                raise _too_large(label, size, cap)
        pieces: list[bytes] = []
        got = 0
        while got <= cap:
            chunk = file.read(min(_CHUNK, cap + 1 - got))
            if not chunk:
                break
            if not isinstance(chunk, bytes | bytearray):
                raise ValueError(f"{label} gave text, not bytes; open it with 'rb'")
            pieces.append(bytes(chunk))
            got += len(chunk)
    except OSError as exc:
        raise ValueError(f"cannot read {label}: {exc}") from None
    if got > cap:
        raise ValueError(
            f"{label} is more than the local media limit of {cap:,} bytes "
            "(see set_max_local_bytes)"
        )
    return _uri(b"".join(pieces), label)


class _CappedBuffer(io.RawIOBase):
    """A write-only buffer that refuses to grow past ``cap`` bytes."""

    def __init__(self, cap: int) -> None:
        super().__init__()
        self.cap, self.data = cap, bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        if len(self.data) + len(view) > self.cap:
            raise _too_large("the image", len(self.data) + len(view), self.cap)
        self.data += view
        return len(view)


_PNG_MODES = frozenset({"1", "L", "LA", "I;16", "P", "RGB", "RGBA"})


def _from_image(image: ImageLike, cap: int) -> str:
    buffer = _CappedBuffer(cap)
    if image.mode not in _PNG_MODES:  # CMYK, YCbCr, float...: as PNG's nearest colours
        try:
            image = image.convert("RGBA" if "A" in image.mode.upper() else "RGB")
        except Exception as exc:  # Pillow converts most modes, not all
            raise ValueError(f"cannot encode a mode {image.mode} image as PNG: {exc}") from None
    try:
        image.save(buffer, format="PNG")
    except ValueError:
        raise
    except Exception as exc:  # Pillow raises many kinds; the message says which
        raise ValueError(f"cannot encode the image as PNG: {exc}") from None
    return _uri(bytes(buffer.data), "the image")


def encode_local(value: object, *, allow_paths: bool = True) -> object:
    """``value`` as a media string: URLs and data URIs unchanged, local media encoded.

    Raises ``ValueError`` (one line) for a string that is no URL and no existing
    file, a file over the cap, or a file that cannot be read. Other types are returned
    as they are, for pydantic to refuse. ``allow_paths=False``: a string is never read as
    a path (it came from someone else's JSON); ``Path`` objects, which JSON cannot carry,
    are still read.
    """
    cap = local_cap()
    if isinstance(value, str):
        if value.startswith(URL_PREFIXES):
            return value
        if not allow_paths:
            raise ValueError(
                f"{_short(value)} is not an https URL or a data: URI (a string from JSON "
                "is never read as a local file)"
            )
        if value and os.path.exists(value):
            return _from_path(value, cap)
        raise ValueError(f"{_short(value)} is not an https URL, a data: URI or an existing file")
    if isinstance(value, os.PathLike):
        path = os.fspath(value)
        return _from_path(path if isinstance(path, str) else os.fsdecode(path), cap)
    if isinstance(value, bytes | bytearray | memoryview):
        size = value.nbytes if isinstance(value, memoryview) else len(value)
        if size > cap:
            raise _too_large("the data", size, cap)
        return _uri(bytes(value), "the data")
    if isinstance(value, io.IOBase) or (hasattr(value, "read") and hasattr(value, "seekable")):
        return _from_file(value, cap)  # type: ignore[arg-type]
    if type(value).__module__.startswith("PIL.") and isinstance(value, ImageLike):
        return _from_image(value, cap)
    return value


def _short(text: str) -> str:
    return repr(text) if len(text) <= 60 else f"{text[:40]!r}... ({len(text)} characters)"


class _LocalMedia:
    """Pydantic metadata: encodes local media before the value is checked as a string."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.with_info_before_validator_function(
            self._validate, core_schema.str_schema(strict=True)
        )

    @staticmethod
    def _validate(value: Any, info: core_schema.ValidationInfo) -> Any:
        context = info.context if isinstance(info.context, dict) else {}
        # JSON text is someone else's by definition: its strings are never read as paths.
        allow_paths = info.mode == "python" and context.get(LOCAL_MEDIA, True) is not False
        try:
            return encode_local(value, allow_paths=allow_paths)
        except ValueError as exc:
            raise PydanticCustomError("local_media", "{message}", {"message": str(exc)}) from None


MediaInput = Annotated[
    str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes] | ImageLike,
    _LocalMedia(),
]
"""A media field's value: an https URL, a ``data:`` URI, a local path (``Path`` or an
existing file's name), ``bytes``, a binary file object or a PIL image. Local media is
encoded as a ``data:`` URI on validation; the field then holds that string."""
