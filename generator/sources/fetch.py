"""Read a source: a local file, or an https URL fetched with a size and time cap.

Only https is fetched: doc pages and the catalog are public HTTPS endpoints, and a
plain-http or other scheme is refused rather than silently downgraded. The token, when
one is sent, goes only into the Authorization header and never into a message.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from generator.errors import SourceError

__all__ = ["Fetcher", "is_url", "location_of"]

MAX_SOURCE_BYTES = 32 * 1024 * 1024


def is_url(location: str) -> bool:
    """Whether ``location`` names a URL rather than a local path."""
    return "://" in location


def location_of(location: str) -> str:
    """How a source is recorded: a URL as given, a path relative to the working tree."""
    if is_url(location):
        return location
    path = Path(location).resolve()
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class Fetcher:
    """Reads sources; one HTTP connection pool for all URLs of a run."""

    verify: ssl.SSLContext | bool = True
    timeout: float = 30.0
    _client: httpx.Client | None = field(default=None, repr=False)

    def read(self, location: str, token: str | None = None) -> str:
        """The text at ``location``; errors name the location, never the token."""
        if is_url(location):
            return self._get(location, token)
        try:
            return Path(location).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise SourceError(f"{location}: no such file") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"{location}: cannot read: {exc}") from None

    def _get(self, url: str, token: str | None) -> str:
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
                if response.status_code != 200:
                    raise SourceError(f"{url}: HTTP {response.status_code}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > MAX_SOURCE_BYTES:
                        raise SourceError(f"{url}: larger than {MAX_SOURCE_BYTES} bytes")
                return body.decode(response.encoding or "utf-8", errors="replace")
        except httpx.HTTPError as exc:
            raise SourceError(f"{url}: {type(exc).__name__}: {exc}") from None

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
