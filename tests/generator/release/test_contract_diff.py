"""diff: every change kind classified for downstream users, as the diff command prints it."""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.release.contract_diff import Change, diff_contracts
from tests.support.documents import document, write

BASE: dict[str, Any] = {
    "prompt": {"type": "string", "maxLength": 800, "description": "What to make."},
    "steps": {"type": "integer", "minimum": 1, "maximum": 50, "default": 20},
    "mode": {"type": "string", "enum": ["fast", "slow"]},
    "scale": {"type": "number", "default": 2.5},
    "image": {
        "type": "string",
        "format": "image_uri",
        "validations": [
            {"validation_rule": "file_size_mb<", "validation_value": 10, "validation_error": "x"}
        ],
    },
}


def changed(edit: Any, required: list[str] | None = None) -> list[Change]:
    old = document(BASE, ["prompt"])
    new_properties = copy.deepcopy(BASE)
    edit(new_properties)
    new = document(new_properties, required or ["prompt"])
    return diff_contracts({"a/b": old}, {"a/b": new})


def one(changes: list[Change]) -> tuple[str, str, str]:
    assert len(changes) == 1, changes
    return changes[0].field, changes[0].level, changes[0].message


CASES = [
    ("field removed", lambda p: p.pop("mode"), None, ("mode", "major", "field removed")),
    (
        "newly required",
        lambda p: None,
        ["prompt", "mode"],
        ("mode", "major", "field is now required"),
    ),
    (
        "enum value removed",
        lambda p: p["mode"].update(enum=["fast"]),
        None,
        ("mode", "major", "enum value(s) removed: ['slow']"),
    ),
    (
        "bound tightened",
        lambda p: p["steps"].update(maximum=40),
        None,
        ("steps", "major", "maximum tightened: 50 -> 40"),
    ),
    (
        "length tightened",
        lambda p: p["prompt"].update(maxLength=500),
        None,
        ("prompt", "major", "maxLength tightened: 800 -> 500"),
    ),
    (
        "rule tightened",
        lambda p: p["image"]["validations"][0].update(validation_value=5),
        None,
        ("image", "major", "media rule file_size_mb tightened: < 10 -> < 5"),
    ),
    (
        "type changed",
        lambda p: p["steps"].update(type="string", minimum=None, maximum=None, default="20"),
        None,
        None,
    ),
    (
        "new media rule",
        lambda p: p["image"]["validations"].append(
            {"validation_rule": "width_pixels<=", "validation_value": 4096, "validation_error": "y"}
        ),
        None,
        ("image", "major", "new media rule width_pixels<= 4096"),
    ),
    (
        "optional field added",
        lambda p: p.update(seed={"type": "integer"}),
        None,
        ("seed", "minor", "optional field added"),
    ),
    (
        "enum value added",
        lambda p: p["mode"].update(enum=["fast", "slow", "turbo"]),
        None,
        ("mode", "minor", "enum value(s) added: ['turbo']"),
    ),
    (
        "bound loosened",
        lambda p: p["steps"].update(maximum=100),
        None,
        ("steps", "minor", "maximum loosened: 50 -> 100"),
    ),
    (
        "rule loosened",
        lambda p: p["image"]["validations"][0].update(validation_value=20),
        None,
        ("image", "minor", "media rule file_size_mb loosened: < 10 -> < 20"),
    ),
    (
        "default changed",
        lambda p: p["steps"].update(default=30),
        None,
        ("steps", "minor", "default changed: 20 -> 30"),
    ),
    (
        "description changed",
        lambda p: p["prompt"].update(description="What to draw."),
        None,
        ("prompt", "patch", "description changed"),
    ),
    (
        "type widened",
        lambda p: p["steps"].update(type="number"),
        None,
        ("steps", "minor", "type widened from integer to number"),
    ),
    ("float is number", lambda p: p["scale"].update(type="float"), None, "no change"),
    (
        "rule made inclusive",
        lambda p: p["image"]["validations"][0].update(validation_rule="file_size_mb<="),
        None,
        ("image", "minor", "media rule file_size_mb loosened: < 10 -> <= 10"),
    ),
    (
        "untyped becomes typed",
        lambda p: p["mode"].pop("type"),
        None,
        ("mode", "minor", "type widened from string to any"),
    ),
]


