"""Fixtures of the client and command-line tests: the emulator on loopback and a fast client.

One emulator serves each test module (``served``); ``emulator`` resets it before each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from runcomfy_models import Client, get_model
from runcomfy_models.testing import Emulator, serve
from tests.support.emulated import FAST_POLL, FAST_RETRY, QUICK, TOKEN


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
