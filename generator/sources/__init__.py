"""Sources: doc pages and catalog responses, read into canonical schema documents.

Documents name their sources as given on the command line; the pull records local
paths relative to the schemas directory's parent (:func:`record_location`), and a
re-read resolves them back from there (:func:`resolve_location`).
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.schema.document import SchemaDocument, Source
from generator.sources.canonical import build_document
from generator.sources.catalog import read_catalog
from generator.sources.fetch import Fetcher, record_location, resolve_location
from generator.sources.page import read_page

__all__ = ["Fetcher", "read_catalog", "read_pages", "record_location", "resolve_location"]


def read_pages(locations: Iterable[str], fetcher: Fetcher) -> list[SchemaDocument]:
    """One canonical document per page; the first page that fails stops the pull."""
    documents = []
    for location in locations:
        fetched = fetcher.fetch(location)
        content = read_page(fetched.text, location, fetched.content_type, fetcher.api_hosts)
        documents.append(
            build_document(
                model_id=content.model_id,
                endpoint=content.endpoint,
                input_schema=content.input_schema,
                output_schema=content.output_schema,
                source=Source("page", (location,)),
            )
        )
    return documents
