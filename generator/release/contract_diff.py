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

from generator.runtime.core.keywords import KEYWORDS
from generator.runtime.rules.grammar import RuleSyntaxError, parse_rule
from generator.schema.model import NO_DEFAULT, SchemaNode, parse_document

__all__ = ["Change", "Level", "diff_contracts"]

Level = Literal["major", "minor", "patch"]

# Bounds that allow less as they grow (lower) and more (upper), from the one keyword table.
_LOWER = tuple(k.name for k in KEYWORDS.values() if k.bound == "lower")
_UPPER = tuple(k.name for k in KEYWORDS.values() if k.bound == "upper")


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
    """Whether every value of the old types is still a value of the new ones (none: any)."""
    if not new:
        return True
    if not old:
        return False
    covered = set(new)
    if "number" in covered:
        covered.add("integer")
    return old <= covered


_SIDE = {"<": "upper", "<=": "upper", ">": "lower", ">=": "lower"}


def _rules(node: SchemaNode) -> dict[tuple[str, str], tuple[str, Any, str]]:
    """Rules by metric and side (an upper or lower bound), so ``<`` to ``<=`` is one rule."""
    rules: dict[tuple[str, str], tuple[str, Any, str]] = {}
    for ref in (*node.validations, *(node.items.validations if node.items else ())):
        try:
            metric, op = parse_rule(ref.rule)
        except RuleSyntaxError:
            continue
        rules[(metric.name, _SIDE.get(op, op))] = (op, ref.value, ref.error)
    return rules


def _allows_more(side: str, old: tuple[str, Any], new: tuple[str, Any]) -> bool | None:
    """Whether the new bound admits more values than the old; ``None`` when neither."""
    (old_op, old_value), (new_op, new_value) = old, new
    if side not in ("upper", "lower"):
        return None if (old_op, old_value) == (new_op, new_value) else False
    if new_value == old_value:
        if old_op == new_op:
            return None
        return new_op in ("<=", ">=")  # the inclusive form admits the bound itself
    return bool(new_value > old_value if side == "upper" else new_value < old_value)


class _Differ:
    """Changes of one model. On the output side the variance flips: a value the API may
    now send that it did not before (a widening) breaks readers; a narrowing does not."""

    def __init__(self, model_id: str, output_side: bool = False) -> None:
        self.model_id = model_id
        self.output_side = output_side
        self.changes: list[Change] = []

    def add(self, field: str, level: Level, message: str) -> None:
        self.changes.append(Change(self.model_id, field, level, message))

    def narrowed(self, field: str, narrowing: bool, message: str) -> None:
        """A change that narrows (or widens) the values a field takes."""
        breaking = narrowing != self.output_side
        self.add(field, "major" if breaking else "minor", message)

    def node(self, path: str, old: SchemaNode, new: SchemaNode) -> None:
        self.types(path, old, new)
        self.enum(path, old, new)
        self.bounds(path, old, new)
        self.rules(path, old, new)
        self.prose(path, old, new)
        if old.items is not None and new.items is not None:
            self.node(f"{path}[]", old.items, new.items)
        elif old.items is None and new.items is not None and "array" in new.types:
            self.narrowed(path, True, "array items now have a schema")
        elif old.items is not None and new.items is None and "array" in old.types:
            self.narrowed(path, False, "array items no longer have a schema")
        if old.properties or new.properties:
            self.properties(path, old, new, input_side=True)

    def types(self, path: str, old: SchemaNode, new: SchemaNode) -> None:
        before, after = _types(old), _types(new)
        if before != after:
            widened = _widened(before, after)
            verb = "widened" if widened else "changed"
            old_text, new_text = "/".join(old.types) or "any", "/".join(new.types) or "any"
            self.narrowed(path, not widened, f"type {verb} from {old_text} to {new_text}")
        if old.media_kind != new.media_kind:
            self.add(path, "major", f"media kind changed from {old.media_kind} to {new.media_kind}")

    def enum(self, path: str, old: SchemaNode, new: SchemaNode) -> None:
        if old.enum is None and new.enum is not None:
            self.narrowed(path, True, f"now limited to {list(new.enum)!r}")
            return
        if old.enum is not None and new.enum is None:
            self.narrowed(path, False, "no longer limited to a list of values")
            return
        removed = [v for v in old.enum or () if v not in (new.enum or ())]
        added = [v for v in new.enum or () if v not in (old.enum or ())]
        if removed:
            self.narrowed(path, True, f"enum value(s) removed: {removed!r}")
        if added:
            self.narrowed(path, False, f"enum value(s) added: {added!r}")
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
            self.narrowed(path, tightened, f"{key} {verb}: {before} -> {after}")
        for key in ("multipleOf", "pattern", "uniqueItems"):
            before, after = old.keyword(key), new.keyword(key)
            if before != after:
                level: Level = "minor" if after in (None, False) else "major"
                self.add(path, level, f"{key} changed: {before!r} -> {after!r}")

    def rules(self, path: str, old: SchemaNode, new: SchemaNode) -> None:
        before, after = _rules(old), _rules(new)
        for key in sorted(set(before) | set(after)):
            metric, side = key
            if key not in before:
                op, value, _ = after[key]
                self.add(path, "major", f"new media rule {metric}{op} {value}")
            elif key not in after:
                op, value, _ = before[key]
                self.add(path, "minor", f"media rule {metric}{op} {value} removed")
            else:
                (old_op, old_value, old_text), (new_op, new_value, new_text) = (
                    before[key],
                    after[key],
                )
                more = _allows_more(side, (old_op, old_value), (new_op, new_value))
                if more is not None:
                    verb = "loosened" if more else "tightened"
                    self.add(
                        path,
                        "minor" if more else "major",
                        f"media rule {metric} {verb}: {old_op} {old_value} -> {new_op} {new_value}",
                    )
                elif old_text != new_text:
                    self.add(path, "patch", f"media rule {metric}{new_op} message changed")

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


def _metadata_changes(
    model_id: str, old: Mapping[str, Any], new: Mapping[str, Any]
) -> list[Change]:
    """What the catalog says of the model (name, categories, price): a patch each, since
    no call that worked can fail for it; the changelog still shows a price change."""
    before, after = old.get("metadata") or {}, new.get("metadata") or {}
    changes = []
    for key in dict.fromkeys([*before, *after]):
        if before.get(key) != after.get(key):
            was, now = before.get(key, "(none)"), after.get(key, "(none)")
            changes.append(Change(model_id, "", "patch", f"catalog {key}: {was} -> {now}"))
    return changes


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
        changes += _metadata_changes(model_id, old[model_id], new[model_id])
        before, after = parse_document(old[model_id]), parse_document(new[model_id])
        differ = _Differ(model_id)
        differ.properties("", before.input, after.input, input_side=True)
        output = _Differ(model_id, output_side=True)
        output.properties("output", before.output, after.output, input_side=False)
        changes += differ.changes + output.changes
    return sorted(changes)
