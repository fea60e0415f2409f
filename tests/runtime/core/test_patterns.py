"""Patterns that cannot hang: every match ends within its deadline, and a value whose
match runs out of time is refused, never let through.

Bounds are deadlines plus generous slack (the machine is shared), never speed claims.
"""

from __future__ import annotations

import threading
import time
from typing import Annotated, Any

import pytest
from pydantic import ValidationError, create_model

from runcomfy_models._runtime.core.model import InputModel, JsonSchema, OutputModel
from runcomfy_models._runtime.core.patterns import (
    PATTERN_TIMEOUT,
    VALIDATION_BUDGET,
    PatternTimeout,
    pattern_search,
)

SLACK = 20.0  # seconds on top of every deadline: a bound, not a speed assertion
PATTERN = {"type": "string", "pattern": r"^(a|aa)+$"}
HOSTILE = [
    (r"^(a+)+$", "a" * 30 + "!"),
    (r"^(a|aa)+$", "a" * 60 + "!"),
    (r"^(a|a)*$", "a" * 40 + "!"),
    (r"^(\w+\s?)*$", "a" * 40 + "!"),
    (r"^(([a-z])+.)+[A-Z]([a-z])+$", "a" * 5000),
    (r"(x+x+)+y", "x" * 40),
    (r"^(a+)+$", "a" * 20000 + "!"),
]


@pytest.mark.parametrize(("pattern", "value"), HOSTILE)
def test_a_hostile_value_is_refused_within_the_deadline(pattern: str, value: str) -> None:
    check = JsonSchema({"type": "string", "pattern": pattern})
    started = time.monotonic()
    errors = check.errors(value)
    assert time.monotonic() - started < PATTERN_TIMEOUT + SLACK
    assert [kind for kind, _ in errors] in (
        ["string_pattern_timeout"],
        ["string_pattern_mismatch"],
    )


def test_a_timed_out_match_raises_rather_than_matching() -> None:
    with pytest.raises(PatternTimeout, match="could not be matched within"):
        pattern_search(r"^(a|aa)+$", "a" * 200 + "!", timeout=0.05)


def test_an_array_of_hostile_values_costs_one_timeout() -> None:
    check = JsonSchema({"type": "array", "items": {"type": "string", "pattern": r"^(a|aa)+$"}})
    started = time.monotonic()
    errors = check.errors(["a" * 200 + "!"] * 200)
    assert time.monotonic() - started < PATTERN_TIMEOUT + SLACK  # not 200 timeouts
    assert [kind for kind, _ in errors] == ["string_pattern_timeout"]


class Slow(InputModel[OutputModel]):
    first: Annotated[str, JsonSchema({"type": "string", "pattern": r"^(a|aa)+$"})] = "a"
    look: Annotated[str, JsonSchema({"type": "string", "pattern": r"^(?=.*\d)(?!.*x)\w+$"})] = "1"
    twice: Annotated[str, JsonSchema({"type": "string", "pattern": r"^(\w+)-\1$"})] = "a-a"


def test_a_model_refuses_a_hostile_value_within_the_deadline() -> None:
    started = time.monotonic()
    with pytest.raises(ValidationError) as info:
        Slow(first="a" * 200 + "!")
    assert time.monotonic() - started < PATTERN_TIMEOUT + SLACK
    assert [e["type"] for e in info.value.errors()] == ["string_pattern_timeout"]
    assert "backtracks too much" in str(info.value)


@pytest.mark.parametrize(
    ("field", "good", "bad"),
    [("look", "ab1", "ax1"), ("twice", "ab-ab", "ab-ba"), ("first", "aaa", "aab")],
)
def test_lookarounds_and_backreferences_keep_their_meaning(field: str, good: str, bad: str) -> None:
    assert getattr(Slow(**{field: good}), field) == good
    with pytest.raises(ValidationError) as info:
        Slow(**{field: bad})
    assert [e["type"] for e in info.value.errors()] == ["string_pattern_mismatch"]


def test_a_hostile_match_leaves_other_threads_running() -> None:
    """``regex`` releases the GIL: another thread keeps working while a match runs
    (``re`` holds it, so with ``re`` this thread would not get a turn until the end)."""
    done = threading.Event()
    outcome: list[Any] = []

    def hostile() -> None:
        try:
            outcome.append(pattern_search(r"^(a|aa)+$", "a" * 200 + "!", timeout=2.0))
        except PatternTimeout as exc:
            outcome.append(exc)
        done.set()

    worker = threading.Thread(target=hostile)
    worker.start()
    turns = 0
    while not done.is_set():
        turns += 1
        time.sleep(0.01)
    worker.join(2.0 + SLACK)
    assert isinstance(outcome[0], PatternTimeout)
    assert turns >= 20  # about 200 in 2 s; with re, 1


FIELDS = 40
Many: Any = create_model(  # type: ignore[call-overload]
    "Many",
    __base__=InputModel[OutputModel],
    **{f"f{i}": (Annotated[str, JsonSchema(PATTERN)], "a") for i in range(FIELDS)},
)


def test_one_validation_shares_one_budget_across_its_fields() -> None:
    """Forty hostile fields cost the validation's budget, not forty timeouts (20 s)."""
    started = time.monotonic()
    with pytest.raises(ValidationError) as info:
        Many(**{f"f{i}": "a" * 200 + "!" for i in range(FIELDS)})
    assert time.monotonic() - started < VALIDATION_BUDGET + PATTERN_TIMEOUT + SLACK / 2
    assert {e["type"] for e in info.value.errors()} == {"string_pattern_timeout"}
    assert len(info.value.errors()) == FIELDS  # every field is refused, none let through
