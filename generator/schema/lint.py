"""Load every schema document in a directory and lint it.

Loading and linting are one step because generation needs both: the typed models of
the documents that are sound, and the findings that say why the others are not.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import SchemaFileError
from generator.manifest import schema_relpaths
from generator.schema.checks import check_model
from generator.schema.document import (
    load_document_bytes,
    model_id_problem,
    non_finite_numbers,
    parse_document_json,
    schema_relpath,
    unheld_number_problem,
)
from generator.schema.findings import Finding
from generator.schema.metaschema import check_shape
from generator.schema.model import ModelSchema, parse_document
from generator.schema.source_hosts import source_host_findings

__all__ = [
    "LintReport",
    "LoadedSchema",
    "RawSchema",
    "lint_directory",
    "lint_document",
    "lint_schemas",
    "read_schemas",
    "schema_files",
]


@dataclass(frozen=True)
class LoadedSchema:
    """One schema file: its path, raw JSON, typed model (if sound enough) and findings."""

    path: Path
    relpath: str
    raw: Any
    model: ModelSchema | None
    findings: tuple[Finding, ...]

    @property
    def model_id(self) -> str:
        raw_id = self.raw.get("model_id") if isinstance(self.raw, dict) else None
        return raw_id if isinstance(raw_id, str) else self.relpath

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)


@dataclass(frozen=True)
class LintReport:
    """Every schema of a directory, sorted by model id."""

    schemas: tuple[LoadedSchema, ...]

    @property
    def findings(self) -> list[Finding]:
        return [f for schema in self.schemas for f in schema.findings]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if not f.is_error]


def schema_files(directory: Path) -> list[Path]:
    """The schema files under ``directory``, in a platform-independent order."""
    if not directory.is_dir():
        raise SchemaFileError(f"{directory}: no such schemas directory")
    return [directory / relpath for relpath in schema_relpaths(directory)]


def lint_document(raw: Any, relpath: str | None = None) -> tuple[ModelSchema | None, list[Finding]]:
    """Findings for one parsed document; ``relpath`` is its path inside the schemas dir."""
    model_id = raw.get("model_id") if isinstance(raw, dict) else None
    label = model_id if isinstance(model_id, str) else (relpath or "<document>")
    non_finite = [
        Finding(
            label,
            pointer,
            "error",
            code,
            f"{text}: JSON Schema values are real numbers, and "
            "no generated module can hold this one exactly",
        )
        for pointer, token in non_finite_numbers(raw)
        for code, text in [unheld_number_problem(token)]
    ]
    if non_finite:  # nothing else can judge a document holding an infinity or a NaN
        return None, sorted(non_finite)
    findings = check_shape(label, raw) + source_host_findings(label, raw)
    if isinstance(model_id, str):
        problem = model_id_problem(model_id)
        if problem is not None:
            findings.append(Finding(label, "/model_id", "error", "invalid-model-id", problem))
        elif relpath is not None and relpath != schema_relpath(model_id).as_posix():
            findings.append(
                Finding(
                    label,
                    "/model_id",
                    "error",
                    "path-mismatch",
                    f"file {relpath} holds model {model_id}; expected it at "
                    f"{schema_relpath(model_id)}",
                )
            )
        endpoint = raw.get("endpoint")
        if isinstance(endpoint, str) and not endpoint.endswith(f"/v1/models/{model_id}"):
            findings.append(
                Finding(
                    label,
                    "/endpoint",
                    "error",
                    "endpoint-mismatch",
                    f"endpoint {endpoint!r} does not end with /v1/models/{model_id}",
                )
            )
    if any(f.is_error for f in findings):
        return None, sorted(findings)
    model = parse_document(raw)
    findings.extend(check_model(model))
    return model, sorted(set(findings))


@dataclass(frozen=True)
class RawSchema:
    """A schema file read as JSON, not yet linted."""

    path: Path
    relpath: str
    raw: Any
    sha256: str = ""

    @property
    def model_id(self) -> str:
        raw_id = self.raw.get("model_id") if isinstance(self.raw, dict) else None
        return raw_id if isinstance(raw_id, str) else self.relpath


def read_schemas(directory: Path) -> list[RawSchema]:
    """Every schema file, parsed; not JSON or one model in two files is unusable input."""
    raws = []
    for path in schema_files(directory):
        data = load_document_bytes(path)
        raw = parse_document_json(path, data, keep_non_finite=True)
        digest = hashlib.sha256(data).hexdigest()
        raws.append(RawSchema(path, path.relative_to(directory).as_posix(), raw, digest))
    counts = Counter(raw.model_id for raw in raws)
    duplicates = sorted(model_id for model_id, count in counts.items() if count > 1)
    if duplicates:
        raise SchemaFileError(
            f"{directory}: model id(s) defined in more than one file: {', '.join(duplicates)}"
        )
    return raws


def _lint_one(raw: RawSchema) -> LoadedSchema:
    model, findings = lint_document(raw.raw, raw.relpath)
    return LoadedSchema(raw.path, raw.relpath, raw.raw, model, tuple(findings))


def lint_schemas(raws: Sequence[RawSchema]) -> list[LoadedSchema]:
    """Lint each schema, by model id. In-process: linting 500 schemas takes well under a
    second, less than forking workers and sending the results back would cost."""
    return sorted((_lint_one(raw) for raw in raws), key=lambda s: s.model_id)


def lint_directory(directory: Path) -> LintReport:
    """Load and lint every schema file; a file that is not JSON is unusable input."""
    return LintReport(tuple(lint_schemas(read_schemas(directory))))
