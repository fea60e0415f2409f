"""diff --fail-on: CI gates a pull request on the changes, without parsing Markdown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.support.documents import document, write

PROMPT = {"prompt": {"type": "string"}}


def _dirs(tmp_path: Path, new_properties: dict[str, Any]) -> tuple[str, str]:
    write(tmp_path / "old", document(PROMPT, model_id="a/b"))
    write(tmp_path / "new", document(new_properties, model_id="a/b"))
    return str(tmp_path / "old"), str(tmp_path / "new")


BREAKING = {"other": {"type": "string"}}  # prompt removed, other added: major
MINOR = {**PROMPT, "seed": {"type": "integer"}}
PATCH = {"prompt": {"type": "string", "description": "What to draw."}}


@pytest.mark.parametrize(
    ("properties", "fail_on", "code"),
    [
        (BREAKING, "breaking", 1),
        (BREAKING, "minor", 1),
        (BREAKING, "any", 1),
        (MINOR, "breaking", 0),
        (MINOR, "minor", 1),
        (MINOR, "any", 1),
        (PATCH, "breaking", 0),
        (PATCH, "minor", 0),
        (PATCH, "any", 1),
        (PROMPT, "any", 0),
    ],
)
def test_fail_on_exits_1_when_changes_of_that_level_exist(
    tmp_path: Path, properties: dict[str, Any], fail_on: str, code: int
) -> None:
    old, new = _dirs(tmp_path, properties)
    result = CliRunner().invoke(main, ["diff", old, new, "--fail-on", fail_on])
    assert result.exit_code == code, result.output
    assert result.output.startswith("# Schema changes:")  # the Markdown is printed either way
    if code:
        assert f"(--fail-on {fail_on})" in result.output


def test_without_fail_on_diff_still_exits_0_on_breaking_changes(tmp_path: Path) -> None:
    old, new = _dirs(tmp_path, BREAKING)
    result = CliRunner().invoke(main, ["diff", old, new])
    assert result.exit_code == 0, result.output
    assert "2 change(s), 1 breaking" in result.output


def test_fail_on_in_a_real_process_keeps_stdout_pure_markdown(tmp_path: Path) -> None:
    old, new = _dirs(tmp_path, BREAKING)
    done = subprocess.run(
        [sys.executable, "-m", "generator", "diff", old, new, "--fail-on", "breaking"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "### Breaking" in done.stdout
    assert "--fail-on" not in done.stdout
    assert "diff: 1 breaking change(s) (--fail-on breaking)" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_unknown_level_is_a_usage_error(tmp_path: Path) -> None:
    old, new = _dirs(tmp_path, BREAKING)
    result = CliRunner().invoke(main, ["diff", old, new, "--fail-on", "major-ish"])
    assert result.exit_code == 2
    assert "major-ish" in result.output
