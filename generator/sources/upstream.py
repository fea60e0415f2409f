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


def _recorded(schemas_dir: Path) -> tuple[dict[str, dict[str, Any]], set[str], set[str]]:
    documents: dict[str, dict[str, Any]] = {}
    pages: set[str] = set()
    catalogs: set[str] = set()
    for path in schema_files(schemas_dir):
        data = load_document_json(path)
        if not isinstance(data, dict) or not isinstance(data.get("model_id"), str):
            continue
        documents[data["model_id"]] = data
        source = data.get("source") or {}
        locations = [
            resolve_location(loc, schemas_dir)
            for loc in source.get("locations", [])
            if isinstance(loc, str)
        ]
        (catalogs if source.get("kind") == "catalog" else pages).update(locations)
    return documents, pages, catalogs


def read_recorded(
    schemas_dir: Path, fetcher: Fetcher
) -> tuple[dict[str, dict[str, Any]], list[SchemaDocument]]:
    """The schema files by model id, and what their recorded sources publish now."""
    recorded, pages, catalogs = _recorded(schemas_dir)
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
