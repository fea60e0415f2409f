"""Fixtures for every test, and the package under test on ``sys.path``.

``runcomfy_models`` is generated fresh from the source tree when this file is imported,
before pytest imports any test module (tests.support.package says how); the committed
``generated/`` is read only by the golden tree test.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support.package import generated_tree, remove_generated_tree
from tests.support.paths import PAGES, ROOT

if str(generated_tree()) not in sys.path:
    sys.path.insert(0, str(generated_tree()))


def pytest_unconfigure(config: pytest.Config) -> None:
    remove_generated_tree()


@pytest.fixture
def seed_pages() -> list[Path]:
    return sorted(PAGES.glob("*.txt"))


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run with the repository as working directory, as a maintainer would."""
    monkeypatch.chdir(ROOT)
    return ROOT
