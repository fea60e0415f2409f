# Generated from generator/runtime/core/cost.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""What a job will cost, worked out before it is submitted: price times the input's quantity.

RunComfy prices a model per ``second`` of output or per ``output`` made. A model's
``CostBasis`` (found when generating) names the input field that holds the output's
length (seconds, or milliseconds for ``*_ms`` fields) and the one that holds how many
outputs to make. An estimate multiplies the price by that field's value; where the value
is not known before the job runs (``"auto"``, a field left unset with no default, no
such field) or the price's unit is another one, there is no estimate, and the rule says
why. Every amount is a ``Decimal``: the price as published (``0.07``, not the nearest
double) times an exact quantity.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from .info import CostBasis, Price
from .model import InputModel
from .spec import spec_for

__all__ = ["CostEstimate", "decimal_of", "estimate_cost", "estimate_values", "shown_usd"]


@dataclass(frozen=True)
class CostEstimate:
    """An estimate in US dollars (``None``: none can be made) and the rule behind it.

    ``rule`` always says what was multiplied (``0.07 USD/second x duration 5 s =
    0.35 USD``), or why nothing could be.
    """

    usd: Decimal | None
    rule: str


def decimal_of(value: Any) -> Decimal | None:
    """``value`` as an exact ``Decimal``: an int, a float as written, or a numeric string.

    A float is read by its shortest repr (``0.07`` is ``Decimal("0.07")``, not the
    double's 0.070000000000000006661...). Booleans, NaN, infinities and anything else
    are ``None``.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, str) and 0 < len(value) <= 40:
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def shown_usd(amount: Decimal) -> str:
    """``amount`` in plain digits, never in exponent form (``1E+1`` is ``10``)."""
    text = format(amount, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _unset(field: str) -> str:
    return f"{field} is not set and has no default: the length is known only after the job"


def _per_second(rate: Decimal, values: Mapping[str, Any], basis: CostBasis) -> CostEstimate:
    per = f"{shown_usd(rate)} USD/second"
    field = basis.duration_field
    if field is None:
        return CostEstimate(
            None,
            f"priced at {per}, but the model has no duration field: the length is known "
            "only after the job",
        )
    if field not in values:
        return CostEstimate(None, _unset(field))
    raw = values[field]
    if isinstance(raw, str) and raw.strip().lower() == "auto":
        return CostEstimate(None, f"{field} is 'auto': the length is known only after the job")
    number = decimal_of(raw)
    if number is None:
        shown = repr(raw) if len(repr(raw)) <= 40 else repr(raw)[:37] + "..."
        return CostEstimate(None, f"{field} is {shown}, not a number of seconds: no estimate")
    if basis.duration_unit == "ms":
        seconds = number / 1000
        quantity = f"{field} {shown_usd(number)} ms ({shown_usd(seconds)} s)"
    else:
        seconds = number
        quantity = f"{field} {shown_usd(number)} s"
    usd = rate * seconds
    return CostEstimate(usd, f"{per} x {quantity} = {shown_usd(usd)} USD")


def _per_output(rate: Decimal, values: Mapping[str, Any], basis: CostBasis) -> CostEstimate:
    per = f"{shown_usd(rate)} USD/output"
    field = basis.count_field
    if field is None:
        return CostEstimate(
            rate,
            f"{per} x 1 output (the model has no count field: one output per job) = "
            f"{shown_usd(rate)} USD",
        )
    if field not in values:
        assumed = f"({field} is not set: one output assumed)"
        return CostEstimate(rate, f"{per} x 1 output {assumed} = {shown_usd(rate)} USD")
    count = decimal_of(values[field])
    if count is None or count != count.to_integral_value():
        shown = repr(values[field])[:40]
        return CostEstimate(None, f"{field} is {shown}, not a whole number of outputs: no estimate")
    usd = rate * count
    return CostEstimate(usd, f"{per} x {field} {shown_usd(count)} = {shown_usd(usd)} USD")


def estimate_values(
    values: Mapping[str, Any], price: Price | None, basis: CostBasis, model_id: str = "the model"
) -> CostEstimate:
    """The estimate for an input given as JSON values by published name (defaults applied).

    ``estimate_cost`` reads those values from a typed ``Input``; the emulator reads them
    from a submitted body.
    """
    if price is None:
        return CostEstimate(None, f"no price is published for {model_id}: no estimate")
    rate = decimal_of(price.base_price_usd)
    if rate is None or rate < 0:
        return CostEstimate(
            None, f"the price {price.base_price_usd!r} is not a number of USD: no estimate"
        )
    unit = price.price_unit
    if unit == "second":
        return _per_second(rate, values, basis)
    if unit == "output":
        return _per_output(rate, values, basis)
    shown = unit if len(unit) <= 40 else unit[:37] + "..."
    return CostEstimate(
        None,
        f"priced at {shown_usd(rate)} USD per {shown!r}: no estimate is made for that unit "
        "(only 'second' and 'output')",
    )


def estimate_cost(payload: InputModel[Any], price: Price | None) -> CostEstimate:
    """What ``payload`` will cost at ``price``, before it is submitted, and why.

    The quantity comes from the model's cost basis (``spec_for(type(payload)).info``):
    per ``second`` the duration field's value (``*_ms`` fields divided by 1000; a string
    enum value such as ``"5"`` read as a number), per ``output`` the count field's value
    (1 when the model has none). Published defaults count as set. ``usd`` is ``None``
    when the quantity is known only after the job (``"auto"``, unset), when there is no
    price, or when the price is per some other unit; ``rule`` says which.
    """
    spec = spec_for(type(payload))
    if spec is None:
        raise TypeError(f"{type(payload).__name__} is not a generated model's Input")
    basis = spec.info.cost_basis if spec.info is not None else CostBasis()
    values = payload.model_dump(mode="json", by_alias=True)
    return estimate_values(values, price, basis, spec.model_id)
