"""Lint findings: what is wrong or suspicious in a schema document, and exactly where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Finding", "Severity", "json_pointer", "json_pointer_join", "one_line"]

Severity = Literal["error", "warning"]


def json_pointer(*parts: str | int) -> str:
    """An RFC 6901 pointer to ``parts`` (``~`` and ``/`` escaped): the generator's one
    escaper, used by lint, the schema model and the source readers."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def json_pointer_join(pointer: str, *parts: str | int) -> str:
    """``pointer`` extended by ``parts``."""
    return pointer + json_pointer(*parts)


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one model's schema document.

    ``code`` is a stable, greppable name (``unknown-metric``); ``pointer`` is a JSON
    pointer into the schema document, so every finding can be located exactly.
    """

    model_id: str
    pointer: str
    severity: Severity
    code: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def render(self) -> str:
        """One line: ``severity: model: pointer: message [code]``.

        Model ids, pointers and messages quote published text, which may hold newlines,
        terminal escapes or bidi controls: those are written as escapes, so one finding
        is always one honest line.
        """
        model_id, pointer, message = map(one_line, (self.model_id, self.pointer, self.message))
        return f"{self.severity}: {model_id}: {pointer or '/'}: {message} [{self.code}]"


def one_line(text: str) -> str:
    """``text`` with every non-printable character (newlines, controls, bidi) escaped."""
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )
