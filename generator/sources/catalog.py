"""Read models from a catalog response: ``GET /v1/models?include_schema=true``.

The response is ``{"models": [...], "total": N}``. From a URL, pages are followed with
``limit``/``offset``, the offset advancing by what each page actually held (a server may
cap pages below our limit): until ``total`` entries are read when ``total`` is given,
else until an empty page. A catalog that ends early, repeats a page or never ends is an
error, never a silently partial pull. Catalog entries carry no output schema, so the
generic one is assumed and recorded as assumed. The entry's own fields about the model
(display name, categories, kind, price) are kept as the document's ``metadata``, and a
snapshot entry's ``provenance`` in its ``source``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from generator.errors import SourceError
from generator.runtime.constants import DEFAULT_BASE_URL, TOKEN_ENV
from generator.schema.document import (
    METADATA_KEYS,
    SchemaDocument,
    Source,
    model_id_problem,
)
from generator.sources.canonical import build_document
from generator.sources.fetch import Fetcher, is_url
from generator.sources.strict_json import MAX_DEPTH, duplicate_key_problem, first_problem, loads

__all__ = ["MAX_PAGES", "PAGE_SIZE", "TOKEN_ENV", "read_catalog"]

PAGE_SIZE = 100
# About 384 models were live in late 2026; 1000 pages is far beyond any real catalog.
MAX_PAGES = 1000


def _parse(text: str, where: str) -> tuple[list[Any], int | None]:
    try:
        data = loads(text)
    except RecursionError:
        raise SourceError(
            f"{where}: catalog JSON is nested deeper than {MAX_DEPTH} levels"
        ) from None
    except ValueError as exc:
        raise SourceError(f"{where}: catalog is not JSON ({exc})") from None
    problem = duplicate_key_problem(data)
    if problem is not None:
        raise SourceError(f"{where}: {problem}; a JSON object names each key once")
    if not isinstance(data, dict) or not isinstance(data.get("models"), list):
        raise SourceError(f'{where}: expected a catalog object {{"models": [...], "total": N}}')
    total = data.get("total")
    valid_total = isinstance(total, int) and not isinstance(total, bool) and total >= 0
    return data["models"], total if valid_total else None


def _page_url(url: str, offset: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in {"limit", "offset"}]
    if not any(k == "include_schema" for k, _ in query):
        query.append(("include_schema", "true"))
    query += [("limit", str(PAGE_SIZE)), ("offset", str(offset))]
    return urlunsplit(parts._replace(query=urlencode(query)))


def _ids(models: list[Any]) -> list[str]:
    return [m["model_id"] for m in models if isinstance(m, dict) and "model_id" in m]


def _paged_entries(location: str, fetcher: Fetcher, token: str) -> Iterator[Any]:
    """Every entry of a catalog URL, page by page; see the module docstring."""
    offset = 0
    seen: set[str] = set()
    for _ in range(MAX_PAGES):
        page_url = _page_url(location, offset)
        models, total = _parse(fetcher.read(page_url, token=token), page_url)
        ids = _ids(models)
        if ids and seen.issuperset(ids):
            raise SourceError(
                f"{page_url}: the page repeats models already read ({ids[0]}, ...); "
                "the server seems to ignore offset, so the catalog cannot be read to its end"
            )
        seen.update(ids)
        yield from models
        offset += len(models)
        if total is not None and offset >= total:
            return
        if not models:
            if total is None:
                return
            raise SourceError(
                f"{page_url}: the catalog says total {total} but the server sent only "
                f"{offset} entries; pull again, or ask RunComfy"
            )
    raise SourceError(f"{location}: more than {MAX_PAGES} pages; stopped (does it ever end?)")


def _entries(location: str, fetcher: Fetcher) -> Iterator[Any]:
    if not is_url(location):
        models, _ = _parse(fetcher.read(location), location)
        yield from models
        return
    fetcher.require_api_host(location)  # before the token is even looked at
    token = os.environ.get(TOKEN_ENV)
    if not token:
        raise SourceError(f"{location}: set {TOKEN_ENV} to read the catalog over HTTPS")
    yield from _paged_entries(location, fetcher, token)


def _base_url(location: str) -> str:
    if not is_url(location):
        return DEFAULT_BASE_URL
    parts = urlsplit(location)
    return f"{parts.scheme}://{parts.netloc}"


def _metadata_problem(key: str, value: Any) -> str | None:
    """Why ``value`` is not what the catalog's ``key`` holds, or ``None``."""
    if key == "categories":
        if not isinstance(value, list) or not all(isinstance(c, str) and c for c in value):
            return "a list of non-empty strings"
        return "a list without repeats" if len(set(value)) != len(value) else None
    if key == "base_price_usd":
        number = isinstance(value, int | float) and not isinstance(value, bool)
        return None if number and math.isfinite(value) and value >= 0 else "a number >= 0"
    if key == "pricing_note":
        return None if isinstance(value, str) else "a string"
    return None if isinstance(value, str) and value else "a non-empty string"


