"""The ``validation_rule`` grammar and metric registry (shared with the runtime)."""

from generator.runtime.rules.grammar import (
    MEDIA_KINDS,
    METRICS,
    OPERATORS,
    MediaFacts,
    MediaKind,
    Metric,
    Rule,
    RuleSyntaxError,
    exact_value,
    parse_rule,
)

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
