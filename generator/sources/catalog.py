"""Read models from a catalog response: ``GET /v1/models?include_schema=true``.

The response is ``{"models": [...], "total": N}``. From a URL, pages are followed with
``limit``/``offset`` until ``total`` entries (or an empty page) have been read. Catalog
entries carry no output schema, so the generic one is assumed and recorded as assumed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from generator.errors import SourceError
from generator.schema.document import SchemaDocument, Source, reject_non_json_constant
from generator.sources.canonical import DEFAULT_BASE_URL, build_document
from generator.sources.fetch import Fetcher, is_url, location_of

__all__ = ["PAGE_SIZE", "TOKEN_ENV", "read_catalog"]

TOKEN_ENV = "RUNCOMFY_API_TOKEN"
PAGE_SIZE = 100


def _parse(text: str, where: str) -> tuple[list[Any], int | None]:
    try:
        data = json.loads(text, parse_constant=reject_non_json_constant)
    except ValueError as exc:
        raise SourceError(f"{where}: catalog is not JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("models"), list):
        raise SourceError(f'{where}: expected a catalog object {{"models": [...], "total": N}}')
    total = data.get("total")
    return data["models"], total if isinstance(total, int) else None


def _page_url(url: str, offset: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in {"limit", "offset"}]
    if not any(k == "include_schema" for k, _ in query):
        query.append(("include_schema", "true"))
    query += [("limit", str(PAGE_SIZE)), ("offset", str(offset))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _entries(location: str, fetcher: Fetcher) -> Iterator[Any]:
    if not is_url(location):
        models, _ = _parse(fetcher.read(location), location)
        yield from models
        return
    token = os.environ.get(TOKEN_ENV)
    if not token:
        raise SourceError(f"{location}: set {TOKEN_ENV} to read the catalog over HTTPS")
    offset = 0
    while True:
        page_url = _page_url(location, offset)
        models, total = _parse(fetcher.read(page_url, token=token), page_url)
        yield from models
        offset += len(models)
        if not models or (total is not None and offset >= total) or len(models) < PAGE_SIZE:
            return


def _base_url(location: str) -> str:
    if not is_url(location):
        return DEFAULT_BASE_URL
    parts = urlsplit(location)
    return f"{parts.scheme}://{parts.netloc}"


def read_catalog(location: str, fetcher: Fetcher) -> list[SchemaDocument]:
    """Every model in the catalog at ``location`` (a file or an https URL)."""
    recorded = location_of(location)
    if is_url(location):
        parts = urlsplit(location)
        recorded = urlunsplit(parts._replace(query="include_schema=true"))
    base = _base_url(location)
    documents = []
    for index, entry in enumerate(_entries(location, fetcher)):
        where = f"{location}: models[{index}]"
        if not isinstance(entry, dict):
            raise SourceError(f"{where}: expected an object")
        model_id = entry.get("model_id")
        if not isinstance(model_id, str):
            raise SourceError(f"{where}: missing model_id")
        input_schema = entry.get("input_schema")
        if not isinstance(input_schema, dict):
            raise SourceError(f"{where} ({model_id}): missing input_schema")
        output_schema = entry.get("output_schema")
        documents.append(
            build_document(
                model_id=model_id,
                endpoint=f"{base}/v1/models/{model_id}",
                input_schema=input_schema,
                output_schema=output_schema if isinstance(output_schema, dict) else None,
                source=Source("catalog", (recorded,)),
            )
        )
    return documents
