"""What changed between two sets of schemas, judged from the caller's side.

A change is breaking when code that worked against the old schema can fail against the
new one: a model or field removed, a field newly required, an enum value removed, a
bound or media rule tightened, a type narrowed, a new media rule. Everything else is
compatible: additions and loosenings (a minor version), and changes to prose or
defaults (a patch). Types and quirks are compared after normalisation, so ``"float"``
becoming ``"number"`` is no change at all.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from generator.runtime.rules import RuleSyntaxError, parse_rule
from generator.schema.model import NO_DEFAULT, SchemaNode, parse_document

__all__ = ["Change", "Level", "diff_contracts"]

Level = Literal["major", "minor", "patch"]

_LOWER = ("minimum", "exclusiveMinimum", "minLength", "minItems")
_UPPER = ("maximum", "exclusiveMaximum", "maxLength", "maxItems")


@dataclass(frozen=True, order=True)
class Change:
    """One change: which model and field, how it matters, and what happened."""

    model_id: str
    field: str
    level: Level
    message: str

    @property
    def breaking(self) -> bool:
        return self.level == "major"


def _types(node: SchemaNode) -> set[str]:
    return set(node.types)


def _widened(old: set[str], new: set[str]) -> bool:
    """Whether every value of the old types is still a value of the new ones."""
    covered = set(new)
    if "number" in covered:
        covered.add("integer")
    return old <= covered


def _rules(node: SchemaNode) -> dict[tuple[str, str], Any]:
    rules: dict[tuple[str, str], Any] = {}
    for ref in (*node.validations, *(node.items.validations if node.items else ())):
        try:
            metric, op = parse_rule(ref.rule)
        except RuleSyntaxError:
            continue
        rules[(metric.name, op)] = (ref.value, ref.error)
    return rules


class _Differ:
    def __init__(self, model_id: str) -> None:
        self.model_id = model_id
        self.changes: list[Change] = []

    def add(self, field: str, level: Level, message: str) -> None:
        self.changes.append(Change(self.model_id, field, level, message))

    def node(self, path: str, old: SchemaNode, new: SchemaNode) -> None:
        self.types(path, old, new)
        self.enum(path, old, new)
        self.bounds(path, old, new)
        self.rules(path, old, new)
        self.prose(path, old, new)
        if old.items is not None and new.items is not None:
            self.node(f"{path}[]", old.items, new.items)
        if old.properties or new.properties:
            self.properties(path, old, new, input_side=True)

    def types(self, path: str, old: SchemaNode, new: SchemaNode) -> None:
        before, after = _types(old), _types(new)
        if before != after:
            level: Level = "minor" if _widened(before, after) else "major"
            verb = "widened" if level == "minor" else "changed"
            self.add(
                path, level, f"type {verb} from {'/'.join(old.types)} to {'/'.join(new.types)}"
            )
        if old.media_kind != new.media_kind:
            self.add(path, "major", f"media kind changed from {old.media_kind} to {new.media_kind}")

    def enum(self, path: str, old: SchemaNode, new: SchemaNode) -> None:
        if old.enum is None and new.enum is not None:
            self.add(path, "major", f"now limited to {list(new.enum)!r}")
            return
        if old.enum is not None and new.enum is None:
            self.add(path, "minor", "no longer limited to a list of values")
            return
        removed = [v for v in old.enum or () if v not in (new.enum or ())]
        added = [v for v in new.enum or () if v not in (old.enum or ())]
        if removed:
            self.add(path, "major", f"enum value(s) removed: {removed!r}")
        if added:
            self.add(path, "minor", f"enum value(s) added: {added!r}")
        before, after = old.keyword("const"), new.keyword("const")
        if before != after:
            self.add(
                path, "major" if after is not None else "minor", f"const {before!r} -> {after!r}"
            )

    def bounds(self, path: str, old: SchemaNode, new: SchemaNode) -> None:
        for key in (*_LOWER, *_UPPER):
            before, after = old.keyword(key), new.keyword(key)
            if before == after:
                continue
            lower = key in _LOWER
            if before is None:
                tightened = True
            elif after is None:
                tightened = False
            else:
                tightened = after > before if lower else after < before
            verb = "tightened" if tightened else "loosened"
            self.add(path, "major" if tightened else "minor", f"{key} {verb}: {before} -> {after}")
        for key in ("multipleOf", "pattern", "uniqueItems"):
            before, after = old.keyword(key), new.keyword(key)
            if before != after:
                level: Level = "minor" if after in (None, False) else "major"
                self.add(path, level, f"{key} changed: {before!r} -> {after!r}")

    def rules(self, path: str, old: SchemaNode, new: SchemaNode) -> None:
        before, after = _rules(old), _rules(new)
        for key in sorted(set(before) | set(after)):
            rule = "".join(key)
            if key not in before:
                self.add(path, "major", f"new media rule {rule} {after[key][0]}")
            elif key not in after:
                self.add(path, "minor", f"media rule {rule} {before[key][0]} removed")
            else:
                (old_value, old_text), (new_value, new_text) = before[key], after[key]
                if old_value != new_value:
                    op = key[1]
                    tighter = (
                        new_value < old_value
                        if op in ("<", "<=")
                        else new_value > old_value if op in (">", ">=") else True
                    )
                    verb = "tightened" if tighter else "loosened"
                    level: Level = "major" if tighter else "minor"
                    self.add(path, level, f"media rule {rule} {verb}: {old_value} -> {new_value}")
                elif old_text != new_text:
                    self.add(path, "patch", f"media rule {rule} message changed")

    def prose(self, path: str, old: SchemaNode, new: SchemaNode) -> None:
        if old.default != new.default:
            before = "none" if old.default is NO_DEFAULT else repr(old.default)
            after = "none" if new.default is NO_DEFAULT else repr(new.default)
            self.add(path, "minor", f"default changed: {before} -> {after}")
        if old.example != new.example:
            self.add(path, "patch", "published example changed")
        for key in ("description", "title"):
            if old.keyword(key) != new.keyword(key):
                self.add(path, "patch", f"{key} changed")

    def properties(self, path: str, old: SchemaNode, new: SchemaNode, *, input_side: bool) -> None:
        prefix = f"{path}." if path else ""
        for name, node in old.properties.items():
            child = f"{prefix}{name}"
            if name not in new.properties:
                self.add(child, "major", "field removed")
            else:
                self.node(child, node, new.properties[name])
                was, now = name in old.required, name in new.required
                if input_side and now and not was:
                    self.add(child, "major", "field is now required")
                elif input_side and was and not now:
                    self.add(child, "minor", "field is no longer required")
        for name in new.properties:
            if name not in old.properties:
                required = input_side and name in new.required
                level: Level = "major" if required else "minor"
                kind = "required" if required else "optional"
                self.add(f"{prefix}{name}", level, f"{kind} field added")


def diff_contracts(
    old: Mapping[str, Mapping[str, Any]],
    new: Mapping[str, Mapping[str, Any]],
    unchanged: Collection[str] = (),
) -> list[Change]:
    """Every change from ``old`` to ``new`` (model id to schema document), sorted.

    Models in ``unchanged`` are known to be equal on both sides and are not compared.
    """
    changes: list[Change] = []
    skip = set(unchanged) & set(old) & set(new)
    for model_id in sorted((set(old) | set(new)) - skip):
        if model_id not in new:
            changes.append(Change(model_id, "", "major", "model removed"))
            continue
        if model_id not in old:
            changes.append(Change(model_id, "", "minor", "model added"))
            continue
        if old[model_id] == new[model_id]:
            continue
        before, after = parse_document(old[model_id]), parse_document(new[model_id])
        differ = _Differ(model_id)
        differ.properties("", before.input, after.input, input_side=True)
        output = _Differ(model_id)
        output.properties("output", before.output, after.output, input_side=False)
        changes += differ.changes + output.changes
    return sorted(changes)
