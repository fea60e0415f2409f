"""Read a source (a local file, or an https URL fetched with a size and time cap) and
say how a schema file records it.

Only https is fetched: doc pages and the catalog are public HTTPS endpoints, and a
plain-http or other scheme is refused rather than silently downgraded. The token, when
one is sent, goes only into the Authorization header and never into a message.
"""

from __future__ import annotations

import os
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from generator.errors import SourceError, SourceGone

__all__ = ["Fetched", "Fetcher", "is_url", "record_location", "resolve_location"]

MAX_SOURCE_BYTES = 32 * 1024 * 1024
# The answers that say a page was removed. Anything else that is not 200 (a server
# error, a block, a rate limit) says nothing about the page, so it is not "gone".
GONE_STATUSES = frozenset({404, 410})


def is_url(location: str) -> bool:
    """Whether ``location`` names a URL rather than a local path."""
    return "://" in location


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


@dataclass(frozen=True)
class Fetched:
    """A source's text, and the Content-Type it was served with (``None`` for files)."""

    text: str
    content_type: str | None = None


@dataclass
class Fetcher:
    """Reads sources; one HTTP connection pool for all URLs of a run."""

    verify: ssl.SSLContext | bool = True
    timeout: float = 30.0
    _client: httpx.Client | None = field(default=None, repr=False)

    def read(self, location: str, token: str | None = None) -> str:
        """The text at ``location``; errors name the location, never the token."""
        return self.fetch(location, token).text

    def fetch(self, location: str, token: str | None = None) -> Fetched:
        """The text at ``location`` with its Content-Type, so HTML can be told from text."""
        if is_url(location):
            return self._get(location, token)
        try:
            return Fetched(Path(location).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SourceGone(f"{location}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"{location}: cannot read: {exc}") from None

    def _get(self, url: str, token: str | None) -> Fetched:
        if urlsplit(url).scheme != "https":
            raise SourceError(f"{url}: only https URLs are fetched")
        if self._client is None:
            self._client = httpx.Client(
                verify=self.verify, timeout=self.timeout, follow_redirects=True
            )
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.url.scheme != "https":
                    raise SourceError(f"{url}: redirected to a non-https URL")
                if response.status_code in GONE_STATUSES:
                    raise SourceGone(f"{url}: HTTP {response.status_code}")
                if response.status_code != 200:
                    raise SourceError(f"{url}: HTTP {response.status_code}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > MAX_SOURCE_BYTES:
                        raise SourceError(f"{url}: larger than {MAX_SOURCE_BYTES} bytes")
                text = body.decode(response.encoding or "utf-8", errors="replace")
                return Fetched(text, response.headers.get("content-type"))
        except httpx.HTTPError as exc:
            raise SourceError(f"{url}: {type(exc).__name__}: {exc}") from None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
