"""Find the model id and the published schemas in a model's doc page.

Doc pages come as plain-text renderings or as HTML, in any locale, sometimes with
unresolved i18n keys and navigation around the content, with JSON indented or flat.
Nothing here depends on the page's language: the model id comes from the endpoint URL
in the code samples, and the schemas are found as JSON objects by their shape.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from generator.errors import SourceError
from generator.schema.document import model_id_problem
from generator.sources.canonical import is_generic_output
from generator.sources.html_text import html_text, is_html
from generator.sources.strict_json import MAX_DEPTH, decoder, describe, first_problem

__all__ = ["PageContent", "json_objects", "page_text", "read_page"]

# The submit endpoint as code samples spell it. The id is read whole, as far as the URL
# goes: in quotes, to the closing quote; unquoted, to whatever ends a URL in prose or
# code, and across a space when what follows continues the path ("a/Runway Gen3/x").
# Placeholders ("{model_id}", "$MODEL", "<model_id>") are skipped; any other id is
# checked against the grammar and refused whole if it does not fit, never cut short.
_ENDPOINT = re.compile(r"(?P<base>https?://[A-Za-z0-9.-]+(?::\d+)?)/v1/models/")
_QUOTED = {q: re.compile(rf"[^\n{q}]*{q}") for q in "\"'`"}
_URL_END = r"""\s"'`()\[\]<>|\\,;?#*"""
_UNQUOTED = re.compile(rf"[^{_URL_END}]*")
_SPACE = r"[^\S\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+"  # any space but a line break
_CONTINUED = re.compile(rf"{_SPACE}(?:[A-Za-z0-9._-]+{_SPACE})?[A-Za-z0-9._-]+/[^{_URL_END}]*")
_PLACEHOLDER = re.compile(r"[{}$<>]")
_TRAILING = ".:!,/"
_SHOWN = 2000  # characters of a bad id quoted in full; a longer one says how long it is
_LOOSE_ENDPOINT = re.compile(r"/v1/models/(?P<rest>[^\s\"'`<>(){}\[\]]+)")


@dataclass(frozen=True)
class PageContent:
    """What a doc page publishes about its model, exactly as published."""

    model_id: str
    endpoint: str
    input_schema: dict[str, Any]
    output_schema: dict[str, Any] | None


@dataclass(frozen=True)
class EmbeddedObject:
    """A JSON object on the page and the character offset it starts at."""

    offset: int
    value: dict[str, Any]


# A schema found on the page, with where it was found (for error messages).
_Located = tuple[EmbeddedObject, dict[str, Any]]


def page_text(raw: str, location: str = "", content_type: str | None = None) -> str:
    """The readable text of a page: HTML reduced to its text, plain text as it is."""
    return html_text(raw) if is_html(raw, location, content_type) else raw


def json_objects(text: str, where: str = "page") -> list[EmbeddedObject]:
    """Every top-level JSON object embedded in ``text``, in page order."""
    scan = decoder()
    found: list[EmbeddedObject] = []
    position = text.find("{")
    while position != -1:
        try:
            value, end = scan.raw_decode(text, position)
        except RecursionError:
            raise SourceError(
                f"{where}: JSON at character {position} is nested deeper than "
                f"{MAX_DEPTH} levels; not read"
            ) from None
        except ValueError:  # not JSON here
            position = text.find("{", position + 1)
            continue
        if isinstance(value, dict):
            found.append(EmbeddedObject(position, value))
        position = text.find("{", end)
    return found


def is_object_schema(value: Any) -> bool:
    """Whether ``value`` looks like a published object schema (type object, properties)."""
    return (
        isinstance(value, dict)
        and value.get("type") == "object"
        and isinstance(value.get("properties"), dict)
    )


def _endpoint_ids(text: str) -> list[tuple[str, str]]:
    """Every (id as found, base URL) of the page's endpoint URLs, placeholders skipped.

    Linear in the page: each URL is read once and the scan goes on after it.
    """
    found: list[tuple[str, str]] = []
    position = 0
    while (match := _ENDPOINT.search(text, position)) is not None:
        start = match.end()
        quote = text[match.start() - 1] if match.start() else ""
        quoted = _QUOTED[quote].match(text, start) if quote in _QUOTED else None
        if quoted is not None:
            end = quoted.end() - 1
            raw = re.split(r"[?#]", text[start:end], maxsplit=1)[0]
        else:
            unquoted = _UNQUOTED.match(text, start)
            end = _prose_end(text, start, unquoted.end() if unquoted else start)
            continued = _CONTINUED.match(text, end)
            if continued is not None:
                end = _prose_end(text, start, continued.end())
            raw = text[start:end]
        raw = raw.rstrip(_TRAILING)
        if raw and not _PLACEHOLDER.search(raw):
            found.append((raw, match.group("base")))
        position = max(end, match.end())
    return found


def _prose_end(text: str, start: int, end: int) -> int:
    """Where an unquoted URL ends before ``end``: at punctuation outside ASCII ("。",
    "”", "»"), which a URL never holds unencoded and localised prose puts right after one.
    """
    for index in range(start, end):
        char = text[index]
        if char > "\x7f" and unicodedata.category(char).startswith("P"):
            return index
    return end


def _shown(raw: str) -> str:
    """A bad id for an error message: whole, unless it is absurdly long."""
    if len(raw) <= _SHOWN:
        return repr(raw)
    return f"{raw[:_SHOWN]!r}... ({len(raw)} characters in all)"


