"""Find the model id and the published schemas in a model's doc page.

Doc pages come as plain-text renderings or as HTML, in any locale, sometimes with
unresolved i18n keys and navigation around the content, with JSON indented or flat.
Nothing here depends on the page's language: the model id comes from the endpoint URL
in the code samples, and the schemas are found as JSON objects by their shape.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from generator.errors import SourceError
from generator.runtime.constants import API_BASE_URLS
from generator.schema.document import model_id_problem
from generator.sources.canonical import is_generic_output
from generator.sources.endpoint import ENDPOINT, endpoint_ids, shown_id
from generator.sources.fetch import api_origin
from generator.sources.html_text import html_text, is_html
from generator.sources.json_faults import describe_malformed, malformed_json
from generator.sources.strict_json import (
    MAX_DEPTH,
    decoder,
    describe,
    duplicate_key_problem,
    first_problem,
)

__all__ = ["PageContent", "iter_json_objects", "json_objects", "page_text", "read_page"]

_URL_TAIL = re.compile(r"[^\s\"'`<>(){}\[\]]*")  # the rest of a URL, to quote it whole
_LOOSE_ENDPOINT = re.compile(r"/v1/models/(?P<rest>[^\s\"'`<>(){}\[\]]+)")

# Where a JSON object with a key can start: "{", a key string and ":" (JSON whitespace
# between; "{}" holds nothing to read). Consecutive matches share at most one quote, so
# finding them is linear.
_CANDIDATE = re.compile(r'\{[ \t\n\r]*"(?:[^"\\]|\\.)*"[ \t\n\r]*:')
_WINDOW = 256
_CUT_MARGIN = 16
WORK_PER_CHARACTER = 16
"""The most characters the JSON scan may read per character of a page."""
_WORK_SLACK = 1 << 20
# Top-level keys that make an object on the page one the pull would read as a schema.
_SCHEMA_KEYS = frozenset({"type", "properties", "output"})
MAX_SCHEMAS = 64
"""The most schemas one page may print (each kept until the page is read)."""


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
    return html_text(raw, location or "page") if is_html(raw, location, content_type) else raw


def json_objects(text: str, where: str = "page") -> list[EmbeddedObject]:
    """Every top-level JSON object with a key embedded in ``text``, in page order."""
    return list(iter_json_objects(text, where))


def iter_json_objects(text: str, where: str = "page") -> Iterator[EmbeddedObject]:
    """Every top-level JSON object with a key embedded in ``text``, in page order, one
    at a time.

    Linear in the page: a parse is tried only where an object can start (``{``, a key
    and ``:``), on a window of the text that grows only while the failure may be the
    window's end, so a failed attempt costs what it read, not the length of the page
    before it (numbering the line of an error at character ``p`` of the whole page reads
    all ``p`` characters: stray ``{`` made the old scan quadratic).
    Attempts may overlap (an object that fails late holds others that are tried again);
    past :data:`WORK_PER_CHARACTER` characters read per character of the page the page
    is refused, so no text can make the scan slower than linear.
    """
    scan = decoder()
    budget = WORK_PER_CHARACTER * len(text) + _WORK_SLACK
    resume = 0
    for match in _CANDIDATE.finditer(text):
        position = match.start()
        if position < resume:  # inside an object already found
            continue
        value, end, work = _decode_at(scan, text, position, where)
        budget -= work
        if budget < 0:
            raise SourceError(
                f"{where}: too much broken JSON to scan (over {WORK_PER_CHARACTER} "
                "characters read per character of the page, by objects that start and "
                "fail inside each other); not read"
            )
        if isinstance(value, dict):
            yield EmbeddedObject(position, value)
            resume = end


def _decode_at(
    scan: json.JSONDecoder, text: str, position: int, where: str
) -> tuple[Any, int, int]:
    """The JSON value at ``position`` (or ``None``), where it ends, and the characters
    read to find out. The window grows fourfold while the error is where the window was
    cut (an unterminated string, or within the last few characters)."""
    size = _WINDOW
    work = 0
    while True:
        window = text[position : position + size]
        cut = position + size < len(text)
        try:
            value, end = scan.raw_decode(window)
        except RecursionError:
            raise SourceError(
                f"{where}: JSON at character {position} is nested deeper than "
                f"{MAX_DEPTH} levels; not read"
            ) from None
        except json.JSONDecodeError as exc:
            unterminated = exc.msg.startswith("Unterminated string")
            if cut and (unterminated or exc.pos >= len(window) - _CUT_MARGIN):
                work += len(window)
                size *= 4
                continue
            return None, position, work + (len(window) if unterminated else exc.pos + 1)
        except ValueError:  # not JSON here
            return None, position, work + len(window)
        return value, position + end, work + end


def is_object_schema(value: Any) -> bool:
    """Whether ``value`` looks like a published object schema (type object, properties)."""
    return (
        isinstance(value, dict)
        and value.get("type") == "object"
        and isinstance(value.get("properties"), dict)
    )


def _model_id(text: str, where: str) -> tuple[str, str]:
    endpoints = set(endpoint_ids(text))
    for raw, base in sorted(endpoints):
        problem = model_id_problem(raw)
        if problem is not None:
            problem = problem.replace(repr(raw), shown_id(raw), 1)
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
    for found in iter_json_objects(text, where):
        if not _SCHEMA_KEYS & found.value.keys():  # not a schema: not kept
            continue
        problem = duplicate_key_problem(found.value)
        if problem is not None:  # a schema, or one under another resolution of its keys
            raise SourceError(
                f"{where}: the schema at character {found.offset}: {problem}; "
                "a JSON object names each key once"
            )
        if len(inputs) + len(outputs) >= MAX_SCHEMAS:
            raise SourceError(
                f"{where}: more than {MAX_SCHEMAS} JSON schemas on one page; a doc page "
                "prints one input and one output schema (perhaps a few times)"
            )
        wrapped = found.value.get("output")
        if len(found.value) == 1 and isinstance(wrapped, dict) and is_object_schema(wrapped):
            outputs.append((found, _checked(found, wrapped, where)))
        elif is_object_schema(found.value):
            schema = _checked(found, found.value, where)
            (outputs if is_generic_output(schema) else inputs).append((found, schema))
    return _distinct(inputs), _distinct(outputs)


def _foreign_endpoint(text: str, where: str, api_hosts: Sequence[str]) -> None:
    """Refuse a page naming an endpoint on any host but an API host (https only)."""
    allowed = {api_origin(host) for host in api_hosts}
    for match in ENDPOINT.finditer(text):
        try:
            origin = api_origin(match.group("base"))
        except ValueError:
            origin = None
        if origin not in allowed:
            tail = _URL_TAIL.match(text, match.end())
            url = text[match.start() : tail.end() if tail else match.end()][:300]
            raise SourceError(
                f"{where}: endpoint {url}: its host is not a RunComfy API host "
                f"({', '.join(api_hosts)}); expected "
                "https://model-api.runcomfy.net/v1/models/{model_id}"
            )


def read_page(
    raw: str,
    where: str,
    content_type: str | None = None,
    api_hosts: Sequence[str] = API_BASE_URLS,
) -> PageContent:
    """Extract model id, endpoint and schemas from one page; ``where`` names it in errors.

    Every endpoint the page names must be on one of ``api_hosts`` (RunComfy's, or those
    given with ``--api-host``), over https.
    """
    text = page_text(raw, where, content_type)
    _foreign_endpoint(text, where, api_hosts)
    model_id, endpoint = _model_id(text, where)
    inputs, outputs = _schemas(text, where)
    malformed = malformed_json(text)
    if malformed is not None and (malformed.schema_like or not inputs):
        html = is_html(raw, where, content_type)
        raise SourceError(describe_malformed(malformed, text, where, html))
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
