"""Lint on hostile patterns: a warning for shapes that backtrack badly, silence for the
usual safe shapes, and lint itself never hangs on a hostile pattern with a hostile default."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.runtime.core.patterns import PATTERN_TIMEOUT
from generator.schema.lint import lint_document
from generator.schema.patterns import ValueValidator, backtracking_problem
from tests.support.documents import document, write

SLACK = 20.0
HOSTILE = [
    r"^(a+)+$",
    r"^(a*)*b",
    r"^(a|aa)+$",
    r"^(a|a)*$",
    r"^(\w+\s?)*$",
    r"(x+x+)+y",
    r"^(([a-z])+.)+[A-Z]([a-z])+$",
    r"(.*a){20}",
    r"(\d|\d\d)+$",
    r"^(https?://)?[^/]+(/[^/]*)*$",
    r"^(?:a+){2,}$",
]
SAFE = [
    r"^[a-z]+$",
    r"^\d{1,3}(,\d{3})*$",
    r"^(foo|bar)*$",
    r"^(?>a+)+$",
    r"^(a++)+$",
    r"^[A-Za-z0-9_-]{1,128}$",
    r"^(\d+)(\.\d+)?$",
    r"^([a-z0-9]+\.)*[a-z]+$",
    r"(ab+)+",
    r"^\d+:\d+$",
    r"^(?=.*\d)\w+$",
    r"^(\w+)-\1$",
]


@pytest.mark.parametrize("pattern", HOSTILE)
def test_backtracking_shapes_are_a_warning_at_the_pattern(pattern: str) -> None:
    data = document({"p": {"type": "string", "pattern": pattern}})
    model, findings = lint_document(data, f"{data['model_id']}.json")
    assert model is not None  # a warning: the match is bounded where it runs
    assert [(f.code, f.severity, f.pointer) for f in findings] == [
        ("slow-pattern", "warning", "/input_schema/properties/p/pattern")
    ]
    assert "exponential" in findings[0].message
    assert f"{PATTERN_TIMEOUT:g} s" in findings[0].message


@pytest.mark.parametrize("pattern", SAFE)
def test_safe_shapes_are_quiet(pattern: str) -> None:
    assert backtracking_problem(pattern) is None


def test_nested_patterns_are_found_in_items_and_objects() -> None:
    hostile = {"type": "string", "pattern": r"^(a+)+$"}
    data = document(
        {
            "list": {"type": "array", "items": hostile},
            "obj": {"type": "object", "properties": {"deep": hostile}},
        }
    )
    pointers = [f.pointer for f in lint_document(data, f"{data['model_id']}.json")[1]]
    assert pointers == [
        "/input_schema/properties/list/items/pattern",
        "/input_schema/properties/obj/properties/deep/pattern",
    ]


def test_a_pattern_the_matcher_refuses_is_an_error() -> None:
    data = document({"p": {"type": "string", "pattern": "(?<=a+)b"}})  # variable lookbehind
    findings = lint_document(data, f"{data['model_id']}.json")[1]
    assert [(f.code, f.severity) for f in findings] == [("invalid-pattern", "error")]


def test_lint_and_generate_end_on_a_hostile_pattern_with_a_hostile_default(
    tmp_path: Path,
) -> None:
    """The generator judges defaults, examples and enum values against their own schema;
    with ``re`` that match would run for ages."""
    hostile = "a" * 200 + "!"
    node = {"type": "string", "pattern": r"^(a|aa)+$", "default": hostile, "enum": [hostile]}
    schemas = tmp_path / "schemas"
    write(schemas, document({"p": node}, model_id="edge/slow"))
    started = time.monotonic()
    lint = CliRunner().invoke(main, ["lint", "--schemas", str(schemas)])
    assert time.monotonic() - started < 4 * PATTERN_TIMEOUT + SLACK
    assert "[slow-pattern]" in lint.output
    assert "[default-invalid]" in lint.output  # refused, as the package would refuse it
    started = time.monotonic()
    out = tmp_path / "out"
    made = CliRunner().invoke(main, ["generate", "--schemas", str(schemas), "--out", str(out)])
    assert time.monotonic() - started < 60 + SLACK
    assert made.exit_code == 0, made.output


def test_value_validator_refuses_a_value_it_cannot_check_in_time() -> None:
    validator = ValueValidator({"type": "string", "pattern": r"^(a|aa)+$"})
    assert not validator.is_valid("a" * 200 + "!")
    assert validator.is_valid("aaaa")