@pytest.mark.parametrize(("name", "edit", "required", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_change_kind_is_classified(name: str, edit: Any, required: Any, expected: Any) -> None:
    def apply(properties: dict[str, Any]) -> None:
        edit(properties)
        for node in properties.values():
            for key in [k for k, v in node.items() if v is None]:
                del node[key]

    changes = changed(apply, required)
    if expected == "no change":
        assert changes == []
    elif expected is None:
        assert [(c.field, c.level) for c in changes if "type" in c.message] == [("steps", "major")]
    else:
        assert one(changes) == expected


def test_models_added_and_removed() -> None:
    old = {"a/old": document({}, model_id="a/old")}
    new = {"a/new": document({}, model_id="a/new")}
    changes = diff_contracts(old, new)
    assert [(c.model_id, c.level, c.message) for c in changes] == [
        ("a/new", "minor", "model added"),
        ("a/old", "major", "model removed"),
    ]


def test_diff_command_prints_markdown_for_a_pull_request(tmp_path: Path) -> None:
    write(tmp_path / "old", document(BASE, ["prompt"], model_id="a/b"))
    new = copy.deepcopy(BASE)
    new["mode"]["enum"] = ["fast"]
    new["seed"] = {"type": "integer"}
    write(tmp_path / "new", document(new, ["prompt"], model_id="a/b"))
    result = CliRunner().invoke(main, ["diff", str(tmp_path / "old"), str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    assert "2 change(s), 1 breaking. Version bump: **major**" in result.output
    assert "### Breaking\n\n- `a/b` `mode`: enum value(s) removed: ['slow']" in result.output
    assert "### Compatible\n\n- `a/b` `seed`: optional field added" in result.output


def test_diff_between_git_revisions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    def git(*args: str) -> None:
        subprocess.run(["git", *args], check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    write(tmp_path / "schemas", document(BASE, ["prompt"], model_id="a/b"))
    git("add", "-A")
    git("commit", "-qm", "one")
    edited = copy.deepcopy(BASE)
    del edited["steps"]
    write(tmp_path / "schemas", document(edited, ["prompt"], model_id="a/b"))
    git("commit", "-qam", "two")
    result = CliRunner().invoke(main, ["diff", "HEAD~1", "HEAD"])
    assert result.exit_code == 0, result.output
    assert "- `a/b` `steps`: field removed" in result.output
    result = CliRunner().invoke(main, ["diff", "HEAD~1", "no-such-rev"])
    assert result.exit_code == 2
    assert "neither a schemas directory nor a git revision" in result.output


def test_output_side_variance_is_flipped() -> None:
    old = document({"prompt": {"type": "string"}})
    new = copy.deepcopy(old)
    new["output_schema"]["properties"]["video"] = {"type": ["string", "array"]}
    (change,) = diff_contracts({"a/b": old}, {"a/b": new})
    assert (change.field, change.level) == ("output.video", "major")  # readers may get a list
    narrower = copy.deepcopy(old)
    narrower["output_schema"]["properties"]["images"]["maxItems"] = 4
    (change,) = diff_contracts({"a/b": old}, {"a/b": narrower})
    assert (change.field, change.level) == ("output.images", "minor")


def test_bare_array_gaining_items_is_breaking() -> None:
    old = document({"tags": {"type": "array"}})
    new = document({"tags": {"type": "array", "items": {"type": "integer"}}})
    (change,) = diff_contracts({"a/b": old}, {"a/b": new})
    assert (change.field, change.level, change.message) == (
        "tags",
        "major",
        "array items now have a schema",
    )


def test_catalog_metadata_changes_are_patches_that_name_old_and_new() -> None:
    old = document(BASE, ["prompt"])
    old["metadata"] = {"display_name": "B", "base_price_usd": 0.05, "price_unit": "second"}
    new = copy.deepcopy(old)
    new["metadata"].update(base_price_usd=0.07, categories=["video"])
    changes = diff_contracts({"a/b": old}, {"a/b": new})
    assert [(c.level, c.message) for c in changes] == [
        ("patch", "catalog base_price_usd: 0.05 -> 0.07"),
        ("patch", "catalog categories: (none) -> ['video']"),
    ]
    del new["metadata"]
    dropped = diff_contracts({"a/b": old}, {"a/b": new})
    assert {c.message for c in dropped} >= {"catalog display_name: B -> (none)"}
