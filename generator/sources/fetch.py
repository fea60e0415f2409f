"""Read a source (a local file, or an https URL fetched with a size and time cap) and
say how a schema file records it.

Only https is fetched: doc pages and the catalog are public HTTPS endpoints, and a
plain-http or other scheme is refused rather than silently downgraded.

The API token goes only to an API host: RunComfy's production and development APIs
(:data:`~generator.runtime.constants.API_BASE_URLS`) or an origin the user names with
``--api-host``, compared as whole origins (scheme, host, port). A request that would
carry it anywhere else is refused before connecting, and a request that carries it
never follows a redirect: a 3xx answer is an error. Requests without the token (doc
pages) follow redirects, to https only. The token goes only into the Authorization
header and never into a message.

Every source is capped at :data:`MAX_SOURCE_BYTES` (``--max-source-size``): a file or an
answer over the cap is refused with one line, before it is read whole (a declared
Content-Length or file size over the cap is refused before the first byte of the body).

Every URL is read within a deadline: the fetcher's ``timeout`` bounds the whole read of one
document (connecting, redirects, headers and body), not each socket read, so a host that
trickles a byte at a time is cut off when the time is up (plus
:data:`~generator.runtime.client.exchange.GRACE` to close and raise) with one line naming
the URL and the deadline.
"""

from __future__ import annotations

import os
import re
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from generator.errors import SourceError, SourceGone
from generator.runtime.client.exchange import Deadline, bound
from generator.runtime.constants import API_BASE_URLS

__all__ = [
    "MAX_SOURCE_BYTES",
    "Fetched",
    "Fetcher",
    "api_origin",
    "is_url",
    "parse_size",
    "record_location",
    "resolve_location",
]

MAX_SOURCE_BYTES = 8 * 1024 * 1024
"""The default cap on one source (a doc page, a catalog answer page), in bytes."""
# The answers that say a page was removed. Anything else that is not 200 (a server
# error, a block, a rate limit) says nothing about the page, so it is not "gone".
GONE_STATUSES = frozenset({404, 410})

_CHUNK = 64 * 1024
_SIZE = re.compile(r"(?P<number>[0-9]+)\s*(?P<unit>[kKmMgG]?)(?:i?[bB])?")
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str) -> int:
    """``"16M"``, ``"512k"``, ``"1048576"`` as bytes (k, M, G are powers of 1024)."""
    match = _SIZE.fullmatch(text.strip())
    if match is None or int(match["number"]) == 0:
        raise ValueError(
            f"{text!r} is not a size; expected a positive number of bytes, or 512k, 16M"
        )
    return int(match["number"]) * _UNITS[match["unit"].lower()]


def is_url(location: str) -> bool:
    """Whether ``location`` names a URL rather than a local path."""
    return "://" in location


def api_origin(url: str) -> str:
    """The origin ``https://host[:port]`` of an API host as the user spelled it, normalised
    (lower case, no default port); ``ValueError`` for anything but an https origin."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError as exc:
        raise ValueError(f"{url!r} is not a URL: {exc}") from None
    if parts.scheme.lower() != "https":
        raise ValueError(f"{url!r}: the API token is only sent over https; expected https://HOST")
    if not parts.hostname or parts.username is not None or parts.password is not None:
        raise ValueError(f"{url!r}: expected https://HOST[:PORT], no user or password")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(f"{url!r}: expected only a host, https://HOST[:PORT], no path or query")
    origin = _origin_of(url.strip())
    if origin is None:
        raise ValueError(f"{url!r} is not a URL")
    return origin


def _origin_of(url: str) -> str | None:
    """The https origin a request for ``url`` connects to, normalised; ``None`` if it is not
    https, carries a user or password, or is no URL. Read with httpx's own parser, so the
    host checked is the host the request would go to."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        return None
    if parsed.scheme != "https" or not parsed.raw_host or parsed.userinfo:
        return None
    host = parsed.raw_host.decode("ascii").lower()
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    port = parsed.port
    return f"https://{host}" + (f":{port}" if port not in (None, 443) else "")


def _project_root(schemas_dir: Path) -> Path:
    """Where recorded paths are relative to: the parent of the schemas directory.

    In a project ``schemas/`` and ``inputs/`` are siblings, so the record is the same
    whichever directory ``pull`` runs from.
    """
    return Path(os.path.abspath(schemas_dir)).parent


def record_location(location: str, schemas_dir: Path) -> str:
    """How a source is recorded in a schema file under ``schemas_dir``.

    A URL as given; a local path relative to the schemas directory's parent when it lies
    under it (``inputs/pages/000.txt``), else absolute.
    """
    if is_url(location):
        return location
    path = Path(os.path.abspath(location))
    root = _project_root(schemas_dir)
    for base, target in ((root, path), (root.resolve(), path.resolve())):
        try:
            return target.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def resolve_location(location: str, schemas_dir: Path) -> str:
    """The location to read a recorded source from: the inverse of :func:`record_location`."""
    if is_url(location) or Path(location).is_absolute():
        return location
    return str(_project_root(schemas_dir) / location)


