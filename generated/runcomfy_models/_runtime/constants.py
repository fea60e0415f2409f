# Generated from generator/runtime/constants.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""The API's constants, in one place: where it lives and where the token comes from.

Standard library only, so every layer may import it.
"""

from __future__ import annotations

import functools
import platform
from collections.abc import Mapping
from importlib import metadata

__all__ = [
    "API_BASE_URLS",
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "DEV_BASE_URL",
    "ENVIRONMENTS",
    "ENVIRONMENT_ENV",
    "OUTPUTS_CA_ENV",
    "TOKEN_ENV",
    "TOKEN_ENVS",
    "agent_headers",
    "environment_url",
    "user_agent",
]

DEFAULT_BASE_URL = "https://model-api.runcomfy.net"
"""RunComfy's model API; ``base_url=`` or ``RUNCOMFY_BASE_URL`` points elsewhere."""

DEV_BASE_URL = "https://model-api-int.runcomfy.net"
"""RunComfy's development model API."""

API_BASE_URLS = (DEFAULT_BASE_URL, DEV_BASE_URL)
"""RunComfy's API hosts (production, development): the only places the token goes
unless the user names another one explicitly."""

TOKEN_ENV = "RUNCOMFY_API_TOKEN"
"""The environment variable a client reads its API token from when given none."""

TOKEN_ENVS = (TOKEN_ENV, "RUNCOMFY_TOKEN")
"""Where a client looks for its token, in order: ``RUNCOMFY_TOKEN`` is the name RunComfy's
own command line reads."""

ENVIRONMENTS: dict[str, str] = {"production": DEFAULT_BASE_URL, "development": DEV_BASE_URL}
"""The API's environments (``environment=``) and their base URLs."""

ENVIRONMENT_ENV = "RUNCOMFY_API_ENVIRONMENT"
"""The environment variable a client reads its environment from when given none."""

BASE_URL_ENV = "RUNCOMFY_BASE_URL"
"""The environment variable a client reads its base URL from when given none."""

OUTPUTS_CA_ENV = "RUNCOMFY_OUTPUTS_CA"
"""A CA's PEM file the command line trusts, besides the usual ones, when it downloads
outputs (``--ca-file``'s default): ``emulate --https-outputs`` prints its own."""


def environment_url(environment: str) -> str:
    """The base URL of ``environment``; a one-line ``ValueError`` for an unknown one."""
    try:
        return ENVIRONMENTS[environment.strip().lower()]
    except KeyError:
        known = " or ".join(repr(name) for name in ENVIRONMENTS)
        raise ValueError(
            f"unknown RunComfy environment {environment!r}: expected {known} "
            f"(environment= or {ENVIRONMENT_ENV})"
        ) from None


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "unknown"


@functools.cache
def user_agent() -> str:
    """``runcomfy-models/<version> python/<version> httpx/<version>``: every request's."""
    return (
        f"runcomfy-models/{_version('runcomfy-models')} "
        f"python/{platform.python_version()} httpx/{_version('httpx')}"
    )


def agent_headers(client_headers: Mapping[str, str]) -> dict[str, str]:
    """The User-Agent header to add to a request made through a client with
    ``client_headers``: ours, unless the client sets its own (httpx's default is not one).
    """
    current = client_headers.get("user-agent", "")
    if current and not current.startswith("python-httpx/"):
        return {}
    return {"User-Agent": user_agent()}
