"""Own the output directory: build the new tree aside, then swap it in whole.

A generate that is killed at any moment leaves either the old tree or the new one,
never a mix: the new tree is written to a sibling directory and exchanged with the old
one in a single atomic ``renameat2(RENAME_EXCHANGE)`` on Linux. Where that call does not
exist, two renames are used and an interrupted swap is repaired on the next run.
Files of models that vanished disappear with the old tree.

The writer only ever replaces a directory it made: one that holds its manifest, or
one that is empty. Anything else is refused rather than deleted.

One generate at a time per output folder: :func:`output_lock` holds an exclusive lock
(``filelock``; a ``flock`` the kernel drops when its process dies) on a file beside the
folder, ``.<name>.lock`` next to ``<name>``, from the first read of the old tree to the
swap. Beside, not inside: the tree and the drift check never see it. A second run waits
for it a bounded time and then refuses. Recovery of an interrupted swap and the swap
itself run only under the lock, so no run ever deletes a staging directory that a live
run is writing; a leftover one belongs to a run that died. An unchanged file is
hard-linked from the old tree only after the link is read back and found to hold the
bytes this run means to write.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

from generator.config import CHANGELOG, LOCK_TIMEOUT, MANIFEST_NAME
from generator.errors import InputError, OutputLocked

__all__ = [
    "LOCK_TIMEOUT",
    "MANIFEST_NAME",
    "check_apart",
    "lock_file",
    "output_lock",
    "prepare_output",
    "recover",
    "resolve_out",
    "write_tree",
]

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False where the platform cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # here: the drift check uses this module but never swaps
    import ctypes.util

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


def resolve_out(out: Path) -> Path:
    """``out`` as an absolute path with every symbolic link followed; one-line errors for
    a loop, a path through a file, the filesystem root, or something not a folder."""
    try:
        target = out.resolve()
    except (RuntimeError, OSError):  # RuntimeError: Python < 3.13 on a loop
        raise InputError(f"{out}: is a symbolic link loop; give a real folder") from None
    if target.parent == target:
        raise InputError(f"{out}: is the filesystem root; give a folder of its own")
    try:
        info = target.stat()
    except FileNotFoundError:
        return target  # made by the first generate
    except OSError as exc:
        raise InputError(f"{out}: cannot use it as a folder: {_reason(exc)}") from None
    if stat.S_ISREG(info.st_mode):
        raise InputError(f"{out}: is a file, not a folder")
    if not stat.S_ISDIR(info.st_mode):
        raise InputError(f"{out}: is not a folder")
    return target


def lock_file(target: Path) -> Path:
    """Where the lock of the output folder ``target`` (resolved) lives: beside it."""
    return target.parent / f".{target.name}.lock"


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


_held: dict[Path, int] = {}  # the output folders this process holds the lock of, and depth
_lock_ids: dict[Path, tuple[int, int]] = {}  # the lock file each holds: (device, inode)


@contextlib.contextmanager
def output_lock(
    out: Path, timeout: float = LOCK_TIMEOUT, command: str = "generate"
) -> Iterator[Path]:
    """Hold ``out``'s lock (waiting up to ``timeout`` seconds); yields ``out`` resolved.

    Re-entrant within a process: the writer's own steps take it too, so they are safe
    when called alone. Another process that holds it longer than ``timeout`` is an
    :class:`OutputLocked` error naming the folder and the lock file. ``command`` names
    the kind of run that takes it, in that message (``pull`` locks its schemas folder).
    """
    target = resolve_out(out)
    if target in _held:
        _held[target] += 1
        try:
            yield target
        finally:
            _held[target] -= 1
        return
    from filelock import FileLock, Timeout  # here: resolve_out (the check) needs no lock

    path = lock_file(target)
    lock = FileLock(path, timeout=max(timeout, 0.0))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire()
    except Timeout:
        option = " (--lock-timeout)" if command == "generate" else ""
        raise OutputLocked(
            f"{out}: another {command} holds its lock {path}; gave up after waiting "
            f"{timeout:g} s{option}: run again when it has finished"
        ) from None
    except OSError as exc:
        raise InputError(
            f"{out}: cannot take the folder's lock {path}: {_reason(exc)} (the folder "
            "that holds it must be writable: new files are made there first)"
        ) from None
    _held[target] = 1
    try:
        with contextlib.suppress(OSError):
            info = path.stat()
            _lock_ids[target] = (info.st_dev, info.st_ino)
        yield target
    finally:
        del _held[target]
        _lock_ids.pop(target, None)
        lock.release()


def _still_locked(target: Path) -> None:
    """Refuse to swap if the lock file was deleted or replaced while held: another run
    may then have taken a lock of its own and be writing the same folder."""
    path = lock_file(target)
    try:
        info = path.stat()
        same = _lock_ids.get(target) == (info.st_dev, info.st_ino)
    except OSError:
        same = False
    if not same:
        raise InputError(
            f"{target}: its lock file {path} was removed or replaced while this generate "
            "ran, so another one may be writing the folder; nothing was swapped in"
        )


def check_apart(out: Path, schemas: Path) -> None:
    """Refuse an output folder that is, holds, or lies inside the schemas directory:
    the swap would delete the schemas, or the next read would take the generated
    contracts for schema files."""
    target = resolve_out(out)
    try:
        source = schemas.resolve()
    except (RuntimeError, OSError):
        raise InputError(f"{schemas}: is a symbolic link loop; give a real folder") from None
    if target == source:
        raise InputError(f"{out}: is the schemas directory {schemas}; give --out a folder apart")
    if target.is_relative_to(source):
        raise InputError(f"{out}: lies inside the schemas directory {schemas}; give a folder apart")
    if source.is_relative_to(target):
        raise InputError(
            f"{out}: holds the schemas directory {schemas}, which a generate would delete "
            "with the old tree; give --out a folder apart"
        )


def prepare_output(out: Path) -> None:
    """Under the lock: finish an interrupted swap, then make sure the old tree can be read.

    A folder, manifest or changelog that cannot be read would pass for no previous
    release (the version restarting at 1.0.0, the history lost): an error instead.
    """
    with output_lock(out) as target:
        try:
            recover(target)
        except OSError as exc:
            raise InputError(f"{out}: cannot recover the last swap: {_reason(exc)}") from None
        if not target.exists():
            return

        def unreadable(exc: OSError) -> None:
            raise exc

        try:
            for _ in os.walk(target, onerror=unreadable):
                pass
            for name in (MANIFEST_NAME, CHANGELOG):
                with contextlib.suppress(FileNotFoundError), (target / name).open("rb"):
                    pass
        except OSError as exc:
            where = exc.filename or target
            raise InputError(f"{out}: cannot read {where}: {_reason(exc)}") from None


def _leftovers(out: Path, kind: str) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.{kind}-*"))


def recover(out: Path) -> None:
    """Finish or undo a swap that was interrupted between its two renames.

    Only under ``out``'s lock (taken here if the caller does not hold it): a staging
    directory found then belongs to a run that died, never to one at work.
    """
    import shutil  # here, as tempfile: not loaded by the drift check

    with output_lock(out) as target:
        if not target.exists():
            old = _leftovers(target, "old")
            if old:
                old[-1].rename(target)
        for stale in _leftovers(target, "new") + _leftovers(target, "old"):
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
    The link is read back before it is kept: whatever happened to the old tree since
    it was read, the new tree holds exactly the bytes its manifest vouches for. Paths
    in ``same`` are expected to be identical (the caller read them): no size check first.
    """
    made: set[Path] = set()
    for relpath, text in tree.items():
        path = root / relpath
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        data = text.encode("utf-8")
        if not _link_same(old / relpath, path, data, relpath in same):
            path.write_bytes(data)


