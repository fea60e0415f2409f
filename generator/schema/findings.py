"""Lint findings: what is wrong or suspicious in a schema document, and exactly where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Finding", "Severity", "json_pointer"]

Severity = Literal["error", "warning"]


def json_pointer(*parts: str | int) -> str:
    """An RFC 6901 pointer to ``parts`` (``~`` and ``/`` escaped)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


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
        """One line: ``severity: model: pointer: message [code]``."""
        return (
            f"{self.severity}: {self.model_id}: {self.pointer or '/'}: {self.message} [{self.code}]"
        )
