# Generated from generator/runtime/cli/download.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""``python -m runcomfy_models download REQUEST_ID``: a job's outputs again, never the job.

A job that succeeded was paid for; a download that failed afterwards (plain http refused,
a network blip, a full disk) must not lead anyone to run the job again. ``run --download``
therefore exits 0 when the job succeeded and prints a warning with this command, which
waits for the job if it is still running, prints its result as JSON, and saves its outputs.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..client.download import DownloadLimits, download_outputs, trusting
from ..client.ids import check_request_id
from ..client.jobs import JobResult
from ..client.sync import Client
from ..constants import OUTPUTS_CA_ENV
from ..core.cost import usd_number
from ..errors import (
    AuthenticationError,
    DownloadError,
    InvalidRequestIdError,
    RunComfyError,
    WaitTimeoutError,
)
from .arguments import invoked_name

__all__ = [
    "checked_ca_file",
    "download_command",
    "download_job",
    "folder_problem",
    "result_json",
    "save_outputs",
]


def result_json(result: JobResult[Any], include_cost: bool = False) -> dict[str, Any]:
    """What ``run`` and ``download`` print: the request id, timestamps, the outputs that
    exist, and with ``include_cost`` the cost in USD (``null`` when the server sent none)."""
    shown: dict[str, Any] = {
        "request_id": result.request_id,
        "status": "succeeded",
        "output": result.output.model_dump(mode="json", exclude_none=True),
        "created_at": result.created_at,
        "finished_at": result.finished_at,
    }
    if include_cost:
        # A JSON number: the nearest double to the digits sent (``core.cost.usd_number``).
        shown["cost"] = usd_number(result.cost)
    return shown


def folder_problem(directory: Path) -> str | None:
    """Why ``directory`` cannot receive downloads, checked before anything is paid for."""
    for folder in (directory, *directory.parents):
        if folder.exists():
            if not folder.is_dir():
                return f"{folder}: not a directory, so the outputs cannot be saved in {directory}"
            return None
    return None


def download_command(
    request_id: str,
    directory: Path,
    *,
    allow_http: bool,
    ca_file: Path | None = None,
    environment: str | None = None,
) -> str:
    """The command line that fetches ``request_id``'s outputs again, as the user called
    this one (``runcomfy-models`` or ``python -m runcomfy_models``), from the same API."""
    command = [*invoked_name().split(), "download", request_id, "--out", str(directory)]
    trust = ["--ca-file", str(ca_file)] if ca_file is not None else []
    api = ["--environment", environment] if environment else []
    return shlex.join([*command, *(["--allow-http"] if allow_http else []), *trust, *api])


def checked_ca_file(args: argparse.Namespace) -> Path | None:
    """The CA to trust for downloads: ``--ca-file``, else ``$RUNCOMFY_OUTPUTS_CA``, checked
    before anything is submitted; one that holds no certificate is a ``ValueError``."""
    given: Path | None = getattr(args, "ca_file", None)
    source = "--ca-file"
    if given is None and os.environ.get(OUTPUTS_CA_ENV):
        given, source = Path(os.environ[OUTPUTS_CA_ENV]), OUTPUTS_CA_ENV
    if given is None:
        return None
    try:
        trusting(given, what=source)
    except DownloadError as exc:
        stale = " (an emulator that has stopped?)" if source == OUTPUTS_CA_ENV else ""
        raise ValueError(f"{exc}{stale}") from None
    return given


def save_outputs(
    result: JobResult[Any],
    directory: Path,
    *,
    allow_http: bool,
    say: Callable[[str], None],
    ca_file: Path | None = None,
) -> list[str]:
    """Save every output file, each tried on its own; the failures, one line each."""
    limits = DownloadLimits(allow_http=allow_http, ca_file=ca_file)
    failures: list[str] = []
    urls = result.output.urls()
    if not urls:
        say(f"job {result.request_id} has no output files to save")
    for url in urls:
        try:
            for path in download_outputs([url], directory, limits=limits):
                say(f"saved {path}")
        except DownloadError as exc:
            failures.append(str(exc))
        except OSError as exc:
            failures.append(f"{directory}: {exc.strerror or exc}")
    return failures


def needs_http(failures: list[str]) -> bool:
    return any("allow_http" in failure for failure in failures)


def download_job(args: argparse.Namespace) -> int:
    """Wait for the job if needed, print its result, save its outputs; the exit code."""
    try:  # a malformed id is a usage error (2), refused before the token or any request
        check_request_id(args.request_id)
    except InvalidRequestIdError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    problem = folder_problem(args.out)
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    try:
        ca_file = checked_ca_file(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        client = Client(environment=getattr(args, "environment", None))
    except (AuthenticationError, ValueError) as exc:  # no token, a bad environment or URL
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with client:
        try:
            result = client.job(args.request_id).wait(args.timeout)
        except RunComfyError as exc:
            print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
            if isinstance(exc, WaitTimeoutError) and not exc.cancelled:
                again = download_command(
                    args.request_id,
                    args.out,
                    allow_http=args.allow_http,
                    ca_file=ca_file,
                    environment=args.environment,
                )
                print(f"to wait again: {again}", file=sys.stderr)
            return 1
    print(json.dumps(result_json(result), indent=2, allow_nan=False))
    failures = save_outputs(
        result,
        args.out,
        allow_http=args.allow_http,
        say=lambda line: print(line, file=sys.stderr),
        ca_file=ca_file,
    )
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    return 1 if failures else 0
