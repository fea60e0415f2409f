"""Schema changes written up for downstream users: a changelog entry and a PR body."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from generator.release.contract_diff import Change
from generator.release.version import bump, bump_level

__all__ = ["render_changes", "render_diff"]


def _section(title: str, changes: Sequence[Change]) -> list[str]:
    if not changes:
        return []
    lines = [f"### {title}", ""]
    for model_id, grouped in groupby(changes, key=lambda change: change.model_id):
        items = list(grouped)
        whole = [c for c in items if not c.field]
        if whole:
            lines.append(f"- `{model_id}`: {whole[0].message}")
        for change in (c for c in items if c.field):
            lines.append(f"- `{model_id}` `{change.field}`: {change.message}")
    return [*lines, ""]


def render_changes(changes: Sequence[Change], old_version: str, new_version: str) -> str:
    """A Markdown changelog entry: breaking changes first, then compatible ones."""
    level = bump_level(changes)
    lines = [f"## {new_version}", ""]
    if level is None:
        lines += ["No schema changes.", ""]
    else:
        lines += [f"A {level} release (from {old_version}): {len(changes)} change(s).", ""]
    lines += _section("Breaking", [c for c in changes if c.breaking])
    lines += _section("Compatible", [c for c in changes if not c.breaking])
    return "\n".join(lines)


def render_diff(changes: Sequence[Change], old: str, new: str, current: str | None) -> str:
    """The ``diff`` command's Markdown: the changes and the bump they imply."""
    level = bump_level(changes)
    lines = [f"# Schema changes: {old} → {new}", ""]
    if level is None:
        return "\n".join([*lines, "No schema changes: no new version needed.", ""])
    implied = f"**{level}**"
    if current is not None:
        implied += f" (runcomfy-models {current} → {bump(current, level)})"
    breaking = sum(change.breaking for change in changes)
    lines += [
        f"{len(changes)} change(s), {breaking} breaking. Version bump: {implied}.",
        "",
    ]
    lines += _section("Breaking", [c for c in changes if c.breaking])
    lines += _section("Compatible", [c for c in changes if not c.breaking])
    return "\n".join(lines)
