"""Malformed JSON on a doc page: where an object that starts like a schema breaks.

A page whose schema has a trailing or a missing comma holds no schema a JSON reader can
find; rather than "no input schema found", the pull reports the fault's line and
column. Linear in the page: each candidate object is decoded once, in a window widened
only while the fault may be the window's cut.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from generator.sources.strict_json import decoder

__all__ = ["Malformed", "describe_malformed", "malformed_json"]

# An object that starts the way a schema or an output wrapper does.
_SCHEMA_START = re.compile(r'\{\s*"(?:type|properties|output|title|required|\$schema)"\s*:')


@dataclass(frozen=True)
class Malformed:
    """An object on the page that starts like a schema but is not JSON."""

    start: int
    fault: int  # where the decoder stopped
    message: str
    schema_like: bool  # it reaches a "properties" key before it breaks


class _Fault(Exception):
    """Malformed JSON at ``pos`` (a ``JSONDecodeError`` without its line number, which
    would cost a count over the page before it)."""

    def __init__(self, message: str, pos: int) -> None:
        super().__init__(message)
        self.message, self.pos = message, pos


_WINDOW = 1024
_MARGIN = 64  # an error this close to a window's end may be the cut itself


def _decode_at(scan: json.JSONDecoder, text: str, start: int) -> int:
    """Where the JSON value at ``start`` ends; raises :class:`_Fault` where it breaks.

    Decodes a window of the text, widened only while the fault may be the window's
    cut: a decode error builds its line number from everything before it, so decoding
    the whole page at every stray candidate would be quadratic.
    """
    window = _WINDOW
    while True:
        chunk = text[start : start + window]
        try:
            return start + scan.raw_decode(chunk)[1]
        except json.JSONDecodeError as exc:
            cut = start + window < len(text) and (
                exc.pos >= len(chunk) - _MARGIN or exc.msg.startswith("Unterminated string")
            )
            if not cut:
                raise _Fault(exc.msg, start + exc.pos) from None
        window *= 4


def malformed_json(text: str) -> Malformed | None:
    """The first schema-like malformed object, else the first malformed candidate.

    Linear in the page: each object is decoded once and the scan goes on after it (or
    after the point where it broke).
    """
    scan = decoder()
    first: Malformed | None = None
    position = 0
    while (match := _SCHEMA_START.search(text, position)) is not None:
        try:
            position = _decode_at(scan, text, match.start())
        except _Fault as exc:
            reach = text[match.start() : exc.pos + len('"properties"') + 2]
            found = Malformed(match.start(), exc.pos, exc.message, '"properties"' in reach)
            if found.schema_like:
                return found
            first = first or found
            position = max(exc.pos, match.end())
        except RecursionError:  # reported by the scan for schemas
            return first
        except ValueError:
            position = match.end()
    return first


def _line_column(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def describe_malformed(found: Malformed, text: str, where: str, html: bool) -> str:
    """The one-line error: where the JSON breaks, and where its object starts."""
    of_text = " of the page's text" if html else ""
    alone = "" if found.schema_like else "; the page has no other input schema"
    return (
        f"{where}: malformed JSON at {_line_column(text, found.fault)}{of_text}: "
        f"{found.message} (in the object that starts at {_line_column(text, found.start)})"
        f"{alone}"
    )
