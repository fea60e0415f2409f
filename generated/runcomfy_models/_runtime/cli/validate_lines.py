# Generated from generator/runtime/cli/validate_lines.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""``validate MODEL_ID INPUTS.jsonl``: one verdict per line of a JSON-lines file.

The same checks a batch makes before its first submit (structure, then media unless
``--no-media``), with lines numbered from 1 as everywhere else. Exit 0 when every line
is valid, 1 when any is not, 2 when the file cannot be read.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

from ..core.spec import ModelSpec
from ..errors import InputsError
from ..media.probe import ProbeLimits
from .batch_inputs import check_inputs, read_inputs

__all__ = ["validate_lines"]


def validate_lines(
    spec: ModelSpec[Any, Any], path: Path, *, media: bool, limits: ProbeLimits
) -> int:
    """Print ``line N: valid`` or ``line N: invalid`` with every finding; the exit code."""
    try:
        inputs = read_inputs(spec.model_id, path)
    except InputsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    findings = asyncio.run(check_inputs(spec, inputs, media=media, limits=limits))
    for item in inputs:
        problems = findings.get(item.line)
        if not problems:
            print(f"line {item.line}: valid")
            continue
        print(f"line {item.line}: invalid")
        for problem in problems:
            print(f"  - {problem}")
    valid = len(inputs) - len(findings)
    print(f"{spec.model_id}: {valid} of {len(inputs)} lines valid")
    return 0 if not findings else 1
