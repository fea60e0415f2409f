"""The runtime's sources, copied into the package under a provenance header.

The layers go under ``_runtime/``; the files of ``package_root/`` (``__main__.py``,
``testing.py``) go beside the package's ``__init__``. Read from ``config.RUNTIME_DIR``
when used, so a test can point it at a copy.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from generator import config
from generator.config import PACKAGE
from generator.errors import GenerationError
from generator.provenance import provenance_header
from generator.runtime import surface

__all__ = ["runtime_files"]

# The runtime's folder of files that are copied to the package root.
_PACKAGE_ROOT = "package_root"


def _sources() -> list[PurePosixPath]:
    root = config.RUNTIME_DIR
    return sorted(
        PurePosixPath(path.relative_to(root).as_posix())
        for path in root.rglob("*.py")
        if "__pycache__" not in path.parts
    )


def _target(relative: PurePosixPath) -> str | None:
    """Where a runtime file goes in the package (None: not copied)."""
    if relative.parts[0] != _PACKAGE_ROOT:
        return f"{PACKAGE}/_runtime/{relative}"
    return None if relative.name == "__init__.py" else f"{PACKAGE}/{relative.name}"


def runtime_files(command: str) -> dict[str, str]:
    """Every runtime file by its path in the package, in sorted order, with its header."""
    sources = _sources()
    at_root = {p.name for p in sources if p.parts[0] == _PACKAGE_ROOT and p.name != "__init__.py"}
    if at_root != set(surface.PACKAGE_ROOT_FILES):
        raise GenerationError(
            f"generator/runtime/{_PACKAGE_ROOT}/ holds {sorted(at_root)}, but the runtime's "
            f"surface names {sorted(surface.PACKAGE_ROOT_FILES)}"
        )
    files = {}
    for relative in sources:
        target = _target(relative)
        if target is not None:
            header = provenance_header(f"generator/runtime/{relative}", command)
            text = (config.RUNTIME_DIR / relative).read_text("utf-8")
            files[target] = f"{header}\n{text}"
    return files
