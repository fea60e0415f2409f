"""Where the tests' inputs live in the repository."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "inputs" / "pages"
CATALOG = ROOT / "inputs" / "catalog-sample.json"
SCHEMAS = ROOT / "schemas"
TEST_FIXTURES = ROOT / "tests" / "fixtures"
RUNTIME_SOURCE = ROOT / "generator" / "runtime"
# The committed tree: only the golden tree test reads it (tests/e2e/test_golden_tree.py).
# Every other test uses generated_tree() from tests.support.package.
COMMITTED_TREE = ROOT / "generated"
