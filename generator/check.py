"""Does the generated tree on disk match what the schemas would generate now?

The fast path renders nothing: when every input hash in the manifest (schemas,
templates, runtime sources, tool and generator versions) matches, and every file on
disk has the hash the generator recorded for it, the tree is current. Anything else
takes the exact path: render in memory and compare file by file. Files whose bytes are
not the ones the generator wrote are always reported, so a hand edit is caught even
where the generator carries the file over (the changelog, the contract copies).

Above the pipeline: it calls the pipeline, never the other way round. The pipeline (and
with it black, datamodel-code-generator and the templates) is imported only once the
fast path has failed, so an unchanged tree is confirmed without loading any of them;
nor the previous release's reader, the reuse planner or ``difflib``. A test
(tests/generator/test_cli_imports.py) holds the fast path's import set.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.config import MANIFEST_NAME, RenderOptions
from generator.errors import InputError
from generator.manifest import input_hashes, manifest_intact, sha256_bytes, tree_files

__all__ = ["DriftReport", "check_tree", "disk_files", "odd_files"]

# Caches are ignored wherever they are; build leftovers only where pip leaves them.
_CACHES = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
_BUILD_LEFTOVERS = {"build", "dist"}


@dataclass
class DriftReport:
    """Files that differ, by kind, with a unified diff for each modified one."""

    modified: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    odd: dict[str, str] = field(default_factory=dict)
    """Files that are not plain files as generate writes them (a symbolic link, an
    executable), by what they are instead: git would commit them as such."""
    diffs: dict[str, str] = field(default_factory=dict)
    rendered: bool = False
    causes: list[str] = field(default_factory=list)
    """Why the tree differs when it was made by another generator or tool version."""

    @property
    def clean(self) -> bool:
        return not (self.modified or self.missing or self.unexpected or self.edited or self.odd)

    def summary(self) -> list[str]:
        lines = [f"modified: {path}" for path in self.modified]
        lines += [
            f"modified: {path} (hand-edited: not the bytes the generator wrote)"
            for path in self.edited
            if path not in self.modified
        ]
        lines += [
            f"modified: {path} ({what}; generate writes a plain file)"
            for path, what in self.odd.items()
        ]
        lines += [f"missing: {path}" for path in self.missing]
        lines += [f"unexpected: {path}" for path in self.unexpected]
        return sorted(lines, key=lambda line: line.split(": ", 1)[1])


def _ignored(folder: str, top: bool) -> bool:
    """Is a folder (at the top of the tree, or below) a cache or a build leftover?"""
    if folder in _CACHES:
        return True
    return top and (folder in _BUILD_LEFTOVERS or folder.endswith(".egg-info"))


def disk_files(out: Path) -> dict[str, bytes]:
    """The files of a generated tree, less caches and build leftovers.

    As ``Path.rglob("*")`` finds them: symbolic links to files count, links to folders
    are not followed.
    """
    if not out.is_dir():
        return {}
    root = os.fspath(out)
    files = {}
    for relpath in tree_files(out, skip=_ignored):
        with open(f"{root}/{relpath}", "rb") as file:
            files[relpath] = file.read()
    return files


def odd_files(out: Path, relpaths: Iterable[str]) -> dict[str, str]:
    """What is not a plain, non-executable file among ``relpaths`` (one ``lstat`` each)."""
    root, odd = os.fspath(out), {}
    for relpath in relpaths:
        mode = os.lstat(f"{root}/{relpath}").st_mode
        if stat.S_ISLNK(mode):
            odd[relpath] = "a symbolic link"
        elif mode & 0o111:
            odd[relpath] = "executable"
    return odd


def _manifest(disk: dict[str, bytes]) -> dict[str, Any] | None:
    try:
        data = json.loads(disk.get(MANIFEST_NAME, b""))
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _edited(disk: dict[str, bytes], manifest: dict[str, Any] | None) -> list[str]:
    recorded = manifest.get("files") if manifest else None
    if not isinstance(recorded, dict):
        return []
    return sorted(
        path
        for path, data in disk.items()
        if path in recorded and recorded[path] != sha256_bytes(data)
    )


def _fast_path_clean(
    disk: dict[str, bytes], manifest: dict[str, Any], inputs: dict[str, Any] | None
) -> bool:
    recorded = manifest.get("files")
    if not isinstance(recorded, dict) or inputs is None:
        return False
    if not manifest_intact(disk[MANIFEST_NAME]):  # the manifest vouches for itself first
        return False
    if set(disk) != set(recorded) | {MANIFEST_NAME}:
        return False
    if manifest.get("inputs") != inputs:
        return False
    return not _edited(disk, manifest)


def _current_inputs(
    schemas_dir: Path, options: RenderOptions, manifest: dict[str, Any]
) -> dict[str, Any] | None:
    """The input hashes a generate would record now (at the manifest's version)."""
    version = manifest.get("version")
    if not isinstance(version, str):
        return None
    return input_hashes(schemas_dir, replace(options, version=version))


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _causes(recorded: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """What about the generator differs from what made the tree, one line each."""
    causes = []
    made_by, now = recorded.get("generator"), current["generator"]
    if made_by != now:
        causes.append(f"the tree was made by runcomfy-codegen {made_by}; this is {now}")
    elif any(
        recorded.get(key) != current[key] for key in ("generator_code", "templates", "runtime")
    ):
        causes.append(
            f"the tree was made by another build of runcomfy-codegen {now} "
            "(its code, templates or runtime differ)"
        )
    tools = _mapping(recorded.get("tools"))
    for tool, version in current["tools"].items():
        if tools.get(tool) != version:
            causes.append(f"the tree was made with {tool} {tools.get(tool)}; this is {version}")
    return causes


def _unified(path: str, old: bytes, new: str) -> str:
    import difflib  # only when something drifted

    before = old.decode("utf-8", errors="replace").splitlines(keepends=True)
    after = new.splitlines(keepends=True)
    return "".join(difflib.unified_diff(before, after, f"a/{path}", f"b/{path}"))


def check_tree(schemas_dir: Path, out: Path, options: RenderOptions) -> DriftReport:
    """Compare ``out`` with what ``schemas_dir`` generates; nothing is written.

    A file that cannot be read (no permission, or gone mid-check because a generate
    replaced the tree) is an ``InputError`` naming it, never a traceback.
    """
    try:
        return _check_tree(schemas_dir, out, options)
    except OSError as exc:
        where = exc.filename or "a file"
        raise InputError(
            f"cannot read {where}: {exc.strerror or exc} (if a generate was running, "
            "check again once it is done)"
        ) from None


def _check_tree(schemas_dir: Path, out: Path, options: RenderOptions) -> DriftReport:
    disk = disk_files(out)
    odd = odd_files(out, disk)
    manifest = _manifest(disk)
    inputs = _current_inputs(schemas_dir, options, manifest) if manifest is not None else None
    if not odd and manifest is not None and _fast_path_clean(disk, manifest, inputs):
        return DriftReport()
    # the slow path: load the renderer now
    from generator.pipeline import build_tree
    from generator.release.previous import read_previous

    previous = read_previous(out, MANIFEST_NAME)
    tree = build_tree(schemas_dir, options, previous=previous).tree
    report = DriftReport(rendered=True, edited=_edited(disk, manifest), odd=odd)
    if manifest is not None and inputs is not None:
        report.causes = _causes(_mapping(manifest.get("inputs")), inputs)
    for path, text in tree.items():
        if path not in disk:
            report.missing.append(path)
        elif disk[path] != text.encode("utf-8"):
            report.modified.append(path)
            report.diffs[path] = _unified(path, disk[path], text)
    report.unexpected = sorted(set(disk) - set(tree))
    return report
