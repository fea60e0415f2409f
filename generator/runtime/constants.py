"""The API's constants, in one place: where it lives and where the token comes from.

Standard library only (in fact, nothing at all), so every layer may import it.
"""

from __future__ import annotations

__all__ = [
    "API_BASE_URLS",
    "BASE_URL_ENV",
    "DEFAULT_BASE_URL",
    "DEV_BASE_URL",
    "OUTPUTS_CA_ENV",
    "TOKEN_ENV",
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

BASE_URL_ENV = "RUNCOMFY_BASE_URL"
"""The environment variable a client reads its base URL from when given none."""

OUTPUTS_CA_ENV = "RUNCOMFY_OUTPUTS_CA"
"""A CA's PEM file the command line trusts, besides the usual ones, when it downloads
outputs (``--ca-file``'s default): ``emulate --https-outputs`` prints its own."""
