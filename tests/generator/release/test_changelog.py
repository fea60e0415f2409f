"""Changelog entries and diff reports: breaking first, grouped by model, the bump said."""

from __future__ import annotations

from generator.release.changelog import render_changes, render_diff
from generator.release.contract_diff import Change
from generator.release.plan import plan_release
from generator.release.previous import Previous

CHANGES = (
    Change("acme/a", "", "minor", "model added"),
    Change("acme/b", "seed", "major", "field removed"),
    Change("acme/b", "prompt", "patch", "description changed"),
)


def test_an_entry_puts_breaking_changes_first() -> None:
    entry = render_changes(CHANGES, "1.4.0", "2.0.0")
    assert entry.startswith("## 2.0.0\n\nA major release (from 1.4.0): 3 change(s).\n")
    assert entry.index("### Breaking") < entry.index("### Compatible")
    assert "- `acme/b` `seed`: field removed" in entry
    assert "- `acme/a`: model added" in entry


def test_no_changes_say_so() -> None:
    assert "No schema changes." in render_changes((), "1.0.0", "1.0.0")
    assert "no new version needed" in render_diff((), "HEAD", "schemas", "1.0.0")


def test_a_diff_names_the_bump_from_the_current_version() -> None:
    report = render_diff(CHANGES, "HEAD", "schemas", "1.4.0")
    assert (
        "3 change(s), 1 breaking. Version bump: **major** (runcomfy-models 1.4.0 → 2.0.0)."
        in report
    )


def test_a_release_prepends_its_entry_and_keeps_the_history() -> None:
    contract = {"model_id": "acme/a", "input_schema": {"type": "object", "properties": {}}}
    first = plan_release(Previous(), {"acme/a": contract})
    assert (first.version, first.changes) == ("1.0.0", ())
    same = plan_release(
        Previous("1.0.0", {"acme/a": contract}, first.changelog), {"acme/a": contract}
    )
    assert (same.version, same.changelog) == ("1.0.0", first.changelog)
