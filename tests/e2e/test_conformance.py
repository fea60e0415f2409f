"""Generated models against the official JSON Schema Test Suite (draft 2020-12).

Each case group's schema becomes the one required property ``value`` of an input schema
(``suite/<keyword>-<n>``), less the group's ``$schema`` dialect declaration, which
belongs to the test document, not to the property. The group is linted; if lint accepts
it, it is generated with all the others in one run, and every test's ``data`` is
validated as ``Input.model_validate({"value": data}, by_alias=True, by_name=False)``
in a fresh interpreter. The verdict must be the suite's ``valid``.

What is asserted:

- every case of a supported keyword that lint accepts agrees with the suite;
- every group lint rejects is rejected only for an unsupported keyword or for one of the
  stated limits (``generator/schema/metaschema.py``: ``UNSUPPORTED_KEYWORDS``, ``LIMITS``),
  and exactly the groups listed in ``REJECTED`` are, so a new rejection is deliberate.

The table is printed by the test (``pytest -s tests/e2e/test_conformance.py``) and by
``python -m tests.test_conformance``.

Not exercised here: the top-level ``Input`` refuses properties its schema does not name
(a misspelt field must fail before a paid job), where JSON Schema would accept them
(there is no ``additionalProperties`` keyword to say otherwise); nested objects accept
them, as JSON Schema does.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.schema.findings import Finding
from generator.schema.lint import lint_document
from generator.schema.metaschema import LIMITS, SUPPORTED_KEYWORDS, UNSUPPORTED_KEYWORDS
from tests.support.documents import document, write
from tests.support.paths import TEST_FIXTURES

SUITE = TEST_FIXTURES / "json-schema-test-suite" / "draft2020-12"

# Groups lint rejects, by (keyword file, index), and the finding codes it rejects them with.
REJECTED: dict[tuple[str, int], set[str]] = {
    ("default", 0): {"default-type"},
    ("enum", 1): {"ambiguous-enum"},
    ("enum", 14): {"empty-enum"},
    ("items", 1): {"boolean-schema"},
    ("items", 2): {"boolean-schema"},
    ("items", 3): {"unsupported-keyword", "boolean-schema"},
    ("items", 5): {"unsupported-keyword", "boolean-schema"},
    ("items", 6): {"unsupported-keyword"},
    ("items", 7): {"unsupported-keyword"},
    ("items", 8): {"unsupported-keyword", "boolean-schema"},
    ("pattern", 2): {"invalid-pattern"},
    ("properties", 1): {"unsupported-keyword"},
    ("properties", 2): {"boolean-schema"},
    ("uniqueItems", 1): {"unsupported-keyword"},
    ("uniqueItems", 2): {"unsupported-keyword", "boolean-schema"},
    ("uniqueItems", 4): {"unsupported-keyword"},
    ("uniqueItems", 5): {"unsupported-keyword", "boolean-schema"},
}

_EVALUATE = """
import json, sys
from pydantic import ValidationError
import runcomfy_models

results = {}
for model_id, datas in json.load(sys.stdin).items():
    model = runcomfy_models.get_model(model_id).input
    verdicts = []
    for data in datas:
        try:
            model.model_validate({"value": data}, by_alias=True, by_name=False)
            verdicts.append(True)
        except ValidationError:
            verdicts.append(False)
        except Exception as exc:  # a crash is a disagreement, named in the report
            verdicts.append(f"{type(exc).__name__}: {exc}")
    results[model_id] = verdicts
