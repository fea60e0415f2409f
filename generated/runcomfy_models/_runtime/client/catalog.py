# Generated from generator/runtime/client/catalog.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""The live catalog, typed: ``GET /v1/models`` pages, one model, the categories.

RunComfy answers ``GET /v1/models?limit=&offset=`` with ``{"models": [...], "total": N}``,
``GET /v1/models/{model_id}`` with one entry and ``GET /v1/models/categories`` with
``{"categories": [...]}``. Every answer is checked here, field by field: a malformed one
is a ``ServerError`` naming the call and the JSON pointer of what was wrong, never a
``KeyError`` later. Paging (``Pages``) follows the same rules as the generator's
``pull``: the offset advances by what each page actually held (a server may cap pages
below the limit asked for), reading stops at ``total`` (or at an empty page when there
is no total), and a server that repeats a page, lists a model twice, ends before its
``total`` or never ends is an error, never a silently partial or endless listing. The
I/O stays with the sync and async clients; this module only builds paths and reads
answers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from ..core.info import Price
from ..errors import ServerError
from .ids import model_path, shown

__all__ = [
    "MAX_PAGES",
    "PAGE_SIZE",
    "CatalogEntry",
    "CatalogPage",
    "Pages",
    "catalog_path",
    "categories_path",
    "entry_path",
    "parse_categories",
    "parse_entry",
    "parse_model",
    "parse_page",
]

PAGE_SIZE = 100
"""Entries asked for per page when listing the whole catalog (the most RunComfy serves)."""

MAX_PAGES = 1000
"""Pages read at most by one listing: about 384 models were live in late 2026, so a
catalog still going after 1000 pages is a server that never ends."""

_SHOWN_PATH = 160


@dataclass(frozen=True)
class CatalogEntry:
    """One model as the live catalog lists it.

    ``input_schema`` is ``None`` unless asked for (``include_schema=True``); ``raw`` is
    the entry as sent.
    """

    model_id: str
    display_name: str | None = None
    categories: tuple[str, ...] = ()
    kind: str | None = None
    base_price_usd: float | None = None
    price_unit: str | None = None
    pricing_note: str | None = None
    input_schema: Mapping[str, Any] | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def price(self) -> Price | None:
        """The published price, or ``None`` when the catalog gives no price and unit."""
        if self.base_price_usd is None or self.price_unit is None:
            return None
        return Price(self.base_price_usd, self.price_unit, self.pricing_note)


@dataclass(frozen=True)
class CatalogPage:
    """One page of the catalog: its entries and the catalog's ``total`` (if it said)."""

    models: tuple[CatalogEntry, ...]
    total: int | None


def _shown_call(path: str) -> str:
    call = f"GET {path}"
    return call if len(call) <= _SHOWN_PATH else call[: _SHOWN_PATH - 3] + "..."


def _malformed(call: str, problem: str, body: Any = None) -> ServerError:
    return ServerError(
        f"{_shown_call(call)}: the answer is malformed: {problem}", status=200, detail=body
    )


def _flag(value: bool) -> str:
    return "true" if value else "false"


def catalog_path(
    *,
    search: str | None = None,
    category: str | None = None,
    kind: str | None = None,
    limit: int = PAGE_SIZE,
    offset: int = 0,
    include_schema: bool = False,
) -> str:
    """``/v1/models?...``: the filters given, ``limit`` and ``offset`` checked."""
    for name, number, least in (("limit", limit, 1), ("offset", offset, 0)):
        if isinstance(number, bool) or not isinstance(number, int):
            raise TypeError(f"{name} must be an int, not {type(number).__name__}")
        if number < least:
            raise ValueError(f"{name} must be at least {least}, not {number}")
    query: list[tuple[str, str]] = []
    for name, text in (("search", search), ("category", category), ("kind", kind)):
        if text is not None:
            if not isinstance(text, str):
                raise TypeError(f"{name} must be a string, not {type(text).__name__}")
            query.append((name, text))
    query += [
        ("include_schema", _flag(include_schema)),
        ("limit", str(limit)),
        ("offset", str(offset)),
    ]
    return "/v1/models?" + urlencode(query)


def categories_path() -> str:
    return "/v1/models/categories"


def entry_path(model_id: str, include_schema: bool = False) -> str:
    """``/v1/models/{model_id}``, each segment escaped; a one-segment id is refused (it
    would name another endpoint, ``/v1/models/categories``)."""
    if not isinstance(model_id, str) or "/" not in model_id:
        raise ValueError(
            f"model id {shown(model_id)}: a model id has at least two segments " "(owner/model/...)"
        )
    return model_path(model_id) + ("?include_schema=true" if include_schema else "")


def _text(entry: Mapping[str, Any], key: str, where: str, call: str) -> str | None:
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _malformed(call, f"{where}/{key}: expected a string, got {shown(value, 40)}")
    return value


def _categories(entry: Mapping[str, Any], where: str, call: str) -> tuple[str, ...]:
    value = entry.get("categories")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _malformed(
            call, f"{where}/categories: expected a list of strings, got {shown(value, 40)}"
        )
    return tuple(value)


