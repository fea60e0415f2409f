"""black, applied in-process, once per generated Python file."""

from __future__ import annotations

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

from generator.errors import GenerationError

__all__ = ["BLACK_MODE", "format_python"]

BLACK_MODE = Mode(target_versions={TargetVersion.PY311}, line_length=100)


def format_python(source: str, where: str) -> str:
    """``source`` formatted by black; a syntax error names the file, never a traceback."""
    try:
        return black.format_str(source, mode=BLACK_MODE)
    except InvalidInput as exc:
        raise GenerationError(f"{where}: generated code does not parse: {exc}") from None
