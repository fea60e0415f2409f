# Generated from generator/runtime/cli/models.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""``python -m runcomfy_models models``: the package's models, found by words or task.

Reads the package's index only (``runcomfy_models.find``), so listing models imports no
model module. Prints a table, or with ``--json`` one JSON array of index entries. Exit
code 0 when something matched, 1 when nothing did (as grep does).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ..core.info import ModelInfo, Price

__all__ = ["Find", "list_models", "price_text"]

Find = Callable[..., Sequence[ModelInfo]]
"""``runcomfy_models.find``: (search, category, *, kind, output) -> matching entries."""

_COLUMNS = ("MODEL", "TASK", "MEDIA", "REQUIRED INPUTS", "PRICE")


def price_text(price: Price | None) -> str:
    """``0.07 USD/second``, or ``-`` where the catalog publishes no price."""
    if price is None:
        return "-"
    return f"{price.base_price_usd:g} USD/{price.price_unit}"


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
        print(json.dumps([_as_json(info) for info in found], indent=2, ensure_ascii=False))
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
        print("no model matches", file=sys.stderr)
        return 1
    return 0
