"""The pipeline end to end: schemas directory in, generated tree (in memory) out.

lint → IR → render. Generation is all or nothing: a schema with lint errors stops it
before anything is rendered, unless the caller asks to skip invalid schemas, in which
case the skipped ones are reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import LintFailed
from generator.ir import ModelIR, build_model_ir
from generator.manifest import build_manifest, input_hashes
from generator.naming import module_names
from generator.render.package import RenderOptions, render_package
from generator.schema.lint import LoadedSchema, lint_directory
from generator.writer import MANIFEST_NAME

__all__ = ["GenerationResult", "build_tree"]


@dataclass(frozen=True)
class GenerationResult:
    """The rendered tree, and the schemas left out of it (with their findings)."""

    tree: dict[str, str]
    skipped: tuple[LoadedSchema, ...]


def build_tree(
    schemas_dir: Path, options: RenderOptions, *, skip_invalid: bool = False
) -> GenerationResult:
    """Lint every schema under ``schemas_dir`` and render the package for the sound ones."""
    report = lint_directory(schemas_dir)
    invalid = tuple(schema for schema in report.schemas if schema.has_errors)
    if invalid and not skip_invalid:
        raise LintFailed(report.errors)
    valid = [schema for schema in report.schemas if not schema.has_errors and schema.model]
    names = module_names(schema.model_id for schema in valid)
    models: list[ModelIR] = []
    for schema in valid:
        assert schema.model is not None
        models.append(
            build_model_ir(
                schema.model,
                names[schema.model_id],
                f"{options.schemas_label}/{schema.relpath}",
            )
        )
    tree = render_package(models, options)
    tree[MANIFEST_NAME] = build_manifest(input_hashes(schemas_dir, options), tree)
    return GenerationResult(dict(sorted(tree.items())), invalid)
