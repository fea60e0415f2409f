"""Every error the generator raises on purpose.

One tree, so the CLI can turn any of them into a clear message and an exit code
instead of a traceback::

    CodegenError                  base; never raised itself
    ├── InputError                unusable input: exit 2
    │   ├── SourceError           a doc page or catalog could not be read or understood
    │   └── SchemaFileError       a schema file that is not JSON, or a missing directory
    ├── OutputLocked              another generate holds the output folder's lock: exit 2
    ├── LintFailed                schemas with lint errors: exit 1 (carries the findings)
    └── GenerationError           rendering failed for a reason the schemas cannot explain
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

__all__ = [
    "CodegenError",
    "GenerationError",
    "InputError",
    "LintFailed",
    "OutputLocked",
    "Reportable",
    "SchemaFileError",
    "SourceError",
]


class Reportable(Protocol):
    """A lint finding as errors see it (``schema.findings.Finding`` is one).

    A protocol rather than an import: ``schema`` imports this module, so this module
    must not import ``schema``.
    """

    @property
    def is_error(self) -> bool: ...

    def render(self) -> str: ...


class CodegenError(Exception):
    """Base of every error the generator reports to its user."""

    exit_code = 2


class InputError(CodegenError):
    """The input cannot be used at all: wrong path, not JSON, nothing recognisable."""

    exit_code = 2


class SourceError(InputError):
    """A doc page or catalog response could not be fetched or did not contain a model."""


class SchemaFileError(InputError):
    """A schema file or directory that cannot be read as a schema document."""


class OutputLocked(CodegenError):
    """Another generate held the output folder's lock for longer than the run would wait."""

    exit_code = 2


class LintFailed(CodegenError):
    """Schemas have lint errors; generation refuses to write anything."""

    exit_code = 1

    def __init__(self, findings: Sequence[Reportable], detail: str = "") -> None:
        self.findings = list(findings)
        errors = sum(1 for f in findings if f.is_error)
        why = f" ({detail})" if detail else ""
        super().__init__(f"{errors} lint error(s){why}; nothing was written")


class GenerationError(CodegenError):
    """Rendering or formatting failed; the message names the model and the step."""

    exit_code = 2
