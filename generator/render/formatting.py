"""black, applied in-process to one generated Python file, or found unneeded.

Formatting is a pure function of the source text: the render session remembers each
source's result by :func:`source_hash`, so a source seen before (in this run, or
recorded by the previous manifest with the file it produced) is not formatted again.

Data the templates write (a module's ``__all__``, ``MEDIA_FIELDS`` and ``INFO``, the
package's index) is laid out as black lays it out: one item a line, each bracket that
spans lines closed after a trailing comma (black keeps it exploded), literals written by
``pyrepr`` in black's quotes. Such a part need not go through black, but only while
:func:`laid_out_as_black` can promise black would change nothing; anything it cannot
vouch for goes to black. tests/generator/render/test_laid_out.py runs black over every
part it vouched for (published schemas, synthetic catalog, the zoo) and finds nothing to
change.
"""

from __future__ import annotations

import ast
import hashlib
import re

import black
from black.mode import Mode, TargetVersion
from black.parsing import InvalidInput

from generator.errors import GenerationError

__all__ = ["BLACK_MODE", "format_python", "laid_out_as_black", "source_hash"]

LINE_LENGTH = 100
BLACK_MODE = Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH)
# What the templates' layout does not cover, so black must see the part: a backslash (an
# escape in a string, whose quotes black may then change, or a line continuation), tabs,
# carriage returns, form feeds and other control characters, and a float written with
# ``e+`` (black drops the plus sign).
_NOT_COVERED = re.compile(r"[\\\x00-\x09\x0b-\x1f\x7f]|[0-9.]e\+")


def source_hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()


def format_python(source: str, where: str) -> str:
    """``source`` formatted by black; a syntax error names the file, never a traceback."""
    try:
        return black.format_str(source, mode=BLACK_MODE)
    except InvalidInput as exc:
        raise GenerationError(f"{where}: generated code does not parse: {exc}") from None


def laid_out_as_black(source: str) -> bool:
    """Whether ``source``, a part laid out as black lays it out (see the module's
    docstring), is certainly black's output as it stands: it ends in one newline, has
    nothing the layout does not cover (``_NOT_COVERED``) and no line over black's length
    (counted in UTF-8 bytes, never fewer than the columns black counts) or ending in
    a space, and it parses (so a part that does not still gets black's error).
    Conservative: ``False`` sends the part to black, never changes output."""
    if not source.endswith("\n") or source.endswith("\n\n") or _NOT_COVERED.search(source):
        return False
    if any(
        line.endswith(" ") or len(line.encode("utf-8")) > LINE_LENGTH for line in source.split("\n")
    ):
        return False
    try:
        compile(source, "<generated>", "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True
