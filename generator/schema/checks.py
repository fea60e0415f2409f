"""Semantic lint checks over the typed schema model.

The meta-schema has already vouched for the document's shape; these checks judge its
meaning: rules that name no metric or do not fit their field, defaults and enums of the
wrong type, required names with no property, and prose that disagrees with the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator

from generator.naming import MAX_BASE, ModuleName
from generator.runtime.core.keywords import KEYWORDS, VALUE_KEYWORDS
from generator.runtime.core.patterns import PATTERN_TIMEOUT
from generator.runtime.rules.grammar import METRICS, Metric, RuleSyntaxError, parse_rule
from generator.schema.findings import Finding, Severity, json_pointer_join
from generator.schema.model import (
    MEDIA_ARRAY_FORMATS,
    MEDIA_FORMATS,
    NO_DEFAULT,
    ModelSchema,
    RuleRef,
    SchemaNode,
    value_schema,
)
from generator.schema.patterns import ValueValidator, backtracking_problem, pattern_problem
from generator.schema.prose_limits import description_problems
from generator.schema.text_hints import stated_comparisons

__all__ = ["check_model"]

# A lower and an upper bound on the same kind of value, from the keyword table, and
# whether they leave nothing when equal (either is exclusive): minimum 5 with maximum 5
# allows 5, but with exclusiveMaximum 5 allows nothing.
_BOUND_PAIRS = tuple(
    (low.name, high.name, low.name.startswith("exclusive") or high.name.startswith("exclusive"))
    for low in KEYWORDS.values()
    for high in KEYWORDS.values()
    if low.bound == "lower" and high.bound == "upper" and low.applies_to == high.applies_to
)

# Lengths and counts become pydantic constraints, which hold a machine-sized integer.
_COUNT_KEYWORDS = tuple(
    keyword.name
    for keyword in KEYWORDS.values()
    if keyword.bound is not None and set(keyword.applies_to) <= {"string", "array"}
)
_MAX_COUNT = 2**63 - 1

_TOP_LEVEL_MEDIA = re.compile(r"^/input_schema/properties/[^/]+(/items)?$")
# A module name becomes <name>__<8 hex>.py, .json and .md files: 255 bytes at most.
_MODULE_NAME_MAX = MAX_BASE


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class _Checker:
    def __init__(self, model: ModelSchema) -> None:
        self.model = model
        self.findings: list[Finding] = []

    def add(self, pointer: str, severity: Severity, code: str, message: str) -> None:
        self.findings.append(Finding(self.model.model_id, pointer, severity, code, message))

    # -- values -----------------------------------------------------------------

    def type_ok(self, node: SchemaNode, value: Any) -> bool:
        if not node.types:
            return True
        return bool(Draft202012Validator({"type": list(node.types)}).is_valid(value))

    def check_values(self, node: SchemaNode) -> None:
        types = "/".join(node.types)
        if node.enum == ():
            self.add(
                json_pointer_join(node.pointer, "enum"),
                "error",
                "empty-enum",
                "an empty enum leaves no valid value",
            )
        for index, value in enumerate(node.enum or ()):
            if not self.type_ok(node, value):
                self.add(
                    json_pointer_join(node.pointer, "enum", index),
                    "error",
                    "enum-type",
                    f"enum value {_short(value)} is not of type {types}",
                )
        numbers = [v for v in node.enum or () if isinstance(v, int | float)]
        if any(isinstance(v, float) and not v.is_integer() for v in numbers):
            self.add(
                json_pointer_join(node.pointer, "enum"),
                "error",
                "unsupported-enum",
                "an enum of non-integer numbers cannot be generated: Python's Literal holds "
                "no floats, so the values would not be enforced",
            )
        if any(isinstance(v, bool) for v in numbers) and any(
            not isinstance(v, bool) for v in numbers
        ):
            self.add(
                json_pointer_join(node.pointer, "enum"),
                "error",
                "ambiguous-enum",
                "an enum mixing booleans and numbers cannot be enforced: Python reads 1 as True",
            )
        strings = [v for v in node.enum or () if isinstance(v, str)]
        folded: dict[str, str] = {}
        for value in strings:
            other = folded.setdefault(value.casefold(), value)
            if other != value:
                self.add(
                    json_pointer_join(node.pointer, "enum"),
                    "warning",
                    "enum-case-variants",
                    f"enum values {other!r} and {value!r} differ only in case",
                )
        for value in (node.default, node.example):
            if value is NO_DEFAULT:
                continue
            where = json_pointer_join(node.pointer, "default")
            if not self.type_ok(node, value):
                self.add(
                    where,
                    "error",
                    "default-type",
                    f"default {_short(value)} is not of type {types}",
                )
                continue
            validator = ValueValidator(value_schema(node))  # patterns matched in bounded time
            problem = next(iter(validator.iter_errors(value)), None)
            if problem is not None:
                self.add(
                    where,
                    "warning",
                    "default-invalid",
                    f"default {_short(value)} does not satisfy its own schema "
                    f"({problem.message[:120]}); it is not used as the Python default",
                )

    def check_structure(self, node: SchemaNode) -> None:
        # A root's required names must be fields; deeper, JSON Schema's required needs no
        # property (the object must just have the key), and JsonSchema checks it so.
        roots = (self.model.input.pointer, self.model.output.pointer)
        for index, name in enumerate(node.required if node.pointer in roots else ()):
            if name not in node.properties:
                self.add(
                    json_pointer_join(node.pointer, "required", index),
                    "error",
                    "required-missing",
                    f"required property {name!r} is not defined in properties",
                )
        pattern = node.keyword("pattern")
        if isinstance(pattern, str):
            self.check_pattern(node, pattern)
        for name in _COUNT_KEYWORDS:
            count = node.keyword(name)
            if isinstance(count, int) and count > _MAX_COUNT:
                self.add(
                    json_pointer_join(node.pointer, name),
                    "error",
                    "bound-too-large",
                    f"{name} {count} is more than any length can be (at most {_MAX_COUNT})",
                )
        for low, high, strict in _BOUND_PAIRS:
            lo, hi = node.keyword(low), node.keyword(high)
            numeric = isinstance(lo, int | float) and isinstance(hi, int | float)
            if numeric and (lo >= hi if strict else lo > hi):
                self.add(
                    json_pointer_join(node.pointer, low),
                    "error",
                    "contradictory-bounds",
                    f"{low} {lo} and {high} {hi} leave no valid value",
                )

    def check_pattern(self, node: SchemaNode, pattern: str) -> None:
        where = json_pointer_join(node.pointer, "pattern")
        problem = pattern_problem(pattern)
        if problem is not None:
            self.add(
                where,
                "error",
                "invalid-pattern",
                f"pattern is not a valid regular expression: {problem}",
            )
            return
        risk = backtracking_problem(pattern)
        if risk is not None:
            self.add(
                where,
                "warning",
                "slow-pattern",
                f"pattern has {risk}: a backtracking matcher can take exponential time on "
                f"some values; each match is bounded to {PATTERN_TIMEOUT:g} s and a value "
                "that runs out of time is refused",
            )

    # -- media ------------------------------------------------------------------

    def is_string_or_strings(self, node: SchemaNode) -> bool:
        kinds = set(node.types) - {"null"}
        if kinds == {"string"}:
            return True
        return (
            kinds == {"array"}
            and node.items is not None
            and set(node.items.types) - {"null"} == {"string"}
        )

    def check_media(self, node: SchemaNode) -> None:
        fmt = node.format
        kinds = set(node.types) - {"null"}
        if fmt in MEDIA_FORMATS and kinds - {"string"}:
            self.add(
                json_pointer_join(node.pointer, "format"),
                "error",
                "media-format-type",
                f"format {fmt!r} needs a string field, not {'/'.join(node.types)}",
            )
        if fmt in MEDIA_ARRAY_FORMATS and kinds != {"array"}:
            self.add(
                json_pointer_join(node.pointer, "format"),
                "error",
                "media-format-type",
                f"format {fmt!r} needs an array field, not {'/'.join(node.types) or 'untyped'}",
            )
        if not node.validations:
            return
        if node.pointer.startswith("/output_schema"):
            self.add(
                json_pointer_join(node.pointer, "validations"),
                "error",
                "output-rules",
                "media rules on the output schema cannot be checked: outputs come from the server",
            )
            return
        if not _TOP_LEVEL_MEDIA.match(node.pointer):
            self.add(
                json_pointer_join(node.pointer, "validations"),
                "error",
                "nested-rules",
                "media rules are checked on top-level fields and their items only; these "
                "would never be enforced",
            )
            return
        for ref in node.validations:
            if not ref.error.strip():
                self.add(
                    ref.pointer,
                    "warning",
                    "rule-without-message",
                    f"rule {_short(ref.rule)} has no validation_error; a failure quotes the rule",
                )
        if not self.is_string_or_strings(node) and not node.pointer.endswith("/items"):
            self.add(
                json_pointer_join(node.pointer, "validations"),
                "error",
                "rule-on-non-media",
                "validations apply to media URLs: the field must be a string or an "
                f"array of strings, not {'/'.join(node.types) or 'untyped'}",
            )
        metrics: list[Metric] = []
        for ref in node.validations:
            metric = self.check_rule(ref)
            if metric is not None:
                metrics.append(metric)
                if node.media_kind is not None and node.media_kind not in metric.kinds:
                    self.add(
                        json_pointer_join(ref.pointer, "validation_rule"),
                        "error",
                        "metric-kind-mismatch",
                        f"metric {metric.name!r} measures {', '.join(sorted(metric.kinds))} "
                        f"files, but this field takes {node.media_kind}",
                    )
        restricted = [m for m in metrics if len(m.kinds) < len(METRICS["file_size_mb"].kinds)]
        if node.media_kind is None and restricted:
            self.add(
                node.pointer,
                "error",
                "ambiguous-media-kind",
                "cannot tell which media kind this field takes; publish a format such as "
                "image_uri or video_uri",
            )
        elif node.media_kind is None and metrics:
            self.add(
                node.pointer,
                "warning",
                "unknown-media-kind",
                "media kind unknown (no *_uri format, nothing in its name); only its file "
                "size can be checked",
            )

    def check_rule(self, ref: RuleRef) -> Metric | None:
        value = ref.value
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if not numeric:
            self.add(
                json_pointer_join(ref.pointer, "validation_value"),
                "error",
                "rule-value-type",
                f"rule {_short(ref.rule)} needs a number, got {_short(value)}",
            )
        try:
            metric, op = parse_rule(ref.rule)
        except RuleSyntaxError as exc:
            self.add(
                json_pointer_join(ref.pointer, "validation_rule"),
                "error",
                f"unknown-{exc.part}",
                _short(str(exc), 300),
            )
            return None
        if numeric:
            self.check_rule_text(ref, metric, op, value)
        return metric

    def check_rule_text(self, ref: RuleRef, metric: Metric, op: str, value: float) -> None:
        stated = stated_comparisons(ref.error)
        where = json_pointer_join(ref.pointer, "validation_error")
        same_number = [entry for entry in stated if entry[1] == value]
        for stated_op, _, phrase in same_number:
            if stated_op != op:
                self.add(
                    where,
                    "warning",
                    "rule-text-disagrees",
                    f"rule is {ref.rule} {value} but its error text says {phrase!r} "
                    f"(that is {stated_op} {value}); the rule is enforced as written",
                )
        if stated and not same_number and metric.name != "width/height":
            numbers = ", ".join(f"{number:g}" for _, number, _ in stated)
            self.add(
                where,
                "warning",
                "rule-text-disagrees",
                f"rule is {ref.rule} {value} but its error text names {numbers}",
            )

    # -- prose ------------------------------------------------------------------

    def check_description(self, node: SchemaNode) -> None:
        for problem in description_problems(node):
            self.add(
                json_pointer_join(node.pointer, "description"),
                "warning",
                problem.code,
                problem.message,
            )

    def walk(self, node: SchemaNode) -> Iterator[SchemaNode]:
        yield node
        if node.items is not None:
            yield from self.walk(node.items)
        for child in node.properties.values():
            yield from self.walk(child)

    def check_root(self, root: SchemaNode) -> None:
        for key in root.raw:
            if key in VALUE_KEYWORDS and key not in ("properties", "required"):
                self.add(
                    json_pointer_join(root.pointer, key),
                    "error",
                    "root-keyword",
                    f"{key!r} is not supported on the root of an input schema: its fields are "
                    "generated from properties and required",
                )

    def check_model_id(self) -> None:
        length = len(ModuleName(self.model.model_id))
        if length > _MODULE_NAME_MAX:
            self.add(
                "/model_id",
                "error",
                "invalid-model-id",
                f"model id makes a module name of {length} characters; file names hold "
                f"{_MODULE_NAME_MAX} (with a suffix and an extension)",
            )

    def run(self) -> list[Finding]:
        self.check_model_id()
        self.check_root(self.model.input)
        for root in (self.model.input, self.model.output):
            for node in self.walk(root):
                self.check_structure(node)
                self.check_values(node)
                self.check_media(node)
                if node is not root and root is self.model.input:
                    self.check_description(node)
        for note in self.model.normalisations:
            self.add(note.pointer, "warning", note.code, note.message)
        return self.findings


def check_model(model: ModelSchema) -> list[Finding]:
    """Every semantic finding for one parsed model."""
    return _Checker(model).run()
