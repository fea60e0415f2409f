"""Every error the generated package raises on purpose, in one tree::

    RunComfyError                   base of everything below
    ├── UnknownModelError           no generated model has that id
    ├── ProbeError                  a media file could not be measured (in ``media``)
    └── InputValidationError        the input would be refused; nothing was sent
        ├── StructuralValidationError   types, enums, bounds, lengths (pydantic)
        └── MediaValidationError        a media file breaks a published rule

Validation errors carry every finding, not only the first, so one call tells the caller
everything to fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "InputValidationError",
    "MediaFinding",
    "MediaValidationError",
    "RunComfyError",
    "StructuralFinding",
    "StructuralValidationError",
    "UnknownModelError",
]


class RunComfyError(Exception):
    """Base of every error this package raises on purpose."""


class UnknownModelError(RunComfyError, KeyError):
    """No generated model has the requested id."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown model"


@dataclass(frozen=True)
class StructuralFinding:
    """One structural problem: where (a dotted path into the payload) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '<input>'}: {self.message}"


@dataclass(frozen=True)
class MediaFinding:
    """One broken media rule: which value, which rule, what was measured.

    ``message`` is the publisher's own ``validation_error`` text; ``measured`` is
    ``None`` when the file could not be read at all (then ``message`` says why).
    """

    path: str
    rule: str
    limit: int | float | None
    measured: str | None
    message: str

    def __str__(self) -> str:
        if self.measured is None:
            return f"{self.path}: {self.message}"
        return (
            f"{self.path}: {self.message} (rule {self.rule} {self.limit}, "
            f"measured {self.measured})"
        )


class InputValidationError(RunComfyError, ValueError):
    """The input breaks the model's schema or rules; it was not submitted."""

    def __init__(self, model_id: str, findings: Sequence[StructuralFinding | MediaFinding]) -> None:
        self.model_id = model_id
        self.findings = tuple(findings)
        lines = "\n".join(f"  - {finding}" for finding in self.findings)
        super().__init__(f"{model_id}: {len(self.findings)} problem(s) in the input:\n{lines}")


class StructuralValidationError(InputValidationError):
    """Types, enums, bounds, lengths or item counts are wrong."""

    findings: tuple[StructuralFinding, ...]


class MediaValidationError(InputValidationError):
    """One or more media files break the model's published rules."""

    findings: tuple[MediaFinding, ...]
