"""Compare the limits a description states with the ones its field enforces.

``stated_limits`` reads the prose; this module decides, bound by bound, whether a
keyword or a rule of the same field already enforces the same limit. What can enforce
a reading depends on the field:

- a number (or an enum of numbers, or of numerals such as ``"5"``): the reading limits
  the value itself, so ``minimum``, ``maximum``, their exclusive forms, ``const`` and
  the enum's smallest and largest values enforce it ("between 2 and 15 seconds" on a
  ``duration`` with minimum 2 and maximum 15, or an enum of 2..15);
- an array: a count ("up to 4 images", "(1-4)") by ``minItems``/``maxItems``; a file
  size, duration or pixel size, per file, by the rules of the array or its items;
- a media URL: file size by a ``file_size_mb`` rule, duration by ``duration_seconds``
  ("2-30 seconds" on a video is the clip's length, never the field's value), pixels
  by ``width_pixels``, ``height_pixels``, ``shortest_side_pixels`` or
  ``longest_side_pixels``; length by ``minLength``/``maxLength``;
- other text: length by ``minLength``/``maxLength``; words and tokens by nothing (a
  size or duration stated on a prompt is about the media it asks for, and not read);
- a string enum, a boolean or an object: nothing to warn about (the enum fixes every
  allowed value; the others hold no limit of their own).

Advisory readings ("recommended", "~≤500") are never warned about. A combined limit
("at most 12 reference files" across three fields) can be enforced by no keyword or
rule, and is always warned about. Bounds compare by number, in the family's base unit
(MB, s, ...): "under 800 characters" matches ``maxLength`` 800 (or 799), and "at most
50 MiB" (52.4288 MB) does not match ``file_size_mb<=`` 50.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from generator.runtime.rules.grammar import RuleSyntaxError, parse_rule
from generator.schema.model import MEDIA_ARRAY_FORMATS, MEDIA_FORMATS, SchemaNode
from generator.schema.text_hints import StatedLimit, stated_limits

__all__ = ["DescriptionProblem", "description_problems"]

_RULE_FAMILIES = {
    "file_size_mb": "size",
    "duration_seconds": "duration",
    "width_pixels": "pixels",
    "height_pixels": "pixels",
    "shortest_side_pixels": "pixels",
    "longest_side_pixels": "pixels",
}
_RULE_NAMES = {
    "size": "file_size_mb rule",
    "duration": "duration_seconds rule",
    "pixels": "pixel rule (width_pixels, height_pixels, shortest_side_pixels, "
    "longest_side_pixels)",
    "megapixels": "rule (no metric measures megapixels)",
    "frames": "rule (no metric counts frames)",
}
_PER_FILE = set(_RULE_NAMES)
_INTEGRAL = {"length", "count", "words", "tokens", "pixels", "frames"}
_NONNEGATIVE = _INTEGRAL | {"size", "duration", "megapixels"}
# A number field's own unit, from the end of its name: duration_ms, max_size_mb, ...
_FIELD_UNITS = {
    "ms": ("duration", 1e-3),
    "millis": ("duration", 1e-3),
    "milliseconds": ("duration", 1e-3),
    "s": ("duration", 1.0),
    "sec": ("duration", 1.0),
    "secs": ("duration", 1.0),
    "seconds": ("duration", 1.0),
    "minutes": ("duration", 60.0),
    "mb": ("size", 1.0),
    "kb": ("size", 1e-3),
    "px": ("pixels", 1.0),
    "pixels": ("pixels", 1.0),
}
_IN_UNIT = {
    "in milliseconds": ("duration", 1e-3),
    "in seconds": ("duration", 1.0),
    "in minutes": ("duration", 60.0),
}


@dataclass(frozen=True)
class DescriptionProblem:
    """One finding about a description: its code and message."""

    code: str
    message: str


@dataclass(frozen=True)
class _Bound:
    """One bound a keyword or rule enforces, in the base unit of its family."""

    side: str  # "low" or "high"
    value: float
    strict: bool
    source: str  # "maxItems 16", "rule file_size_mb< 16"


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _number(value: object) -> float | None:
    """A JSON number as a finite float; ``None`` for anything else (or 10**400)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _numeral(value: object) -> float | None:
    """A number, or a string that is one ("5" in an enum of durations)."""
    if isinstance(value, str) and value and set(value) <= set("0123456789.-"):
        try:
            return _number(float(value))
        except ValueError:
            return None
    return _number(value)


def _fmt(value: float) -> str:
    if abs(value) < 1e15 and value == int(value):
        return str(int(value))
    if abs(value) >= 1e15:
        return f"{value:.6g}"
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _name(node: SchemaNode) -> str:
    last = node.pointer.rsplit("/", 1)[-1]
    return last.replace("~1", "/").replace("~0", "~").lower()


