"""The ``runcomfy-codegen`` command line.

Exit codes are the same for every command: 0 success, 1 findings or drift (something a
maintainer must look at), 2 usage or unusable input. Every error the generator raises on
purpose is a ``CodegenError``; it is printed as one clear message, never a traceback.

Each command imports the stages it uses when it runs, and nothing else of the generator
is imported here at module level: ``--help`` and ``--version`` (of the group or of any
command) load click and this module only; a no-change ``check`` loads the manifest and
the hashing, no renderer (black, datamodel-code-generator, jinja2), no HTTP client, no
JSON Schema validator, no lock and no release machinery; ``pull`` loads no renderer.
tests/generator/test_cli_imports.py holds these import sets.
"""

from __future__ import annotations

import contextlib
import functools
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from generator import __version__

if TYPE_CHECKING:
    from generator.sources import Fetcher

# The default of ``generate --lock-timeout``, shown by ``--help``: the same number as
# generator.config.LOCK_TIMEOUT (a test keeps them equal), written here so that ``--help``
# imports no other module of the generator.
_LOCK_TIMEOUT = 120.0

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
        from generator.errors import CodegenError, LintFailed

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


def _api_hosts(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    from generator.sources.fetch import api_origin

    try:
        return tuple(api_origin(value) for value in values)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    from generator.sources.fetch import parse_size

    try:
        return None if value is None else parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@main.command()
@click.argument("pages", nargs=-1)
@click.option(
    "--catalog",
    metavar="FILE_OR_URL",
    help="Read every model of a catalog response (GET /v1/models?include_schema=true).",
)
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Re-read the sources recorded in the schema files; report upstream changes "
    "without writing (exit 1 if anything changed).",
)
@click.option(
    "--recorded",
    is_flag=True,
    help="Re-read the sources recorded in the schema files and write what they publish now.",
)
@click.option(
    "--prune",
    is_flag=True,
    help="With --recorded: delete the schema files of models that vanished (a catalog no "
    "longer lists them, or their page names another model or answers 404/410).",
)
@click.option(
    "--api-host",
    "api_hosts",
    metavar="https://HOST[:PORT]",
    multiple=True,
    callback=_api_hosts,
    help="Also send the API token (RUNCOMFY_API_TOKEN) to this host; by default it goes "
    "only to RunComfy's API hosts (model-api.runcomfy.net, model-api-int.runcomfy.net). "
    "Repeatable.",
)
@click.option(
    "--max-source-size",
    "max_source_size",
    metavar="SIZE",
    callback=_size,
    help="Refuse a page or catalog answer larger than this (bytes, or 512k, 16M; " "default 8M).",
)
@_schemas_option
@click.pass_obj
@_reports_errors
def pull(
    obj: Any,
    pages: tuple[str, ...],
    catalog: str | None,
    check_only: bool,
    recorded: bool,
    prune: bool,
    api_hosts: tuple[str, ...],
    max_source_size: int | None,
    schemas_dir: Path,
) -> None:
    """Read doc PAGES (files or https URLs) or a catalog into canonical schema files.

    Every page is read and checked before anything is written: one bad page writes
    nothing. Reports each model as added, changed, source-changed or unchanged, and with
    --recorded each model that vanished upstream, and why (exit 0). A recorded source that
    fails in any other way (server error, timeout, an error page) writes and removes
    nothing (exit 2). The API token is sent only to RunComfy's API hosts and those named
    with --api-host; a catalog recorded on another host is refused.
    """
    import dataclasses

    from generator.schema.document import schema_relpath
    from generator.sources import Fetcher, read_catalog, read_pages
    from generator.sources.store import plan_pull, write_pull
    from generator.sources.upstream import read_recorded

    fetcher: Fetcher = (obj or {}).get("fetcher") or Fetcher()
    if api_hosts:
        added = tuple(host for host in api_hosts if host not in fetcher.api_hosts)
        fetcher = dataclasses.replace(fetcher, api_hosts=(*fetcher.api_hosts, *added))
    if max_source_size is not None:
        fetcher = dataclasses.replace(fetcher, max_bytes=max_source_size)
    if check_only:
        if pages or catalog:
            raise click.UsageError("--check re-reads the recorded sources; give no PAGES")
        _pull_check(schemas_dir, fetcher)
        return
    if recorded:
        if pages or catalog:
            raise click.UsageError("--recorded re-reads the recorded sources; give no PAGES")
        try:
            reread = read_recorded(schemas_dir, fetcher)
        finally:
            fetcher.close()
        documents, why_vanished = reread.fresh, reread.why_vanished
    elif not pages and catalog is None:
        raise click.UsageError("give doc PAGES, --catalog FILE_OR_URL or --recorded")
    else:
        try:
            documents = read_pages(pages, fetcher)
            if catalog is not None:
                documents += read_catalog(catalog, fetcher)
        finally:
            fetcher.close()
        why_vanished = {}
    outcomes = plan_pull(documents, schemas_dir)
    pruned = [schemas_dir / schema_relpath(m) for m in sorted(why_vanished)] if prune else []
    write_pull(outcomes, prune=pruned, schemas_dir=schemas_dir)
    gone = "removed" if prune else "vanished"
    for model_id, why in sorted(why_vanished.items()):
        click.echo(f"{gone:>14}  {model_id}  ({why})")
    for outcome in outcomes:
        click.echo(f"{outcome.status:>14}  {outcome.document.model_id}")
    counts = {
        s: sum(o.status == s for o in outcomes)
        for s in ("added", "changed", "source-changed", "unchanged")
    }
    summary = ", ".join(f"{n} {s}" for s, n in counts.items())
    if why_vanished:
        summary += f", {len(why_vanished)} {gone}"
    click.echo(f"{summary} (in {schemas_dir})")


