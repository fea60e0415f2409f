"""Find the model id and the published schemas in a model's doc page.

Doc pages come as plain-text renderings or as HTML, in any locale, sometimes with
unresolved i18n keys and navigation around the content, with JSON indented or flat.
Nothing here depends on the page's language: the model id comes from the endpoint URL
in the code samples, and the schemas are found as JSON objects by their shape.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup

from generator.errors import SourceError
from generator.schema.document import reject_non_json_constant

__all__ = ["PageContent", "read_page"]

# The submit endpoint as every code sample on a model page spells it.
_ENDPOINT = re.compile(
    r"(?P<base>https?://[A-Za-z0-9.-]+(?::\d+)?)/v1/models/(?P<id>[^\s\"'\\<>`?#]+)"
)
_HTML_HINT = re.compile(r"<\s*(?:!doctype|html|body|div|pre|code|p|span|script)\b", re.I)


@dataclass(frozen=True)
class PageContent:
    """What a doc page publishes about its model, exactly as published."""

    model_id: str
    endpoint: str
    input_schema: dict[str, Any]
    output_schema: dict[str, Any] | None


def page_text(raw: str) -> str:
    """The readable text of a page; HTML is reduced to its text, entities decoded."""
    if _HTML_HINT.search(raw[:4096]) is None:
        return raw
    soup = BeautifulSoup(raw, "html.parser")
    for hidden in soup(["script", "style", "noscript", "template"]):
        hidden.decompose()
    return soup.get_text()


def json_objects(text: str) -> list[dict[str, Any]]:
    """Every top-level JSON object embedded in ``text``, in page order."""
    decoder = json.JSONDecoder(parse_constant=reject_non_json_constant)
    found: list[dict[str, Any]] = []
    position = text.find("{")
    while position != -1:
        try:
            value, end = decoder.raw_decode(text, position)
        except ValueError:  # not JSON here (JSONDecodeError), or NaN/Infinity inside
            position = text.find("{", position + 1)
            continue
        if isinstance(value, dict):
            found.append(value)
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
    endpoints = {(m.group("id").rstrip("/."), m.group("base")) for m in _ENDPOINT.finditer(text)}
    if not endpoints:
        raise SourceError(
            f"{where}: no model id found; expected an endpoint URL such as "
            "https://model-api.runcomfy.net/v1/models/{model_id} in the page"
        )
    ids = sorted({model_id for model_id, _ in endpoints})
    if len(ids) > 1:
        raise SourceError(
            f"{where}: the page names more than one model endpoint ({', '.join(ids)}); "
            "expected exactly one"
        )
    bases = sorted({base for _, base in endpoints})
    return ids[0], f"{bases[0]}/v1/models/{ids[0]}"


def read_page(raw: str, where: str) -> PageContent:
    """Extract model id, endpoint and schemas from one page; ``where`` names it in errors."""
    text = page_text(raw)
    model_id, endpoint = _model_id(text, where)
    input_schema: dict[str, Any] | None = None
    output_schema: dict[str, Any] | None = None
    for candidate in json_objects(text):
        wrapped = candidate.get("output")
        if len(candidate) == 1 and is_object_schema(wrapped):
            if output_schema is None:
                output_schema = wrapped
        elif is_object_schema(candidate):
            if input_schema is None:
                input_schema = candidate
            elif output_schema is None and candidate != input_schema:
                output_schema = candidate
    if input_schema is None:
        raise SourceError(
            f"{where}: no input schema found for {model_id}; expected a JSON object "
            'with "type": "object" and "properties"'
        )
    return PageContent(model_id, endpoint, input_schema, output_schema)