class _Field:
    """What one schema node enforces, and how it reads a stated limit."""

    def __init__(self, node: SchemaNode) -> None:
        self.node = node
        types = set(node.types) - {"null"}
        numbers = [n for n in map(_numeral, node.enum or ()) if n is not None]
        self.enum_numbers = numbers
        if "array" in types:
            self.kind = "array"
        elif types & {"integer", "number"} or numbers:
            self.kind = "numeric"
        elif node.enum is not None or types - {"string"}:
            self.kind = "fixed"  # a string enum, a boolean, an object: no limit of its own
        elif node.is_media or node.format in MEDIA_FORMATS or node.format in MEDIA_ARRAY_FORMATS:
            self.kind = "media"
        else:
            self.kind = "text"
        self.integer = "integer" in types or (bool(numbers) and all(n == int(n) for n in numbers))
        self.unit = self._own_unit()

    def _own_unit(self) -> tuple[str, float] | None:
        tail = _name(self.node).rsplit("_", 1)[-1]
        if tail in _FIELD_UNITS and "_" in _name(self.node):
            return _FIELD_UNITS[tail]
        text = (self.node.description or "").lower()
        for phrase, unit in _IN_UNIT.items():
            if phrase in text:
                return unit
        return None

    # -- which keywords or rules can enforce a reading -------------------------------

    def target(self, limit: StatedLimit) -> str | None:
        """What would enforce ``limit`` here: ``value``, ``items``, ``length``, a rule
        family, ``nothing``; ``None`` when the reading says nothing about this field."""
        family = limit.family
        if self.kind == "numeric":
            return "value"
        if self.kind == "array":
            if limit.combined:
                return "combined"
            if family in ("count", "value"):
                return "items"
            if family in _PER_FILE:
                return family
            if family == "length":
                return "item-length"
            return "nothing"
        if self.kind == "media":
            if limit.combined and family in _PER_FILE:
                return "combined"
            if family in _PER_FILE:
                return family
            if family == "length":
                return "length"
            if family in ("words", "tokens"):
                return "nothing"
            return None
        if self.kind == "text":
            if family == "length":
                return "length"
            if family in ("words", "tokens"):
                return "nothing"
        return None

    def bounds(self, target: str) -> list[_Bound]:
        node = self.node
        if target == "value":
            bounds = self._keyword_bounds(
                node,
                (
                    ("minimum", "low", False),
                    ("exclusiveMinimum", "low", True),
                    ("maximum", "high", False),
                    ("exclusiveMaximum", "high", True),
                ),
            )
            const = _number(node.keyword("const"))
            if const is not None:
                bounds += [
                    _Bound("low", const, False, f"const {_fmt(const)}"),
                    _Bound("high", const, False, f"const {_fmt(const)}"),
                ]
            if self.enum_numbers:
                low, high = min(self.enum_numbers), max(self.enum_numbers)
                source = f"enum {_fmt(low)}" + (f" to {_fmt(high)}" if high > low else "")
                bounds += [_Bound("low", low, False, source), _Bound("high", high, False, source)]
            return bounds
        if target == "items":
            return self._keyword_bounds(
                node, (("minItems", "low", False), ("maxItems", "high", False))
            )
        if target in ("length", "item-length"):
            holder = node.items if target == "item-length" else node
            if holder is None:
                return []
            return self._keyword_bounds(
                holder, (("minLength", "low", False), ("maxLength", "high", False))
            )
        if target in _PER_FILE:
            return self._rule_bounds(target)
        return []

    @staticmethod
    def _keyword_bounds(
        node: SchemaNode, keywords: tuple[tuple[str, str, bool], ...]
    ) -> list[_Bound]:
        bounds = []
        for keyword, side, strict in keywords:
            value = _number(node.keyword(keyword))
            if value is not None:
                bounds.append(_Bound(side, value, strict, f"{keyword} {_fmt(value)}"))
        return bounds

    def _rule_bounds(self, family: str) -> list[_Bound]:
        refs = list(self.node.validations)
        if self.node.items is not None:
            refs += self.node.items.validations
        bounds = []
        for ref in refs:
            try:
                metric, op = parse_rule(ref.rule)
            except RuleSyntaxError:
                continue
            value = _number(ref.value)
            if value is None or _RULE_FAMILIES.get(metric.name) != family:
                continue
            source = f"rule {metric.name}{op} {_fmt(value)}"
            if op in ("<", "<=", "=="):
                bounds.append(_Bound("high", value, op == "<", source))
            if op in (">", ">=", "=="):
                bounds.append(_Bound("low", value, op == ">", source))
        return bounds

    # -- comparing --------------------------------------------------------------------

    def stated(self, limit: StatedLimit, target: str, side: str) -> tuple[float, float] | None:
        """The bound ``limit`` states on ``side``: (as stated, in the base unit)."""
        low, high = limit.bounds()
        value = low if side == "low" else high
        if value is None:
            return None
        if side == "low" and value == 0 and (limit.family in _NONNEGATIVE or target == "items"):
            return None  # "(0-3)" images: nothing to enforce
        return value, value * limit.scale

    def matches(
        self, limit: StatedLimit, side: str, stated: tuple[float, float], bound: _Bound
    ) -> bool:
        raw, base = stated
        if self.kind != "numeric":
            candidates = [base]  # rules count in MB, s and px; keywords in items, characters
        elif self.unit is not None and self.unit[0] == limit.family:
            candidates = [base / self.unit[1]]  # duration_ms: "5s-300s" is 5000..300000
        else:
            candidates = [raw, base]  # a number in an unknown unit: as stated, or in MB, s
        strict = limit.high_strict if side == "high" else limit.low_strict
        integral = limit.family in _INTEGRAL or (self.kind == "numeric" and self.integer)
        for value in candidates:
            if _close(value, bound.value):
                return True
            # "under 1000 characters" is maxLength 999; "at most 4" is exclusiveMaximum 5
            if integral and strict != bound.strict:
                step = -1.0 if (side == "high") == strict else 1.0
                if _close(value + step, bound.value):
                    return True
        return False


