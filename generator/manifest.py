"""The manifest: hashes of everything a generated tree was made from, and of the tree.

Written into the generated project as ``codegen-manifest.json``. It lets the drift
check answer "unchanged" without rendering when every input hash matches and every
file on disk still has the hash the generator gave it; any edited file, schema,
template, runtime source or tool version shows up as a mismatch.

The drift check's fast path runs all of this on every call, so it stays cheap: one walk
per directory, no ``importlib.metadata`` (its import alone costs more than the hashing)
unless the tool versions cannot be read the plain way (see :func:`tool_version`).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import json
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import generator
from generator import config
from generator.config import RenderOptions

__all__ = [
    "build_manifest",
    "fingerprint",
    "input_hashes",
    "manifest_intact",
    "model_key",
    "schema_relpaths",
    "sha256_bytes",
    "sha256_text",
    "tool_version",
    "tree_files",
]

# The tools whose versions shape the output: black formats it, datamodel-code-generator
# renders the models, jinja2 renders the templates.
TOOLS = ("black", "datamodel-code-generator", "jinja2")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_text(text: str) -> str:
    return sha256_bytes(text.encode("utf-8"))


def tree_files(
    directory: Path,
    suffix: str = "",
    skip: Callable[[str, bool], bool] | None = None,
    *,
    caches: bool = False,
) -> list[str]:
    """Relative paths (``/``-separated, sorted) of the files under ``directory`` whose
    names end with ``suffix``, as ``Path.rglob`` finds them: symbolic links to files
    count, links to folders are not followed, and a folder it cannot read is passed
    over. Folders for which ``skip(name, top)`` is true (``top``: directly in
    ``directory``) are left out, and so are ``__pycache__`` folders unless ``caches``.

    One ``scandir`` per folder, no ``stat`` per file: the drift check walks the whole
    tree on every run. A missing directory has no files.
    """
    found: list[str] = []

    def walk(folder: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            return
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                cache = name == "__pycache__" and not caches
                if not cache and (skip is None or not skip(name, not prefix)):
                    walk(entry.path, f"{prefix}{name}/")
            elif name.endswith(suffix) and entry.is_file():
                found.append(prefix + name)

    walk(os.fspath(directory), "")
    return sorted(found)


def _read(path: str) -> bytes:
    with open(path, "rb") as file:
        return file.read()


def _hash_dir(
    directory: Path, suffix: str, skip: Callable[[str, bool], bool] | None = None
) -> dict[str, str]:
    return _hash_files(directory, tree_files(directory, suffix, skip))


def _hash_files(directory: Path, relpaths: list[str]) -> dict[str, str]:
    root = os.fspath(directory)
    return {relpath: sha256_bytes(_read(f"{root}/{relpath}")) for relpath in relpaths}


def schema_relpaths(directory: Path) -> list[str]:
    """The schema files under ``directory``, as lint, generate and check all see them:
    every ``*.json`` file (cache folders included), less names starting with a dot."""
    return [
        relpath
        for relpath in tree_files(directory, ".json", caches=True)
        if not relpath.rsplit("/", 1)[-1].startswith(".")
    ]


def _not_code(name: str, top: bool) -> bool:
    """The runtime and the templates: hashed file by file, not as generator code."""
    return top and name in ("runtime", "_templates")


def _generator_code() -> str:
    """One hash of the generator's own code, so a change to it is seen without a release."""
    package = Path(generator.__file__).parent
    digest = hashlib.sha256()
    # The runtime and the templates are hashed file by file; data such as the
    # meta-schema is part of the generator's code.
    for relpath, file_hash in _hash_dir(package, "", _not_code).items():
        digest.update(f"{relpath}\0{file_hash}\n".encode())
    return digest.hexdigest()


def _normalize(name: str) -> str:
    """A distribution name as ``importlib.metadata`` matches it (PEP 503, ``_`` for ``-``)."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


class _Unsure(Exception):
    """The plain reading cannot promise ``importlib.metadata``'s answer."""


