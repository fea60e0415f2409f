"""Load a set of schema documents from a directory or from a git revision of one."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from generator.errors import InputError
from generator.schema.document import load_document_json, parse_document_json
from generator.schema.lint import schema_files

__all__ = ["load_documents"]


def _git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise InputError(f"git {' '.join(args)}: {result.stderr.strip() or 'failed'}")
    return result.stdout


def _by_model(documents: list[tuple[str, Any]]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for where, data in documents:
        model_id = data.get("model_id") if isinstance(data, dict) else None
        if not isinstance(model_id, str):
            raise InputError(f"{where}: not a schema document (no model_id)")
        found[model_id] = data
    return found


def _from_git(revision: str, schemas_dir: Path) -> dict[str, dict[str, Any]]:
    root = Path(_git("rev-parse", "--show-toplevel", cwd=Path.cwd()).strip())
    inside = schemas_dir.resolve().relative_to(root).as_posix()
    _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", cwd=root)
    names = _git("ls-tree", "-r", "--name-only", revision, "--", inside, cwd=root).split("\n")
    documents = []
    for name in sorted(n for n in names if n.endswith(".json")):
        text = _git("show", f"{revision}:{name}", cwd=root)
        where = f"{revision}:{name}"  # not JSON, or a number no double holds: refused
        documents.append((where, parse_document_json(Path(where), text.encode("utf-8"))))
    return _by_model(documents)


def load_documents(source: str, schemas_dir: Path) -> dict[str, dict[str, Any]]:
    """Model id to schema document, from a directory or a git revision of ``schemas_dir``."""
    path = Path(source)
    if path.is_dir():
        return _by_model([(str(p), load_document_json(p)) for p in schema_files(path)])
    try:
        return _from_git(source, schemas_dir)
    except (InputError, ValueError) as exc:
        raise InputError(
            f"{source!r} is neither a schemas directory nor a git revision of "
            f"{schemas_dir} ({exc})"
        ) from None
