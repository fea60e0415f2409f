"""``python -m runcomfy_models``: check a payload against a model from the command line.

``validate MODEL_ID PAYLOAD.json`` runs the structural checks, then the media rules,
and lists every finding. Exit 0 valid, 1 invalid, 2 unknown model or unreadable payload.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .errors import InputValidationError, UnknownModelError
from .spec import ModelSpec
from .validation import validate_input, validate_media

__all__ = ["main"]

GetModel = Callable[[str], ModelSpec[Any, Any]]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m runcomfy_models")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a JSON payload against a model")
    validate.add_argument("model_id")
    validate.add_argument("payload", type=Path, help="a JSON file holding the input object")
    validate.add_argument(
        "--no-media", action="store_true", help="skip the media rules (no file is read)"
    )
    return parser


def _load_payload(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SystemExit(f"error: {path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SystemExit(f"error: {path}: not a readable JSON file: {exc}") from None


def _validate(get_model: GetModel, args: argparse.Namespace) -> int:
    try:
        spec = get_model(args.model_id)
    except UnknownModelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    payload = _load_payload(args.payload)
    if not isinstance(payload, dict):
        print(f"error: {args.payload}: the payload must be a JSON object", file=sys.stderr)
        return 2
    try:
        checked = validate_input(spec, payload)
        if not args.no_media:
            validate_media(spec, checked)
    except InputValidationError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{spec.model_id}: valid")
    return 0


def main(get_model: GetModel, argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return _validate(get_model, args)
    except SystemExit as exc:
        if isinstance(exc.code, str):
            print(exc.code, file=sys.stderr)
            return 2
        raise