def _model_id(text: str, where: str) -> tuple[str, str]:
    endpoints = set(_endpoint_ids(text))
    for raw, base in sorted(endpoints):
        problem = model_id_problem(raw)
        if problem is not None:
            problem = problem.replace(repr(raw), _shown(raw), 1)
            raise SourceError(
                f"{where}: the endpoint URL {base}/v1/models/... names a model id that does "
                f"not fit the id grammar: {problem}"
            )
    if not endpoints:
        loose = sorted({m.group("rest") for m in _LOOSE_ENDPOINT.finditer(text)})[:3]
        hint = f" (found /v1/models/{', /v1/models/'.join(loose)})" if loose else ""
        raise SourceError(
            f"{where}: no model id found; expected an endpoint URL such as "
            "https://model-api.runcomfy.net/v1/models/{model_id} in the page, the id made "
            f"of '/'-separated letters, digits, '.', '-' and '_'{hint}"
        )
    ids = sorted({model_id for model_id, _ in endpoints})
    if len(ids) > 1:
        raise SourceError(
            f"{where}: the page names more than one model endpoint ({', '.join(ids)}); "
            "expected exactly one"
        )
    bases = sorted({base for _, base in endpoints})
    return ids[0], f"{bases[0]}/v1/models/{ids[0]}"


def _checked(found: EmbeddedObject, schema: dict[str, Any], where: str) -> dict[str, Any]:
    problem = first_problem(schema)
    if problem is not None:
        raise SourceError(f"{where}: the schema at character {found.offset}: {problem}")
    return schema


def _distinct(found: list[_Located]) -> list[_Located]:
    """One entry per schema: a page may print the same schema twice (tabs, examples)."""
    kept: list[_Located] = []
    for item in found:
        if all(item[1] != seen for _, seen in kept):
            kept.append(item)
    return kept


def _summary(found: list[_Located]) -> str:
    return "; ".join(
        f"at character {spot.offset} with properties {describe(list(schema['properties']))}"
        for spot, schema in found
    )


def _schemas(text: str, where: str) -> tuple[list[_Located], list[_Located]]:
    """The page's input-like and output schemas, each kept once, in page order.

    An ``{"output": {...}}`` wrapper and an unwrapped generic media schema are outputs,
    wherever they are printed; any other object schema is input-like.
    """
    inputs: list[_Located] = []
    outputs: list[_Located] = []
    for found in json_objects(text, where):
        wrapped = found.value.get("output")
        if len(found.value) == 1 and isinstance(wrapped, dict) and is_object_schema(wrapped):
            outputs.append((found, _checked(found, wrapped, where)))
        elif is_object_schema(found.value):
            schema = _checked(found, found.value, where)
            (outputs if is_generic_output(schema) else inputs).append((found, schema))
    return _distinct(inputs), _distinct(outputs)


# An object that starts the way a schema or an output wrapper does.
_SCHEMA_START = re.compile(r'\{\s*"(?:type|properties|output|title|required|\$schema)"\s*:')


@dataclass(frozen=True)
class _Malformed:
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


def _malformed_json(text: str) -> _Malformed | None:
    """The first schema-like malformed object, else the first malformed candidate.

    Linear in the page: each object is decoded once and the scan goes on after it (or
    after the point where it broke).
    """
    scan = decoder()
    first: _Malformed | None = None
    position = 0
    while (match := _SCHEMA_START.search(text, position)) is not None:
        try:
            position = _decode_at(scan, text, match.start())
        except _Fault as exc:
            reach = text[match.start() : exc.pos + len('"properties"') + 2]
            found = _Malformed(match.start(), exc.pos, exc.message, '"properties"' in reach)
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


def _report_malformed(found: _Malformed, text: str, where: str, html: bool) -> str:
    of_text = " of the page's text" if html else ""
    alone = "" if found.schema_like else "; the page has no other input schema"
    return (
        f"{where}: malformed JSON at {_line_column(text, found.fault)}{of_text}: "
        f"{found.message} (in the object that starts at {_line_column(text, found.start)})"
        f"{alone}"
    )


def read_page(raw: str, where: str, content_type: str | None = None) -> PageContent:
    """Extract model id, endpoint and schemas from one page; ``where`` names it in errors."""
    text = page_text(raw, where, content_type)
    model_id, endpoint = _model_id(text, where)
    inputs, outputs = _schemas(text, where)
    malformed = _malformed_json(text)
    if malformed is not None and (malformed.schema_like or not inputs):
        html = is_html(raw, where, content_type)
        raise SourceError(_report_malformed(malformed, text, where, html))
    if not inputs:
        also = f" (found only an output schema {_summary(outputs)})" if outputs else ""
        raise SourceError(
            f"{where}: no input schema found for {model_id}; expected a JSON object "
            f'with "type": "object" and "properties"{also}'
        )
    if len(inputs) > 1:
        raise SourceError(
            f"{where}: {len(inputs)} different input-like object schemas for {model_id} "
            f"({_summary(inputs)}); expected one input schema, plus an output schema "
            'that is the generic media schema or wrapped as {"output": {...}}'
        )
    if len(outputs) > 1:
        raise SourceError(
            f"{where}: {len(outputs)} different output schemas for {model_id} "
            f"({_summary(outputs)}); expected at most one"
        )
    return PageContent(model_id, endpoint, inputs[0][1], outputs[0][1] if outputs else None)
