"""``python -m runcomfy_models models``: the package's models, found by words or task.

Reads the package's index only (``runcomfy_models.find``), so listing models imports no
model module. Prints a table, or with ``--json`` one JSON array of index entries. Exit
code 0 when something matched, 1 when nothing did (as grep does), with one line on
stderr naming the close tasks, categories and media kinds (or all of them), or the
kinds the index knows when ``--kind`` names none of them.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ..core.cost import decimal_of, shown_usd
from ..core.find import category_names, in_category
from ..core.info import ModelInfo, Price

__all__ = ["Find", "list_models", "price_text"]

Find = Callable[..., Sequence[ModelInfo]]
"""``runcomfy_models.find``: (search, category, *, kind, output) -> matching entries."""

_COLUMNS = ("MODEL", "TASK", "MEDIA", "REQUIRED INPUTS", "PRICE")


def price_text(price: Price | None) -> str:
    """``0.07 USD/second`` in plain digits (never ``1e-07``), or ``-`` where the catalog
    publishes no price."""
    if price is None:
        return "-"
    amount = decimal_of(price.base_price_usd)
    shown = repr(price.base_price_usd) if amount is None else shown_usd(amount)
    return f"{shown} USD/{price.price_unit}"


def _nothing_matches(find: Find, args: argparse.Namespace) -> str:
    """The line saying nothing matched, and what would: close names, or every one."""
    every = find(None, None, kind=None, output=None)
    kinds = sorted({info.kind for info in every if info.kind is not None})
    if args.kind is not None and args.kind.casefold() not in {k.casefold() for k in kinds}:
        return f"no model matches; the kinds are: {', '.join(kinds) or '(none published)'}"
    names = sorted({name for info in every for name in category_names(info)})
    known = args.category and in_category(args.category, names)
    asked = [args.category] if args.category and not known else (args.search or "").split()
    close: list[str] = []
    for word in asked:
        for name in difflib.get_close_matches(word.casefold(), names, n=3, cutoff=0.7):
            if name not in close:
                close.append(name)
    if close:
        return f"no model matches; close tasks and categories: {', '.join(close)}"
    return f"no model matches; the tasks, categories and media kinds are: {', '.join(names)}"


def _media_text(info: ModelInfo) -> str:
    source = "+".join(info.input_media) or "text"
    return f"{source} -> {'+'.join(info.output_media) or '?'}"


def _as_json(info: ModelInfo) -> dict[str, Any]:
    return {**dataclasses.asdict(info), "name": info.name, "doc_page": info.doc_page}


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(_COLUMNS) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines)


def list_models(find: Find, args: argparse.Namespace) -> int:
    found = find(args.search, args.category, kind=args.kind, output=args.output)
    if args.json:
        entries = [_as_json(info) for info in found]
        print(json.dumps(entries, indent=2, ensure_ascii=False, allow_nan=False))
    elif found:
        rows: list[tuple[str, ...]] = [_COLUMNS]
        rows += [
            (
                info.model_id,
                info.task,
                _media_text(info),
                ", ".join(info.required_inputs) or "-",
                price_text(info.price),
            )
            for info in found
        ]
        print(_table(rows))
    if not found:
        print(_nothing_matches(find, args), file=sys.stderr)
        return 1
    return 0
