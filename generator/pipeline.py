"""The pipeline end to end: schemas directory in, generated tree (in memory) out.

read → plan reuse → lint → release → IR → render → assemble. Generation is all or
nothing: a schema with lint errors stops it before anything is rendered, unless the
caller asks to skip invalid schemas, in which case the skipped ones are reported. A
skipped model the previous generate released keeps its last good files and contract
(``reuse.keep_last_good``), so skipping never reads as a removal; if they cannot be
kept, generation stops. The
release (version and changelog) follows from comparing the new contracts with those of
the previous generate; models the previous tree already holds exactly are reused
(``generator.reuse``), not linted or rendered again.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.config import CHANGELOG, MANIFEST_NAME, RenderOptions
from generator.errors import LintFailed, SchemaFileError
from generator.ir.build import build_model_ir, info_of
from generator.ir.types import ModelIR
from generator.manifest import build_manifest, fingerprint, input_hashes
from generator.naming import ModuleName
from generator.provenance import provenance_header
from generator.release.plan import Release, plan_release
from generator.release.previous import Previous
from generator.render.package import ModelEntry, PackageRender, render_package
from generator.render.session import RenderSession
from generator.reuse import (
    Kept,
    ModelRecord,
    PreviousTree,
    Reuse,
    find_reusable,
    formatted_sources,
    keep_last_good,
    plan_records,
)
from generator.schema.document import contract_of
from generator.schema.lint import LoadedSchema, RawSchema, lint_schemas, read_schemas

__all__ = ["GenerationResult", "build_tree"]


@dataclass(frozen=True)
class GenerationResult:
    """The rendered tree, the release it makes, and the schemas left out of it."""

    tree: dict[str, str]
    release: Release
    skipped: tuple[LoadedSchema, ...]
    reused: int = 0
    unchanged: frozenset[str] = frozenset()
    kept: tuple[str, ...] = ()
    """Skipped models that keep the files and contract of the previous generate."""
    models: int = 0
    """How many models the package holds."""


def build_tree(
    schemas_dir: Path,
    options: RenderOptions,
    *,
    skip_invalid: bool = False,
    previous: Previous | None = None,
) -> GenerationResult:
    """Lint every schema under ``schemas_dir`` and render the package for the sound ones."""
    with _collecting_less():
        return _build_tree(schemas_dir, options, skip_invalid, previous)


# Objects made between two young collections: datamodel-code-generator's own setting
# while it runs (it measured 4-11% faster runs, with no higher peak of memory).
_YOUNG_THRESHOLD = 100_000


@contextmanager
def _collecting_less() -> Iterator[None]:
    """The garbage collector spared the heap that exists before generation (the imported
    modules: it lives until the process ends) and run less often while generation makes
    its short-lived objects. Workers forked meanwhile inherit both, and touching no
    frozen object's header, they share those pages with the parent."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(_YOUNG_THRESHOLD, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _build_tree(
    schemas_dir: Path, options: RenderOptions, skip_invalid: bool, previous: Previous | None
) -> GenerationResult:
    previous = previous or Previous()
    # read
    raws = _read(schemas_dir)
    inputs = input_hashes(schemas_dir, options, {raw.relpath: raw.sha256 for raw in raws})
    # reuse: models the previous tree holds exactly are neither linted nor rendered again
    shared = fingerprint(inputs)
    names, records = plan_records(raws, options.schemas_label, shared, previous.modules)
    reuse = find_reusable(previous.root, previous.records, previous.file_hashes, records)
    # lint; a skipped model keeps what the previous generate made of it
    fresh, invalid = _lint(raws, reuse.files.keys(), skip_invalid)
    kept = _keep(previous, invalid, names, options.schemas_label, shared)
    inputs["schemas"].update(kept.schema_hashes)  # the kept files were made from these
    records = {**records, **kept.records}
    reuse = _merged(reuse, kept.reuse)
    # release: the version follows from the contracts' changes
    contracts = _contracts(raws, [*reuse.files, *(schema.model_id for schema in fresh)], kept)
    release = plan_release(previous, contracts, unchanged=reuse.files.keys())
    options = replace(options, version=release.version)
    inputs["options"]["version"] = release.version
    # IR, then render
    models = [_model_ir(schema, names, options) for schema in fresh]
    formatted = formatted_sources(previous.root, previous.formatted, previous.file_hashes)
    session = RenderSession(options, formatted)
    infos = {model.model_id: model.info for model in models}
    entries = [
        ModelEntry(
            model_id, names[model_id], infos.get(model_id) or info_of(contract, names[model_id])
        )
        for model_id, contract in contracts.items()
    ]
    rendered = render_package(session, entries, models, reuse.files, reuse.usages)
    # assemble: contracts, changelog, and the manifest that vouches for every file
    tree = _assemble(rendered, contracts, records, release, options)
    tree[MANIFEST_NAME] = _manifest(inputs, tree, records, rendered, reuse)
    tree = dict(sorted(tree.items()))
    return GenerationResult(
        tree,
        release,
        invalid,
        len(reuse.files),
        reuse.paths,
        tuple(sorted(kept.records)),
        len(contracts),
    )


