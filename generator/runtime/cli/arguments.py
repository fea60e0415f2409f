"""The command line's arguments, every command's, in one parser.

Nothing here imports more than argparse: building the parser (for ``--help``, for
``models``) must not load the client, the emulator or pydantic.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..rules.grammar import MEDIA_KINDS

__all__ = ["build_parser", "invoked_name"]


_RUN_EPILOG = (
    'A local file goes in a media field as "@path", e.g. {"image_url": "@photo.png"} (a '
    "path relative to the current folder, or absolute), alone or as an item of a list: it "
    "is sent as a data: URI; in a batch, such an input is known by the file's bytes. The "
    "API: --environment, else $RUNCOMFY_BASE_URL, else $RUNCOMFY_API_ENVIRONMENT "
    "(production or development), else production. The token: $RUNCOMFY_API_TOKEN, else "
    "$RUNCOMFY_TOKEN."
)


def build_parser(prog: str = "python -m runcomfy_models") -> argparse.ArgumentParser:
    """The parser of the command line, named ``prog`` in its usage lines."""
    parser = argparse.ArgumentParser(prog=prog)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a JSON payload against a model")
    run = commands.add_parser(
        "run", help="validate, submit and wait for a job (or a batch)", epilog=_RUN_EPILOG
    )
    validate.add_argument("model_id")
    validate.add_argument(
        "payload",
        type=Path,
        help="a JSON file holding the input object, or a JSON-lines file of inputs (- : stdin)",
    )
    run.add_argument("model_id")
    run.add_argument("payload", type=Path, nargs="?", help="a JSON file holding the input")
    for command in (validate, run):
        command.add_argument(
            "--no-media", action="store_true", help="skip the media rules (no file is read)"
        )
    run.add_argument(
        "--batch",
        type=Path,
        metavar="INPUTS.jsonl",
        help="run every input, one JSON object per line (- : standard input)",
    )
    run.add_argument(
        "--retry-failed",
        action="store_true",
        help="in a batch, submit again the inputs whose job failed or was never created",
    )
    run.add_argument(
        "--resubmit-unknown",
        action="store_true",
        help="in a batch, submit again inputs whose earlier submit has an unknown outcome "
        "(only after checking your RunComfy request history: they may have been billed)",
    )
    run.add_argument("--concurrency", type=int, default=4, help="jobs at once in a batch (4)")
    run.add_argument(
        "--results",
        type=Path,
        metavar="FILE",
        help="the batch's journal of outcomes (default: INPUTS.results.jsonl); resumable",
    )
    run.add_argument("--download", type=Path, metavar="DIR", help="save the outputs in DIR")
    run.add_argument(
        "--timeout", type=float, default=1800.0, help="seconds to wait in total (1800)"
    )
    run.add_argument(
        "--allow-http",
        action="store_true",
        help="also download outputs over plain http (for a local emulator)",
    )
    _ca_file_argument(run)
    _environment_argument(run)
    run.add_argument(
        "--include-cost",
        action="store_true",
        help="read each job's cost (USD) with its result: printed, and in a batch kept in "
        "the journal and totalled in the summary",
    )
    run.add_argument(
        "--estimate",
        action="store_true",
        help="print the estimated cost (the model's live price times the input's duration "
        "or count) and how it was worked out, then exit 0: nothing is submitted",
    )
    _emulate_arguments(commands.add_parser("emulate", help="serve a local RunComfy emulator"))
    _models_arguments(
        commands.add_parser("models", help="list the package's models, by words or task")
    )
    _download_arguments(
        commands.add_parser("download", help="save a job's outputs again, without rerunning it")
    )
    return parser


def _emulate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (8765; 0: any)")
    parser.add_argument("--token", default="emulator-token", help="the bearer token to accept")
    parser.add_argument("--queue-seconds", type=float, default=1.0, help="time each job waits")
    parser.add_argument("--run-seconds", type=float, default=2.0, help="time each job runs")
    parser.add_argument("--failure-rate", type=float, default=0.0, help="share of jobs that fail")
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="ENDPOINT:KIND[:RATE]",
        help="inject a fault, e.g. status:rate_limit:0.1 (repeatable)",
    )
    parser.add_argument(
        "--check-media", action="store_true", help="also check media rules (reads the files)"
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the fault dice")
    parser.add_argument(
        "--status-word",
        metavar="WORD",
        help="running jobs report WORD (e.g. processing) instead of in_progress",
    )
    parser.add_argument(
        "--record",
        type=Path,
        metavar="FILE",
        help="append one JSON line per job created (request id, model id, input) to FILE",
    )
    parser.add_argument(
        "--prices",
        type=Path,
        metavar="FILE.json",
        help="prices by model id, each {base_price_usd, price_unit, pricing_note, "
        "failed_cost} (others: the published price, else 0.10 USD/second for video, 0.02 "
        "for audio, 0.04 USD/output for images; a failed job costs failed_cost: USD, or "
        "'work done'; 0 by default)",
    )
    parser.add_argument(
        "--https-outputs",
        action="store_true",
        help="serve output files over https from localhost, as production does, with a "
        "certificate from a CA made at start (its PEM file printed as RUNCOMFY_OUTPUTS_CA)",
    )


def _models_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--search", metavar="WORDS", help="words in the id, name or task")
    parser.add_argument(
        "--category",
        metavar="TASK",
        help="a task (image-to-video, edit, ...), category, or media kind made (video, ...)",
    )
    parser.add_argument("--output", choices=MEDIA_KINDS, help="the media kind it makes")
    parser.add_argument("--kind", help="the catalog's kind of entry (model, ...)")
    parser.add_argument("--json", action="store_true", help="print a JSON array")


def _download_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("request_id", help="the job's request id (run prints it)")
    parser.add_argument(
        "--out", type=Path, default=Path("."), metavar="DIR", help="save the outputs in DIR (.)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=1800.0,
        help="seconds to wait for a job that is still running (1800)",
    )
    parser.add_argument(
        "--allow-http",
        action="store_true",
        help="also download outputs over plain http (for a local emulator)",
    )
    _ca_file_argument(parser)
    _environment_argument(parser)


def _environment_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--environment",
        choices=("production", "development"),
        help="the RunComfy API to use; beats $RUNCOMFY_BASE_URL and $RUNCOMFY_API_ENVIRONMENT "
        "(default: $RUNCOMFY_BASE_URL, else $RUNCOMFY_API_ENVIRONMENT, else production)",
    )


def _ca_file_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ca-file",
        type=Path,
        metavar="PEM",
        help="also trust this CA when downloading outputs over https (the one `emulate "
        "--https-outputs` prints as RUNCOMFY_OUTPUTS_CA; default: $RUNCOMFY_OUTPUTS_CA)",
    )


def invoked_name(argv0: str | None = None) -> str:
    """How the user called the command line: ``runcomfy-models`` (the console script), or
    ``python -m runcomfy_models``."""
    name = Path(sys.argv[0] if argv0 is None else argv0).name
    if name.removesuffix(".exe").removesuffix("-script.py") == "runcomfy-models":
        return "runcomfy-models"
    return "python -m runcomfy_models"
