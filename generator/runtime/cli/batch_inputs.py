"""A batch's inputs: read, numbered from 1, keyed by content, and checked before any submit.

An input's identity is its key: the SHA-256 of the canonical JSON (sorted keys, no
spaces, ASCII) of ``{"model_id": ..., "input": ...}``, so a line keeps its key wherever
it moves in the file. Identical lines are separate inputs (the same prompt twice is
two jobs, as two lines say): the second copy's key ends in ``#2``, the third's in
``#3``, counted from the top of the file.

A ``"@path"`` in a media field counts by the file's bytes, not its name: the key is
computed with each such string replaced by ``{"@sha256": DIGEST}`` of the file it names
(read from the current folder), so a file replaced by another is a new input, and the
same bytes are the same input from any folder. A ``"@path"`` naming no file keeps its
text (the checks refuse it). Journals written before keys covered the bytes key such a
line by its text; ``legacy_key`` is that key, so such a journal is still read (see
``batch``).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import stat
import sys
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.spec import ModelSpec
from ..errors import InputsError, StructuralValidationError
from ..media.cap import local_cap
from ..media.probe import ProbeLimits
from ..validation.validate import amedia_findings, validate_input
from .at_paths import expand_at_paths

__all__ = [
    "BatchInput",
    "InputsError",
    "check_inputs",
    "content_key",
    "input_key",
    "parse_lines",
    "read_inputs",
]


@dataclass(frozen=True)
class BatchInput:
    """One non-blank line: its number (from 1), its key, and its object or why it has none."""

    line: int
    key: str
    data: dict[str, Any] | None
    problem: str | None = None
    legacy_key: str | None = None
    """The key earlier versions gave this line, when it differs (``@path`` inputs)."""


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


def _file_digest(value: Any) -> Any:
    """``{"@sha256": DIGEST}`` of the file an ``"@path"`` string names; else ``value``.

    A file over the local media cap (or a fifo, a device) is never read: it keeps its
    name, and validation refuses it by its size alone."""
    if not (isinstance(value, str) and value.startswith("@") and value[1:]):
        return value
    digest, cap = hashlib.sha256(), local_cap()
    try:
        info = os.stat(value[1:])
        if not stat.S_ISREG(info.st_mode) or info.st_size > cap:  # refused later, unread
            return value
        with open(value[1:], "rb") as handle:
            while (chunk := handle.read(1 << 20)) and (cap := cap - len(chunk)) >= 0:
                digest.update(chunk)
    except (OSError, ValueError):  # no such file, a folder, an unreadable name: refused later
        return value
    return {"@sha256": digest.hexdigest()}


def content_key(model_id: str, data: dict[str, Any], media_fields: Collection[str]) -> str:
    """The key of ``data``: ``input_key`` with each ``"@path"`` in a media field counted by
    the bytes of the file it names (read now), not by its name."""
    keyed = dict(data)
    for name in media_fields:
        value = keyed.get(name)
        if isinstance(value, list):
            keyed[name] = [_file_digest(item) for item in value]
        elif name in keyed:
            keyed[name] = _file_digest(value)
    return input_key(model_id, keyed)


def _parse(model_id: str, number: int, text: str, media_fields: Collection[str]) -> BatchInput:
    try:
        data = json.loads(text, parse_constant=_no_constants)
    except (ValueError, RecursionError) as exc:
        return BatchInput(number, f"line:{number}", None, f"not JSON: {exc}")
    if not isinstance(data, dict):
        return BatchInput(number, f"line:{number}", None, "not a JSON object")
    key = content_key(model_id, data, media_fields)
    legacy = input_key(model_id, data)
    return BatchInput(number, key, data, legacy_key=None if legacy == key else legacy)


def parse_lines(
    model_id: str, raw: bytes, name: str, media_fields: Collection[str] = ()
) -> list[BatchInput]:
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
        parsed = _parse(model_id, number, line, media_fields)
        if parsed.data is not None:
            copies[parsed.key] += 1
            copy = copies[parsed.key]
            if copy > 1:
                legacy = None if parsed.legacy_key is None else f"{parsed.legacy_key}#{copy}"
                parsed = BatchInput(number, f"{parsed.key}#{copy}", parsed.data, None, legacy)
        inputs.append(parsed)
    return inputs


def read_inputs(model_id: str, path: Path, media_fields: Collection[str] = ()) -> list[BatchInput]:
    """The inputs in ``path`` (``-``: standard input); ``media_fields``: the model's media
    fields' JSON names, whose ``"@path"`` files count by their bytes in the keys."""
    name = "standard input" if str(path) == "-" else str(path)
    try:
        raw = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except FileNotFoundError:
        raise InputsError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputsError(f"{name}: is a folder, not a JSON-lines file") from None
    except OSError as exc:
        raise InputsError(f"{name}: cannot be read ({exc.strerror})") from None
    inputs = parse_lines(model_id, raw, name, media_fields)
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
