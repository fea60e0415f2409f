"""black, applied in-process, once per generated Python file, remembered by content.

Formatting is a pure function of the source text, so a source seen before (in this run,
or recorded by the previous manifest with the file it produced) is not formatted again.
"""

from __future__ import annotations

import hashlib

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

from generator.errors import GenerationError

__all__ = ["BLACK_MODE", "format_python", "remember", "source_hash"]

BLACK_MODE = Mode(target_versions={TargetVersion.PY311}, line_length=100)

_FORMATTED: dict[str, str] = {}


def source_hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def remember(digest: str, formatted: str) -> None:
    """Record that the source with hash ``digest`` formats to ``formatted``."""
    _FORMATTED[digest] = formatted


def format_python(source: str, where: str, record: dict[str, str] | None = None) -> str:
    """``source`` formatted by black; a syntax error names the file, never a traceback.

    ``record`` (when given) receives ``where`` -> the source's hash, so the caller can
    write it to the manifest for the next run.
    """
    digest = source_hash(source)
    if record is not None:
        record[where] = digest
    known = _FORMATTED.get(digest)
    if known is not None:
        return known
    try:
        formatted = black.format_str(source, mode=BLACK_MODE)
    except InvalidInput as exc:
        raise GenerationError(f"{where}: generated code does not parse: {exc}") from None
    _FORMATTED[digest] = formatted
    return formatted