def _header_version(text: str) -> str:
    """The first ``Version`` header of core metadata, as ``email`` would parse it."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if not line:
            break  # the end of the headers
        name, colon, value = line.partition(":")
        if not colon or not name or not all("!" <= char <= "~" for char in name):
            raise _Unsure  # not a plain header line: email would read on differently
        if name.lower() == "version":
            if index + 1 < len(lines) and lines[index + 1][:1] in (" ", "\t"):
                raise _Unsure  # a folded header
            value = value.lstrip(" \t")
            if not value.isascii() or not value.isprintable():
                raise _Unsure
            return value
    raise _Unsure


def _plain_version(name: str) -> str:
    """``importlib.metadata.version(name)`` the way it finds it, for the usual case: the
    first ``*.dist-info``/``*.egg-info`` folder of that name along ``sys.path`` (in the
    order ``os.listdir`` gives, as it does), its ``METADATA`` or ``PKG-INFO`` header."""
    finders = [f for f in sys.meta_path if getattr(f, "find_distributions", None)]
    if not finders or finders[0] is not importlib.machinery.PathFinder:
        raise _Unsure  # another finder answers first
    wanted = _normalize(name)
    for root in sys.path:
        if not isinstance(root, str) or os.path.basename(root).lower().endswith(".egg"):
            raise _Unsure
        try:
            children = os.listdir(root or ".")
        except OSError:
            if os.path.isfile(root):
                raise _Unsure from None  # a zip archive: importlib.metadata looks inside
            continue
        for child in children:
            low = child.lower()
            if (
                low.endswith((".dist-info", ".egg-info"))
                and _normalize(low.rpartition(".")[0].partition("-")[0]) == wanted
            ):
                return _metadata_version(os.path.join(root, child))
    raise _Unsure  # not installed: let importlib.metadata raise its own error


def _metadata_version(path: str) -> str:
    for filename in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(path, filename), encoding="utf-8") as file:
                text = file.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
            continue
        if text:
            return _header_version(text)
    raise _Unsure  # an old single-file egg-info, or no metadata at all


def tool_version(name: str) -> str:
    """The installed version of distribution ``name``: exactly what
    ``importlib.metadata.version`` answers, without importing it in the usual case."""
    try:
        return _plain_version(name)
    except (_Unsure, OSError, UnicodeDecodeError):
        from importlib.metadata import version

        return version(name)


def input_hashes(
    schemas_dir: Path, options: RenderOptions, schema_hashes: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Everything the output depends on, hashed (schema files: ``schema_hashes`` if known)."""
    return {
        "generator": generator.__version__,
        "generator_code": _generator_code(),
        "tools": {tool: tool_version(tool) for tool in TOOLS},
        "options": {
            "schemas": options.schemas_label,
            "out": options.out_label,
            "version": options.version,
        },
        "schemas": (
            dict(schema_hashes) if schema_hashes is not None else _schema_hashes(schemas_dir)
        ),
        "templates": _hash_dir(config.TEMPLATES_DIR, ".jinja"),
        "runtime": _hash_dir(config.RUNTIME_DIR, ".py"),
    }


def _schema_hashes(schemas_dir: Path) -> dict[str, str]:
    return _hash_files(schemas_dir, schema_relpaths(schemas_dir))


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
    text = json.dumps(data, indent=2, sort_keys=True) + "\n"
    # Its own hash first ("digest" sorts first): the fast check proves the manifest
    # itself unedited with one hash, without rendering it again.
    return f'{_DIGEST_LINE}{sha256_text(text)}",\n{text[2:]}'


_DIGEST_LINE = '{\n  "digest": "'
_DIGEST_END = len(_DIGEST_LINE) + 64 + 3  # the hash, then '",\n'


def manifest_intact(raw: bytes) -> bool:
    """Are these a manifest's bytes exactly as ``build_manifest`` wrote them?"""
    head = _DIGEST_LINE.encode()
    if not raw.startswith(head) or raw[_DIGEST_END - 3 : _DIGEST_END] != b'",\n':
        return False
    recorded = raw[len(head) : _DIGEST_END - 3].decode("ascii", "replace")
    return recorded == sha256_bytes(b"{\n" + raw[_DIGEST_END:])
