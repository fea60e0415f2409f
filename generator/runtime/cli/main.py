"""``python -m runcomfy_models``: validate inputs and run models from the command line.

``models [--search WORDS] [--category TASK]`` lists the package's models from its index.
``validate MODEL_ID PAYLOAD.json`` runs the structural checks, then the media rules,
and lists every finding. ``run MODEL_ID PAYLOAD.json`` also submits the job, shows its
progress, prints the result as JSON and downloads the outputs on request; Ctrl-C on a
queued job offers to cancel it. ``run MODEL_ID --batch INPUTS.jsonl`` runs many inputs,
resumably; ``validate`` given a JSON-lines file gives one verdict per line. ``-`` reads
standard input. ``download REQUEST_ID`` saves a job's outputs again (waiting for it if it
still runs), never submitting anything. ``emulate`` serves a local emulator of the API.
``--environment`` (run, download) chooses the API over ``RUNCOMFY_BASE_URL`` and
``RUNCOMFY_API_ENVIRONMENT``. rich (the ``cli`` extra) only draws live progress; without
it every command prints plain lines. Exit codes: 0 done, 1 invalid input or a job or API
error, 2 unknown model, unreadable payload, bad configuration or usage, 130 interrupted,
141 standard output closed early (``| head``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import (
    InputsError,
    InputValidationError,
    JournalError,
    MediaValidationError,
    MissingExtraError,
    RunComfyError,
    StructuralFinding,
    StructuralValidationError,
    UnknownModelError,
    UsageError,
    require_extra,
)
from .arguments import build_parser, invoked_name

if TYPE_CHECKING:
    from ..core.spec import ModelSpec
    from ..media.probe import ProbeLimits
    from .models import Find

__all__ = ["main"]

GetModel = Callable[[str], "ModelSpec[Any, Any]"]


def _read_text(path: Path) -> str:
    if str(path) == "-":
        return sys.stdin.buffer.read().decode("utf-8")
    return path.read_text(encoding="utf-8")


def _load_payload(path: Path) -> dict[str, Any]:
    try:
        payload = json.loads(_read_text(path))
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: not a readable JSON file: {exc}") from None
    if not isinstance(payload, dict):
        raise UsageError(f"{path}: the payload must be a JSON object")
    return payload


def _probe_limits(local_files: bool) -> ProbeLimits:
    """The command line checks files on the user's own disk before they are uploaded; a
    library call on someone else's payload does not read local paths unless asked to."""
    from ..media.probe import ProbeLimits

    return ProbeLimits(allow_local=local_files)


def _checked(
    get_model: GetModel, args: argparse.Namespace, *, local_files: bool
) -> tuple[ModelSpec[Any, Any], Any]:
    """The validated input; raises with every structural and media finding at once.

    ``validate`` reads local files (to check them before they are uploaded); ``run``
    does not, since RunComfy itself accepts only https URLs and data: URIs.
    """
    from ..validation.validate import media_findings, validate_input
    from .at_paths import expand_at_paths

    try:
        spec = get_model(args.model_id)
    except UnknownModelError as exc:
        raise UsageError(str(exc)) from None
    payload = _load_payload(args.payload)
    structural: list[StructuralFinding] = []
    checked = None
    try:
        expanded = expand_at_paths(spec, payload, local_paths=local_files)
        checked = validate_input(spec, expanded, local_paths=local_files)
    except StructuralValidationError as exc:
        structural = list(exc.findings)
    limits = _probe_limits(local_files)
    media = [] if args.no_media else media_findings(spec, checked or payload, limits=limits)
    if structural or media:
        error = StructuralValidationError if structural else MediaValidationError
        raise error(spec.model_id, [*structural, *media])
    return spec, checked


def _validate(get_model: GetModel, args: argparse.Namespace) -> int:
    if _is_json_lines(args.payload):
        from .validate_lines import validate_lines

        try:
            spec = get_model(args.model_id)
        except UnknownModelError as exc:
            raise UsageError(str(exc)) from None
        return validate_lines(
            spec, args.payload, media=not args.no_media, limits=_probe_limits(True)
        )
    spec, _ = _checked(get_model, args, local_files=True)
    print(f"{spec.model_id}: valid")
    return 0


def _is_json_lines(path: Path) -> bool:
    """A ``.jsonl`` or ``.ndjson`` name, or a file whose text is more than one JSON value."""
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return True
    if str(path) == "-" or not path.is_file():
        return False
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return exc.msg == "Extra data"
    except (OSError, UnicodeDecodeError):
        return False
    return False


