# Generated from generator/runtime/core/cost.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""What a job will cost, worked out before it is submitted, and what a finished one cost.

RunComfy prices a model per ``second`` of output or per ``output`` made. A model's
``CostBasis`` (found when generating) names the input field that holds the output's
length (seconds, or milliseconds for ``*_ms`` fields) and the one that holds how many
outputs to make (or, ``count_is_maximum``, the most it may make: the estimate is then an
upper bound). An estimate multiplies the price by that field's value; where the value
is not known before the job runs (``"auto"``, a field left unset with no default, no
such field) or the price's unit is another one, there is no estimate, and the rule says
why. The rule names every assumption it makes: a value that is the schema's default
because the caller left the field unset, one output where the model has no count field.

What is exact: every amount here is a ``Decimal``: a price as published (``0.07``, not
the nearest double) times an exact quantity, a cost as the server sent its digits
(``cost_of``), a total summed without rounding (``total_usd``). What is not: JSON has one
number type, read and written as a double by nearly every program, so the command line
writes amounts as JSON numbers (``usd_number``) that are the nearest double: they read
back as the same digits whenever the amount has at most 15 significant digits, and are
rounded otherwise; the lines on stderr and the ``Decimal`` values carry every digit.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation, localcontext
from typing import TYPE_CHECKING, Any

from .info import CostBasis, Price
from .spec import spec_for

if TYPE_CHECKING:  # pydantic stays unloaded for those that only read amounts
    from .model import InputModel

__all__ = [
    "MAX_COST_USD",
    "CostEstimate",
    "cost_of",
    "decimal_of",
    "estimate_cost",
    "estimate_values",
    "shown_usd",
    "total_usd",
    "usd_number",
]

MAX_COST_USD = Decimal(10) ** 9
"""The most one job may cost: a reported cost above it is taken for a server's error."""
_FINEST_EXPONENT = -30
"""A cost has at most 30 decimal places (``1e-30`` USD): finer is no amount of money."""
_EXACT = Context(prec=100)
"""Enough digits that adding costs (each up to 1e9 with 30 decimal places) never rounds."""
DEFAULT_NOTE = "the schema's default; the server applies its own defaults to fields you leave unset"
"""What a rule says of a value the caller did not set: the estimate used the default the
published schema names, which the server may not."""


@dataclass(frozen=True)
class CostEstimate:
    """An estimate in US dollars (``None``: none can be made) and the rule behind it.

    ``rule`` always says what was multiplied (``0.07 USD/second x duration 5 s =
    0.35 USD``), or why nothing could be, and every assumption made on the way: a
    value that is the schema's default because the field was left unset, one output
    assumed. ``upper_bound``: the model's count field is a maximum (``max_images``), so
    the job may make fewer outputs and cost less; ``usd`` is then the most it costs, and
    the rule says "at most".
    """

    usd: Decimal | None
    rule: str
    upper_bound: bool = False


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


def cost_of(value: Any) -> Decimal | None:
    """A job's reported cost in USD, or ``None`` if ``value`` is not one.

    A cost is a JSON number or a numeric string (``decimal_of``), finite, from 0 to
    ``MAX_COST_USD``, with at most 30 decimal places; kept as the digits sent.
    Anything else (negative, ``NaN``, ``Infinity``, ``"1e400"``, a boolean, text) is no
    cost: the caller warns and goes on, since the job's output was paid for.
    """
    number = decimal_of(value)
    if number is None or number < 0 or number > MAX_COST_USD:
        return None
    if number == 0:
        return Decimal(0)  # never "-0"
    exponent = number.normalize().as_tuple().exponent
    if not isinstance(exponent, int) or exponent < _FINEST_EXPONENT:
        return None
    return number


def total_usd(costs: Iterable[Decimal]) -> Decimal:
    """The exact sum of ``costs`` (each a ``cost_of`` value): no digit is rounded away."""
    total = Decimal(0)
    with localcontext(_EXACT):
        for cost in costs:
            total += cost
    return total


def usd_number(amount: Decimal | None) -> float | None:
    """``amount`` as a JSON number: the nearest double (see the module docstring).

    A ``cost_of`` value, or a sum of fewer than 1e290 of them, is well inside a double's
    range, so this is never infinite.
    """
    return None if amount is None else float(amount)


