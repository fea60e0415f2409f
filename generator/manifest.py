"""The manifest: hashes of everything a generated tree was made from, and of the tree.

Written into the generated project as ``codegen-manifest.json``. It lets the drift
check answer "unchanged" without rendering when every input hash matches and every
file on disk still has the hash the generator gave it; any edited file, schema,
template, runtime source or tool version shows up as a mismatch.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path
from typing import Any

import generator
from generator import config
from generator.config import RenderOptions

__all__ = [
    "build_manifest",
    "fingerprint",
    "input_hashes",
    "model_key",
    "sha256_bytes",
    "sha256_text",
]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    return sha256_bytes(text.encode("utf-8"))


def _hash_dir(directory: Path, pattern: str) -> dict[str, str]:
    return {
        path.relative_to(directory).as_posix(): sha256_bytes(path.read_bytes())
        for path in sorted(directory.rglob(pattern))
        if path.is_file() and "__pycache__" not in path.parts
    }


def _generator_code() -> str:
    """One hash of the generator's own code, so a change to it is seen without a release."""
    package = Path(generator.__file__).parent
    digest = hashlib.sha256()
    for relpath, file_hash in _hash_dir(package, "*").items():
        # The runtime and the templates are hashed file by file; data such as the
        # meta-schema is part of the generator's code.
        if not relpath.startswith(("runtime/", "_templates/")):
            digest.update(f"{relpath}\0{file_hash}\n".encode())
    return digest.hexdigest()


def input_hashes(
    schemas_dir: Path, options: RenderOptions, schema_hashes: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Everything the output depends on, hashed (schema files: ``schema_hashes`` if known)."""
    return {
        "generator": generator.__version__,
        "generator_code": _generator_code(),
        "tools": {
            "black": version("black"),
            "datamodel-code-generator": version("datamodel-code-generator"),
        },
        "options": {
            "schemas": options.schemas_label,
            "out": options.out_label,
            "version": options.version,
        },
        "schemas": (
            dict(schema_hashes) if schema_hashes is not None else _schema_hashes(schemas_dir)
        ),
        "templates": _hash_dir(config.TEMPLATES_DIR, "*.jinja"),
        "runtime": _hash_dir(config.RUNTIME_DIR, "*.py"),
    }


def _schema_hashes(schemas_dir: Path) -> dict[str, str]:
    return {
        relpath: digest
        for relpath, digest in _hash_dir(schemas_dir, "*.json").items()
        if not relpath.rsplit("/", 1)[-1].startswith(".")
    }


def fingerprint(inputs: Mapping[str, Any]) -> str:
    """What every model's files depend on besides its own schema (not the version)."""
    shared = {key: value for key, value in inputs.items() if key != "schemas"}
    shared["options"] = {k: v for k, v in inputs["options"].items() if k != "version"}
    return sha256_text(json.dumps(shared, sort_keys=True))


def model_key(shared: str, schema_hash: str, module: str, schema_path: str) -> str:
    """A hash that changes whenever anything a model's own files depend on changes."""
    return sha256_text(f"{shared}\0{schema_hash}\0{module}\0{schema_path}")


def build_manifest(
    inputs: Mapping[str, Any],
    tree: Mapping[str, str],
    models: Mapping[str, Any],
    formatted: Mapping[str, str],
    known_hashes: Mapping[str, str] | None = None,
) -> str:
    """The manifest's text: inputs, per-model keys and files, every file's hash.

    ``known_hashes`` are hashes already proven for files of ``tree`` (reused files, read
    and checked against the previous manifest), so they are not computed twice.
    """
    known = known_hashes or {}
    data = {
        "version": inputs["options"]["version"],
        "inputs": inputs,
        "models": models,
        "formatted": formatted,
        "files": {
            path: known.get(path) or sha256_text(text) for path, text in sorted(tree.items())
        },
    }
    return json.dumps(data, indent=2, sort_keys=True) + "\n"