def _run(get_model: GetModel, args: argparse.Namespace) -> int:
    if (args.payload is None) == (args.batch is None):
        raise UsageError("give either PAYLOAD.json or --batch INPUTS.jsonl")
    if args.estimate and args.batch is not None:
        raise UsageError("--estimate applies to one PAYLOAD.json, not to --batch")
    if args.batch is not None:
        return _run_batch(get_model, args)
    if args.retry_failed or args.resubmit_unknown:
        raise UsageError("--retry-failed and --resubmit-unknown apply to --batch only")
    _check_api_settings(args)
    from .download import folder_problem
    from .run import estimate_job, run_job

    problem = None if args.download is None else folder_problem(args.download)
    if problem is not None:
        raise UsageError(problem)
    ca_file = _ca_file(args)
    spec, checked = _checked(get_model, args, local_files=False)
    if args.estimate:
        return estimate_job(spec, checked, environment=args.environment)
    return run_job(
        spec,
        checked,
        timeout=args.timeout,
        download=args.download,
        allow_http=args.allow_http,
        include_cost=args.include_cost,
        ca_file=ca_file,
        environment=args.environment,
    )


def _check_api_settings(args: argparse.Namespace) -> None:
    """The API's environment and base URL (``--environment``, the variables), checked
    before anything is read or sent: a bad one is a usage error (one line, exit 2)."""
    from ..client.transport import resolve_base_url

    try:
        resolve_base_url(None, getattr(args, "environment", None))
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _ca_file(args: argparse.Namespace) -> Path | None:
    """The CA trusted for downloads (``--ca-file``, ``$RUNCOMFY_OUTPUTS_CA``), checked before
    anything is submitted; only when there are downloads to make."""
    if args.download is None:
        return None
    from .download import checked_ca_file

    try:
        return checked_ca_file(args)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _batch_paths(args: argparse.Namespace) -> Path:
    """The journal's path, after every usage check that needs no file opened."""
    if args.concurrency < 1:
        raise UsageError("--concurrency must be at least 1")
    if args.download is not None and args.download.exists() and not args.download.is_dir():
        raise UsageError(f"--download {args.download}: not a folder")
    if (
        args.download is not None
        and not args.download.exists()
        and not args.download.parent.is_dir()
    ):
        raise UsageError(
            f"--download {args.download}: the folder {args.download.parent} does not exist"
        )
    if str(args.batch) == "-":
        if args.results is None:
            raise UsageError("--batch - (standard input) needs --results FILE for its journal")
        return Path(args.results)
    if args.batch.is_dir():
        raise UsageError(f"{args.batch}: is a folder, not a JSON-lines file")
    if not args.batch.is_file():
        raise UsageError(f"{args.batch}: no such file")
    journal = Path(args.results or args.batch.with_name(args.batch.stem + ".results.jsonl"))
    if journal.resolve() == args.batch.resolve():
        raise UsageError(f"--results {journal}: is the inputs file itself; name another file")
    return journal


def _run_batch(get_model: GetModel, args: argparse.Namespace) -> int:
    _check_api_settings(args)
    from .batch import BatchOptions, run_batch

    try:
        spec = get_model(args.model_id)
    except UnknownModelError as exc:
        raise UsageError(str(exc)) from None
    journal = _batch_paths(args)
    options = BatchOptions(
        concurrency=args.concurrency,
        timeout=args.timeout,
        download=args.download,
        allow_http=args.allow_http,
        ca_file=_ca_file(args),
        media=not args.no_media,
        retry_failed=args.retry_failed,
        resubmit_unknown=args.resubmit_unknown,
        include_cost=args.include_cost,
        environment=args.environment,
    )
    if args.download is not None:
        args.download.mkdir(exist_ok=True)
    try:
        return run_batch(spec, args.batch, journal, options)
    except (InputsError, JournalError) as exc:
        raise UsageError(str(exc)) from None
    except KeyboardInterrupt:  # before the submits began (they handle Ctrl-C themselves)
        print(f"interrupted: run the same command again to resume from {journal}", file=sys.stderr)
        return 130


def _emulate(get_model: GetModel, args: argparse.Namespace) -> int:
    require_extra("testing", "runcomfy-models emulate", "starlette", "uvicorn")
    from .emulate import emulate

    return emulate(get_model, args)


def _download(get_model: GetModel, args: argparse.Namespace) -> int:
    _check_api_settings(args)
    from .download import download_job

    return download_job(args)


def main(get_model: GetModel, argv: Sequence[str] | None = None, find: Find | None = None) -> int:
    """Run the command line; returns the exit code. ``find`` is the package's own.

    Standard output closed early (``... | head``) ends it quietly with 141, as a command
    killed by SIGPIPE.
    """
    try:
        code = _main(get_model, argv, find)
        sys.stdout.flush()
    except BrokenPipeError:
        # What is still buffered can go nowhere: point stdout at devnull, so the flush
        # at exit raises nothing either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 141
    return code


def _main(get_model: GetModel, argv: Sequence[str] | None, find: Find | None) -> int:
    args = build_parser(invoked_name()).parse_args(argv)
    if args.command == "models":
        if find is None:
            raise ValueError("the models command needs the package's find()")
        from .models import list_models

        return list_models(find, args)
    commands = {"validate": _validate, "run": _run, "emulate": _emulate, "download": _download}
    command = commands[args.command]
    try:
        return command(get_model, args)
    except (UsageError, MissingExtraError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except InputValidationError as exc:
        print(exc, file=sys.stderr)
        return 1
    except RunComfyError as exc:
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
