"""The ``runcomfy-codegen`` command line.

Exit codes are the same for every command: 0 success, 1 findings or drift (something a
maintainer must look at), 2 usage or unusable input. Every error the generator raises on
purpose is a ``CodegenError``; it is printed as one clear message, never a traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from generator import __version__
from generator.errors import CodegenError, LintFailed
from generator.pipeline import build_tree
from generator.render.package import RenderOptions
from generator.schema.lint import lint_directory
from generator.sources import Fetcher, read_catalog, read_pages
from generator.sources.store import plan_pull, write_pull
from generator.writer import write_tree

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])

_schemas_option = click.option(
    "--schemas",
    "schemas_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Directory of canonical schema files.",
)


def _reports_errors(command: F) -> F:
    """Turn a ``CodegenError`` into its message on stderr and its exit code."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except LintFailed as exc:
            for finding in exc.findings:
                click.echo(finding.render(), err=True)
            click.echo(f"error: {exc}", err=True)
            raise SystemExit(exc.exit_code) from None
        except CodegenError as exc:
            click.echo(f"error: {exc}", err=True)
            raise SystemExit(exc.exit_code) from None

    return wrapper  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="runcomfy-codegen")
def main() -> None:
    """Turn RunComfy's published model schemas into a typed Python SDK."""


@main.command()
@click.argument("pages", nargs=-1)
@click.option(
    "--catalog",
    metavar="FILE_OR_URL",
    help="Read every model of a catalog response (GET /v1/models?include_schema=true).",
)
@_schemas_option
@click.pass_obj
@_reports_errors
def pull(obj: Any, pages: tuple[str, ...], catalog: str | None, schemas_dir: Path) -> None:
    """Read doc PAGES (files or https URLs) or a catalog into canonical schema files.

    Every page is read and checked before anything is written: one bad page writes
    nothing. Reports each model as added, changed, source-changed or unchanged.
    """
    if not pages and catalog is None:
        raise click.UsageError("give doc PAGES or --catalog FILE_OR_URL")
    fetcher: Fetcher = (obj or {}).get("fetcher") or Fetcher()
    try:
        documents = read_pages(pages, fetcher)
        if catalog is not None:
            documents += read_catalog(catalog, fetcher)
    finally:
        fetcher.close()
    outcomes = plan_pull(documents, schemas_dir)
    write_pull(outcomes)
    for outcome in outcomes:
        click.echo(f"{outcome.status:>14}  {outcome.document.model_id}")
    counts = {
        s: sum(o.status == s for o in outcomes)
        for s in ("added", "changed", "source-changed", "unchanged")
    }
    click.echo(", ".join(f"{n} {s}" for s, n in counts.items()) + f" (in {schemas_dir})")


@main.command()
@_schemas_option
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@_reports_errors
def lint(schemas_dir: Path, strict: bool) -> None:
    """Check every schema file against the meta-schema and the rules grammar."""
    report = lint_directory(schemas_dir)
    for finding in report.findings:
        click.echo(finding.render())
    errors, warnings = len(report.errors), len(report.warnings)
    click.echo(f"{len(report.schemas)} schema(s): {errors} error(s), {warnings} warning(s)")
    if errors or (strict and warnings):
        raise SystemExit(1)


_out_option = click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("generated"),
    show_default=True,
    help="The generated project (its import package is runcomfy_models).",
)


def _label(path: Path) -> str:
    """How a directory is named in generated headers: as the user gave it, posix style."""
    return path.as_posix().rstrip("/") or "."


@main.command()
@_schemas_option
@_out_option
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Generate the models whose schemas lint clean and list the others (exit 1).",
)
@_reports_errors
def generate(schemas_dir: Path, out_dir: Path, skip_invalid: bool) -> None:
    """Generate the SDK package from every schema file.

    All or nothing: a schema with lint errors stops generation and nothing is written.
    The new tree is built aside and swapped in whole.
    """
    options = RenderOptions(schemas_label=_label(schemas_dir), out_label=_label(out_dir))
    result = build_tree(schemas_dir, options, skip_invalid=skip_invalid)
    write_tree(out_dir, result.tree)
    models = sum(1 for path in result.tree if path.startswith("docs/models/"))
    click.echo(f"generated {models} model(s), {len(result.tree)} files, in {out_dir}")
    if result.skipped:
        for schema in result.skipped:
            for finding in schema.findings:
                if finding.is_error:
                    click.echo(finding.render(), err=True)
        skipped = ", ".join(schema.model_id for schema in result.skipped)
        click.echo(f"skipped {len(result.skipped)} invalid schema(s): {skipped}", err=True)
        raise SystemExit(1)
