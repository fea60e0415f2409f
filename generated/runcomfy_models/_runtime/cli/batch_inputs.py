# Generated from generator/runtime/cli/batch_inputs.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""A batch's inputs: read, numbered from 1, keyed by content, and checked before any submit.

An input's identity is its key: the SHA-256 of the canonical JSON (sorted keys, no
spaces, ASCII) of ``{"model_id": ..., "input": ...}``, so a line keeps its key wherever
it moves in the file. Identical lines are separate inputs (the same prompt twice is
two jobs, as two lines say): the second copy's key ends in ``#2``, the third's in
``#3``, counted from the top of the file.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.spec import ModelSpec
from ..errors import InputsError, StructuralValidationError
from ..media.probe import ProbeLimits
from ..validation.validate import amedia_findings, validate_input
from .at_paths import expand_at_paths

__all__ = ["BatchInput", "InputsError", "check_inputs", "input_key", "parse_lines", "read_inputs"]


@dataclass(frozen=True)
class BatchInput:
    """One non-blank line: its number (from 1), its key, and its object or why it has none."""

    line: int
    key: str
    data: dict[str, Any] | None
    problem: str | None = None


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def input_key(model_id: str, data: Any) -> str:
    """The content key of an input object for ``model_id`` (64 hex digits)."""
    canonical = json.dumps(
        {"model_id": model_id, "input": data},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
        allow_nan=False,
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _parse(model_id: str, number: int, text: str) -> BatchInput:
    try:
        data = json.loads(text, parse_constant=_no_constants)
    except (ValueError, RecursionError) as exc:
        return BatchInput(number, f"line:{number}", None, f"not JSON: {exc}")
    if not isinstance(data, dict):
        return BatchInput(number, f"line:{number}", None, "not a JSON object")
    return BatchInput(number, input_key(model_id, data), data)


def parse_lines(model_id: str, raw: bytes, name: str) -> list[BatchInput]:
    """Every non-blank line as a ``BatchInput``; raises ``InputsError`` if not UTF-8."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = raw.count(b"\n", 0, exc.start) + 1
        raise InputsError(
            f"{name}: not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {where}); "
            "save it as UTF-8"
        ) from None
    inputs: list[BatchInput] = []
    copies: Counter[str] = Counter()
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        parsed = _parse(model_id, number, line)
        if parsed.data is not None:
            copies[parsed.key] += 1
            if copies[parsed.key] > 1:
                parsed = BatchInput(number, f"{parsed.key}#{copies[parsed.key]}", parsed.data)
        inputs.append(parsed)
    return inputs


def read_inputs(model_id: str, path: Path) -> list[BatchInput]:
    """The inputs in ``path`` (``-``: standard input)."""
    name = "standard input" if str(path) == "-" else str(path)
    try:
        raw = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except FileNotFoundError:
        raise InputsError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputsError(f"{name}: is a folder, not a JSON-lines file") from None
    except OSError as exc:
        raise InputsError(f"{name}: cannot be read ({exc.strerror})") from None
    inputs = parse_lines(model_id, raw, name)
    if not inputs:
        raise InputsError(f"{name}: no input lines")
    return inputs


def _structural(spec: ModelSpec[Any, Any], item: BatchInput) -> tuple[list[str], Any]:
    if item.data is None:
        return [item.problem or "unreadable"], None
    try:
        return [], validate_input(spec, expand_at_paths(spec, item.data), local_paths=False)
    except StructuralValidationError as exc:
        return [str(finding) for finding in exc.findings], None


async def check_inputs(
    spec: ModelSpec[Any, Any],
    inputs: list[BatchInput],
    *,
    media: bool,
    limits: ProbeLimits,
    concurrency: int = 8,
    on_checked: Callable[[], None] | None = None,
) -> dict[int, list[str]]:
    """Findings by line number for every input that would be refused (empty: all valid)."""
    gate = asyncio.Semaphore(concurrency)

    async def one(item: BatchInput) -> tuple[int, list[str]]:
        findings, payload = _structural(spec, item)
        if payload is not None and media:
            async with gate:
                findings = [str(f) for f in await amedia_findings(spec, payload, limits=limits)]
        if on_checked is not None:
            on_checked()
        return item.line, findings

    results = await asyncio.gather(*(one(item) for item in inputs))
    return {line: findings for line, findings in results if findings}
