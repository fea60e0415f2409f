"""Cost estimates before submitting: price times the input's duration or count, exactly.

Each case uses a real generated model whose cost basis the generator found, so the
estimate reads the field the model really has (``duration``, ``music_length_ms``,
``num_images``), its published default counting as set.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import pytest

from runcomfy_models import CostBasis, CostEstimate, Price, estimate_cost, get_model
from runcomfy_models._runtime.core.cost import (
    cost_of,
    decimal_of,
    estimate_values,
    shown_usd,
    total_usd,
    usd_number,
)
from tests.support.emulated import IMAGE

KLING = "kling/kling-3.0/pro/text-to-video"  # duration: int, default 5
FLUX = "blackforestlabs/flux-3/text-to-video"  # duration: "auto" | "5" | ... "20", default auto
MUSIC = "elevenlabs/elevenlabs/music-generation"  # music_length_ms, default 40000
WAN_EDIT = "wan-ai/wan-2.7/edit"  # num_images, default 1
QWEN = "qwen/qwen-image-2.1/text-to-image"  # no count field
WAN_PRO = "wan-ai/wan-2.7/pro/text-to-image"  # max_images 1 to 5, default 1: a maximum
DEFAULT = "the schema's default; the server applies its own defaults to fields you leave unset"

PER_SECOND = Price(0.07, "second")
PER_OUTPUT = Price(0.04, "output")


def make(model_id: str, **values: Any) -> Any:
    return get_model(model_id).input.model_validate(values)


def test_per_second_times_the_duration() -> None:
    estimate = estimate_cost(make(KLING, prompt="a cat", duration=5), PER_SECOND)
    assert estimate == CostEstimate(Decimal("0.35"), "0.07 USD/second x duration 5 s = 0.35 USD")


def test_the_amount_is_exact_not_floating_point() -> None:
    # 0.07 * 3 is 0.21000000000000002 in floats; the estimate is 0.21 exactly.
    assert estimate_cost(make(KLING, prompt="a cat", duration=3), PER_SECOND).usd == Decimal("0.21")


def test_a_published_default_duration_is_used_and_the_rule_says_so() -> None:
    estimate = estimate_cost(make(KLING, prompt="a cat"), PER_SECOND)
    assert estimate == CostEstimate(
        Decimal("0.35"), f"0.07 USD/second x duration 5 s ({DEFAULT}) = 0.35 USD"
    )


def test_a_value_the_caller_set_is_not_called_a_default() -> None:
    # set to the default's own value: still the caller's
    estimate = estimate_cost(make(KLING, prompt="a cat", duration=5), PER_SECOND)
    assert estimate.rule == "0.07 USD/second x duration 5 s = 0.35 USD"


def test_a_default_in_milliseconds_says_it_is_the_default() -> None:
    payload = get_model(MUSIC).input(prompt="a song", music_length_ms=10000)
    assert "default" not in estimate_cost(payload, PER_SECOND).rule
    unset = estimate_cost(get_model(MUSIC).input(prompt="a song"), PER_SECOND)
    assert unset.rule == (
        f"0.07 USD/second x music_length_ms 40000 ms (40 s) ({DEFAULT}) = 2.8 USD"
    )


def test_a_milliseconds_field_is_divided_by_1000() -> None:
    estimate = estimate_cost(make(MUSIC, prompt="a song", music_length_ms=12500), PER_SECOND)
    assert estimate.usd == Decimal("0.875")
    assert estimate.rule == ("0.07 USD/second x music_length_ms 12500 ms (12.5 s) = 0.875 USD")


def test_a_string_enum_value_is_read_as_a_number() -> None:
    estimate = estimate_cost(make(FLUX, prompt="a cat", duration="5"), PER_SECOND)
    assert estimate == CostEstimate(Decimal("0.35"), "0.07 USD/second x duration 5 s = 0.35 USD")


def test_auto_gives_no_estimate_and_says_why() -> None:
    estimate = estimate_cost(make(FLUX, prompt="a cat", duration="auto"), PER_SECOND)
    assert estimate.usd is None
    assert estimate.rule == "duration is 'auto': the length is known only after the job"
    unset = estimate_cost(make(FLUX, prompt="a cat"), PER_SECOND)
    assert unset.usd is None
    assert unset.rule == (f"duration is 'auto' ({DEFAULT}): the length is known only after the job")


def test_an_unset_duration_without_default_gives_no_estimate() -> None:
    estimate = estimate_values({}, PER_SECOND, CostBasis(duration_field="duration"))
    assert estimate.usd is None
    assert "duration is not set and has no default" in estimate.rule


def test_per_second_without_a_duration_field_gives_no_estimate() -> None:
    estimate = estimate_cost(make(QWEN, prompt="a cat"), PER_SECOND)
    assert estimate.usd is None
    assert "no duration field" in estimate.rule


def test_per_output_times_the_count_field() -> None:
    payload = make(WAN_EDIT, prompt="a cat", image_urls=[IMAGE], num_images=3)
    estimate = estimate_cost(payload, PER_OUTPUT)
    assert estimate == CostEstimate(Decimal("0.12"), "0.04 USD/output x num_images 3 = 0.12 USD")


def test_per_output_without_a_count_field_assumes_one_output_and_says_so() -> None:
    estimate = estimate_cost(make(QWEN, prompt="a cat"), PER_OUTPUT)
    assert estimate.usd == Decimal("0.04")
    assert estimate.rule == (
        "0.04 USD/output x 1 output (the model has no count field: one output assumed) "
        "= 0.04 USD"
    )
    assert not estimate.upper_bound


def test_a_default_count_says_it_is_the_default() -> None:
    estimate = estimate_cost(make(WAN_EDIT, prompt="a cat", image_urls=[IMAGE]), PER_OUTPUT)
    assert estimate.rule == f"0.04 USD/output x num_images 1 ({DEFAULT}) = 0.04 USD"


def test_a_maximum_count_makes_the_estimate_an_upper_bound() -> None:
    estimate = estimate_cost(make(WAN_PRO, prompt="a cat", max_images=5), PER_OUTPUT)
    assert estimate == CostEstimate(
        Decimal("0.2"),
        "0.04 USD/output x at most max_images 5 = at most 0.2 USD",
        upper_bound=True,
    )
    unset = estimate_cost(make(WAN_PRO, prompt="a cat"), PER_OUTPUT)
    assert unset == CostEstimate(
        Decimal("0.04"),
        f"0.04 USD/output x at most max_images 1 ({DEFAULT}) = at most 0.04 USD",
        upper_bound=True,
    )


def test_an_unset_maximum_without_default_assumes_one_output_and_bounds_nothing() -> None:
    basis = CostBasis(count_field="max_images", count_is_maximum=True)
    estimate = estimate_values({}, PER_OUTPUT, basis)
    assert estimate.usd == Decimal("0.04")
    assert not estimate.upper_bound
    assert "max_images is not set: one output assumed" in estimate.rule
    assert "at most" not in estimate.rule


def test_values_given_as_json_say_which_the_caller_set() -> None:
    basis = CostBasis(duration_field="duration")
    given = estimate_values({"duration": 5}, PER_SECOND, basis, given={"prompt"})
    assert given.rule == f"0.07 USD/second x duration 5 s ({DEFAULT}) = 0.35 USD"
    assert "default" not in estimate_values({"duration": 5}, PER_SECOND, basis).rule


def test_no_price_gives_no_estimate() -> None:
    estimate = estimate_cost(make(KLING, prompt="a cat"), None)
    assert estimate.usd is None
    assert estimate.rule == f"no price is published for {KLING}: no estimate"


def test_an_unknown_unit_gives_no_estimate_and_names_it() -> None:
    estimate = estimate_cost(make(KLING, prompt="a cat"), Price(0.001, "token"))
    assert estimate.usd is None
    assert "per 'token'" in estimate.rule
    assert "no estimate is made for that unit" in estimate.rule


@pytest.mark.parametrize(
    ("values", "why"),
    [
        ({"duration": "soon"}, "duration is 'soon', not a number of seconds"),
        ({"duration": True}, "duration is True, not a number of seconds"),
        ({"duration": None}, "duration is None, not a number of seconds"),
    ],
)
def test_a_duration_that_is_no_number_gives_no_estimate(values: dict[str, Any], why: str) -> None:
    estimate = estimate_values(values, PER_SECOND, CostBasis(duration_field="duration"))
    assert estimate.usd is None
    assert why in estimate.rule


def test_a_count_that_is_no_whole_number_gives_no_estimate() -> None:
    basis = CostBasis(count_field="num_images")
    assert estimate_values({"num_images": 2.5}, PER_OUTPUT, basis).usd is None
    assert estimate_values({"num_images": 2}, PER_OUTPUT, basis).usd == Decimal("0.08")


def test_only_generated_inputs_are_estimated() -> None:
    with pytest.raises(TypeError, match="not a generated model's Input"):
        estimate_cost({"prompt": "a cat"}, PER_SECOND)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.35, Decimal("0.35")),
        ("0.35", Decimal("0.35")),
        (0, Decimal(0)),
        (-0.0, Decimal(0)),
        ("1e9", Decimal("1e9")),
        ("1e-30", Decimal("1e-30")),
        (0.30000000000000004, Decimal("0.30000000000000004")),
        (-5, None),
        ("-0.5", None),
        ("1e400", None),
        (1e12, None),
        ("1e-31", None),
        ("1e-999999", None),
        (float("nan"), None),
        (float("inf"), None),
        (True, None),
        ("a lot", None),
        ({"usd": 1}, None),
    ],
)
def test_a_cost_is_a_finite_plausible_amount_or_none(value: Any, expected: Any) -> None:
    cost = cost_of(value)
    assert cost == expected
    if cost is not None:
        assert not cost.is_signed()
        assert math.isfinite(usd_number(cost) or 0.0)


def test_a_total_is_exact_with_many_digits() -> None:
    costs = [Decimal("1e9"), Decimal("1e-30"), Decimal("0.30000000000000004")] * 3
    total = total_usd(costs)
    assert total == Decimal("3000000000.900000000000000120000000000003")
    assert shown_usd(total) == "3000000000.900000000000000120000000000003"
    assert usd_number(total) == 3000000000.9  # the JSON number: the nearest double


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.07, Decimal("0.07")),
        (5, Decimal(5)),
        ("5", Decimal(5)),
        (" 0.35 ", Decimal("0.35")),
        (1e-7, Decimal("1e-7")),
        (True, None),
        (float("nan"), None),
        (float("inf"), None),
        ("NaN", None),
        ("Infinity", None),
        ("abc", None),
        ("9" * 41, None),
        (None, None),
        ([1], None),
    ],
)
def test_decimal_of_reads_numbers_exactly_and_nothing_else(value: Any, expected: Any) -> None:
    assert decimal_of(value) == expected


def test_amounts_are_shown_in_plain_digits() -> None:
    assert shown_usd(Decimal("1E+1")) == "10"
    assert shown_usd(Decimal("2.80")) == "2.8"
    assert shown_usd(Decimal("0.00")) == "0"
    assert shown_usd(Decimal("1e-7")) == "0.0000001"


@pytest.mark.parametrize(
    ("price", "values"),
    [
        (Price(1e308, "second"), {"duration": 20}),  # past a double once multiplied
        (Price(0.07, "second"), {"duration": 10**40}),
        (Price(1e300, "output"), {"num_images": 3}),
    ],
)
def test_an_estimate_past_any_plausible_cost_is_no_estimate(
    price: Price, values: dict[str, Any]
) -> None:
    basis = CostBasis(duration_field="duration", count_field="num_images")
    estimate = estimate_values(values, price, basis)
    assert estimate.usd is None
    assert estimate.rule.endswith("more than any job costs (1000000000 USD): no estimate")