def _what_enforces(target: str) -> str:
    if target == "value":
        return "no minimum, maximum or enum"
    if target == "items":
        return "no minItems or maxItems"
    if target in ("length", "item-length"):
        return "no minLength or maxLength"
    if target in _RULE_NAMES:
        return f"no {_RULE_NAMES[target]}"
    return "no keyword"


class _Judge:
    """Judges every reading of one description against its field, bound by bound."""

    def __init__(self, field: _Field, readings: list[tuple[StatedLimit, str]]) -> None:
        self.field = field
        self.bounds = {target: field.bounds(target) for target in {t for _, t in readings}}
        # The enforced bounds some reading states: when one reading matches maxItems 7,
        # another ("up to 4 when ...") is an extra limit, not a disagreement.
        self.stated_somewhere: set[tuple[str, _Bound]] = set()
        for limit, target in readings:
            for bound in self.bounds[target]:
                stated = field.stated(limit, target, bound.side)
                if stated is not None and field.matches(limit, bound.side, stated, bound):
                    self.stated_somewhere.add((target, bound))

    def problem(self, limit: StatedLimit, target: str) -> DescriptionProblem | None:
        field = self.field
        counted = target == "items" or (target == "combined" and limit.family == "value")
        shown = dataclasses.replace(limit, family="count") if counted else limit
        said = f"description states {limit.phrase.strip()!r} ({shown.reading()})"
        if target == "combined":
            return DescriptionProblem(
                "limit-in-description",
                f"{said} but no keyword or rule can enforce a limit on several values "
                "together; callers learn of it only from the server",
            )
        if target == "nothing":
            return DescriptionProblem(
                "limit-in-description",
                f"{said} but no keyword or rule counts {limit.family}; callers learn of it "
                "only from the server",
            )
        sides = {
            side: stated
            for side in ("low", "high")
            if (stated := field.stated(limit, target, side)) is not None
        }
        unenforced: list[str] = []
        disagreeing: list[_Bound] = []
        elsewhere: list[_Bound] = []
        for side, stated in sides.items():
            on_side = [bound for bound in self.bounds[target] if bound.side == side]
            if any(field.matches(limit, side, stated, bound) for bound in on_side):
                continue
            if not on_side:
                unenforced.append(side)
            elif any((target, bound) in self.stated_somewhere for bound in on_side):
                elsewhere.extend(b for b in on_side if (target, b) in self.stated_somewhere)
            else:
                disagreeing.extend(on_side)
        if disagreeing:
            sources = ", ".join(dict.fromkeys(bound.source for bound in disagreeing))
            return DescriptionProblem(
                "limit-disagrees-with-description",
                f"{said} but the schema enforces {sources}; they disagree, and the schema's "
                "limit is the one checked",
            )
        if elsewhere:
            sources = ", ".join(dict.fromkeys(bound.source for bound in elsewhere))
            return DescriptionProblem(
                "limit-in-description",
                f"{said} but {sources} enforces another limit the description states, not "
                "this one; callers learn of it only from the server",
            )
        if not unenforced:
            return None
        what = _what_enforces(target)
        if len(unenforced) == len(sides):
            return DescriptionProblem(
                "limit-in-description",
                f"{said} but {what} enforces it; callers learn of it only from the server",
            )
        side = unenforced[0]
        unit = f" {limit.unit}" if limit.unit else ""
        name = "minimum" if side == "low" else "maximum"
        return DescriptionProblem(
            "limit-in-description",
            f"{said} but {what} enforces its {name} ({_fmt(sides[side][0])}{unit}); callers "
            "learn of it only from the server",
        )


def description_problems(node: SchemaNode) -> list[DescriptionProblem]:
    """Each limit ``node``'s description states that the schema does not enforce, or
    enforces differently; advisory readings are never reported."""
    if not node.description:
        return []
    field = _Field(node)
    readings = [
        (limit, target)
        for limit in stated_limits(node.description)
        if not limit.advisory and (target := field.target(limit)) is not None
    ]
    judge = _Judge(field, readings)
    problems: dict[DescriptionProblem, None] = {}
    for limit, target in readings:
        problem = judge.problem(limit, target)
        if problem is not None:
            problems.setdefault(problem, None)
    return list(problems)
