"""Sources: doc pages and catalog responses, read into canonical schema documents."""

from __future__ import annotations

from collections.abc import Iterable

from generator.schema.document import SchemaDocument, Source
from generator.sources.canonical import build_document
from generator.sources.catalog import read_catalog
from generator.sources.fetch import Fetcher, location_of
from generator.sources.page import read_page

__all__ = ["Fetcher", "read_catalog", "read_pages"]


def read_pages(locations: Iterable[str], fetcher: Fetcher) -> list[SchemaDocument]:
    """One canonical document per page; the first page that fails stops the pull."""
    documents = []
    for location in locations:
        content = read_page(fetcher.read(location), location)
        documents.append(
            build_document(
                model_id=content.model_id,
                endpoint=content.endpoint,
                input_schema=content.input_schema,
                output_schema=content.output_schema,
                source=Source("page", (location_of(location),)),
            )
        )
    return documents