@main.command()
@_schemas_option
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@_reports_errors
def lint(schemas_dir: Path, strict: bool) -> None:
    """Check every schema file against the meta-schema and the rules grammar."""
    from generator.schema.lint import lint_directory

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


# generate checks its --out itself: a file, a symbolic link loop or the root is a one-line
# error there, not click's usage message
_generate_out_option = click.option(
    "--out",
    "out_dir",
    type=click.Path(readable=False, path_type=Path),
    default=Path("generated"),
    show_default=True,
    help="The generated project (its import package is runcomfy_models).",
)


def _finite(value: float) -> float:
    if math.isnan(value):  # NaN passes FloatRange's bounds
        raise click.BadParameter("must be a number of seconds")
    return value


def _label(path: Path) -> str:
    """How a directory is named in generated headers: relative to the working directory
    when it is inside it, so ``schemas`` and ``$PWD/schemas`` give the same bytes."""
    import re

    from generator.errors import InputError

    if path.is_absolute():
        # outside the working directory (or a symbolic link loop): keep it
        with contextlib.suppress(ValueError, RuntimeError, OSError):
            path = path.resolve().relative_to(Path.cwd().resolve())
    label = path.as_posix().rstrip("/") or "."
    # The header's two comment lines quote it: Python reads "coding=x" there as the
    # file's encoding (PEP 263), and a line break would start a line of code.
    if any(ord(char) < 32 or ord(char) == 127 for char in label):
        raise InputError(f"{label!r}: a folder name with a control character cannot be named")
    if re.search(r"coding[:=]", label):
        raise InputError(
            f"{label}: Python would read 'coding:' or 'coding=' in a generated file's "
            "header as its encoding; rename the folder"
        )
    return label


@main.command()
@_schemas_option
@_generate_out_option
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Generate the models whose schemas lint clean and list the others (exit 1); "
    "a skipped model the last generate made keeps its files and contract.",
)
@click.option(
    "--lock-timeout",
    type=click.FloatRange(min=0, max=86400),
    callback=lambda ctx, param, value: _finite(value),
    default=_LOCK_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for another generate on the same --out (0: do not wait).",
)
@_reports_errors
def generate(schemas_dir: Path, out_dir: Path, skip_invalid: bool, lock_timeout: float) -> None:
    """Generate the SDK package from every schema file.

    All or nothing: a schema with lint errors stops generation and nothing is written.
    The new tree is built aside and swapped in whole. One generate at a time per --out:
    a second one waits for the first (see --lock-timeout).
    """
    from generator.config import MANIFEST_NAME, RenderOptions
    from generator.pipeline import build_tree
    from generator.release.previous import read_previous
    from generator.writer import check_apart, output_lock, prepare_output, write_tree

    check_apart(out_dir, schemas_dir)  # first: a symbolic link loop is a one-line error
    options = RenderOptions(schemas_label=_label(schemas_dir), out_label=_label(out_dir))
    with output_lock(out_dir, lock_timeout) as target:  # held from the first read to the swap
        prepare_output(target)  # an interrupted swap: put the last tree back before reading
        previous = read_previous(target, MANIFEST_NAME)
        result = build_tree(schemas_dir, options, skip_invalid=skip_invalid, previous=previous)
        write_tree(target, result.tree, result.unchanged)
    click.echo(f"generated {result.models} model(s), {len(result.tree)} files, in {out_dir}")
    release = result.release
    if previous.version is None:
        click.echo(f"runcomfy-models {release.version}: first release")
    elif release.version != previous.version:
        click.echo(
            f"runcomfy-models {previous.version} -> {release.version}: "
            f"{len(release.changes)} schema change(s), see {out_dir}/CHANGELOG.md"
        )
    if result.skipped:
        for schema in result.skipped:
            for finding in schema.findings:
                if finding.is_error:
                    click.echo(finding.render(), err=True)
        skipped = ", ".join(schema.model_id for schema in result.skipped)
        click.echo(f"skipped {len(result.skipped)} invalid schema(s): {skipped}", err=True)
        for model_id in result.kept:
            click.echo(
                f"kept the last generated files of {model_id}: its new schema fails lint, "
                "so the package keeps the previous version of it (not a removal)",
                err=True,
            )
        raise SystemExit(1)


