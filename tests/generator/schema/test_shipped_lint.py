"""The shipped schemas lint clean, and the description-limit figures in the docs are
what lint finds on them now."""

from __future__ import annotations

import re
from collections import Counter

from generator.schema.lint import lint_directory
from tests.support.paths import ROOT, SCHEMAS

CODES = ("limit-in-description", "limit-disagrees-with-description")


def test_the_docs_table_counts_what_lint_finds_on_the_shipped_schemas() -> None:
    report = lint_directory(SCHEMAS)
    assert len(report.schemas) == 95
    assert report.errors == []
    found = Counter(f.code for f in report.warnings if f.code in CODES)
    models = {f.model_id for f in report.warnings if f.code in CODES}
    docs = (ROOT / "docs/maintainers.md").read_text("utf-8")
    rows = re.findall(r"^\| `([a-z-]+)` \| .* \| (\d+) \|$", docs, re.MULTILINE)
    documented = Counter[str]()
    for code, count in rows:
        documented[code] += int(count)
    assert documented == found
    total = re.search(r"\*\*total\*\*, in (\d+) of the 95 models \| \*\*(\d+)\*\*", docs)
    assert total is not None
    assert (int(total[1]), int(total[2])) == (len(models), sum(found.values()))
