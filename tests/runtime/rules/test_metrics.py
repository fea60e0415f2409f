"""The metric registry: the media kinds of each metric, and exact measures and comparisons."""

from __future__ import annotations

from fractions import Fraction

import pytest

from generator.runtime.rules.grammar import METRICS, MediaFacts, Rule


def test_each_metric_knows_its_media_kinds() -> None:
    kinds = {name: sorted(metric.kinds) for name, metric in METRICS.items()}
    assert kinds == {
        "file_size_mb": ["audio", "image", "video"],
        "width_pixels": ["image", "video"],
        "height_pixels": ["image", "video"],
        "width/height": ["image", "video"],
        "shortest_side_pixels": ["image", "video"],
        "longest_side_pixels": ["image", "video"],
        "duration_seconds": ["audio", "video"],
    }


def test_megabytes_are_a_million_bytes_compared_exactly() -> None:
    rule = Rule.parse("file_size_mb<", 4.7, "File size must be less than 4.7 MB.")
    size = METRICS["file_size_mb"]
    assert rule.holds(size.measure(MediaFacts(size_bytes=4_699_999)) or Fraction(0))
    # Exactly 4.7 MB is not "less than 4.7 MB", although 4.7 is not exact in binary.
    assert not rule.holds(size.measure(MediaFacts(size_bytes=4_700_000)) or Fraction(0))


def test_ratio_and_sides_are_exact() -> None:
    ratio = METRICS["width/height"].measure(MediaFacts(width=1000, height=3000))
    assert ratio == Fraction(1, 3)
    # 1/3 is above 0.33 exactly as written, though float rounding could say otherwise.
    assert Rule.parse("width/height>", 0.33, "").holds(ratio or Fraction(0))
    assert not Rule.parse("width/height<", 3, "").holds(Fraction(3))
    assert Rule.parse("width/height<=", 3, "").holds(Fraction(3))
    facts = MediaFacts(width=640, height=320)
    assert METRICS["shortest_side_pixels"].measure(facts) == 320
    assert METRICS["longest_side_pixels"].measure(facts) == 640


def test_missing_facts_measure_nothing() -> None:
    for metric in METRICS.values():
        assert metric.measure(MediaFacts()) is None


@pytest.mark.parametrize(
    ("operator", "below", "on", "above"),
    [
        ("<", True, False, False),
        ("<=", True, True, False),
        (">", False, False, True),
        (">=", False, True, True),
        ("==", False, True, False),
        ("!=", True, False, True),
    ],
)
def test_every_operator_on_and_around_its_bound(
    operator: str, below: bool, on: bool, above: bool
) -> None:
    """A value exactly on the bound is where a strict and a loose operator differ."""
    rule = Rule.parse(f"width_pixels{operator}", 320, "")
    width = METRICS["width_pixels"]
    judged = [
        rule.holds(width.measure(MediaFacts(width=pixels)) or Fraction(-1))
        for pixels in (319, 320, 321)
    ]
    assert judged == [below, on, above]