def _text(data: bytes) -> str:
    """A file's UTF-8 bytes as ``open()`` reads them (``\\r\\n`` and ``\\r`` as ``\\n``)."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Fetched:
    """A source's text, and the Content-Type it was served with (``None`` for files)."""

    text: str
    content_type: str | None = None


@dataclass
class Fetcher:
    """Reads sources; one HTTP connection pool for all URLs of a run.

    ``api_hosts`` are the origins the token may be sent to; ``max_bytes`` caps each source;
    ``timeout`` (seconds) bounds the whole read of each URL, from connecting to the last
    byte of the body.
    """

    verify: ssl.SSLContext | bool = True
    timeout: float = 30.0
    api_hosts: tuple[str, ...] = API_BASE_URLS
    max_bytes: int = MAX_SOURCE_BYTES
    _client: httpx.Client | None = field(default=None, repr=False)

    def is_api_host(self, url: str) -> bool:
        """Whether the token may be sent to ``url``: its origin is one of ``api_hosts``."""
        origin = _origin_of(url)
        return origin is not None and origin in {_origin_of(host) for host in self.api_hosts}

    def require_api_host(self, url: str, what: str = "") -> None:
        """Refuse ``url`` as a place for the token, with a message saying what to do."""
        if self.is_api_host(url):
            return
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        allowed = ", ".join(self.api_hosts)
        raise SourceError(
            f"{what or url}: {origin} is not a RunComfy API host ({allowed}); the API token "
            f"is sent only there. If you trust it, pass --api-host {origin}"
        )

    def read(self, location: str, token: str | None = None) -> str:
        """The text at ``location``; errors name the location, never the token."""
        return self.fetch(location, token).text

    def fetch(self, location: str, token: str | None = None) -> Fetched:
        """The text at ``location`` with its Content-Type, so HTML can be told from text."""
        if is_url(location):
            return self._get(location, token)
        return Fetched(self._read_file(location))

    def _too_large(self, location: str, size: int | None = None) -> SourceError:
        seen = f" ({size} bytes)" if size is not None else ""
        return SourceError(
            f"{location}: larger than the cap of {self.max_bytes} bytes{seen}; not read "
            "(raise it with --max-source-size if the source is genuine)"
        )

    def _read_file(self, location: str) -> str:
        try:
            with open(location, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > self.max_bytes:
                    raise self._too_large(location, size)
                data = handle.read(self.max_bytes + 1)  # a FIFO or device has no size
        except FileNotFoundError:
            raise SourceGone(f"{location}: no such file") from None
        except IsADirectoryError:
            raise SourceError(f"{location}: cannot read: it is a directory") from None
        except OSError as exc:
            raise SourceError(f"{location}: cannot read: {exc}") from None
        if len(data) > self.max_bytes:
            raise self._too_large(location)
        try:
            return _text(data)
        except UnicodeDecodeError as exc:
            raise SourceError(f"{location}: cannot read: {exc}") from None

    def _get(self, url: str, token: str | None) -> Fetched:
        if urlsplit(url).scheme != "https":
            raise SourceError(f"{url}: only https URLs are fetched")
        if token:
            self.require_api_host(url)
        if self._client is None:
            # ``bound``: within a deadline's scope every socket operation (connect, TLS,
            # each read of the head and body) gets at most the time left.
            self._client = bound(
                httpx.Client(verify=self.verify, timeout=self.timeout, follow_redirects=True)
            )
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        deadline = Deadline.within(self.timeout)
        try:
            with (
                deadline.scope(),
                self._client.stream(
                    "GET",
                    url,
                    headers=headers,
                    follow_redirects=not token,
                    timeout=deadline.timeout(httpx.Timeout(self.timeout)),
                ) as response,
            ):
                if response.url.scheme != "https":
                    raise SourceError(f"{url}: redirected to a non-https URL")
                if response.status_code in GONE_STATUSES:
                    raise SourceGone(f"{url}: HTTP {response.status_code}")
                if token and response.is_redirect:
                    raise SourceError(
                        f"{url}: HTTP {response.status_code} redirect; requests that carry "
                        "the API token never follow redirects"
                    )
                if response.status_code != 200:
                    raise SourceError(f"{url}: HTTP {response.status_code}")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise self._too_large(url, int(declared))
                body = bytearray()
                for chunk in response.iter_bytes(_CHUNK):  # decompressed: the cap holds
                    deadline.check()
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise self._too_large(url)
                encoding = response.encoding or "utf-8"
                content_type = response.headers.get("content-type")
        except httpx.TimeoutException as exc:
            if deadline.passed():
                raise SourceError(
                    f"{url}: not read within the deadline of {self.timeout:g} s (the whole "
                    "read, headers and body); the host answers too slowly"
                ) from None
            raise SourceError(f"{url}: {type(exc).__name__}: {exc}") from None
        except httpx.HTTPError as exc:
            raise SourceError(f"{url}: {type(exc).__name__}: {exc}") from None
        try:
            return Fetched(body.decode(encoding, errors="replace"), content_type)
        except LookupError:  # an unknown charset in Content-Type
            raise SourceError(f"{url}: unknown charset {encoding!r}") from None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
