"""Re-read the sources recorded in the schema files and say what changed upstream.

Each schema file names where it was read from (pages or a catalog). Reading them again
shows which models changed, which appeared (a catalog lists a new model) and which
vanished (a source no longer publishes one). Nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.schema.document import SchemaDocument, contract_of, load_document_json
from generator.schema.lint import schema_files
from generator.sources import Fetcher, read_catalog, read_pages, resolve_location
from generator.sources.fetch import is_url
from generator.sources.store import merge_documents, same_json

__all__ = ["UpstreamReport", "check_upstream", "read_recorded"]


@dataclass
class UpstreamReport:
    """Model ids by what happened to them upstream."""

    changed: list[str] = field(default_factory=list)
    appeared: list[str] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.changed or self.appeared or self.vanished)


def _recorded(
    schemas_dir: Path, fetcher: Fetcher
) -> tuple[dict[str, dict[str, Any]], set[str], set[str]]:
    """The schema files by model id, and the pages and catalogs they record.

    A catalog is read with the API token, so a catalog URL on a host that is not an API
    host (:meth:`Fetcher.require_api_host`) is refused here, naming the schema file that
    records it, before anything is fetched. Pages are read without the token, from any
    https host.
    """
    documents: dict[str, dict[str, Any]] = {}
    pages: set[str] = set()
    catalogs: set[str] = set()
    for path in schema_files(schemas_dir):
        data = load_document_json(path)
        if not isinstance(data, dict) or not isinstance(data.get("model_id"), str):
            continue
        documents[data["model_id"]] = data
        source = data.get("source") or {}
        kind = source.get("kind") if isinstance(source, dict) else None
        recorded = source.get("locations", []) if isinstance(source, dict) else []
        locations = []
        for index, location in enumerate(recorded if isinstance(recorded, list) else []):
            if not isinstance(location, str):
                continue
            if kind == "catalog" and is_url(location):
                fetcher.require_api_host(location, f"{path}: /source/locations/{index}")
            locations.append(resolve_location(location, schemas_dir))
        (catalogs if kind == "catalog" else pages).update(locations)
    return documents, pages, catalogs


def read_recorded(
    schemas_dir: Path, fetcher: Fetcher
) -> tuple[dict[str, dict[str, Any]], list[SchemaDocument]]:
    """The schema files by model id, and what their recorded sources publish now."""
    recorded, pages, catalogs = _recorded(schemas_dir, fetcher)
    fresh: list[SchemaDocument] = merge_documents(read_pages(sorted(pages), fetcher))
    for catalog in sorted(catalogs):
        fresh += read_catalog(catalog, fetcher)
    return recorded, fresh


def check_upstream(schemas_dir: Path, fetcher: Fetcher) -> UpstreamReport:
    """Compare what the recorded sources publish now with the schema files."""
    recorded, fresh = read_recorded(schemas_dir, fetcher)
    published = {document.model_id: document.contract() for document in fresh}
    report = UpstreamReport()
    for model_id, data in sorted(recorded.items()):
        if model_id not in published:
            report.vanished.append(model_id)
        elif not same_json(published[model_id], contract_of(data)):
            report.changed.append(model_id)
        else:
            report.unchanged.append(model_id)
    report.appeared = sorted(set(published) - set(recorded))
    return report
