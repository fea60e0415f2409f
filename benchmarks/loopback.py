"""The media probe against downloading whole files, over a real HTTP server on loopback."""

from __future__ import annotations

import io
import random
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
from PIL import Image

from generator.runtime.media.probe import ProbeLimits, probe_media
from generator.runtime.rules.grammar import Fact

__all__ = ["noise_image", "probe_figures", "serve_files"]

_RANGE = re.compile(r"bytes=(\d+)-(\d*)")


def noise_image(fmt: str, width: int, height: int) -> bytes:
    """Random pixels, so the file stays about ``3 * width * height`` bytes."""
    pixels = random.Random(width * height).randbytes(width * height * 3)
    buffer = io.BytesIO()
    options = {"quality": 97, "subsampling": 0} if fmt == "JPEG" else {}
    Image.frombytes("RGB", (width, height), pixels).save(buffer, fmt, **options)
    return buffer.getvalue()


@contextmanager
def serve_files(files: dict[str, bytes]) -> Iterator[tuple[str, dict[str, int]]]:
    """Serve ``files`` on 127.0.0.1 with Range support; yields base URL and bytes sent."""
    sent: dict[str, int] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            data = files[self.path]
            match = _RANGE.fullmatch(self.headers.get("Range", ""))
            if match:
                start = int(match[1])
                stop = min(int(match[2]) + 1 if match[2] else len(data), len(data))
                body = data[start:stop]
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{stop - 1}/{len(data)}")
            else:
                body = data
                self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            sent[self.path] = sent.get(self.path, 0) + len(body)  # before the client has it
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", sent
    finally:
        server.shutdown()
        server.server_close()


def probe_figures(repeat: int) -> dict[str, dict[str, float]]:
    """Bytes and seconds to measure a 4 MB JPEG and PNG, against downloading each whole."""
    files = {
        "/photo.jpg": noise_image("JPEG", 1500, 1000),
        "/photo.png": noise_image("PNG", 1200, 1150),
    }
    limits = ProbeLimits(allow_http=True)
    needs: frozenset[Fact] = frozenset({"size_bytes", "width", "height"})
    figures: dict[str, dict[str, float]] = {}
    with serve_files(files) as (base, sent), httpx.Client() as client:
        for path, data in files.items():
            url = base + path
            probe_times, download_times = [], []
            for _ in range(repeat):
                before = sent.get(path, 0)
                started = time.perf_counter()
                result = probe_media(url, "image", needs, client=client, limits=limits)
                probe_times.append(time.perf_counter() - started)
                probed = sent[path] - before
                assert (result.facts.width, result.facts.height) == Image.open(
                    io.BytesIO(data)
                ).size
                started = time.perf_counter()
                assert client.get(url).content == data
                download_times.append(time.perf_counter() - started)
            figures[path.rsplit(".", 1)[1].upper()] = {
                "bytes": probed,
                "size": len(data),
                "seconds": min(probe_times),
                "download": min(download_times),
            }
    return figures
