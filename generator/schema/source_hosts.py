"""Lint: a schema file's ``source`` should name only RunComfy's hosts.

``pull --check`` and ``pull --recorded`` re-read the locations a schema file records. A
catalog is read with the API token, so a catalog recorded anywhere but RunComfy's API
(:data:`~generator.runtime.constants.API_BASE_URLS`) is refused at pull time unless the
maintainer names its host with ``--api-host``; a page is read without the token, but a
page on a host that is not RunComfy's says the schema did not come from RunComfy's docs.
Both are warnings here, so a reviewer sees them in the pull request that adds the file,
before any scheduled job reads them. Local paths are not hosts and are not checked.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from generator.runtime.constants import API_BASE_URLS
from generator.schema.findings import Finding, json_pointer

__all__ = ["SITE_DOMAINS", "source_host_findings"]

SITE_DOMAINS = ("runcomfy.com", "runcomfy.net")
"""RunComfy's web domains: doc pages are read from these hosts or their subdomains."""


def _origin(url: str) -> tuple[str, str, str] | None:
    """``(scheme, host, origin)`` of ``url``, normalised; ``None`` if it has no host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname or parts.username is not None or parts.password is not None:
        return None
    scheme, host = parts.scheme.lower(), parts.hostname.lower().rstrip(".")
    default = {"https": 443, "http": 80}.get(scheme)
    origin = f"{scheme}://{host}" + (f":{port}" if port not in (None, default) else "")
    return scheme, host, origin


def _problem(kind: Any, location: str) -> str | None:
    found = _origin(location)
    scheme, host, origin = found if found is not None else ("", "", "")
    if kind == "catalog":
        if origin in API_BASE_URLS:
            return None
        return (
            f"catalog {location} is not on a RunComfy API host ({', '.join(API_BASE_URLS)}); "
            "pull --check and --recorded refuse to send it the API token unless its host "
            "is given with --api-host"
        )
    if scheme == "https" and any(host == d or host.endswith("." + d) for d in SITE_DOMAINS):
        return None
    return (
        f"page {location} is not on an https RunComfy host ({', '.join(SITE_DOMAINS)} and "
        "their subdomains); check where this schema came from"
    )


def source_host_findings(label: str, document: Any) -> list[Finding]:
    """A warning per recorded URL outside RunComfy's hosts, at ``/source/locations/N``."""
    source = document.get("source") if isinstance(document, dict) else None
    if not isinstance(source, dict) or not isinstance(source.get("locations"), list):
        return []
    findings = []
    for index, location in enumerate(source["locations"]):
        if not isinstance(location, str) or "://" not in location:
            continue
        problem = _problem(source.get("kind"), location)
        if problem is not None:
            pointer = json_pointer("source", "locations", index)
            findings.append(Finding(label, pointer, "warning", "foreign-source", problem))
    return findings
