"""Fixtures of the runtime's tests: the emulator on loopback and a fast client; a media
server on loopback (HTTPS with a test CA) and an httpx client that trusts it.

One emulator serves each test module (``served``); ``emulator`` resets it before each test."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from runcomfy_models import Client, get_model
from runcomfy_models.testing import Emulator, serve
from tests.support.emulated import FAST_POLL, FAST_RETRY, QUICK, TOKEN
from tests.support.media_server import MediaServer, media_server


@pytest.fixture(scope="module")
def served() -> Iterator[Emulator]:
    with serve(Emulator(token=TOKEN, specs=get_model, plan=QUICK)) as emulator:
        yield emulator


@pytest.fixture
def emulator(served: Emulator) -> Emulator:
    served.reset(QUICK)
    return served


@pytest.fixture
def client(emulator: Emulator) -> Iterator[Client]:
    with Client(TOKEN, base_url=emulator.base_url, retry=FAST_RETRY, poll=FAST_POLL) as made:
        yield made


@pytest.fixture(scope="module")
def media() -> Iterator[MediaServer]:
    with media_server() as served:
        yield served


@pytest.fixture(scope="module")
def media_http(media: MediaServer) -> Iterator[httpx.Client]:
    with httpx.Client(verify=media.client_context) as http:
        yield http
