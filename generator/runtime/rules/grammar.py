"""The `validation_rule` grammar and the registry of metrics it can name.

RunComfy schemas attach rules such as ``file_size_mb<`` or ``width/height>=`` to media
fields. A rule is a metric name followed by a comparison operator; its value is a number.
This module is the one place that knows which metrics exist, what each one measures, and
on which media kinds it makes sense. The generator imports it to lint schemas and the
generated package ships a copy to check real files, so both always agree.

Comparisons are exact, as the rule is written: the measured quantity is a ``Fraction``
(bytes over 1,000,000 for megabytes, width over height for ratios) and the published
value is read as the decimal it was written as, so ``4.7`` megabytes means 4,700,000
bytes and not the nearest binary float.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from ..errors import RuleSyntaxError

__all__ = [
    "MEDIA_KINDS",
    "METRICS",
    "OPERATORS",
    "MediaFacts",
    "MediaKind",
    "Metric",
    "Rule",
    "RuleSyntaxError",
    "exact_value",
    "parse_rule",
]

MediaKind = Literal["image", "video", "audio"]
MEDIA_KINDS: tuple[MediaKind, ...] = ("image", "video", "audio")

Fact = Literal["size_bytes", "width", "height", "duration_seconds"]

OPERATORS: Mapping[str, Callable[[Fraction, Fraction], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}

# A metric name, then whatever follows it must be exactly one operator.
_RULE_PATTERN = re.compile(r"^(?P<metric>[A-Za-z0-9_/]*?)\s*(?P<op>[<>=!~]*)$")


@dataclass(frozen=True)
class MediaFacts:
    """What a probe learned about one media file; ``None`` where it could not tell."""

    size_bytes: int | None = None
    width: int | None = None
    height: int | None = None
    duration_seconds: float | None = None


@dataclass(frozen=True)
class Metric:
    """A measurable property of a media file that a rule can compare."""

    name: str
    description: str
    unit: str
    kinds: frozenset[MediaKind]
    needs: frozenset[Fact]
    _measure: Callable[[MediaFacts], Fraction | None]

    def measure(self, facts: MediaFacts) -> Fraction | None:
        """The exact value of this metric for ``facts``, or ``None`` if a fact is missing."""
        return self._measure(facts)


def _size_mb(facts: MediaFacts) -> Fraction | None:
    return None if facts.size_bytes is None else Fraction(facts.size_bytes, 1_000_000)


def _width(facts: MediaFacts) -> Fraction | None:
    return None if facts.width is None else Fraction(facts.width)


def _height(facts: MediaFacts) -> Fraction | None:
    return None if facts.height is None else Fraction(facts.height)


def _ratio(facts: MediaFacts) -> Fraction | None:
    if facts.width is None or not facts.height:
        return None
    return Fraction(facts.width, facts.height)


def _shortest(facts: MediaFacts) -> Fraction | None:
    if facts.width is None or facts.height is None:
        return None
    return Fraction(min(facts.width, facts.height))


def _longest(facts: MediaFacts) -> Fraction | None:
    if facts.width is None or facts.height is None:
        return None
    return Fraction(max(facts.width, facts.height))


def _duration(facts: MediaFacts) -> Fraction | None:
    if facts.duration_seconds is None:
        return None
    return Fraction(facts.duration_seconds)


_VISUAL: frozenset[MediaKind] = frozenset({"image", "video"})
_TIMED: frozenset[MediaKind] = frozenset({"video", "audio"})
_ANY: frozenset[MediaKind] = frozenset(MEDIA_KINDS)

METRICS: Mapping[str, Metric] = {
    metric.name: metric
    for metric in (
        Metric(
            "file_size_mb",
            "file size in megabytes (1 MB = 1,000,000 bytes)",
            "MB",
            _ANY,
            frozenset({"size_bytes"}),
            _size_mb,
        ),
        Metric("width_pixels", "width in pixels", "px", _VISUAL, frozenset({"width"}), _width),
        Metric(
            "height_pixels",
            "height in pixels",
            "px",
            _VISUAL,
            frozenset({"height"}),
            _height,
        ),
        Metric(
            "width/height",
            "aspect ratio, width divided by height",
            "",
            _VISUAL,
            frozenset({"width", "height"}),
            _ratio,
        ),
        Metric(
            "shortest_side_pixels",
            "the shorter of width and height, in pixels",
            "px",
            _VISUAL,
            frozenset({"width", "height"}),
            _shortest,
        ),
        Metric(
            "longest_side_pixels",
            "the longer of width and height, in pixels",
            "px",
            _VISUAL,
            frozenset({"width", "height"}),
            _longest,
        ),
        Metric(
            "duration_seconds",
            "playing time in seconds",
            "s",
            _TIMED,
            frozenset({"duration_seconds"}),
            _duration,
        ),
    )
}


def parse_rule(text: str) -> tuple[Metric, str]:
    """Split ``text`` such as ``"width/height<="`` into its metric and operator."""
    match = _RULE_PATTERN.match(text.strip())
    operators = " ".join(OPERATORS)
    if match is None:
        raise RuleSyntaxError(
            f"rule {text!r} is not a metric followed by an operator ({operators})",
            "metric",
        )
    name, op = match.group("metric"), match.group("op")
    metric = METRICS.get(name)
    if metric is None:
        raise RuleSyntaxError(
            f"unknown metric {name!r} in rule {text!r}; known metrics: "
            f"{', '.join(sorted(METRICS))}",
            "metric",
        )
    if op not in OPERATORS:
        raise RuleSyntaxError(
            f"unknown operator {op!r} in rule {text!r}; expected one of {operators}",
            "operator",
        )
    return metric, op


def exact_value(value: float) -> Fraction:
    """The published number as the decimal it was written as (``4.7`` is 47/10)."""
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


@dataclass(frozen=True)
class Rule:
    """One published rule: ``metric operator value``, with the publisher's error text."""

    metric: Metric
    operator: str
    value: float
    error: str

    @classmethod
    def parse(cls, rule: str, value: float, error: str) -> Rule:
        metric, op = parse_rule(rule)
        return cls(metric, op, value, error)

    @property
    def text(self) -> str:
        """The rule as published, for example ``file_size_mb<``."""
        return f"{self.metric.name}{self.operator}"

    def holds(self, measured: Fraction) -> bool:
        """Whether ``measured`` satisfies the rule, compared exactly."""
        return OPERATORS[self.operator](measured, exact_value(self.value))
