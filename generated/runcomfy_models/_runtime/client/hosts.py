# Generated from generator/runtime/client/hosts.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Where the token may go: the base URL a client is given, checked before it is used.

The token is sent to one host only: the base URL's (RunComfy's production host by
default, or the one given with ``base_url=`` or ``RUNCOMFY_BASE_URL``), over https, or
plain http to loopback. Answers cannot move it: URLs they carry (``status_url``,
``result_url``, redirects, outputs) are never requested with it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import httpx

__all__ = ["checked_base_url"]

_VISIBLE_ASCII = re.compile(r"[\x21-\x7e]+")
_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def checked_base_url(url: str) -> str:
    """An http(s) URL with a host; plain http only to loopback, where nothing can listen in.

    No user info, query or fragment, and only visible ASCII: what is checked here is the
    host the token goes to, read the same way by ``urllib`` and by httpx.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(f"base URL {url!r} must be https://host (or http:// on loopback)")
    if not _VISIBLE_ASCII.fullmatch(url) or "\\" in url or parts.username is not None:
        raise ValueError(f"base URL {url!r}: only a plain https://host[:port][/path] is accepted")
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise ValueError(f"base URL {url!r}: no query or fragment (the path is appended to it)")
    try:
        seen_by_httpx = httpx.URL(url).host
    except httpx.InvalidURL:
        raise ValueError(f"base URL {url!r} is not a valid URL") from None
    if seen_by_httpx != parts.hostname.strip("[]"):
        raise ValueError(f"base URL {url!r}: its host is read two ways; refused")
    if parts.scheme == "http" and parts.hostname not in _LOOPBACK:
        raise ValueError(
            f"base URL {url!r}: the token is sent only over https, or plain http to 127.0.0.1"
        )
    return url.rstrip("/")
