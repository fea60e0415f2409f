"""Find the model id and the published schemas in a model's doc page.

Doc pages come as plain-text renderings or as HTML, in any locale, sometimes with
unresolved i18n keys and navigation around the content, with JSON indented or flat.
Nothing here depends on the page's language: the model id comes from the endpoint URL
in the code samples, and the schemas are found as JSON objects by their shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.errors import SourceError
from generator.schema.document import model_id_problem
from generator.sources.canonical import is_generic_output
from generator.sources.endpoint import endpoint_ids, shown_id
from generator.sources.html_text import html_text, is_html
from generator.sources.json_faults import describe_malformed, malformed_json
from generator.sources.strict_json import MAX_DEPTH, decoder, describe, first_problem

__all__ = ["PageContent", "json_objects", "page_text", "read_page"]

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
    for found in json_objects(text, where):
        wrapped = found.value.get("output")
        if len(found.value) == 1 and isinstance(wrapped, dict) and is_object_schema(wrapped):
            outputs.append((found, _checked(found, wrapped, where)))
        elif is_object_schema(found.value):
            schema = _checked(found, found.value, where)
            (outputs if is_generic_output(schema) else inputs).append((found, schema))
    return _distinct(inputs), _distinct(outputs)


def read_page(raw: str, where: str, content_type: str | None = None) -> PageContent:
    """Extract model id, endpoint and schemas from one page; ``where`` names it in errors."""
    text = page_text(raw, where, content_type)
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