def _link_same(previous: Path, path: Path, data: bytes, expected: bool) -> bool:
    """Hard-link ``previous`` at ``path`` if it holds exactly ``data``; False if not.

    Only a plain file is linked: a symbolic link or an executable in the old tree (put
    there by hand) is replaced by the plain file generate writes.
    """
    try:
        mode = os.lstat(previous).st_mode
        if not stat.S_ISREG(mode) or mode & 0o111:
            return False
        if not expected and (previous.stat().st_size != len(data) or previous.read_bytes() != data):
            return False
        os.link(previous, path)
    except OSError:
        return False  # no old file, or a filesystem without hard links: write it
    try:
        if path.read_bytes() == data:  # the linked inode itself, not a name that may move
            return True
    except OSError:
        pass
    path.unlink()
    return False


def write_tree(out: Path, tree: Mapping[str, str], same: Collection[str] = ()) -> None:
    """Replace ``out`` with exactly ``tree``, atomically; OS errors name the path.

    Under ``out``'s lock (taken here if the caller does not hold it). ``same`` lists
    paths whose bytes the caller expects to equal those already in ``out``.
    """
    with output_lock(out) as target:  # a symlinked --out: replace what it points to
        try:
            _write_tree(target, tree, same)
        except OSError as exc:
            raise InputError(f"{out}: cannot write the generated tree: {_reason(exc)}") from None


def _write_tree(out: Path, tree: Mapping[str, str], same: Collection[str]) -> None:
    import shutil
    import tempfile  # here: the drift check imports this module for resolve_out alone

    recover(out)
    _check_owned(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        _write_files(staging, tree, out, same)
        staging.chmod(0o755)
        _still_locked(out)
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
