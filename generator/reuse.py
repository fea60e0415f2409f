"""Incremental reuse: which models' files the previous tree already holds, exactly.

A model whose key (its schema file, module, schema path, and everything shared:
templates, runtime, generator code, tool versions) matches the previous manifest's, and
whose files on disk still have the recorded hashes, is taken from the previous tree as
is: it was linted clean and rendered from exactly these inputs, so doing it again would
give the same bytes. That makes regenerating after a one-model change cost about one
model. The same goes for black's output of package-level files: a source the previous
run formatted is not formatted again.

Each model's manifest entry is a :class:`ModelRecord`; the release planner reads the
same records back to find the previous contracts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.config import CONTRACTS_DIR, PACKAGE
from generator.manifest import model_key, sha256_bytes
from generator.naming import ModuleName, module_names
from generator.schema.document import model_id_problem, schema_relpath

if TYPE_CHECKING:  # only the type: lint loads jsonschema, which reuse does not need
    from generator.schema.lint import RawSchema

__all__ = [
    "Kept",
    "ModelFiles",
    "ModelRecord",
    "Reuse",
    "Usage",
    "find_reusable",
    "formatted_sources",
    "keep_last_good",
    "plan_records",
]

Usage = tuple[tuple[str, str], ...]
"""A model's usage example: (Python attribute, value as Python source) per required field."""


@dataclass(frozen=True)
class ModelFiles:
    """The files one model puts in the tree, by role."""

    module: str
    doc: str
    contract: str

    @classmethod
    def of(cls, module: str) -> ModelFiles:
        return cls(
            module=f"{PACKAGE}/models/{module}.py",
            doc=f"docs/models/{module}.md",
            contract=f"{CONTRACTS_DIR}/{module}.json",
        )

    def paths(self) -> tuple[str, str, str]:
        return (self.module, self.doc, self.contract)


@dataclass(frozen=True)
class ModelRecord:
    """What the manifest records of one model: its key, module, files and usage example."""

    key: str
    module: str
    usage: Usage | None = None

    @property
    def files(self) -> ModelFiles:
        return ModelFiles.of(self.module)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"key": self.key, "module": self.module}
        data["files"] = list(self.files.paths())
        if self.usage is not None:
            data["usage"] = [list(pair) for pair in self.usage]
        return data

    @classmethod
    def from_json(cls, data: object) -> ModelRecord | None:
        """The record a manifest holds, or ``None`` if it is not one (nothing is reused)."""
        if not isinstance(data, dict):
            return None
        key, module = data.get("key"), data.get("module")
        if not isinstance(key, str) or not isinstance(module, str):
            return None
        if data.get("files") != list(ModelFiles.of(module).paths()):
            return None
        return cls(key, module, _usage(data.get("usage")))


def _usage(recorded: object) -> Usage | None:
    """A usage example as the manifest recorded it, or ``None`` if it is not one."""
    if not isinstance(recorded, list):
        return None
    pairs = []
    for pair in recorded:
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        ):
            return None
        pairs.append((str(pair[0]), str(pair[1])))
    return tuple(pairs)


def plan_records(
    raws: Sequence[RawSchema],
    schemas_label: str,
    shared: str,
    previous_modules: Mapping[str, str] | None = None,
) -> tuple[Mapping[str, ModuleName], dict[str, ModelRecord]]:
    """Module names and records (no usage yet) of every well-formed document.

    ``previous_modules`` are the names the last generate gave; they are kept. A previous
    model whose schema file is still there holds its name even if the file no longer
    reads as that model (it may be kept as it was: see :func:`keep_last_good`).
    """
    usable = [r for r in raws if isinstance(r.raw, dict) and not model_id_problem(r.model_id)]
    previous_modules = previous_modules or {}
    relpaths = {raw.relpath for raw in raws}
    held = [m for m in previous_modules if _relpath(m) in relpaths]
    names = module_names([*(raw.model_id for raw in usable), *held], previous_modules)
    records = {
        raw.model_id: ModelRecord(
            model_key(shared, raw.sha256, names[raw.model_id], f"{schemas_label}/{raw.relpath}"),
            names[raw.model_id],
        )
        for raw in usable
    }
    return names, records


def _relpath(model_id: str) -> str | None:
    return None if model_id_problem(model_id) else schema_relpath(model_id).as_posix()


@dataclass(frozen=True)
class Reuse:
    """Models taken from the previous tree: their files, usage examples and file hashes."""

    files: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    usages: Mapping[str, Usage] = field(default_factory=dict)
    hashes: Mapping[str, str] = field(default_factory=dict)
    """Each reused file's hash, as read and checked against the manifest."""

    @property
    def paths(self) -> frozenset[str]:
        return frozenset(path for files in self.files.values() for path in files)


