from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "inputs" / "pages"
CATALOG = ROOT / "inputs" / "catalog-sample.json"
SCHEMAS = ROOT / "schemas"


@pytest.fixture
def seed_pages() -> list[Path]:
    return sorted(PAGES.glob("*.txt"))


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run with the repository as working directory, as a maintainer would."""
    monkeypatch.chdir(ROOT)
    return ROOT


GENERATED = ROOT / "generated"
# The tests exercise the committed generated package; the drift check proves it is
# exactly what the generator makes from the bundled schemas.
if str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))
