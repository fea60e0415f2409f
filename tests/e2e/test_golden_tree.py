"""The golden tree: the committed generated/ is exactly what a fresh generate makes.

This is the one test that reads the committed tree; every other test imports and runs a
tree generated fresh from the source (tests/support/package.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.paths import COMMITTED_TREE
from tests.support.trees import CACHES, generate, tree_of


def test_committed_generated_tree_matches_a_fresh_generate(in_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "generated"
    # Regenerate over a copy, as a maintainer would: version and changelog carry over.
    shutil.copytree(COMMITTED_TREE, out, ignore=shutil.ignore_patterns(*CACHES))
    code, output = generate("--out", str(out))
    assert code == 0, output
    fresh = tree_of(out)
    committed = tree_of(COMMITTED_TREE)

    def normalise(data: bytes) -> bytes:
        """Only the regenerate command in headers differs (it names --out)."""
        return data.replace(f" --out {out.as_posix()}".encode(), b"")

    assert sorted(fresh) == sorted(committed)
    for path, data in fresh.items():
        if path != "codegen-manifest.json":
            assert normalise(data) == committed[path], path
