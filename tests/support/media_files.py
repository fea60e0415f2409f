"""Media files for the probe tests: images and WAVs made on the fly, committed video/MP3.

Images come from Pillow at chosen sizes; ``noise=True`` fills them with random pixels so
they do not compress (that is how the ~4 MB JPEG and PNG are made). MP4, MOV and MP3 cannot
be made without ffmpeg, so tiny ones were made once and committed under
``tests/fixtures/media`` (see the README there); the helpers below only grow them.
"""

from __future__ import annotations

import functools
import io
import random
import struct
import wave
import zlib
from collections.abc import Iterator

from PIL import Image

from tests.support.paths import TEST_FIXTURES

FIXTURES = TEST_FIXTURES / "media"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def image(fmt: str, width: int, height: int, *, noise: bool = False, **options: object) -> bytes:
    """An image of exactly ``width`` x ``height`` in ``fmt`` (a Pillow format name)."""
    if noise:
        pixels = random.Random(width * 7919 + height).randbytes(width * height * 3)
        picture = Image.frombytes("RGB", (width, height), pixels)
    else:
        picture = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    if fmt == "GIF":
        picture = picture.convert("P")
    buffer = io.BytesIO()
    picture.save(buffer, format=fmt, **options)
    return buffer.getvalue()


@functools.cache
def large_jpeg() -> bytes:
    """About 4 MB: 1500x1000 of noise at quality 97, no chroma subsampling."""
    return image("JPEG", 1500, 1000, noise=True, quality=97, subsampling=0)


@functools.cache
def large_png() -> bytes:
    """About 4 MB: 1200x1150 of noise, which does not compress."""
    return image("PNG", 1200, 1150, noise=True)


def bomb_png(width: int, height: int) -> bytes:
    """A tiny valid PNG whose IHDR then claims ``width`` x ``height`` (CRC fixed up)."""
    data = bytearray(image("PNG", 1, 1))
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def wav(seconds: float, rate: int = 8000) -> bytes:
    """Mono 16-bit PCM silence lasting exactly ``seconds`` (to the sample)."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"\0\0" * round(seconds * rate))
    return buffer.getvalue()


def _top_level_boxes(data: bytes) -> Iterator[tuple[bytes, int, int]]:
    """(type, start, size) of the top-level ISO-BMFF boxes; 32-bit sizes only (test files)."""
    position = 0
    while position + 8 <= len(data):
        size, kind = struct.unpack_from(">I4s", data, position)
        assert size >= 8, "the fixtures only use 32-bit box sizes"
        yield kind, position, size
        position += size


def grow_mdat(movie: bytes, extra: int) -> bytes:
    """``movie`` (moov after mdat) with ``extra`` zero bytes added at the end of its mdat.

    The samples keep their offsets (they sit at the start of mdat), so the file stays valid
    while the moov moves ``extra`` bytes further from the start.
    """
    for kind, start, size in _top_level_boxes(movie):
        if kind == b"mdat":
            end = start + size
            header = struct.pack(">I4s", size + extra, b"mdat")
            return movie[:start] + header + movie[start + 8 : end] + bytes(extra) + movie[end:]
    raise AssertionError("no mdat box")


def add_free_box(movie: bytes, extra: int) -> bytes:
    """``movie`` followed by a ``free`` box of ``extra`` bytes: big, still valid."""
    return movie + struct.pack(">I4s", extra, b"free") + bytes(extra - 8)


def endless_jpeg() -> Iterator[bytes]:
    """A JPEG start followed by comment segments that never end."""
    yield b"\xff\xd8"
    segment = b"\xff\xfe" + struct.pack(">H", 65535) + bytes(65533)
    while True:
        yield segment
