"""The writer's lock, its place beside the output folder, and links read back before use.

The races themselves run in real processes (tests/e2e/test_two_generates.py,
test_output_folder.py, test_two_pulls.py); these pin the pieces in-process.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import InputError, OutputLocked
from generator.sources.store import PullOutcome, write_pull
from generator.writer import (
    MANIFEST_NAME,
    check_apart,
    lock_file,
    output_lock,
    resolve_out,
    write_tree,
)

TREE = {MANIFEST_NAME: "{}\n", "a.txt": "alpha\n", "sub/b.txt": "beta\n"}


def test_lock_file_is_beside_the_real_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "alias").symlink_to(tmp_path / "real")
    (tmp_path / "w").mkdir()
    monkeypatch.chdir(tmp_path / "w")
    expected = tmp_path / ".real.lock"
    for spelling in ("../real", "../real/", "../alias", str(tmp_path / "real"), "../w/../real"):
        assert lock_file(resolve_out(Path(spelling))) == expected, spelling


@pytest.mark.parametrize(
    ("make", "given", "expected"),
    [
        (lambda p: (p / "l").symlink_to("l"), "l", "is a symbolic link loop"),
        (lambda p: (p / "l").symlink_to("l"), "l/deeper", "is a symbolic link loop"),
        (lambda p: (p / "f").write_text("x"), "f", "is a file, not a folder"),
        (lambda p: os.mkfifo(p / "f"), "f", "is not a folder"),
        (lambda p: (p / "f").write_text("x"), "f/sub", "Not a directory"),
        (lambda p: None, "/", "is the filesystem root"),
    ],
)
def test_resolve_out_refuses_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: object, given: str, expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    make(tmp_path)  # type: ignore[operator]
    with pytest.raises(InputError, match=expected) as raised:
        resolve_out(Path(given))
    assert "\n" not in str(raised.value)


def test_output_lock_is_reentrant_and_released(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    with output_lock(out, timeout=0) as target, output_lock(Path(f"{out}/"), timeout=0):
        write_tree(out, TREE)  # takes it again inside: no deadlock
        assert target == out
    with output_lock(out, timeout=0):
        pass  # released: taken again at once


def test_another_holder_is_refused_after_the_timeout(tmp_path: Path) -> None:
    from filelock import FileLock

    out = tmp_path / "generated"
    busy = r"another generate holds its lock .*0\.2 s"
    with (
        FileLock(tmp_path / ".generated.lock"),  # another holder: its own descriptor
        pytest.raises(OutputLocked, match=busy),
        output_lock(out, timeout=0.2),
    ):
        pass


def test_check_apart(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    schemas.mkdir()
    check_apart(tmp_path / "generated", schemas)
    check_apart(tmp_path / "schemas-generated", schemas)  # a shared prefix is not inside
    for out, expected in (
        (schemas, "is the schemas directory"),
        (schemas / "out", "lies inside"),
        (tmp_path, "holds the schemas directory"),
    ):
        with pytest.raises(InputError, match=expected):
            check_apart(out, schemas)


def test_a_stale_unchanged_file_is_not_linked(tmp_path: Path) -> None:
    """The caller read ``a.txt`` as unchanged, but the old tree's file is other bytes by
    the time of the swap: the new tree holds the bytes the manifest vouches for."""
    out = tmp_path / "generated"
    write_tree(out, TREE)
    (out / "a.txt").unlink()
    (out / "a.txt").write_text("ALPHA\n")  # same size, other bytes
    kept = (out / "sub" / "b.txt").stat().st_ino
    write_tree(out, TREE, same={"a.txt", "sub/b.txt"})
    assert (out / "a.txt").read_text() == "alpha\n"
    assert (out / "sub" / "b.txt").stat().st_ino == kept  # a true one is still linked


def test_pull_writes_what_changed_on_disk_since_the_plan(tmp_path: Path) -> None:
    """Planned as unchanged, but another pull rewrote the file before this one took the
    lock: compared again under the lock, so the directory ends as this pull read it."""
    schemas = tmp_path / "schemas"
    path = schemas / "acme" / "m.json"
    path.parent.mkdir(parents=True)
    path.write_text("other pull\n")
    (path.parent / ".m.json.k1ll3d_x").write_text('{"half": ')  # a killed pull's
    outcome = PullOutcome(None, path, "unchanged", "this pull\n", schemas)  # type: ignore[arg-type]
    write_pull([outcome])
    assert path.read_text() == "this pull\n"
    assert (tmp_path / ".schemas.lock").exists()
    assert sorted(os.listdir(path.parent)) == ["m.json"]
