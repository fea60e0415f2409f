"""Pointers in source errors escape ``~`` and ``/`` as RFC 6901 says (the one escaper)."""

from __future__ import annotations

from generator.sources.strict_json import first_difference, first_problem


def test_pointers_escape_tilde_and_slash() -> None:
    assert first_difference({"a/b": {"c~d": 1}}, {"a/b": {"c~d": 2}}) == "/a~1b/c~0d: 1 vs 2"
    assert first_problem({"x/y": [float("nan")]}) == "/x~1y/0: nan is not a finite JSON number"
