"""A compressed download is inflated under its own size cap, never past it in memory.

``iter_bytes()`` inflated each 64 KiB chunk of a gzip bomb without limit: with
``DownloadLimits(max_bytes=10_000_000)`` a 300 MB bomb was refused, but only after peak
traced memory reached 148 MB. Here the peak must stay within a small multiple of the cap
(plus fixed slack for the interpreter), and the download must be refused naming the cap,
with nothing left in the folder; a small honest gzip download still arrives inflated.
"""

from __future__ import annotations

import asyncio
import gzip
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from runcomfy_models import DownloadError, DownloadLimits, adownload_outputs, download_outputs
from tests.support.hostile_server import HostileServer, head, hostile_server

CAP = 10_000_000
BOUND = 3 * CAP + 16 * 1024**2


def deflated(size: int, gzip_wrapped: bool = True) -> bytes:
    """``size`` zero bytes compressed, made a megabyte at a time (never whole in memory)."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31 if gzip_wrapped else 15)
    block = bytes(1024**2)
    parts = [z.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + z.flush()


BOMBS = {"gzip": deflated(300 * 1024**2), "deflate": deflated(300 * 1024**2, False)}


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with hostile_server() as made:
        yield made


def serve(server: HostileServer, encoding: str, body: bytes) -> str:
    headers = {"Content-Type": "image/png", "Content-Encoding": encoding}
    return server.route(
        f"/files/{encoding}.png", lambda seen: [head(200, headers, len(body)), body]
    )


def fetch(kind: str, url: str, folder: Path, limits: DownloadLimits) -> Any:
    if kind == "sync":
        return download_outputs([url], folder, limits=limits)
    return asyncio.run(adownload_outputs([url], folder, limits=limits))


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("encoding", sorted(BOMBS))
def test_a_bomb_is_refused_within_its_cap_in_memory(
    server: HostileServer, tmp_path: Path, encoding: str, kind: str
) -> None:
    url = serve(server, encoding, BOMBS[encoding])
    limits = DownloadLimits(max_bytes=CAP, allow_http=True, timeout=60)
    tracemalloc.start()
    try:
        with pytest.raises(DownloadError) as info:
            fetch(kind, url, tmp_path, limits)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert f"{CAP:,}-byte cap" in str(info.value)
    assert peak < BOUND, f"peak traced memory {peak:,} bytes"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_honest_gzip_download_arrives_inflated(
    server: HostileServer, tmp_path: Path, kind: str
) -> None:
    content = bytes(range(256)) * 40_000  # ~10 MB: many pieces of output per raw chunk
    url = serve(server, "gzip", gzip.compress(content))
    limits = DownloadLimits(max_bytes=len(content), allow_http=True, timeout=60)
    [path] = fetch(kind, url, tmp_path, limits)
    assert path.read_bytes() == content


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_file_inflating_one_byte_over_the_cap_is_refused(
    server: HostileServer, tmp_path: Path, kind: str
) -> None:
    content = b"x" * 100_001
    url = serve(server, "gzip", gzip.compress(content))
    limits = DownloadLimits(max_bytes=100_000, allow_http=True, timeout=60)
    with pytest.raises(DownloadError, match="100,000-byte cap"):
        fetch(kind, url, tmp_path, limits)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_corrupt_gzip_download_is_a_download_error(
    server: HostileServer, tmp_path: Path, kind: str
) -> None:
    url = serve(server, "gzip", b"\x1f\x8b\x08\x00" + b"not gzip at all" * 10)
    limits = DownloadLimits(allow_http=True, timeout=60)
    with pytest.raises(DownloadError):
        fetch(kind, url, tmp_path, limits)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_an_encoding_not_asked_for_is_refused_not_written_as_is(
    server: HostileServer, tmp_path: Path, kind: str
) -> None:
    url = serve(server, "br", b"\x0b\x02\x80hello\x03")
    with pytest.raises(DownloadError, match="content encoding 'br' is not accepted"):
        fetch(kind, url, tmp_path, DownloadLimits(allow_http=True, timeout=60))
    assert list(tmp_path.iterdir()) == []
    assert all(seen.headers.get("accept-encoding") == "gzip, deflate" for seen in server.seen)
