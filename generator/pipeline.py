"""The pipeline end to end: schemas directory in, generated tree (in memory) out.

read → lint → IR → render, plus the release: the version and changelog follow from
comparing the new contracts with those of the previous generate. Generation is all or
nothing: a schema with lint errors stops it before anything is rendered, unless the
caller asks to skip invalid schemas, in which case the skipped ones are reported.

A model whose key (its contract, module, schema path, and everything shared: templates,
runtime, generator code, tool versions) matches the previous manifest's, and whose files
on disk still have the recorded hashes, is taken from the previous tree as is: it was
linted clean and rendered from exactly these inputs, so doing it again would give the
same bytes. That makes regenerating after a one-model change cost about one model.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from generator.config import PACKAGE, RenderOptions
from generator.drift.history import CHANGELOG, CONTRACTS_DIR, Previous, Release, plan_release
from generator.errors import LintFailed, SchemaFileError
from generator.ir import ModelIR, build_model_ir
from generator.manifest import (
    build_manifest,
    fingerprint,
    input_hashes,
    model_key,
    sha256_bytes,
)
from generator.naming import ModuleName, module_names
from generator.render.formatting import remember
from generator.render.package import ModelEntry, render_package
from generator.schema.document import model_id_problem
from generator.schema.lint import LoadedSchema, RawSchema, lint_schemas, read_schemas
from generator.writer import MANIFEST_NAME

__all__ = ["GenerationResult", "build_tree", "contract_of"]


@dataclass(frozen=True)
class GenerationResult:
    """The rendered tree, the release it makes, and the schemas left out of it."""

    tree: dict[str, str]
    release: Release
    skipped: tuple[LoadedSchema, ...]
    reused: int = 0
    unchanged: frozenset[str] = frozenset()


def contract_of(document: dict[str, Any]) -> dict[str, Any]:
    """A schema document less its ``source``: what the generated package promises."""
    return {key: value for key, value in document.items() if key != "source"}


def _records(
    raws: list[RawSchema], options: RenderOptions, shared: str, file_hashes: Mapping[str, str]
) -> tuple[Mapping[str, ModuleName], dict[str, dict[str, Any]]]:
    """Module names and manifest records (key, files) of every well-formed document."""
    usable = [r for r in raws if isinstance(r.raw, dict) and not model_id_problem(r.model_id)]
    names = module_names(raw.model_id for raw in usable)
    records: dict[str, dict[str, Any]] = {}
    for raw in usable:
        module = names[raw.model_id]
        schema_path = f"{options.schemas_label}/{raw.relpath}"
        records[raw.model_id] = {
            "key": model_key(shared, file_hashes[raw.relpath], module, schema_path),
            "files": [
                f"{PACKAGE}/models/{module}.py",
                f"docs/models/{module}.md",
                f"{CONTRACTS_DIR}/{module}.json",
            ],
        }
    return names, records


def _reusable(
    previous: Previous | None, records: dict[str, dict[str, Any]]
) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Files of unchanged models, from the previous tree, where the manifest vouches for them.

    Returns the files by model id, and the hash of each (as checked against the manifest).
    """
    if previous is None or previous.root is None:
        return {}, {}
    before = previous.manifest.get("models")
    hashes = previous.manifest.get("files")
    if not isinstance(before, dict) or not isinstance(hashes, dict):
        return {}, {}
    reused: dict[str, dict[str, str]] = {}
    known: dict[str, str] = {}
    for model_id, record in records.items():
        old = before.get(model_id)
        if not isinstance(old, dict) or old.get("key") != record["key"]:
            continue
        files = {}
        for path in record["files"]:
            try:
                data = (previous.root / path).read_bytes()
            except OSError:
                break
            digest = sha256_bytes(data)
            if hashes.get(path) != digest:
                break
            files[path] = data.decode("utf-8")
        else:
            usage = _usage(old.get("usage"))
            if usage is not None:
                reused[model_id] = files
                known.update((path, hashes[path]) for path in files)
                record["usage"] = usage
    return reused, known