def shown_usd(amount: Decimal) -> str:
    """``amount`` in plain digits, never in exponent form (``1E+1`` is ``10``)."""
    text = format(amount, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _unset(field: str) -> str:
    return f"{field} is not set and has no default: the length is known only after the job"


def _default(field: str, given: Collection[str] | None) -> str:
    """`` (the schema's default; ...)`` when the caller left ``field`` unset, else ``""``."""
    return f" ({DEFAULT_NOTE})" if given is not None and field not in given else ""


def _per_second(
    rate: Decimal, values: Mapping[str, Any], basis: CostBasis, given: Collection[str] | None
) -> CostEstimate:
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
    default = _default(field, given)
    if isinstance(raw, str) and raw.strip().lower() == "auto":
        return CostEstimate(
            None, f"{field} is 'auto'{default}: the length is known only after the job"
        )
    number = decimal_of(raw)
    if number is None:
        return CostEstimate(
            None, f"{field} is {_shown(raw)}{default}, not a number of seconds: no estimate"
        )
    with localcontext(_EXACT):
        if basis.duration_unit == "ms":
            seconds = number / 1000
            quantity = f"{field} {shown_usd(number)} ms ({shown_usd(seconds)} s)"
        else:
            seconds = number
            quantity = f"{field} {shown_usd(number)} s"
        usd = rate * seconds
    return CostEstimate(usd, f"{per} x {quantity}{default} = {shown_usd(usd)} USD")


def _per_output(
    rate: Decimal, values: Mapping[str, Any], basis: CostBasis, given: Collection[str] | None
) -> CostEstimate:
    per = f"{shown_usd(rate)} USD/output"
    field = basis.count_field
    if field is None:
        return CostEstimate(
            rate,
            f"{per} x 1 output (the model has no count field: one output assumed) = "
            f"{shown_usd(rate)} USD",
        )
    if field not in values:
        assumed = f"({field} is not set: one output assumed)"
        return CostEstimate(rate, f"{per} x 1 output {assumed} = {shown_usd(rate)} USD")
    default = _default(field, given)
    count = decimal_of(values[field])
    if count is None or count != count.to_integral_value():
        return CostEstimate(
            None,
            f"{field} is {_shown(values[field])}{default}, not a whole number of outputs: "
            "no estimate",
        )
    with localcontext(_EXACT):
        usd = rate * count
    if basis.count_is_maximum:
        return CostEstimate(
            usd,
            f"{per} x at most {field} {shown_usd(count)}{default} = at most {shown_usd(usd)} USD",
            upper_bound=True,
        )
    return CostEstimate(usd, f"{per} x {field} {shown_usd(count)}{default} = {shown_usd(usd)} USD")


def estimate_values(
    values: Mapping[str, Any],
    price: Price | None,
    basis: CostBasis,
    model_id: str = "the model",
    *,
    given: Collection[str] | None = None,
) -> CostEstimate:
    """The estimate for an input given as JSON values by published name (defaults applied).

    ``given``: the published names the caller set (the body that is submitted); a value
    of another field is the schema's default, and the rule says so. ``None``: every
    value counts as set. ``estimate_cost`` reads both from a typed ``Input``; the
    emulator from a submitted body.
    """
    if price is None:
        return CostEstimate(None, f"no price is published for {model_id}: no estimate")
    rate = decimal_of(price.base_price_usd)
    if rate is None or rate < 0:
        return CostEstimate(
            None, f"the price {price.base_price_usd!r} is not a number of USD: no estimate"
        )
    unit = price.price_unit
    if unit in ("second", "output"):
        multiply = _per_second if unit == "second" else _per_output
        estimate = multiply(rate, values, basis, given)
        if estimate.usd is not None and estimate.usd > MAX_COST_USD:
            # a wrong price or quantity: never an amount past a double, nor a bound on it
            return CostEstimate(
                None,
                f"{estimate.rule}, more than any job costs ({shown_usd(MAX_COST_USD)} USD): "
                "no estimate",
            )
        return estimate
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
    (one output assumed when the model has none; with ``count_is_maximum`` the estimate
    is an upper bound, ``upper_bound``). A field the caller left unset counts at its
    published default, and the rule says so: the server applies its own defaults to
    unset fields, which may differ. ``usd`` is ``None`` when the quantity is known only
    after the job (``"auto"``, unset), when there is no price, or when the price is per
    some other unit; ``rule`` says which.
    """
    spec = spec_for(type(payload))
    if spec is None:
        raise TypeError(f"{type(payload).__name__} is not a generated model's Input")
    basis = spec.info.cost_basis if spec.info is not None else CostBasis()
    values = payload.model_dump(mode="json", by_alias=True)
    return estimate_values(values, price, basis, spec.model_id, given=set(payload.to_request()))
