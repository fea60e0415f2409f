"""The validation_rule grammar: rules parse into a metric and an operator, or say what is wrong."""

from __future__ import annotations

import pytest

from generator.runtime.rules.grammar import RuleSyntaxError, parse_rule


@pytest.mark.parametrize(
    ("text", "metric", "op"),
    [
        ("file_size_mb<", "file_size_mb", "<"),
        ("width_pixels<=", "width_pixels", "<="),
        ("height_pixels>", "height_pixels", ">"),
        ("shortest_side_pixels>=", "shortest_side_pixels", ">="),
        ("longest_side_pixels==", "longest_side_pixels", "=="),
        ("width/height!=", "width/height", "!="),
        ("duration_seconds<", "duration_seconds", "<"),
    ],
)
def test_rules_parse_into_metric_and_operator(text: str, metric: str, op: str) -> None:
    parsed_metric, parsed_op = parse_rule(text)
    assert (parsed_metric.name, parsed_op) == (metric, op)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("bitrate<", "metric"),
        ("width_pixels=>", "operator"),
        ("width_pixels", "operator"),
        ("<5", "metric"),
    ],
)
def test_bad_rules_say_which_part_is_wrong(text: str, part: str) -> None:
    with pytest.raises(RuleSyntaxError) as info:
        parse_rule(text)
    assert info.value.part == part
    assert repr(text) in str(info.value)
