"""black, applied in-process to one generated Python file.

Formatting is a pure function of the source text: the render session remembers each
source's result by :func:`source_hash`, so a source seen before (in this run, or
recorded by the previous manifest with the file it produced) is not formatted again.
"""

from __future__ import annotations

import hashlib

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

from generator.errors import GenerationError

__all__ = ["BLACK_MODE", "format_python", "source_hash"]

BLACK_MODE = Mode(target_versions={TargetVersion.PY311}, line_length=100)


def source_hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def format_python(source: str, where: str) -> str:
    """``source`` formatted by black; a syntax error names the file, never a traceback."""
    try:
        return black.format_str(source, mode=BLACK_MODE)
    except InvalidInput as exc:
        raise GenerationError(f"{where}: generated code does not parse: {exc}") from None
