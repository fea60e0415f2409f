"""Own the output directory: build the new tree aside, then swap it in whole.

A generate that is killed at any moment leaves either the old tree or the new one,
never a mix: the new tree is written to a sibling directory and exchanged with the old
one in a single atomic ``renameat2(RENAME_EXCHANGE)`` on Linux. Where that call does not
exist, two renames are used and an interrupted swap is repaired on the next run.
Files of models that vanished disappear with the old tree.

The writer only ever replaces a directory it made: one that holds its manifest, or
one that is empty. Anything else is refused rather than deleted.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import sys
import tempfile
from collections.abc import Collection, Mapping
from pathlib import Path

from generator.config import MANIFEST_NAME
from generator.errors import InputError

__all__ = ["MANIFEST_NAME", "write_tree"]

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False where the platform cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), ctypes.c_uint(_RENAME_EXCHANGE)
    )
    if result != 0:
        errno = ctypes.get_errno()
        if errno in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the filesystem cannot
            return False
        raise OSError(errno, os.strerror(errno), str(a))
    return True


def _leftovers(out: Path, kind: str) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.{kind}-*"))


def recover(out: Path) -> None:
    """Finish or undo a swap that was interrupted between its two renames."""
    if not out.exists():
        old = _leftovers(out, "old")
        if old:
            old[-1].rename(out)
    for stale in _leftovers(out, "new") + _leftovers(out, "old"):
        shutil.rmtree(stale, ignore_errors=True)


def _check_owned(out: Path) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise InputError(f"{out}: exists and is not a directory")
    if (out / MANIFEST_NAME).is_file() or not any(out.iterdir()):
        return
    raise InputError(
        f"{out}: exists but holds no {MANIFEST_NAME}, so runcomfy-codegen did not make it; "
        "refusing to replace it (choose another --out, or empty it first)"
    )


def _write_files(root: Path, tree: Mapping[str, str], old: Path, same: Collection[str]) -> None:
    """Write ``tree`` under ``root``; a file identical to the old tree's is hard-linked.

    Linking an unchanged file is cheaper than writing it again, and the old tree is
    only ever deleted, never modified, so the shared inode keeps these exact bytes.
    Paths in ``same`` are known to be identical already (the caller read them).
    """
    made: set[Path] = set()
    for relpath, text in tree.items():
        path = root / relpath
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        previous = old / relpath
        if relpath in same:
            try:
                os.link(previous, path)
                continue
            except OSError:
                pass
        data = text.encode("utf-8")
        try:
            if previous.stat().st_size == len(data) and previous.read_bytes() == data:
                os.link(previous, path)
                continue
        except OSError:
            pass  # no old file, or a filesystem without hard links: write it
        path.write_bytes(data)


def write_tree(out: Path, tree: Mapping[str, str], same: Collection[str] = ()) -> None:
    """Replace ``out`` with exactly ``tree``, atomically; OS errors name the path.

    ``same`` lists paths whose bytes the caller knows equal those already in ``out``.
    """
    try:
        _write_tree(out.resolve(), tree, same)  # a symlinked --out: replace what it points to
    except OSError as exc:
        raise InputError(f"{out}: cannot write the generated tree: {exc.strerror or exc}") from None


def _write_tree(out: Path, tree: Mapping[str, str], same: Collection[str]) -> None:
    recover(out)
    _check_owned(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        _write_files(staging, tree, out, same)
        staging.chmod(0o755)
        if not out.exists():
            staging.rename(out)
            return
        if _exchange(staging, out):
            # The new tree is in place: failing to delete the old one (now in staging)
            # must not fail the generate; the next run's recover() removes what is left.
            shutil.rmtree(staging, ignore_errors=True)
            return
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        old.rmdir()
        out.rename(old)
        try:
            staging.rename(out)
        except BaseException:
            old.rename(out)  # put the old tree back rather than leave no tree at all
            raise
        shutil.rmtree(old, ignore_errors=True)
    finally:
        with contextlib.suppress(FileNotFoundError):
            if staging.exists() and staging != out:
                shutil.rmtree(staging, ignore_errors=True)