def _read_vouched(root: Path, paths: Sequence[str], hashes: Mapping[str, str]) -> dict[str, str]:
    """The files' text if every one still has the hash the manifest recorded, else ``{}``."""
    texts = {}
    for path in paths:
        try:
            data = (root / path).read_bytes()
        except OSError:
            return {}
        if hashes.get(path) != sha256_bytes(data):
            return {}
        texts[path] = data.decode("utf-8")
    return texts


def find_reusable(
    root: Path | None,
    recorded: Mapping[str, ModelRecord],
    hashes: Mapping[str, str],
    planned: Mapping[str, ModelRecord],
) -> Reuse:
    """The planned models whose previous files ``root`` holds, as the manifest vouches."""
    if root is None:
        return Reuse()
    files: dict[str, Mapping[str, str]] = {}
    usages: dict[str, Usage] = {}
    for model_id, record in planned.items():
        old = recorded.get(model_id)
        if old is None or old.key != record.key or old.usage is None:
            continue
        texts = _read_vouched(root, record.files.paths(), hashes)
        if texts:
            files[model_id], usages[model_id] = texts, old.usage
    known = {path: hashes[path] for texts in files.values() for path in texts}
    return Reuse(files, usages, known)


def formatted_sources(
    root: Path | None, formatted: Mapping[str, str], hashes: Mapping[str, str]
) -> dict[str, str]:
    """What the previous run's package-level sources became under black, by source hash.

    ``formatted`` is the previous manifest's path -> source hash; a file counts only if it
    still has the hash the manifest recorded.
    """
    if root is None:
        return {}
    known: dict[str, str] = {}
    for path, digest in formatted.items():
        texts = _read_vouched(root, (path,), hashes)
        if texts:
            known[digest] = texts[path]
    return known


@dataclass(frozen=True)
class Kept:
    """Models whose new schema fails lint, kept exactly as the last generate made them.

    ``schema_hashes`` are the schema files (by path in the schemas directory) the kept
    files were made from, ``contracts`` the contracts they promise, by model id.
    """

    reuse: Reuse = field(default_factory=Reuse)
    records: Mapping[str, ModelRecord] = field(default_factory=dict)
    schema_hashes: Mapping[str, str] = field(default_factory=dict)
    contracts: Mapping[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class PreviousTree:
    """What :func:`keep_last_good` reads of the last generate (``release.Previous``)."""

    root: Path | None
    records: Mapping[str, ModelRecord]
    file_hashes: Mapping[str, str]
    schema_hashes: Mapping[str, str]


def keep_last_good(
    previous: PreviousTree,
    invalid: Sequence[str],
    names: Mapping[str, str],
    schemas_label: str,
    shared: str,
) -> tuple[Kept, dict[str, str]]:
    """Keep the last good files of the models whose schema files (``invalid``, paths in
    the schemas directory) now fail lint.

    A schema file that the last generate did not hold is a model never released: there
    is nothing to keep. The others are kept only if their files are exactly what this
    generator would make from the schema they were made from (same generator, templates,
    runtime and tools; files unedited; the module name ``names`` gives it); otherwise the
    reason is returned by path.
    """
    by_relpath = {_relpath(model_id): model_id for model_id in previous.records}
    kept: dict[str, ModelRecord] = {}
    files: dict[str, Mapping[str, str]] = {}
    usages: dict[str, Usage] = {}
    hashes: dict[str, str] = {}
    problems: dict[str, str] = {}
    for relpath in invalid:
        model_id = by_relpath.get(relpath)
        if model_id is None or previous.root is None:
            continue
        record, schema_hash = previous.records[model_id], previous.schema_hashes.get(relpath)
        key = model_key(shared, schema_hash or "", record.module, f"{schemas_label}/{relpath}")
        texts = _read_vouched(previous.root, record.files.paths(), previous.file_hashes)
        if names.get(model_id) != record.module:
            problems[relpath] = f"{model_id}: the previous manifest's module name is not its own"
        elif schema_hash is None or record.usage is None or record.key != key:
            problems[relpath] = (
                f"{model_id}: its last generated files were made by another generator "
                "or from other inputs (its code, templates, runtime or tool versions, or the "
                "--schemas and --out it was run with, differ), so they cannot be kept"
            )
        elif not texts:
            problems[relpath] = (
                f"{model_id}: its last generated files are missing or were edited, "
                "so they cannot be kept"
            )
        else:
            kept[model_id], files[model_id], usages[model_id] = record, texts, record.usage
            hashes[relpath] = schema_hash
    known = {path: previous.file_hashes[path] for texts in files.values() for path in texts}
    contracts = {
        model_id: json.loads(files[model_id][record.files.contract])
        for model_id, record in kept.items()
    }
    return Kept(Reuse(files, usages, known), kept, hashes, contracts), problems
