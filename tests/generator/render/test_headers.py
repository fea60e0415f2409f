"""Every generated file opens with a provenance header, and no file carries a date."""

from __future__ import annotations

import re

from tests.support.package import generated_tree
from tests.support.trees import tree_of


def test_every_file_has_a_provenance_header_and_no_timestamp() -> None:
    for path, data in tree_of(generated_tree()).items():
        if path.endswith(("py.typed", ".json")):
            continue
        first, second = data.decode("utf-8").splitlines()[:2]
        assert "Generated from " in first, path
        assert "by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead" in second
        assert max(len(first), len(second)) <= 100, path
    text = b"".join(tree_of(generated_tree()).values()).decode("utf-8")
    assert re.search(r"\b20\d\d-[01]\d-[0-3]\d", text) is None  # no date was written
