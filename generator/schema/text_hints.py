"""Read the limits that prose states, to compare them with what the schema enforces.

Publishers write rules and their error texts separately, and sometimes state a limit
only in a description. These heuristics read English comparison phrases ("at least
320", "must not exceed 8000 pixels", "under 16 MB") so lint can warn where the prose
and the machine-readable schema disagree. They only ever produce warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["StatedLimit", "stated_comparisons", "stated_limits"]

# Phrase -> the operator it means. Negated phrases come first so "not less than" is
# never read as "less than".
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"(?:must )?not (?:be )?(?:less|fewer|smaller|shorter|lower) than", ">="),
    (r"(?:must )?not (?:be )?(?:more|greater|larger|longer|higher) than", "<="),
    (r"(?:must )?not exceed|no (?:more|greater|larger|longer) than", "<="),
    (r"no (?:less|fewer|smaller|shorter) than|at least|minimum(?: of| is)?|min\.?", ">="),
    (r"at most|maximum(?: of| is| resolution is)?|max\.?|up to|within", "<="),
    (r"(?:less|fewer|smaller|shorter|lower) than|under|below", "<"),
    (r"(?:more|greater|larger|longer|higher) than|exceed(?:s|ing)?|above|over", ">"),
)
_NUMBER = r"(\d+(?:[.,]\d+)?)"
_COMPARISON = re.compile(
    r"\b(" + "|".join(f"(?:{phrase})" for phrase, _ in _PHRASES) + r")\s+" + _NUMBER,
    re.I,
)
_OPERATOR_OF = [(re.compile(f"^(?:{phrase})$", re.I), op) for phrase, op in _PHRASES]
_UNIT = re.compile(
    r"^\s*(characters?|chars?|mb|megabytes?|kb|gb|seconds?|secs?|s\b|minutes?|mins?|"
    r"pixels?|px|images?|items?|files?)",
    re.I,
)
_RANGE = re.compile(
    _NUMBER
    + r"\s*(?:-|\u2013|to)\s*"
    + _NUMBER
    + r"\s*(seconds?|secs?|minutes?|characters?|pixels?|px|mb)\b",
    re.I,
)


def _operator(phrase: str) -> str:
    for pattern, op in _OPERATOR_OF:
        if pattern.match(phrase.strip()):
            return op
    raise AssertionError(f"phrase {phrase!r} matched no operator")  # pragma: no cover


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def stated_comparisons(text: str) -> list[tuple[str, float, str]]:
    """``(operator, number, phrase)`` for each comparison phrase in ``text``."""
    return [
        (_operator(match.group(1)), _number(match.group(2)), match.group(0))
        for match in _COMPARISON.finditer(text)
    ]


@dataclass(frozen=True)
class StatedLimit:
    """A limit stated in prose: what it limits (a unit family) and the phrase."""

    family: str
    phrase: str


_FAMILIES = {
    "char": "length",
    "mb": "size",
    "megabyte": "size",
    "kb": "size",
    "gb": "size",
    "sec": "duration",
    "s": "duration",
    "min": "duration",
    "pixel": "pixels",
    "px": "pixels",
    "image": "count",
    "item": "count",
    "file": "count",
}


def _family(unit: str) -> str:
    unit = unit.lower()
    for prefix, family in _FAMILIES.items():
        if unit.startswith(prefix) and (prefix != "s" or unit == "s"):
            return family
    return "other"


def stated_limits(text: str) -> list[StatedLimit]:
    """Limits that ``text`` states with a unit, such as "under 16 MB" or "2-30 seconds"."""
    limits = []
    for match in _COMPARISON.finditer(text):
        unit = _UNIT.match(text[match.end() :])
        if unit is not None:
            limits.append(StatedLimit(_family(unit.group(1)), match.group(0) + unit.group(0)))
    for match in _RANGE.finditer(text):
        limits.append(StatedLimit(_family(match.group(3)), match.group(0)))
    return limits
