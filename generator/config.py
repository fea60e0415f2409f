"""Options and constants every stage shares: names and places of what is generated.

Plain data that imports nothing of the generator's own, so the fast paths (the manifest,
the drift check) can read it without loading the renderer. Paths that a test may point
elsewhere (``TEMPLATES_DIR``, ``RUNTIME_DIR``) are read as ``config.NAME`` when used,
never copied at import time.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "CHANGELOG",
    "CONTRACTS_DIR",
    "LOCK_TIMEOUT",
    "MANIFEST_NAME",
    "PACKAGE",
    "RUNTIME_DIR",
    "TEMPLATES_DIR",
    "RenderOptions",
]

_GENERATOR = Path(__file__).resolve().parent

# The generated project's import package, and files of it that the pipeline writes.
PACKAGE = "runcomfy_models"
MANIFEST_NAME = "codegen-manifest.json"
CHANGELOG = "CHANGELOG.md"
CONTRACTS_DIR = f"{PACKAGE}/schemas"  # a copy of each model's contract, for the next release

LOCK_TIMEOUT = 120.0
"""Seconds a generate waits for another one on the same output folder (``--lock-timeout``)."""

# The runtime's sources, copied into the package as ``_runtime``.
RUNTIME_DIR = _GENERATOR / "runtime"
# An installed wheel carries templates/ inside the package; a checkout has it beside it.
TEMPLATES_DIR = (
    _GENERATOR / "_templates"
    if (_GENERATOR / "_templates").is_dir()
    else _GENERATOR.parent / "templates"
)


@dataclass(frozen=True)
class RenderOptions:
    """Where the schemas were read from and where the output goes, as the user named them."""

    schemas_label: str = "schemas"
    out_label: str = "generated"
    version: str = "1.0.0"

    @property
    def command(self) -> str:
        """The command that regenerates this output, quoted in every provenance header."""
        command = ["runcomfy-codegen", "generate"]
        if self.schemas_label != "schemas":
            command += ["--schemas", self.schemas_label]
        if self.out_label != "generated":
            command += ["--out", self.out_label]
        return shlex.join(command)