def _read(schemas_dir: Path) -> list[RawSchema]:
    """Every schema file, parsed; none at all is unusable input."""
    raws = read_schemas(schemas_dir)
    if not raws:
        raise SchemaFileError(
            f"{schemas_dir}: no schema files; refusing to generate an empty package"
        )
    return raws


def _lint(
    raws: Sequence[RawSchema], reused: Collection[str], skip_invalid: bool
) -> tuple[list[LoadedSchema], tuple[LoadedSchema, ...]]:
    """The sound schemas not reused, and the invalid ones (an error unless skipped)."""
    loaded = lint_schemas([raw for raw in raws if raw.model_id not in reused])
    invalid = tuple(schema for schema in loaded if schema.has_errors)
    if invalid and not skip_invalid:
        raise LintFailed([f for schema in loaded for f in schema.findings if f.is_error])
    return [schema for schema in loaded if not schema.has_errors and schema.model], invalid


def _keep(
    previous: Previous,
    invalid: Sequence[LoadedSchema],
    names: Mapping[str, ModuleName],
    schemas_label: str,
    shared: str,
) -> Kept:
    """The skipped models' last good files; generation stops if any cannot be kept."""
    tree = PreviousTree(
        previous.root, previous.records, previous.file_hashes, previous.schema_hashes
    )
    kept, problems = keep_last_good(
        tree, [schema.relpath for schema in invalid], names, schemas_label, shared
    )
    if problems:
        stopped = [schema for schema in invalid if schema.relpath in problems]
        raise LintFailed(
            [f for schema in stopped for f in schema.findings if f.is_error],
            detail="; ".join(problems[schema.relpath] for schema in stopped)
            + "; fix the schema, or delete its file to remove the model",
        )
    return kept


def _merged(reuse: Reuse, kept: Reuse) -> Reuse:
    return Reuse(
        {**reuse.files, **kept.files},
        {**reuse.usages, **kept.usages},
        {**reuse.hashes, **kept.hashes},
    )


def _contracts(
    raws: Sequence[RawSchema], valid: Collection[str], kept: Kept
) -> dict[str, dict[str, Any]]:
    """The contract of every model in the package, by model id, sorted: a kept model's
    is the one its kept files were made from."""
    by_id = {raw.model_id: raw for raw in raws}
    return {
        model_id: kept.contracts.get(model_id) or contract_of(by_id[model_id].raw)
        for model_id in sorted(set(valid))
    }


def _model_ir(
    schema: LoadedSchema, names: Mapping[str, ModuleName], options: RenderOptions
) -> ModelIR:
    assert schema.model is not None
    schema_path = f"{options.schemas_label}/{schema.relpath}"
    return build_model_ir(schema.model, names[schema.model_id], schema_path)


def _assemble(
    rendered: PackageRender,
    contracts: Mapping[str, dict[str, Any]],
    records: Mapping[str, ModelRecord],
    release: Release,
    options: RenderOptions,
) -> dict[str, str]:
    """The rendered tree plus what the pipeline itself writes: contracts and changelog."""
    tree = dict(rendered.tree)
    for model_id, contract in contracts.items():
        path = records[model_id].files.contract
        if path not in tree:  # a reused model brought its contract along
            tree[path] = json.dumps(contract, indent=2, ensure_ascii=False) + "\n"
    header = provenance_header(f"{options.schemas_label}/", options.command, "markdown")
    tree[CHANGELOG] = f"{header}\n{release.changelog}"
    return tree


def _manifest(
    inputs: dict[str, Any],
    tree: Mapping[str, str],
    records: Mapping[str, ModelRecord],
    rendered: PackageRender,
    reuse: Reuse,
) -> str:
    """The manifest: each model's record with its usage example (rendered now, or
    recorded with the files it reused), the inputs' and the files' hashes."""
    models = {
        model_id: replace(record, usage=rendered.usages.get(model_id, reuse.usages.get(model_id)))
        for model_id, record in records.items()
        if model_id in rendered.usages or model_id in reuse.usages
    }
    models_json = {model_id: record.to_json() for model_id, record in models.items()}
    return build_manifest(inputs, tree, models_json, rendered.formatted, reuse.hashes)