def _price(entry: Mapping[str, Any], where: str, call: str) -> float | None:
    value: Any = entry.get("base_price_usd")
    if value is None:
        return None
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if not number or not math.isfinite(value) or value < 0:
        raise _malformed(
            call, f"{where}/base_price_usd: expected a number >= 0, got {shown(value, 40)}"
        )
    return float(value) if isinstance(value, float) else int(value)


def parse_entry(entry: Any, call: str, where: str = "") -> CatalogEntry:
    """One catalog entry, checked; ``where`` is its JSON pointer in the answer."""
    if not isinstance(entry, Mapping):
        raise _malformed(call, f"{where or '/'}: expected an object, got {shown(entry, 40)}")
    model_id = entry.get("model_id")
    if not isinstance(model_id, str) or not model_id:
        raise _malformed(
            call, f"{where}/model_id: expected a non-empty string, got {shown(model_id, 40)}"
        )
    schema = entry.get("input_schema")
    if schema is not None and not isinstance(schema, Mapping):
        raise _malformed(call, f"{where}/input_schema: expected an object, got {shown(schema, 40)}")
    return CatalogEntry(
        model_id=model_id,
        display_name=_text(entry, "display_name", where, call),
        categories=_categories(entry, where, call),
        kind=_text(entry, "kind", where, call),
        base_price_usd=_price(entry, where, call),
        price_unit=_text(entry, "price_unit", where, call),
        pricing_note=_text(entry, "pricing_note", where, call),
        input_schema=schema,
        raw=dict(entry),
    )


def parse_model(body: Mapping[str, Any], call: str, asked: str) -> CatalogEntry:
    """The answer to ``GET /v1/models/{asked}``; one about another model is refused."""
    entry = parse_entry(body, call)
    if entry.model_id != asked:
        raise _malformed(
            call, f"/model_id: the answer is about {shown(entry.model_id)}, not {shown(asked)}"
        )
    return entry


def parse_page(body: Mapping[str, Any], call: str) -> CatalogPage:
    """A catalog page, ``{"models": [...], "total": N}``, every entry checked."""
    models = body.get("models")
    if not isinstance(models, list):
        raise _malformed(call, f"/models: expected a list of entries, got {shown(models, 40)}")
    total = body.get("total")
    if total is not None and (isinstance(total, bool) or not isinstance(total, int) or total < 0):
        raise _malformed(call, f"/total: expected a whole number >= 0, got {shown(total, 40)}")
    entries = tuple(
        parse_entry(item, call, f"/models/{index}") for index, item in enumerate(models)
    )
    return CatalogPage(entries, total)


def parse_categories(body: Mapping[str, Any], call: str) -> tuple[str, ...]:
    """``{"categories": [...]}`` as a tuple of strings."""
    value = body.get("categories")
    if not isinstance(value, list):
        raise _malformed(call, f"/categories: expected a list, got {shown(value, 40)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise _malformed(call, f"/categories/{index}: expected a string, got {shown(item, 40)}")
    return tuple(value)


class Pages:
    """The paging of one whole-catalog listing: which page to ask for next, and whether
    the page that came is consistent with those before it (see the module docstring)."""

    def __init__(
        self,
        *,
        search: str | None = None,
        category: str | None = None,
        kind: str | None = None,
        include_schema: bool = False,
        page_size: int = PAGE_SIZE,
    ) -> None:
        self.filters: dict[str, Any] = {
            "search": search,
            "category": category,
            "kind": kind,
            "include_schema": include_schema,
        }
        self.page_size = page_size
        self.offset = 0
        self.pages = 0
        self.done = False
        self.seen: set[str] = set()
        catalog_path(**self.filters, limit=page_size)  # refuse bad arguments before any call

    def next_path(self) -> str | None:
        """The next page's path, or ``None`` once the listing is complete."""
        if self.done:
            return None
        if self.pages >= MAX_PAGES:
            raise ServerError(
                f"GET /v1/models: more than {MAX_PAGES} pages ({len(self.seen)} models) and "
                "still no end; stopped (the server seems never to end the catalog)",
                status=200,
            )
        return catalog_path(**self.filters, limit=self.page_size, offset=self.offset)

    def take(self, body: Mapping[str, Any], path: str) -> tuple[CatalogEntry, ...]:
        """The entries of the page answered to ``path``, after checking it."""
        page = parse_page(body, path)
        self.pages += 1
        ids = [entry.model_id for entry in page.models]
        if ids and self.seen.issuperset(ids):
            raise _malformed(
                path,
                f"the page repeats models already listed ({shown(ids[0])}, ...): the server "
                "seems to ignore offset, so the catalog cannot be read to its end",
            )
        for entry in page.models:
            if entry.model_id in self.seen:
                raise _malformed(
                    path,
                    f"{shown(entry.model_id)} is listed twice (the catalog may have changed "
                    "while being read: list it again)",
                )
            self.seen.add(entry.model_id)
        self.offset += len(page.models)
        if page.total is not None and self.offset >= page.total:
            self.done = True
        elif not page.models:
            if page.total is not None:
                raise _malformed(
                    path,
                    f"the catalog says total {page.total} but ended after {self.offset} "
                    "entries; list it again",
                )
            self.done = True
        return page.models
