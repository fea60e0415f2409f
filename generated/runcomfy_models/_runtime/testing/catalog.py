# Generated from generator/runtime/testing/catalog.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""The emulator's catalog and prices: ``GET /v1/models`` (filtered, paged), one model, the
categories, and what a finished job costs.

By default the emulator lists the package's own models, from its index (``_catalog``:
display name, categories as published or else the task, kind) and, with
``include_schema=true``, the input schemas the package ships (``schemas/<module>.json``).
Its filters mean what ``runcomfy_models.find`` makes of them (the same functions, from
``core/find.py``): ``category`` is the task, a published category or a media kind the
model makes, ``search`` words are looked for in the id, display name, task and
categories, and ``category`` and ``kind`` match in any case; so
``iter_models(category=X)`` against the emulator lists what ``find(category=X)`` does.
Entries given to the emulator (``Emulator(catalog=...)``) are matched on what they carry.
Prices come from the table the emulator is started with (``Emulator(prices=...)``,
``emulate --prices FILE.json``), else the catalog's published price, else a default by
what the model makes (``DEFAULT_PRICES``: video 0.10 USD/second, audio 0.02 USD/second,
images 0.04 USD/output, the first that applies in that order, from the index's output
media or else the model id; marked as the emulator's own in ``pricing_note``).

A result read with ``include_cost=true`` carries ``cost``: per second, the price times the
input's duration (the model's cost basis; ``*_ms`` fields in milliseconds), or times the
length of the file the emulator serves (``OUTPUT_SECONDS``) when the input leaves it
open (``"auto"``, unset); per output, the price times the outputs made (the input's count
field, else one); another unit, the price once. A cancelled job costs 0 (only a queued job
can be cancelled: no work was done). A failed job costs what the table's ``failed_cost``
says for its model: a number of USD (0 by default: RunComfy does not document what a
failed job costs), or ``"work done"``, what the work it did costs: an emulated job fails
only after running its whole course, so as much as the same job that succeeded.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.resources
import json
import math
from collections.abc import Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal, Protocol

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..core.cost import MAX_COST_USD, decimal_of, estimate_values
from ..core.find import category_names, has_words, in_category, same_kind, search_text
from ..core.info import CostBasis, ModelInfo, Price
from ..rules.grammar import MediaKind
from .bad_input import query_count, query_flag, query_text
from .faults import error_response
from .files import output_kind

__all__ = [
    "DEFAULT_PRICES",
    "MAX_OUTPUTS",
    "OUTPUT_SECONDS",
    "CatalogSource",
    "categories_answer",
    "checked_prices",
    "failed_cost_of",
    "job_cost",
    "list_answer",
    "model_answer",
    "outputs_made",
    "packaged_models",
    "price_of",
    "read_prices",
]

EMULATOR_NOTE = "the emulator's default price, not RunComfy's"
DEFAULT_PRICES: Mapping[MediaKind, Price] = {
    "video": Price(0.1, "second", EMULATOR_NOTE),
    "audio": Price(0.02, "second", EMULATOR_NOTE),
    "image": Price(0.04, "output", EMULATOR_NOTE),
}
OUTPUT_SECONDS: Mapping[MediaKind, int] = {"video": 2, "audio": 1, "image": 1}
"""Seconds billed per second-priced job whose input leaves the length open: the length
of the file the emulator serves (a 2 s clip, 1 s of sound; an image counts as 1)."""
MAX_OUTPUTS = 16
"""The most outputs one emulated job makes, whatever its count field asks."""
WORK_DONE: Literal["work done"] = "work done"
"""A ``failed_cost`` that bills a failed job for the work it did (see the module docstring)."""
FailedCost = Decimal | Literal["work done"]
_TABLE_KEYS = {"base_price_usd", "price_unit", "pricing_note", "failed_cost"}


class CatalogSource(Protocol):
    """What the catalog reads from the emulator: its own entries (or ``None``: the
    package's models) and its price table."""

    catalog: list[dict[str, Any]] | None
    prices: Mapping[str, Price | Mapping[str, Any]] | None
    page_cap: int


def _package() -> str:
    return __name__.rsplit(".", 3)[0]  # runcomfy_models._runtime.<layer>.<module>


@cache
def packaged_models() -> tuple[ModelInfo, ...]:
    """The package's index (``_catalog.MODELS``); empty outside a generated package."""
    try:
        module = importlib.import_module(f"{_package()}._catalog")
    except ModuleNotFoundError:
        return ()
    models: tuple[ModelInfo, ...] = module.MODELS
    return models


@cache
def _infos() -> dict[str, ModelInfo]:
    return {info.model_id: info for info in packaged_models()}


@cache
def _schema(module: str) -> dict[str, Any] | None:
    try:
        text = (importlib.resources.files(_package()) / "schemas" / f"{module}.json").read_text(
            "utf-8"
        )
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError):
        return None
    schema = json.loads(text).get("input_schema")
    return schema if isinstance(schema, dict) else None


