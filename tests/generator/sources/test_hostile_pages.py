"""Hostile pages: read in linear time and bounded memory, duplicate keys refused with
their pointer, endpoints only on RunComfy's hosts.

Speed is compared within one run (the time for n and for 4n units of the same hostile
text), never against a wall clock: linear code takes about 4x, quadratic code 16x; the
bound is 10x.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import trustme
from click.testing import CliRunner

from generator.cli import main
from generator.errors import SchemaFileError, SourceError
from generator.runtime.constants import TOKEN_ENV
from generator.schema.document import parse_document_json
from generator.sources import Fetcher, read_catalog
from generator.sources.fetch import MAX_SOURCE_BYTES
from generator.sources.html_text import MAX_DEPTH, html_text, is_html
from generator.sources.page import json_objects, read_page
from tests.support.documents import document, write
from tests.support.streaming_https import streaming_https_server

# Linear-time checks read pages of megabytes; trickled pages wait out deadlines.
pytestmark = pytest.mark.slow

EP = "https://model-api.runcomfy.net/v1/models/"
SCHEMA = {"type": "object", "properties": {"prompt": {"type": "string"}}}


def pull(*args: str, fetcher: Fetcher | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["pull", *args], obj={"fetcher": fetcher})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


# -- linear time ---------------------------------------------------------------------------


def _seconds(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        with contextlib.suppress(SourceError):  # refusing quickly is as good as reading
            work()
        best = min(best, time.perf_counter() - start)
    return best


def _growth(make: Callable[[int], str], read: Callable[[str], object], n: int) -> float:
    small, large = make(n), make(4 * n)
    _seconds(lambda: read(small))  # warm up
    # A floor keeps timer noise on tiny times from looking like growth.
    return _seconds(lambda: read(large)) / max(_seconds(lambda: read(small)), 0.02)


# Text scanned for JSON: stray braces and near-JSON, the shapes that made the old scan
# quadratic (each failed attempt re-read the text before it to number its line).
JSON_ATTACKS = {
    "stray braces": lambda n: "x" + "{" * n,
    "braces and newlines": lambda n: "{ \n" * n,
    "brace-quote": lambda n: '{"' * n,
    "unfinished keys": lambda n: '{"a": ' * n,
    "unfinished objects": lambda n: '{"a": 1, ' * n,
    "nested unfinished": lambda n: ('{"a":' * 200 + "x") * (n // 200),
    "siblings in a broken list": lambda n: '{"a": [' + "{}, " * n + "x",
    "strings with braces": lambda n: '{"a": "' + "{" * n,
    "escaped quotes": lambda n: '{"\\"' * n,
}


@pytest.mark.parametrize("attack", sorted(JSON_ATTACKS))
def test_json_scan_is_linear_in_hostile_text(attack: str) -> None:
    make = JSON_ATTACKS[attack]
    assert _growth(make, json_objects, 50_000) < 10


HTML_ATTACKS = {
    "open comments": lambda n: "<html>" + "<!--" * n,
    "unclosed tags": lambda n: "<html>" + "<a " * n,
    "unclosed quotes": lambda n: "<html>" + "<a b='" * n,
    "processing instructions": lambda n: "<html>" + "<?" * n,
    "end tags": lambda n: "<html>" + "</" * n,
    "marked sections": lambda n: "<html>" + "<![" * n,
    "deep nesting": lambda n: "<html>" + "<div>" * n + "</x>" * n,
    "entities": lambda n: "<html>" + "&#" * n + "&amp" * n,
    "leading comments": lambda n: "<!---->" * n + "x",
    # A tree appends each attribute by walking the element's list: 350 KB took 11 s.
    "distinct attributes": lambda n: "<html><a " + "".join(f"b{i}=c " for i in range(n)) + ">x",
    # Each end tag is matched against every open element: bounded by MAX_DEPTH.
    "end tags under deep nesting": lambda n: "<html>" + "<div>" * (MAX_DEPTH - 10) + "</x>" * n,
    # html.unescape raised ValueError past 4300 digits (int's limit on decimal strings).
    "long character references": lambda n: "<html>&#" + "9" * (4 * n) + ";x&#" + "9" * (4 * n),
}


@pytest.mark.parametrize("attack", sorted(HTML_ATTACKS))
def test_html_text_is_linear_and_never_crashes(attack: str) -> None:
    make = HTML_ATTACKS[attack]
    assert _growth(make, lambda text: html_text(text) if is_html(text, "p") else text, 20_000) < 10


def test_a_page_nested_deeper_than_the_cap_is_refused_in_one_line(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<html>" + "<span>" * (MAX_DEPTH + 1) + f"<pre>{EP}a/b</pre>", "utf-8")
    code, output = pull(str(page), "--schemas", str(tmp_path / "s"))
    assert code == 2
    assert output.count("\n") == 1
    assert f"p.html: HTML elements nested deeper than {MAX_DEPTH}" in output


def test_a_page_nested_just_under_the_cap_is_read() -> None:
    depth = MAX_DEPTH - 3  # html, body and pre are open around the text too
    text = html_text("<html>" + "<div>" * depth + f"<pre>{EP}a/b</pre>" + "</div>" * depth)
    assert text.strip() == f"{EP}a/b"


def test_html_detection_of_leading_comments_is_linear() -> None:
    # The old start pattern backtracked exponentially over comment boundaries.
    assert _growth(lambda n: "<!---->" * n + "x", lambda t: is_html(t, "p"), 20_000) < 10
    assert is_html("<!---->" * 40 + "\n<html>", "p")
    assert not is_html("<!---->" * 40 + "x", "p")


def test_a_hostile_page_is_refused_or_read_in_one_line_not_a_traceback(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<html>" + "<![" * 1000 + f"<pre>{EP}a/b</pre>", "utf-8")
    code, output = pull(str(page), "--schemas", str(tmp_path / "s"))
    assert code == 2
    assert output.count("\n") == 1
    assert "p.html" in output


# -- the size cap ----------------------------------------------------------------------------


def _endless(chunk: bytes = b"{" * 65536, total: int = 256 * 1024 * 1024) -> Iterator[bytes]:
    for _ in range(total // len(chunk)):
        yield chunk


@pytest.mark.parametrize("declared", [False, True], ids=["streamed", "content-length"])
def test_a_page_over_the_cap_is_refused_before_it_is_read_whole(
    tmp_path: Path, declared: bool
) -> None:
    headers = {"Content-Type": "text/plain"}
    if declared:
        headers["Content-Length"] = str(256 * 1024 * 1024)
    with streaming_https_server(_endless, headers=headers) as served:
        fetcher = Fetcher(verify=served.client_context, max_bytes=1024 * 1024)
        code, output = pull(f"{served.base_url}/p", "--schemas", str(tmp_path), fetcher=fetcher)
    assert code == 2
    assert "larger than the cap of 1048576 bytes" in output
    assert output.count("\n") == 1
    # Socket buffers hold a few megabytes at most; the body was 256 MiB.
    assert served.bytes_sent < 32 * 1024 * 1024, served.bytes_sent


def test_a_compressed_page_is_capped_by_what_it_expands_to(tmp_path: Path) -> None:
    # 64 MiB of "{" gzipped to about 64 KB: the cap counts the bytes after decoding.
    bomb = gzip.compress(b"{" * (64 * 1024 * 1024), compresslevel=9)
    headers = {"Content-Type": "text/plain", "Content-Encoding": "gzip"}
    with streaming_https_server(lambda: [bomb], headers=headers) as served:
        fetcher = Fetcher(verify=served.client_context, max_bytes=1024 * 1024)
        code, output = pull(f"{served.base_url}/p", "--schemas", str(tmp_path), fetcher=fetcher)
    assert code == 2
    assert "larger than the cap of 1048576 bytes" in output


def test_the_cap_is_set_on_the_command_line(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(f"curl {EP}a/b\n{json.dumps(SCHEMA)}\n" + " " * 4096, "utf-8")
    code, output = pull(str(page), "--schemas", str(tmp_path / "s"), "--max-source-size", "2k")
    assert code == 2
    assert "page.txt: larger than the cap of 2048 bytes" in output
    code, output = pull(str(page), "--schemas", str(tmp_path / "s"), "--max-source-size", "8K")
    assert code == 0, output
    code, output = pull(str(page), "--schemas", str(tmp_path / "s"), "--max-source-size", "lots")
    assert code == 2
    assert "--max-source-size" in output


def test_the_default_cap_is_documented() -> None:
    maintainers = (Path(__file__).parents[3] / "docs/maintainers.md").read_text("utf-8")
    assert f"{MAX_SOURCE_BYTES // (1024 * 1024)} MiB" in maintainers
    assert "--max-source-size" in maintainers


def test_a_device_that_never_ends_is_refused_not_read_forever(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    code, output = pull("/dev/zero", "--schemas", str(tmp_path), "--max-source-size", "64k")
    assert code == 2
    assert "/dev/zero: larger than the cap of 65536 bytes" in output


# -- duplicate keys ---------------------------------------------------------------------------


def _page_error(text: str) -> str:
    with pytest.raises(SourceError) as info:
        read_page(text, "page.txt")
    return str(info.value)


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        (
            '{"type": "object", "properties": {"seed": {"type": "integer"}, '
            '"seed": {"type": "string"}}}',
            '/properties: duplicate key "seed"',
        ),
        (
            '{"type": "object", "properties": {"a": {"type": "string"}}, '
            '"properties": {"b": {"type": "string"}}}',
            '/: duplicate key "properties"',
        ),
        (
            '{"type": "object", "properties": {"a": {"type": "string"}}, "type": "string"}',
            '/: duplicate key "type"',
        ),
        (
            '{"type": "object", "properties": {"a": {"type": "string", '
            '"enum": [{"x": 1, "x": 2}]}}}',
            '/properties/a/enum/0: duplicate key "x"',
        ),
        (
            '{"type": "object", "properties": {"a~/b": {"type": "string", "type": "integer"}}}',
            '/properties/a~0~1b: duplicate key "type"',
        ),
    ],
)
def test_duplicate_keys_in_a_page_schema_are_an_error_with_pointer(
    schema: str, expected: str
) -> None:
    message = _page_error(f"curl {EP}a/b\n{schema}\n")
    assert message.startswith("page.txt: ")
    assert expected in message


def test_duplicate_keys_in_a_wrapped_output_schema_are_an_error() -> None:
    output = '{"output": {"type": "object", "properties": {}}, "output": {"type": "object", ' + (
        '"properties": {"x": {"type": "string"}}}}'
    )
    message = _page_error(f"curl {EP}a/b\n{json.dumps(SCHEMA)}\n{output}\n")
    assert '/: duplicate key "output"' in message


def test_duplicate_keys_outside_schemas_are_none_of_our_business() -> None:
    example = '{"prompt": "a cat", "prompt": "a dog"}'
    content = read_page(f"curl {EP}a/b\n{json.dumps(SCHEMA)}\nExample: {example}\n", "p")
    assert content.input_schema == SCHEMA


@pytest.mark.parametrize(
    ("catalog", "expected"),
    [
        (
            '{"models": [{"model_id": "a/b", "input_schema": {"type": "object", '
            '"properties": {"seed": {}, "seed": {}}}}]}',
            '/models/0/input_schema/properties: duplicate key "seed"',
        ),
        (
            '{"models": [{"model_id": "a/b", "input_schema": {}}], "models": []}',
            '/: duplicate key "models"',
        ),
        (
            '{"models": [{"model_id": "a/b", "model_id": "c/d", "input_schema": {}}]}',
            '/models/0: duplicate key "model_id"',
        ),
    ],
)
def test_duplicate_keys_in_a_catalog_are_an_error_with_pointer(
    tmp_path: Path, catalog: str, expected: str
) -> None:
    path = tmp_path / "catalog.json"
    path.write_text(catalog, "utf-8")
    with pytest.raises(SourceError) as info:
        read_catalog(str(path), Fetcher())
    assert str(info.value).startswith(f"{path}: ")
    assert expected in str(info.value)


def test_duplicate_keys_in_a_committed_schema_file_are_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, document({"seed": {"type": "integer"}}))
    text = path.read_text("utf-8").replace(
        '"seed": {', '"seed": {"type": "string"},\n      "seed": {', 1
    )
    path.write_text(text, "utf-8")
    with pytest.raises(SchemaFileError) as info:
        parse_document_json(path, path.read_bytes())
    assert str(info.value) == (
        f'{path}: /input_schema/properties: duplicate key "seed"; a JSON object names '
        "each key once"
    )
    result = CliRunner().invoke(main, ["lint", "--schemas", str(tmp_path)])
    assert result.exit_code == 2
    assert '/input_schema/properties: duplicate key "seed"' in result.output


# -- endpoints only on RunComfy's hosts -------------------------------------------------------


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://evil.example/v1/models/a/b",
        "https://evil.example/v1/models/a/b",
        "http://model-api.runcomfy.net/v1/models/a/b",
        "https://model-api.runcomfy.net.evil.example/v1/models/a/b",
        "https://model-api.runcomfy.net:8443/v1/models/a/b",
    ],
)
def test_an_endpoint_on_another_host_is_refused_naming_page_and_url(endpoint: str) -> None:
    message = _page_error(f"curl {endpoint}\n{json.dumps(SCHEMA)}\n")
    assert message.startswith("page.txt: ")
    assert endpoint in message
    assert "not a RunComfy API host" in message


def test_one_foreign_endpoint_among_good_ones_is_refused() -> None:
    text = f"curl {EP}a/b\nor http://evil.example/v1/models/a/b\n{json.dumps(SCHEMA)}\n"
    assert "http://evil.example/v1/models/a/b" in _page_error(text)


def test_endpoints_on_the_api_hosts_are_read() -> None:
    for base in ("https://model-api.runcomfy.net", "https://model-api-int.runcomfy.net"):
        content = read_page(f"curl {base}/v1/models/a/b\n{json.dumps(SCHEMA)}\n", "p")
        assert content.endpoint == f"{base}/v1/models/a/b"
    staging = "https://staging.example:8443"
    text = f"curl {staging}/v1/models/a/b\n{json.dumps(SCHEMA)}\n"
    content = read_page(text, "p", api_hosts=(staging,))
    assert content.endpoint == f"{staging}/v1/models/a/b"


def test_a_page_with_thousands_of_schemas_is_refused_in_one_short_line() -> None:
    schemas = "\n".join(
        json.dumps({"type": "object", "properties": {f"p{n}": {}}}) for n in range(5000)
    )
    message = _page_error(f"curl {EP}a/b\n{schemas}\n")
    assert "more than 64 JSON schemas on one page" in message
    assert len(message) < 300


def test_a_duplicate_under_a_key_with_control_characters_is_reported_on_one_line() -> None:
    schema = '{"type": "object", "properties": {"a\\n\\u001b[31m": {"x": 1, "x": 2}}}'
    message = _page_error(f"curl {EP}a/b\n{schema}\n")
    assert "\n" not in message
    assert "\x1b" not in message
    assert 'duplicate key "x"' in message


# -- the deadline on a whole read ------------------------------------------------------------
# A host that trickles one byte every half second never trips a per-read timeout; the
# fetcher's timeout bounds the whole read of each document (plus a small grace).

_TRICKLE_PAGE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
    + f"<pre>{EP}a/b</pre>\n".encode() * 20
)
_TRICKLE_CATALOG = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
    + json.dumps({"models": [], "total": 0}).encode() * 20
)
_SLACK = 5.0


@dataclass
class _Trickler:
    base_url: str
    client_context: ssl.SSLContext
    requests: list[bytes] = field(default_factory=list)


@contextlib.contextmanager
def _trickling_https(answer: bytes, interval: float = 0.5, prompt: int = 0) -> Iterator[_Trickler]:
    """HTTPS on 127.0.0.1 that sends ``answer`` (status line and headers included): its
    first ``prompt`` bytes at once, then one byte every ``interval`` seconds, until the
    client hangs up, the test ends or 12 s have passed (so code without a deadline fails
    rather than hangs)."""
    ca = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_context)
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.05)
    served = _Trickler(f"https://127.0.0.1:{listener.getsockname()[1]}", client_context)
    stop = threading.Event()
    workers: list[threading.Thread] = []

    def serve(raw: socket.socket) -> None:
        try:
            raw.settimeout(5)
            with server_context.wrap_socket(raw, server_side=True) as conn:
                request = b""
                while b"\r\n\r\n" not in request:
                    piece = conn.recv(65536)
                    if not piece:
                        return
                    request += piece
                served.requests.append(request)
                if prompt:
                    conn.sendall(answer[:prompt])
                ends = time.monotonic() + 2 + 2 * _SLACK  # then it gives up on its own
                for index in range(prompt, len(answer)):
                    if stop.wait(interval) or time.monotonic() > ends:
                        return
                    conn.sendall(answer[index : index + 1])
        except OSError:
            return  # the client hung up, as it should when its deadline passed

    def accept() -> None:
        while not stop.is_set():
            try:
                raw, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            worker = threading.Thread(target=serve, args=(raw,), daemon=True)
            workers.append(worker)
            worker.start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield served
    finally:
        stop.set()
        acceptor.join(5)
        listener.close()
        for worker in workers:
            worker.join(5)


def _ends_by_the_deadline(read: Callable[[], object], url: str) -> str:
    start = time.monotonic()
    with pytest.raises(SourceError) as info:
        read()
    elapsed = time.monotonic() - start
    assert elapsed < 2 + _SLACK, elapsed
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(url), message
    assert "deadline of 2 s" in message, message
    return message


_HEAD = _TRICKLE_PAGE.index(b"\r\n\r\n") + 4


@pytest.mark.parametrize("prompt", [_HEAD, 0], ids=["body trickled", "headers trickled"])
def test_a_trickled_page_ends_at_the_fetchers_deadline(prompt: int) -> None:
    with _trickling_https(_TRICKLE_PAGE, prompt=prompt) as served:
        fetcher = Fetcher(verify=served.client_context, timeout=2)
        url = f"{served.base_url}/p"
        try:
            _ends_by_the_deadline(lambda: fetcher.read(url), url)
        finally:
            fetcher.close()


def test_a_page_whose_body_trickles_after_a_prompt_head_ends_at_the_deadline(
    tmp_path: Path,
) -> None:
    body = _TRICKLE_PAGE.partition(b"\r\n\r\n")[2]
    with streaming_https_server(lambda: _slowly(body)) as served:
        fetcher = Fetcher(verify=served.client_context, timeout=2)
        url = f"{served.base_url}/p"
        start = time.monotonic()
        code, output = pull(url, "--schemas", str(tmp_path / "s"), fetcher=fetcher)
        elapsed = time.monotonic() - start
        fetcher.close()
    assert elapsed < 2 + _SLACK, elapsed
    assert code == 2, output
    assert output.count("\n") == 1
    assert url in output
    assert "deadline of 2 s" in output


def _slowly(body: bytes) -> Iterator[bytes]:
    deadline = time.monotonic() + 2 + 2 * _SLACK  # the server gives up on its own by then
    for index in range(len(body)):
        if time.monotonic() > deadline:
            return
        time.sleep(0.5)
        yield body[index : index + 1]


def test_a_trickled_catalog_ends_at_the_fetchers_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(TOKEN_ENV, "rc-test-secret-trickle-0123456789")
    with _trickling_https(_TRICKLE_CATALOG) as served:
        fetcher = Fetcher(verify=served.client_context, timeout=2, api_hosts=(served.base_url,))
        url = f"{served.base_url}/v1/models"
        try:
            message = _ends_by_the_deadline(lambda: read_catalog(url, fetcher), url)
        finally:
            fetcher.close()
    assert "rc-test-secret" not in message
    assert served.requests
    assert b"authorization: bearer" in served.requests[0].lower()


def test_each_document_has_a_deadline_of_its_own() -> None:
    # Two pages that take about a second each are both read, though together they take
    # longer than the timeout: the deadline is per document, not per run.
    answer = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + b"x" * 25
    with _trickling_https(answer, interval=0.04, prompt=answer.index(b"x")) as served:
        fetcher = Fetcher(verify=served.client_context, timeout=2)
        start = time.monotonic()
        try:
            for _ in range(3):
                assert fetcher.read(f"{served.base_url}/p") == "x" * 25
        finally:
            fetcher.close()
    assert time.monotonic() - start > 2  # the three reads together outlasted one deadline