json.dump(results, sys.stdout)
"""


@dataclass
class Group:
    """One case group of the suite: a schema and the tests of it."""

    keyword: str
    index: int
    description: str
    schema: Any
    tests: list[dict[str, Any]]
    findings: list[Finding] = field(default_factory=list)
    verdicts: list[bool | str] = field(default_factory=list)

    @property
    def model_id(self) -> str:
        return f"suite/{self.keyword}-{self.index}"

    @property
    def rejected(self) -> bool:
        return any(f.is_error for f in self.findings)

    def disagreements(self) -> list[str]:
        return [
            f"{self.model_id} ({self.description}): {test['description']}: "
            f"data {json.dumps(test['data'])[:80]} expected {test['valid']}, got {verdict}"
            for test, verdict in zip(self.tests, self.verdicts, strict=True)
            if verdict is not test["valid"]
        ]


@dataclass
class Report:
    groups: list[Group]

    def by_keyword(self) -> dict[str, list[Group]]:
        table: dict[str, list[Group]] = {}
        for group in self.groups:
            table.setdefault(group.keyword, []).append(group)
        return table

    def rows(self) -> list[tuple[str, int, int, int, int]]:
        """(keyword, cases, agree, disagree, rejected by lint) per keyword file."""
        rows = []
        for keyword, groups in self.by_keyword().items():
            cases = sum(len(g.tests) for g in groups)
            rejected = sum(len(g.tests) for g in groups if g.rejected)
            disagree = sum(len(g.disagreements()) for g in groups if not g.rejected)
            rows.append((keyword, cases, cases - rejected - disagree, disagree, rejected))
        return rows

    def table(self) -> str:
        header = ["keyword", "cases", "agree", "disagree", "rejected by lint"]
        counts = self.rows()
        rows = [header, *([k, str(c), str(a), str(d), str(r)] for k, c, a, d, r in counts)]
        totals = (
            sum(row[1] for row in counts),
            sum(row[2] for row in counts),
            sum(row[3] for row in counts),
            sum(row[4] for row in counts),
        )
        rows.append(["total", *(str(t) for t in totals)])
        widths = [max(len(row[i]) for row in rows) for i in range(5)]
        lines = [
            "| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |"
            for row in rows
        ]
        lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
        notes = ["", "Rejected by lint (JSON Schema Test Suite group: finding codes):"]
        for group in self.groups:
            if group.rejected:
                codes = sorted({f"{f.code} {f.pointer.rsplit('/', 1)[-1]}" for f in errors(group)})
                notes.append(f"- {group.model_id} ({group.description}): {'; '.join(codes)}")
        disagreements = [d for g in self.groups if not g.rejected for d in g.disagreements()]
        notes.append("")
        notes.append(f"Disagreements: {len(disagreements)}")
        notes.extend(f"- {d}" for d in disagreements)
        notes.append("")
        notes.append(
            "Top-level Input fields refuse unknown properties (deliberate; nested objects "
            "accept them as JSON Schema does). `$schema` is taken off each group's schema."
        )
        return "\n".join(lines + notes)


def errors(group: Group) -> list[Finding]:
    return [f for f in group.findings if f.is_error]


def load_groups() -> list[Group]:
    groups = []
    for path in sorted(SUITE.glob("*.json")):
        for index, case in enumerate(json.loads(path.read_text("utf-8"))):
            schema = case["schema"]
            if isinstance(schema, dict):
                schema = {k: v for k, v in schema.items() if k != "$schema"}
            groups.append(Group(path.stem, index, case["description"], schema, case["tests"]))
    return groups


def run_conformance(workdir: Path) -> Report:
    """Lint, generate (one run) and validate every group; the report of what agreed."""
    groups = load_groups()
    schemas, out = workdir / "schemas", workdir / "out"
    for group in groups:
        data = document({"value": group.schema}, required=["value"], model_id=group.model_id)
        _, group.findings = lint_document(data)
        if not group.rejected:
            write(schemas, data)
    result = CliRunner().invoke(main, ["generate", "--schemas", str(schemas), "--out", str(out)])
    if result.exit_code != 0:
        raise RuntimeError(f"generate failed:\n{result.output}")
    cases = {g.model_id: [t["data"] for t in g.tests] for g in groups if not g.rejected}
    done = subprocess.run(
        [sys.executable, "-c", _EVALUATE],
        input=json.dumps(cases),
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"evaluating the generated models failed:\n{done.stderr}")
    verdicts = json.loads(done.stdout)
    for group in groups:
        group.verdicts = verdicts.get(group.model_id, [])
    return Report(groups)


@pytest.mark.slow
def test_generated_models_agree_with_the_json_schema_test_suite(tmp_path: Path) -> None:
    report = run_conformance(tmp_path)
    print("\n" + report.table())

    for keyword, _, _, disagree, _ in report.rows():
        assert keyword in SUPPORTED_KEYWORDS
        assert disagree == 0, report.table()

    rejected = {
        (g.keyword, g.index): {f.code for f in errors(g)} for g in report.groups if g.rejected
    }
    assert rejected == REJECTED, report.table()
    for group in report.groups:
        for finding in errors(group):
            if finding.code == "unsupported-keyword":
                assert finding.pointer.rsplit("/", 1)[-1] in UNSUPPORTED_KEYWORDS, finding
            else:
                assert finding.code in LIMITS, finding
            assert finding.model_id == group.model_id

    counts = Counter(verdict is True for g in report.groups for verdict in g.verdicts)
    assert counts[True] > 100  # both verdicts well exercised
    assert counts[False] > 100


_EXTRAS = """
import json
from pydantic import ValidationError
import runcomfy_models

model = runcomfy_models.get_model("suite/extra-properties").input
nested = {"opts": {"k": 1, "unnamed": [True]}}
print(json.dumps(model.model_validate(nested, by_alias=True, by_name=False).to_request()))
try:
    model.model_validate({"opts": {"k": 1}, "typo": 1}, by_alias=True, by_name=False)
except ValidationError as exc:
    print(json.dumps([(list(e["loc"]), e["type"]) for e in exc.errors()]))
"""


def test_unknown_properties_are_refused_at_the_top_and_kept_below(tmp_path: Path) -> None:
    """The one deliberate departure from JSON Schema, and where it stops."""
    nested = {"type": "object", "properties": {"k": {"type": "integer"}}}
    data = document({"opts": nested}, model_id="suite/extra-properties")
    write(tmp_path / "schemas", data)
    out = tmp_path / "out"
    args = ["generate", "--schemas", str(tmp_path / "schemas"), "--out", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    done = subprocess.run(
        [sys.executable, "-c", _EXTRAS], cwd=out, capture_output=True, text=True, check=True
    )
    kept, refused = done.stdout.splitlines()
    assert json.loads(kept) == {"opts": {"k": 1, "unnamed": [True]}}
    assert json.loads(refused) == [[["typo"], "extra_forbidden"]]


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        print(run_conformance(Path(scratch)).table())