def _checked_price(model_id: str, value: Price | Mapping[str, Any]) -> Price:
    """``value`` as a ``Price``; ``ValueError`` naming the model and the field."""
    if isinstance(value, Price):
        value = {
            "base_price_usd": value.base_price_usd,
            "price_unit": value.price_unit,
            "pricing_note": value.pricing_note,
        }
    if not isinstance(value, Mapping):
        raise ValueError(f"prices[{model_id!r}]: expected an object, got {type(value).__name__}")
    amount: Any = value.get("base_price_usd")
    unit: Any = value.get("price_unit")
    note: Any = value.get("pricing_note")
    if not isinstance(amount, int | float) or isinstance(amount, bool):
        raise ValueError(f"prices[{model_id!r}].base_price_usd: expected a number >= 0")
    if not math.isfinite(amount) or amount < 0:
        raise ValueError(f"prices[{model_id!r}].base_price_usd: expected a number >= 0")
    if not isinstance(unit, str) or not unit:
        raise ValueError(f"prices[{model_id!r}].price_unit: expected a non-empty string")
    if note is not None and not isinstance(note, str):
        raise ValueError(f"prices[{model_id!r}].pricing_note: expected a string or null")
    unknown = sorted(set(value) - _TABLE_KEYS)
    if unknown:
        raise ValueError(f"prices[{model_id!r}]: unknown key {unknown[0]!r}")
    if "failed_cost" in value:
        _checked_failed_cost(model_id, value["failed_cost"])
    return Price(amount, unit, note)


def _checked_failed_cost(model_id: str, value: Any) -> FailedCost:
    """A table's ``failed_cost``: a number of USD or ``"work done"``; else ``ValueError``."""
    if value == WORK_DONE:
        return WORK_DONE
    amount = None if isinstance(value, str) else decimal_of(value)
    if amount is None or not 0 <= amount <= MAX_COST_USD:
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        raise ValueError(
            f"prices[{model_id!r}].failed_cost: expected a number of USD from 0 to "
            f"{MAX_COST_USD:,.0f} or {WORK_DONE!r}, not {shown}"
        )
    return amount


def checked_prices(prices: Mapping[str, Price | Mapping[str, Any]] | None) -> dict[str, Price]:
    """A price table by model id, each price checked (``ValueError`` names the first bad)."""
    if prices is None:
        return {}
    if not isinstance(prices, Mapping):
        raise ValueError("prices: expected an object mapping model ids to prices")
    return {str(model_id): _checked_price(model_id, value) for model_id, value in prices.items()}


def read_prices(path: Path) -> dict[str, Mapping[str, Any]]:
    """The price table in a JSON file, checked (``ValueError``, one line naming the file,
    if bad); kept as written, so each model's ``failed_cost`` goes with it."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise ValueError(f"{path}: cannot be read ({exc.strerror})") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValueError(f"{path}: not a JSON file ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected an object mapping model ids to prices")
    try:
        checked_prices(data)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None
    return data


def _own_entry(source: CatalogSource, model_id: str) -> dict[str, Any] | None:
    if source.catalog is None:
        return None
    return next((e for e in source.catalog if e.get("model_id") == model_id), None)


def price_of(source: CatalogSource, model_id: str) -> Price:
    """A model's price in the emulator: the table's, the catalog's, else the default."""
    table = checked_prices(source.prices)
    if model_id in table:
        return table[model_id]
    entry = _own_entry(source, model_id)
    if entry is not None and entry.get("base_price_usd") is not None:
        with contextlib.suppress(ValueError):  # an entry priced oddly on purpose: the default
            return _checked_price(model_id, {k: entry.get(k) for k in _PRICE_KEYS})
    info = _infos().get(model_id)
    if info is not None and info.price is not None:
        return info.price
    made = info.output_media if info is not None else ()
    kind = next((k for k in ("video", "audio", "image") if k in made), None)
    return DEFAULT_PRICES[kind or output_kind(model_id)]


_PRICE_KEYS = ("base_price_usd", "price_unit", "pricing_note")


def failed_cost_of(source: CatalogSource, model_id: str) -> FailedCost:
    """What a failed job of ``model_id`` costs: the table's ``failed_cost``, else 0."""
    entry = (source.prices or {}).get(model_id)
    if not isinstance(entry, Mapping) or "failed_cost" not in entry:
        return Decimal(0)
    return _checked_failed_cost(model_id, entry["failed_cost"])


def _entry(source: CatalogSource, info: ModelInfo, schema: bool) -> dict[str, Any]:
    price = price_of(source, info.model_id)
    entry: dict[str, Any] = {
        "model_id": info.model_id,
        "display_name": info.display_name,
        "categories": list(info.categories or (info.task,)),
        "kind": info.kind or "model",
        "base_price_usd": price.base_price_usd,
        "price_unit": price.price_unit,
        "pricing_note": price.pricing_note,
    }
    if schema:
        entry["input_schema"] = _schema(info.module)
    return entry


def _entries(source: CatalogSource, schema: bool) -> list[dict[str, Any]]:
    if source.catalog is None:
        return [_entry(source, info, schema) for info in packaged_models()]
    table = checked_prices(source.prices)
    served = []
    for own in source.catalog:
        entry = {k: v for k, v in own.items() if schema or k != "input_schema"}
        price = table.get(str(entry.get("model_id")))
        if price is not None:
            entry.update(
                zip(
                    _PRICE_KEYS,
                    (price.base_price_usd, price.price_unit, price.pricing_note),
                    strict=True,
                )
            )
        served.append(entry)
    return served