def _usage(recorded: object) -> list[tuple[str, str]] | None:
    """A model's usage example as the manifest recorded it, or None if it is not one."""
    if not isinstance(recorded, list):
        return None
    usage = []
    for pair in recorded:
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        ):
            return None
        usage.append((pair[0], pair[1]))
    return usage


def _remember_formatting(previous: Previous | None) -> None:
    """Teach the formatter what the previous run's package-level sources became."""
    if previous is None or previous.root is None:
        return
    sources = previous.manifest.get("formatted")
    hashes = previous.manifest.get("files")
    if not isinstance(sources, dict) or not isinstance(hashes, dict):
        return
    for path, digest in sources.items():
        try:
            data = (previous.root / path).read_bytes()
        except OSError:
            continue
        if isinstance(digest, str) and hashes.get(path) == sha256_bytes(data):
            remember(digest, data.decode("utf-8"))


def build_tree(
    schemas_dir: Path,
    options: RenderOptions,
    *,
    skip_invalid: bool = False,
    previous: Previous | None = None,
) -> GenerationResult:
    """Lint every schema under ``schemas_dir`` and render the package for the sound ones."""
    raws = read_schemas(schemas_dir)
    if not raws:
        raise SchemaFileError(
            f"{schemas_dir}: no schema files; refusing to generate an empty package"
        )
    inputs = input_hashes(schemas_dir, options, {raw.relpath: raw.sha256 for raw in raws})
    names, records = _records(raws, options, fingerprint(inputs), inputs["schemas"])
    reused, known_hashes = _reusable(previous, records)
    _remember_formatting(previous)
    loaded = lint_schemas([raw for raw in raws if raw.model_id not in reused])
    invalid = tuple(schema for schema in loaded if schema.has_errors)
    if invalid and not skip_invalid:
        raise LintFailed([f for schema in loaded for f in schema.findings if f.is_error])
    fresh = [schema for schema in loaded if not schema.has_errors and schema.model]
    valid_ids = sorted({*reused, *(schema.model_id for schema in fresh)})
    by_id = {raw.model_id: raw for raw in raws}
    contracts = {model_id: contract_of(by_id[model_id].raw) for model_id in valid_ids}
    release = plan_release(previous or Previous(), contracts, unchanged=reused)
    options = replace(options, version=release.version)
    inputs["options"]["version"] = release.version
    models: list[ModelIR] = []
    for schema in fresh:
        assert schema.model is not None
        schema_path = f"{options.schemas_label}/{schema.relpath}"
        models.append(build_model_ir(schema.model, names[schema.model_id], schema_path))
    entries = [ModelEntry(model_id, names[model_id]) for model_id in valid_ids]
    formatted: dict[str, str] = {}
    reused_usages = {model_id: records[model_id]["usage"] for model_id in reused}
    tree, usages = render_package(entries, models, options, reused, formatted, reused_usages)
    kept = {model_id: records[model_id] for model_id in valid_ids}
    for model_id, usage in usages.items():
        kept[model_id]["usage"] = usage
    for model_id, contract in contracts.items():
        path = f"{CONTRACTS_DIR}/{names[model_id]}.json"
        if path not in tree:  # a reused model brought its contract along
            tree[path] = json.dumps(contract, indent=2, ensure_ascii=False) + "\n"
    header = (
        f"<!-- Generated by runcomfy-codegen from {options.schemas_label}/; "
        f"do not edit, run `{options.command}` instead. -->\n"
    )
    tree[CHANGELOG] = header + release.changelog
    tree[MANIFEST_NAME] = build_manifest(inputs, tree, kept, formatted, known_hashes)
    unchanged = frozenset(path for files in reused.values() for path in files)
    return GenerationResult(dict(sorted(tree.items())), release, invalid, len(reused), unchanged)
