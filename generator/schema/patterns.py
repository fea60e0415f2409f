"""Published ``pattern``s: judged in bounded time, and flagged when they backtrack badly.

The generator judges published values (defaults, examples, enum values) against their
own schema with ``jsonschema``, whose ``pattern`` is ``re.search``: a hostile pattern with
a hostile default would hang lint. :data:`ValueValidator` matches patterns as the
generated package does (``regex``, bounded by ``PATTERN_TIMEOUT``); a value whose match
runs out of time does not satisfy its schema.

:func:`backtracking_problem` finds the shapes that make a backtracking matcher take
exponential time: a repetition inside a repetition (``(a+)+``, ``(\\w+\\s?)*``,
``(.*a){20}``) and a repeated alternation whose branches can start alike (``(a|a)*``,
``(a|ab)+``). It is a heuristic (it cannot prove a pattern safe, and ``(ab+)+`` is
flagged though each turn must start with ``a``), so lint warns; what bounds the time is
the matcher.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators

from generator.runtime.core.patterns import PatternTimeout, compile_pattern, pattern_search

__all__ = ["ValueValidator", "backtracking_problem", "pattern_problem"]

_parser: Any = getattr(re, "_parser", None)
_constants: Any = getattr(re, "_constants", None)


def _pattern(validator: Any, pattern: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if not (isinstance(pattern, str) and validator.is_type(instance, "string")):
        return
    try:
        matched = pattern_search(pattern, instance)
    except PatternTimeout as exc:
        yield ValidationError(f"{instance!r} could not be checked: {exc}")
        return
    except ValueError:  # not a valid pattern: lint reports it as invalid-pattern
        return
    if not matched:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


ValueValidator: Any = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"pattern": _pattern}
)
"""Draft 2020-12, with ``pattern`` matched as the generated package matches it."""


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be used (Python's ``re`` or the ``regex`` module refuses it)."""
    try:
        re.compile(pattern)
        compile_pattern(pattern)
    except (re.error, ValueError, RecursionError, OverflowError) as exc:
        return str(exc)
    return None


def backtracking_problem(pattern: str) -> str | None:
    """What in ``pattern`` can make matching take exponential time, or ``None``."""
    if _parser is None or _constants is None:  # pragma: no cover - CPython has both
        return None
    try:
        tree = _parser.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    return _walk(list(tree), repeated=False)


def _is_repeat(op: Any) -> bool:
    return op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT)


def _walk(items: list[tuple[Any, Any]], repeated: bool) -> str | None:
    """The first risky shape in a parsed (sub)pattern; ``repeated``: inside a repetition
    that can go round more than once."""
    c = _constants
    for op, av in items:
        found = None
        if _is_repeat(op):
            _, high, sub = av
            many = high == c.MAXREPEAT or high > 1
            if many and _ambiguous_turns(list(sub)):
                return "a repetition inside a repetition, which can split a value many ways"
            if many and _overlapping_branches(list(sub)):
                return "a repeated alternation whose branches can match alike"
            found = _walk(list(sub), repeated or many)
        elif op == c.SUBPATTERN:
            found = _walk(list(av[-1]), repeated)
        elif op == c.BRANCH:
            for branch in av[1]:
                found = found or _walk(list(branch), repeated)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            found = _walk(list(av[1]), repeated)
        # ATOMIC_GROUP and POSSESSIVE_REPEAT never backtrack into themselves: skipped.
        if found:
            return found
    return None


def _flatten(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """A sequence with plain groups opened (``(a+)`` is ``a+`` for this purpose)."""
    c = _constants
    flat: list[tuple[Any, Any]] = []
    for op, av in items:
        if op == c.SUBPATTERN:
            flat.extend(_flatten(list(av[-1])))
        else:
            flat.append((op, av))
    return flat


def _optional(op: Any, av: Any) -> bool:
    c = _constants
    return op in (c.AT, c.ASSERT, c.ASSERT_NOT) or (_is_repeat(op) and av[0] == 0)


def _ambiguous_turns(body: list[tuple[Any, Any]]) -> bool:
    """Whether a repeated body holds an unbounded repetition that nothing in the body
    keeps apart from the next turn: no required character it cannot match follows it
    (within the turn, or at the start of the next). ``(a+)+`` and ``(\\w+\\s?)*`` are
    ambiguous; ``([a-z]+\\.)*`` and ``(ab+)+`` are not."""
    c = _constants
    flat = _flatten(body)
    for index, (op, av) in enumerate(flat):
        if not (_is_repeat(op) and av[1] == c.MAXREPEAT and _can_match_text(list(av[2]))):
            continue
        inner = _first(list(av[2]))
        after = flat[index + 1 :] + flat[:index]  # the rest of this turn, then the next
        separator = next(((o, a) for o, a in after if not _optional(o, a)), None)
        if separator is None:
            return True
        following = _first([separator])
        if inner is None or following is None or inner & following:
            return True
    return False


def _can_match_text(items: list[tuple[Any, Any]]) -> bool:
    """Whether the subpattern consumes characters (not only anchors or lookarounds)."""
    c = _constants
    zero_width = (c.AT, c.ASSERT, c.ASSERT_NOT)
    return any(op not in zero_width for op, _ in items)


def _first(items: list[tuple[Any, Any]]) -> frozenset[Any] | None:
    """What a subpattern's first character can be (characters or class names), or None
    when it could be anything (``.``, a negated set, an optional start, ...)."""
    c = _constants
    if not items:
        return None
    op, av = items[0]
    if op == c.LITERAL:
        return frozenset({av})
    if op == c.IN:
        found: set[Any] = set()
        for kind, value in av:
            if kind == c.LITERAL:
                found.add(value)
            elif kind == c.CATEGORY:
                found.add(str(value))
            elif kind == c.RANGE and value[1] - value[0] < 256:
                found.update(range(value[0], value[1] + 1))
            else:
                return None
        return frozenset(found)
    if op == c.SUBPATTERN:
        return _first(list(av[-1]))
    if _is_repeat(op) and av[0] >= 1:
        return _first(list(av[2]))
    if op in (c.NOT_LITERAL, c.ANY):
        return None
    if op == c.BRANCH:
        firsts = [_first(list(branch)) for branch in av[1]]
        if any(first is None for first in firsts):
            return None
        return frozenset().union(*(first for first in firsts if first is not None))
    return None


def _overlapping_branches(body: list[tuple[Any, Any]]) -> bool:
    """Whether a repeated body holds an alternation whose branches can start alike, or
    one that may match nothing (re's parser makes ``(a|aa)`` ``a(?:|a)``: a turn can end
    there or go on, so a value splits into turns in many ways)."""
    c = _constants
    for op, av in _flatten(body):
        if op != c.BRANCH:
            continue
        branches = [list(branch) for branch in av[1]]
        if any(not _can_match_text(branch) for branch in branches):
            return True
        firsts = [_first(branch) for branch in branches]
        for index, first in enumerate(firsts):
            for other in firsts[index + 1 :]:
                if first is None or other is None or first & other:
                    return True
    return False