def _categories(entry: Mapping[str, Any]) -> list[str]:
    value = entry.get("categories")
    return [c for c in value if isinstance(c, str)] if isinstance(value, list) else []


def _matches(
    entry: Mapping[str, Any], words: list[str], category: str | None, kind: str | None
) -> bool:
    """An entry given to the emulator: searched in its id, display name and categories."""
    texts = [str(entry.get("model_id", "")), str(entry.get("display_name") or "")]
    if words and not has_words(words, " ".join([*texts, *_categories(entry)]).casefold()):
        return False
    if category is not None and not in_category(category, _categories(entry)):
        return False
    served = entry.get("kind")
    return kind is None or same_kind(kind, served if isinstance(served, str) else None)


def _info_matches(
    info: ModelInfo, words: list[str], category: str | None, kind: str | None
) -> bool:
    """A packaged model: the filters mean what ``find`` makes of them (``core/find.py``),
    the kind being the one served (``model`` where the catalog published none)."""
    if words and not has_words(words, search_text(info)):
        return False
    if category is not None and not in_category(category, category_names(info)):
        return False
    return kind is None or same_kind(kind, info.kind or "model")


def _listed(
    source: CatalogSource, schema: bool, words: list[str], category: str | None, kind: str | None
) -> list[dict[str, Any]]:
    if source.catalog is None:
        return [
            _entry(source, info, schema)
            for info in packaged_models()
            if _info_matches(info, words, category, kind)
        ]
    return [e for e in _entries(source, schema) if _matches(e, words, category, kind)]


def list_answer(source: CatalogSource, request: Request) -> Response:
    """``GET /v1/models``: ``search``, ``category``, ``kind``, ``include_schema``,
    ``limit`` (1 to 100) and ``offset``; anything malformed is a 400."""
    limit = query_count(request, "limit", 100, 100, smallest=1)
    if isinstance(limit, Response):
        return limit
    offset = query_count(request, "offset", 0, 10**9)
    if isinstance(offset, Response):
        return offset
    schema = query_flag(request, "include_schema")
    if isinstance(schema, Response):
        return schema
    filters: list[str | None] = []
    for name in ("search", "category", "kind"):
        text = query_text(request, name)
        if isinstance(text, Response):
            return text
        filters.append(text)
    search, category, kind = filters
    words = search.casefold().split() if search else []
    found = _listed(source, schema, words, category, kind)
    served = found[offset : offset + min(limit, max(1, source.page_cap))]
    return JSONResponse({"models": served, "total": len(found)})


def model_answer(source: CatalogSource, request: Request) -> Response:
    """``GET /v1/models/{model_id}``: one entry, or what RunComfy answers for a model it
    does not know: 400 with ``error_code`` 400001 (invalid resource id), as on submit."""
    model_id = request.path_params["model_id"]
    schema = query_flag(request, "include_schema")
    if isinstance(schema, Response):
        return schema
    if source.catalog is None:
        info = _infos().get(model_id)
        found = None if info is None else _entry(source, info, schema)
    else:
        found = next((e for e in _entries(source, schema) if e.get("model_id") == model_id), None)
    if found is None:
        return error_response(400, 400001, f"invalid resource id: no model {model_id[:200]!r}")
    return JSONResponse(found)


def categories_answer(source: CatalogSource) -> Response:
    """``GET /v1/models/categories``: every category the catalog's entries carry, sorted."""
    names = {c for entry in _entries(source, False) for c in _categories(entry)}
    return JSONResponse({"categories": sorted(names)})


def basis_of(model_id: str, info: ModelInfo | None) -> CostBasis:
    info = info or _infos().get(model_id)
    return info.cost_basis if info is not None else CostBasis()


def outputs_made(values: Mapping[str, Any], basis: CostBasis) -> int:
    """How many outputs a job makes: its count field's value (1 to ``MAX_OUTPUTS``), else 1."""
    if basis.count_field is None:
        return 1
    count = values.get(basis.count_field)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        return 1
    return min(count, MAX_OUTPUTS)


def job_cost(
    price: Price,
    values: Mapping[str, Any],
    basis: CostBasis,
    model_id: str,
    state: str,
    failed_cost: FailedCost = Decimal(0),
) -> Decimal:
    """What a finished job costs in the emulator (see the module docstring)."""
    if state == "failed" and isinstance(failed_cost, Decimal):
        return failed_cost  # as the table says (0 by default)
    if state not in ("completed", "failed"):
        return Decimal(0)  # cancelled while queued: no work was done
    rate = decimal_of(price.base_price_usd) or Decimal(0)
    if price.price_unit == "output":
        return rate * outputs_made(values, basis)
    if price.price_unit != "second":
        return rate
    estimate = estimate_values(values, price, basis, model_id)
    if estimate.usd is not None:
        return estimate.usd
    return rate * OUTPUT_SECONDS[output_kind(model_id)]
