"""What the last generate left in the output directory: its release and its records.

The generated package carries its own version and changelog, and a copy of each
model's contract (``runcomfy_models/schemas/<module>.json``). The next generate reads
them back to decide how far to bump the version and what to add to the changelog, and
reads the manifest's records to know which models' files it may reuse.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.config import CHANGELOG, CONTRACTS_DIR, MANIFEST_NAME
from generator.provenance import strip_markdown_header
from generator.reuse import ModelRecord

__all__ = ["Previous", "read_previous"]


@dataclass(frozen=True)
class Previous:
    """The last generated release: ``version`` is ``None`` when there was none.

    ``records``, ``file_hashes`` and ``formatted`` are the previous manifest's model
    records, file hashes and package-level source hashes, for reuse. ``modules`` is the
    module name it gave each model (read even when a record is malformed: names are
    kept across generates), ``schema_hashes`` the schema files it was made from.
    """

    version: str | None = None
    contracts: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    changelog: str = ""
    root: Path | None = None
    records: Mapping[str, ModelRecord] = field(default_factory=dict)
    file_hashes: Mapping[str, str] = field(default_factory=dict)
    formatted: Mapping[str, str] = field(default_factory=dict)
    modules: Mapping[str, str] = field(default_factory=dict)
    schema_hashes: Mapping[str, str] = field(default_factory=dict)


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


class _LazyContracts(Mapping[str, dict[str, Any]]):
    """Contracts read from the previous tree only when one is looked at."""

    def __init__(self, out: Path, paths: dict[str, str]) -> None:
        self._out, self._paths = out, paths
        self._loaded: dict[str, dict[str, Any]] = {}

    def __getitem__(self, model_id: str) -> dict[str, Any]:
        if model_id not in self._loaded:
            data = _json(self._out / self._paths[model_id])
            self._loaded[model_id] = data if isinstance(data, dict) else {}
        return self._loaded[model_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


def _records(manifest: dict[str, Any]) -> dict[str, ModelRecord] | None:
    """The manifest's model records, or ``None`` if any is missing or malformed."""
    models = manifest.get("models")
    if not isinstance(models, dict):
        return None
    records = {model_id: ModelRecord.from_json(data) for model_id, data in models.items()}
    if any(record is None for record in records.values()):
        return None
    return {model_id: record for model_id, record in records.items() if record is not None}


def _scanned_contracts(out: Path) -> dict[str, dict[str, Any]]:
    """Every contract copy in the tree, by the model id it names (no usable records)."""
    contracts = {}
    for path in sorted((out / CONTRACTS_DIR).glob("*.json")):
        data = _json(path)
        if isinstance(data, dict) and isinstance(data.get("model_id"), str):
            contracts[data["model_id"]] = data
    return contracts


def _modules(manifest: dict[str, Any]) -> dict[str, str]:
    """The module name the manifest records for each model, where it records one."""
    models = manifest.get("models")
    if not isinstance(models, dict):
        return {}
    return {
        model_id: data["module"]
        for model_id, data in models.items()
        if isinstance(data, dict) and isinstance(data.get("module"), str)
    }


def _strings(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def read_previous(out: Path, manifest_name: str = MANIFEST_NAME) -> Previous:
    """The previous release in ``out``, or an empty one if there is none to read."""
    manifest = _json(out / manifest_name)
    version = manifest.get("version") if isinstance(manifest, dict) else None
    if not isinstance(manifest, dict) or not isinstance(version, str):
        return Previous()
    records = _records(manifest)
    contracts: Mapping[str, dict[str, Any]] = (
        _scanned_contracts(out)
        if records is None
        else _LazyContracts(out, {m: r.files.contract for m, r in records.items()})
    )
    changelog_path = out / CHANGELOG
    changelog = changelog_path.read_text("utf-8") if changelog_path.is_file() else ""
    return Previous(
        version=version,
        contracts=contracts,
        changelog=strip_markdown_header(changelog),
        root=out,
        records=records or {},
        file_hashes=_strings(manifest.get("files")),
        formatted=_strings(manifest.get("formatted")),
        modules=_modules(manifest),
        schema_hashes=_strings(_inputs(manifest).get("schemas")),
    )


def _inputs(manifest: dict[str, Any]) -> dict[str, Any]:
    inputs = manifest.get("inputs")
    return inputs if isinstance(inputs, dict) else {}