def _pull_check(schemas_dir: Path, fetcher: Fetcher) -> None:
    from generator.sources.upstream import check_upstream

    try:
        report = check_upstream(schemas_dir, fetcher)
    finally:
        fetcher.close()
    for label, ids in (
        ("changed", report.changed),
        ("appeared", report.appeared),
        ("vanished", report.vanished),
    ):
        for model_id in ids:
            click.echo(f"{label:>9}  {model_id}")
    click.echo(
        f"upstream: {len(report.changed)} changed, {len(report.appeared)} appeared, "
        f"{len(report.vanished)} vanished, {len(report.unchanged)} unchanged"
    )
    if not report.clean:
        raise SystemExit(1)


@main.command()
@_schemas_option
@_out_option
@_reports_errors
def check(schemas_dir: Path, out_dir: Path) -> None:
    """Exit 0 if OUT is exactly what SCHEMAS generate, 1 (with a diff) if it drifted.

    Nothing is written. An unchanged tree is confirmed from the manifest's hashes
    without rendering; anything else is rendered in memory and compared file by file.
    """
    from generator.check import check_tree
    from generator.config import MANIFEST_NAME, RenderOptions
    from generator.errors import InputError, LintFailed
    from generator.writer import resolve_out

    resolve_out(out_dir)  # a symbolic link loop or the root: one line
    options = RenderOptions(schemas_label=_label(schemas_dir), out_label=_label(out_dir))
    try:
        report = check_tree(schemas_dir, out_dir, options)
    except LintFailed as exc:
        for finding in exc.findings:
            click.echo(finding.render(), err=True)
        raise InputError(
            f"{schemas_dir}: {len(exc.findings)} lint error(s); the schemas cannot be "
            "generated, so the tree cannot be checked"
        ) from None
    if report.clean:
        how = "rendered and compared" if report.rendered else "manifest hashes match"
        click.echo(f"{out_dir} is up to date with {schemas_dir} ({how})")
        return
    for path in sorted(report.diffs):
        click.echo(report.diffs[path], nl=False)
    for line in report.summary():
        click.echo(line)
    count = len(report.summary())
    for cause in report.causes:
        click.echo(f"cause: {cause}")
    if report.causes:
        click.echo(
            "  regenerate with this generator and these tools, or install the ones the "
            f"manifest names ({out_dir}/{MANIFEST_NAME}, inputs) and check again"
        )
    click.echo(
        f"{out_dir} has drifted from {schemas_dir}: {count} file(s); "
        f"run `{options.command}` and commit the result"
    )
    raise SystemExit(1)


# --fail-on LEVEL: the change levels that make ``diff`` exit 1, and how they are named.
_FAIL_ON = {
    "breaking": (("major",), "breaking change(s)"),
    "minor": (("major", "minor"), "change(s) that need a minor or major release"),
    "any": (("major", "minor", "patch"), "change(s)"),
}


@main.command()
@click.argument("old")
@click.argument("new")
@_schemas_option
@_out_option
@click.option(
    "--fail-on",
    type=click.Choice(sorted(_FAIL_ON)),
    help="Exit 1 if there are changes of this level: breaking (a major release), minor "
    "(a minor or major release) or any. The Markdown is printed either way.",
)
@_reports_errors
def diff(old: str, new: str, schemas_dir: Path, out_dir: Path, fail_on: str | None) -> None:
    """Changelog from OLD to NEW schemas (directories or git revisions of --schemas).

    Prints Markdown for a pull request body: breaking and compatible changes per model
    and field, and the version bump they imply for the generated package. With
    --fail-on, exits 1 when changes of that level exist (for CI); otherwise 0.
    """
    from generator.config import MANIFEST_NAME
    from generator.release.changelog import render_diff
    from generator.release.contract_diff import diff_contracts
    from generator.release.previous import read_previous
    from generator.schema.revisions import load_documents

    changes = diff_contracts(load_documents(old, schemas_dir), load_documents(new, schemas_dir))
    current = read_previous(out_dir, MANIFEST_NAME).version
    click.echo(render_diff(changes, old, new, current), nl=False)
    if fail_on is not None:
        levels, what = _FAIL_ON[fail_on]
        count = sum(change.level in levels for change in changes)
        if count:
            click.echo(f"diff: {count} {what} (--fail-on {fail_on})", err=True)
            raise SystemExit(1)
