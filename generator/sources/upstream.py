"""Re-read the sources recorded in the schema files and say what changed upstream.

Each schema file names where it was read from (pages or a catalog). Reading them again
shows which models changed, which appeared (a catalog lists a new model) and which
vanished (a source no longer publishes one). Nothing is written.

Only proof counts as vanished: a catalog that no longer lists the model, a page that now
names another model, or a page that is gone (HTTP 404 or 410, or a deleted file). Any
other failure (a server error, a block, a timeout, an error page served with 200) is an
error naming the page and the models recorded from it, and so are a catalog that now
lists no models and every recorded page gone at once (a moved site or a broken CDN, not
withdrawn models): a bad morning upstream must never prune a schema.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import SourceError, SourceGone
from generator.schema.document import SchemaDocument, contract_of, load_document_json
from generator.schema.lint import schema_files
from generator.sources import Fetcher, read_catalog, read_pages, resolve_location
from generator.sources.fetch import is_url
from generator.sources.store import merge_documents, same_json

__all__ = ["Reread", "UpstreamReport", "check_upstream", "read_recorded"]


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


@dataclass(frozen=True)
class _Record:
    """One schema file: its data, and where its source is read from now."""

    data: dict[str, Any]
    kind: str
    locations: tuple[str, ...]


@dataclass(frozen=True)
class Reread:
    """The schema files by model id, what their sources publish now, and why models left."""

    recorded: dict[str, dict[str, Any]]
    fresh: list[SchemaDocument]
    why_vanished: dict[str, str]

    @property
    def vanished(self) -> list[str]:
        return sorted(self.why_vanished)


def _records(schemas_dir: Path, fetcher: Fetcher) -> dict[str, _Record]:
    """The schema files by model id, with where their sources are read from.

    A catalog is read with the API token, so a catalog URL on a host that is not an API
    host (:meth:`Fetcher.require_api_host`) is refused here, naming the schema file that
    records it, before anything is fetched. Pages are read without the token, from any
    https host.
    """
    records: dict[str, _Record] = {}
    for path in schema_files(schemas_dir):
        data = load_document_json(path)
        if not isinstance(data, dict) or not isinstance(data.get("model_id"), str):
            continue
        source = data.get("source") or {}
        kind = source.get("kind") if isinstance(source, dict) else None
        recorded = source.get("locations", []) if isinstance(source, dict) else []
        locations: list[str] = []
        for index, location in enumerate(recorded if isinstance(recorded, list) else []):
            if not isinstance(location, str):
                continue
            if kind == "catalog" and is_url(location):
                fetcher.require_api_host(location, f"{path}: /source/locations/{index}")
            locations.append(resolve_location(location, schemas_dir))
        records[data["model_id"]] = _Record(data, str(kind), tuple(locations))
    return records


def _recorded_by(location: str, records: dict[str, _Record]) -> str:
    ids = sorted(model_id for model_id, r in records.items() if location in r.locations)
    if len(ids) == 1:
        return f"recorded in the schema of {ids[0]}"
    more = ", ..." if len(ids) > 3 else ""
    return f"recorded in the schemas of {len(ids)} models ({', '.join(ids[:3])}{more})"


def _read_pages(
    records: dict[str, _Record], fetcher: Fetcher
) -> tuple[list[SchemaDocument], dict[str, str]]:
    """What the recorded pages publish now, and the pages that are gone (with why)."""
    pages = sorted({loc for r in records.values() if r.kind != "catalog" for loc in r.locations})
    documents: list[SchemaDocument] = []
    gone: dict[str, str] = {}
    for location in pages:
        try:
            documents += read_pages([location], fetcher)
        except SourceGone as exc:
            gone[location] = str(exc)
        except SourceError as exc:
            raise SourceError(
                f"{exc} ({_recorded_by(location, records)}); nothing was written or removed"
            ) from None
    if pages and len(gone) == len(pages):
        raise SourceError(
            f"every recorded page is gone ({len(pages)} pages, such as {gone[pages[0]]}); "
            "that looks like a moved site, not withdrawn models: nothing was written or "
            "removed (if every model was withdrawn, delete their schema files)"
        )
    return merge_documents(documents), gone


def _read_catalogs(records: dict[str, _Record], fetcher: Fetcher) -> list[SchemaDocument]:
    catalogs = sorted({loc for r in records.values() if r.kind == "catalog" for loc in r.locations})
    documents: list[SchemaDocument] = []
    for catalog in catalogs:
        pulled = sum(catalog in r.locations for r in records.values())
        try:
            listed = read_catalog(catalog, fetcher)
        except SourceError as exc:
            raise SourceError(
                f"{exc} (the source of {pulled} recorded model(s)); "
                "nothing was written or removed"
            ) from None
        if not listed:
            raise SourceError(
                f"{catalog}: the catalog lists no models now, {pulled} were pulled from it; "
                "that looks like a failed answer, not withdrawn models: nothing was written "
                "or removed (if every model was withdrawn, delete their schema files)"
            )
        documents += listed
    return documents


def _why_vanished(record: _Record, gone: dict[str, str]) -> str:
    if record.kind == "catalog":
        return f"no longer listed by {', '.join(record.locations)}"
    lost = [gone[loc] for loc in record.locations if loc in gone]
    if not lost:
        return f"no longer named by {', '.join(record.locations) or 'any recorded page'}"
    if len(lost) < len(record.locations):
        kept = ", ".join(loc for loc in record.locations if loc not in gone)
        return f"no longer named by {kept}; the rest are gone: {'; '.join(lost)}"
    return (
        f"its page is gone: {lost[0]}"
        if len(lost) == 1
        else (f"its pages are gone: {'; '.join(lost)}")
    )


def read_recorded(schemas_dir: Path, fetcher: Fetcher) -> Reread:
    """What the recorded sources publish now; see the module docstring for "vanished"."""
    records = _records(schemas_dir, fetcher)
    fresh, gone = _read_pages(records, fetcher)
    fresh += _read_catalogs(records, fetcher)
    published = {document.model_id for document in fresh}
    why = {
        model_id: _why_vanished(record, gone)
        for model_id, record in records.items()
        if model_id not in published
    }
    return Reread({k: r.data for k, r in records.items()}, fresh, why)


def check_upstream(schemas_dir: Path, fetcher: Fetcher) -> UpstreamReport:
    """Compare what the recorded sources publish now with the schema files."""
    reread = read_recorded(schemas_dir, fetcher)
    published = {document.model_id: document.contract() for document in reread.fresh}
    report = UpstreamReport(vanished=reread.vanished)
    for model_id, data in sorted(reread.recorded.items()):
        if model_id in published:
            same = same_json(published[model_id], contract_of(data))
            (report.unchanged if same else report.changed).append(model_id)
    report.appeared = sorted(set(published) - set(reread.recorded))
    return report