def _metadata(entry: dict[str, Any], where: str) -> dict[str, Any] | None:
    """The entry's fields about the model, checked; ``null`` counts as absent."""
    metadata: dict[str, Any] = {}
    for key in METADATA_KEYS:
        value = entry.get(key)
        if value is None:
            continue
        problem = _metadata_problem(key, value)
        if problem is not None:
            raise SourceError(f"{where}: /{key}: expected {problem}, got {value!r:.80}")
        metadata[key] = value
    if ("base_price_usd" in metadata) != ("price_unit" in metadata):
        raise SourceError(
            f"{where}: base_price_usd and price_unit come together (a price needs its unit)"
        )
    return metadata or None


def _provenance(entry: dict[str, Any], where: str) -> str | None:
    provenance = entry.get("provenance")
    if provenance is None:
        return None
    if not isinstance(provenance, str) or not provenance:
        raise SourceError(f"{where}: /provenance: expected a non-empty string")
    return provenance


def _checked_entry(entry: Any, where: str) -> tuple[str, dict[str, Any], Any]:
    """The model id, input schema and output schema of one entry, or a clear error."""
    if not isinstance(entry, dict):
        raise SourceError(f"{where}: expected an object, got {type(entry).__name__}")
    model_id = entry.get("model_id")
    if not isinstance(model_id, str):
        raise SourceError(f"{where}: missing model_id")
    problem = model_id_problem(model_id)
    if problem is not None:
        raise SourceError(f"{where}: {problem}")
    where = f"{where} ({model_id})"
    input_schema = entry.get("input_schema")
    if input_schema is None:
        raise SourceError(f"{where}: missing input_schema")
    if isinstance(input_schema, str):
        raise SourceError(
            f"{where}: input_schema is a string (JSON text?), not an object; "
            "expected the schema itself"
        )
    if not isinstance(input_schema, dict):
        raise SourceError(f"{where}: input_schema is {type(input_schema).__name__}, not an object")
    output_schema = entry.get("output_schema")
    for name, schema in (("input_schema", input_schema), ("output_schema", output_schema)):
        problem = first_problem(schema, f"/{name}")
        if problem is not None:
            raise SourceError(f"{where}: {problem}")
    return model_id, input_schema, output_schema


def read_catalog(location: str, fetcher: Fetcher) -> list[SchemaDocument]:
    """Every model in the catalog at ``location`` (a file or an https URL).

    Each model is listed once; entries that repeat a model are an error naming both.
    """
    recorded = location
    if is_url(location):
        parts = urlsplit(location)
        recorded = urlunsplit(parts._replace(query="include_schema=true"))
    base = _base_url(location)
    documents = []
    first_index: dict[str, int] = {}
    for index, entry in enumerate(_entries(location, fetcher)):
        model_id, input_schema, output_schema = _checked_entry(
            entry, f"{location}: models[{index}]"
        )
        if model_id in first_index:
            raise SourceError(
                f"{location}: models[{first_index[model_id]}] and models[{index}] both "
                f"describe {model_id}; a catalog lists each model once (if it changed "
                "while being read, pull again)"
            )
        first_index[model_id] = index
        where = f"{location}: models[{index}] ({model_id})"
        documents.append(
            build_document(
                model_id=model_id,
                endpoint=f"{base}/v1/models/{model_id}",
                input_schema=input_schema,
                output_schema=output_schema if isinstance(output_schema, dict) else None,
                source=Source("catalog", (recorded,), _provenance(entry, where)),
                metadata=_metadata(entry, where),
            )
        )
    return documents
