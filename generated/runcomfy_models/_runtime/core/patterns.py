# Generated from generator/runtime/core/patterns.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""JSON Schema ``pattern`` matching that cannot hang: each match ends within a deadline.

Published patterns are matched with the ``regex`` module, not ``re``. Both backtrack, and
a pattern such as ``^(a+)+$`` takes exponential time to refuse ``"aaaa…!"``; but ``regex``
takes a ``timeout`` (checked inside its matching loop) and releases the GIL while it
works, so a match runs out at :data:`PATTERN_TIMEOUT` and never freezes other threads
(``re`` holds the GIL, so not even a watchdog thread could run). Its syntax is ``re``'s
(lookarounds and backreferences included), unlike RE2's or Rust's linear-time engines,
which refuse those. A value whose match runs out of time is refused, never let through.
"""

from __future__ import annotations

import functools
import importlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from ..errors import PatternTimeout

__all__ = [
    "PATTERN_TIMEOUT",
    "VALIDATION_BUDGET",
    "PatternBudget",
    "PatternTimeout",
    "compile_pattern",
    "pattern_budget",
    "pattern_search",
    "validation_budget",
]

# ``regex`` ships no type information; it is used through ``Any`` so that the package's
# ``mypy --strict`` is clean with or without ``types-regex`` installed.
_regex: Any = importlib.import_module("regex")

PATTERN_TIMEOUT = 0.5
"""Seconds one pattern match may take; a sane pattern needs microseconds."""

VALIDATION_BUDGET = 2.0
"""Seconds all the pattern matches of one model validation may take together."""


class PatternBudget:
    """Time that every pattern match of one validation shares; :meth:`stop` ends it early.

    A model with many pattern fields costs at most one budget, not one timeout per field;
    a server that gives up waiting (the emulator) stops the budget, so the thread doing
    the validation finishes within one match of it.
    """

    def __init__(self, seconds: float) -> None:
        self.ends = time.monotonic() + seconds

    def stop(self) -> None:
        self.ends = float("-inf")

    def remaining(self) -> float:
        return self.ends - time.monotonic()


_BUDGET: ContextVar[PatternBudget | None] = ContextVar("runcomfy_pattern_budget", default=None)


@contextmanager
def pattern_budget(budget: PatternBudget) -> Iterator[PatternBudget]:
    """Within the block (in this thread or task), every match also ends with ``budget``."""
    token = _BUDGET.set(budget)
    try:
        yield budget
    finally:
        _BUDGET.reset(token)


@contextmanager
def validation_budget(seconds: float = VALIDATION_BUDGET) -> Iterator[PatternBudget]:
    """A budget for one validation, unless one is in force already (an outer model, or
    a server's own): nested objects and every field share the outermost budget."""
    budget = _BUDGET.get()
    if budget is not None:
        yield budget
        return
    with pattern_budget(PatternBudget(seconds)) as budget:
        yield budget


@functools.lru_cache(maxsize=512)
def compile_pattern(pattern: str) -> Any:
    """``pattern`` compiled as ``re`` reads it; raises ``ValueError`` if it is not valid."""
    try:
        return _regex.compile(pattern, _regex.VERSION0)
    except _regex.error as exc:
        raise ValueError(f"invalid pattern {pattern!r}: {exc}") from None


def pattern_search(pattern: str, value: str, timeout: float = PATTERN_TIMEOUT) -> bool:
    """Whether ``pattern`` matches anywhere in ``value`` (JSON Schema's ``pattern``).

    Raises :class:`PatternTimeout` when the match takes longer than ``timeout`` seconds,
    or than what is left of the :class:`PatternBudget` in force.
    """
    budget = _BUDGET.get()
    if budget is not None:
        timeout = min(timeout, budget.remaining())
        if timeout <= 0:
            raise PatternTimeout(f"pattern {pattern!r} was not matched: the time ran out")
    try:
        return compile_pattern(pattern).search(value, timeout=timeout) is not None
    except TimeoutError:
        raise PatternTimeout(
            f"pattern {pattern!r} could not be matched within {timeout:g} s"
        ) from None
