"""``generate``'s output folder: its lock, and every filesystem surprise a one-line error.

Real processes throughout: ``runcomfy-codegen generate`` is run as a subprocess, and the
lock is held by another process. The unreadable and read-only cases need permissions to
bite: as root, the subprocess runs without the capabilities that bypass them
(``CAP_DAC_OVERRIDE``, ``CAP_DAC_READ_SEARCH``), and they are skipped where that is not
possible.
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.config import CHANGELOG, MANIFEST_NAME
from tests.support.synthetic import write_catalog

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only"),
    pytest.mark.slow,  # real processes and filesystem surprises: about 20 s
]

OUT = "generated"


def _drop_permission_overrides() -> None:  # pragma: no cover - runs in the child
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _unprivileged() -> Callable[[], None] | None:
    return _drop_permission_overrides if os.geteuid() == 0 else None


def _permissions_bite(tmp_path: Path) -> bool:
    probe = tmp_path / "probe"
    probe.mkdir()
    probe.chmod(0)
    try:
        done = subprocess.run(
            ["ls", str(probe)], preexec_fn=_unprivileged(), capture_output=True, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    finally:
        probe.chmod(0o755)
    return done.returncode != 0


def generate(
    cwd: Path, *args: str, unprivileged: bool = False, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "generate", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
        preexec_fn=_unprivileged() if unprivileged else None,
    )


def one_line_error(done: subprocess.CompletedProcess[str], *expected: str) -> str:
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2, done.stderr
    assert len(lines) == 1, f"not one line: {done.stderr}"
    assert lines[0].startswith("error: "), lines[0]
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with two schema files and no generated tree yet."""
    write_catalog(tmp_path / "schemas", 2)
    return tmp_path


@pytest.fixture
def generated(project: Path) -> Path:
    """The project with a first generate done."""
    done = generate(project)
    assert done.returncode == 0, done.stderr
    return project


# ------------------------------------------------------------------------- surprises
def test_out_a_symlink_loop(project: Path) -> None:
    (project / "a").symlink_to("b")
    (project / "b").symlink_to("a")
    one_line_error(generate(project, "--out", "a"), "a: is a symbolic link loop")
    one_line_error(generate(project, "--out", "a/sub"), "a/sub: is a symbolic link loop")
    absolute = str(project / "a")
    one_line_error(generate(project, "--out", absolute), "is a symbolic link loop")
    for args in (["check", "--out", "a"], ["check", "--out", absolute]):
        check = subprocess.run(
            [sys.executable, "-m", "generator", *args],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        one_line_error(check, "is a symbolic link loop")


def test_schemas_a_symlink_loop(project: Path) -> None:
    (project / "loop").symlink_to("loop")
    one_line_error(generate(project, "--schemas", "loop"), "loop: is a symbolic link loop")


def test_out_a_regular_file(project: Path) -> None:
    (project / "file").write_text("mine\n")
    (project / "link").symlink_to("file")
    one_line_error(generate(project, "--out", "file"), "file: is a file, not a folder")
    one_line_error(generate(project, "--out", "link"), "link: is a file, not a folder")
    one_line_error(generate(project, "--out", "file/sub"), "Not a directory")
    assert (project / "file").read_text() == "mine\n"


def test_out_the_filesystem_root(project: Path) -> None:
    one_line_error(generate(project, "--out", "/"), "is the filesystem root")
    one_line_error(generate(project, "--out", "/.."), "is the filesystem root")


@pytest.mark.parametrize(
    ("out", "schemas", "expected"),
    [
        ("schemas/generated", "schemas", "lies inside the schemas directory"),
        ("schemas", "schemas", "is the schemas directory"),
        (".", "schemas", "holds the schemas directory"),
        ("generated", "generated/schemas", "holds the schemas directory"),
        ("inside", "schemas", "lies inside the schemas directory"),  # a link into schemas
    ],
)
def test_out_and_schemas_overlap(project: Path, out: str, schemas: str, expected: str) -> None:
    (project / "inside").symlink_to(project / "schemas" / "sub")
    if schemas != "schemas":
        (project / schemas).parent.mkdir(parents=True)
        (project / "schemas").rename(project / schemas)
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    one_line_error(generate(project, "--out", out, "--schemas", schemas), expected)
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_lock_file_planted_as_a_folder_or_a_symlink(generated: Path) -> None:
    lock = generated / f".{OUT}.lock"
    lock.unlink()
    lock.mkdir()
    one_line_error(generate(generated), "cannot take the folder's lock", str(lock))
    lock.rmdir()
    (generated / "elsewhere").write_text("not a lock\n")
    lock.symlink_to(generated / "elsewhere")
    one_line_error(generate(generated), "cannot take the folder's lock", str(lock))
    assert (generated / "elsewhere").read_text() == "not a lock\n"


@pytest.fixture
def bite(tmp_path: Path) -> None:
    if not _permissions_bite(tmp_path):
        pytest.skip("file permissions do not bite here")


@pytest.mark.usefixtures("bite")
@pytest.mark.parametrize(
    "unreadable",
    [".", "docs", MANIFEST_NAME, CHANGELOG],
    ids=["folder", "subfolder", "manifest", "changelog"],
)
def test_unreadable_old_tree(generated: Path, unreadable: str) -> None:
    """An unreadable manifest or changelog would pass for no release at all (version
    1.0.0 again, the history lost): an error, and the tree untouched."""
    out = generated / OUT
    before = (out / MANIFEST_NAME).read_bytes()
    path = out / unreadable
    mode = path.stat().st_mode
    path.chmod(0)
    try:
        line = one_line_error(generate(generated, unprivileged=True), "cannot read")
        assert "Permission denied" in line
    finally:
        path.chmod(mode)
    assert (out / MANIFEST_NAME).read_bytes() == before
    assert generate(generated).returncode == 0


@pytest.mark.usefixtures("bite")
def test_read_only_parent(project: Path) -> None:
    parent = project / "ro"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        one_line_error(
            generate(project, "--out", "ro/generated", unprivileged=True),
            "ro/generated: cannot take the folder's lock",
            "Permission denied",
        )
    finally:
        parent.chmod(0o755)
    # The lock file is there from an earlier run, but the parent is read-only now: the
    # staging tree cannot be made.
    assert generate(project, "--out", "ro/generated").returncode == 0
    parent.chmod(0o555)
    (project / "schemas").rename(project / "other")
    write_catalog(project / "schemas", 3)
    try:
        one_line_error(
            generate(project, "--out", "ro/generated", unprivileged=True),
            "cannot write the generated tree",
            "Permission denied",
        )
    finally:
        parent.chmod(0o755)


# ----------------------------------------------------------------------------- the lock
HOLD = """
import sys, time
from pathlib import Path
from generator.writer import output_lock

with output_lock(Path(sys.argv[1]), timeout=0):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def _hold(out: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(out), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == "held\n"
    return holder


def test_second_run_refuses_after_its_timeout(generated: Path) -> None:
    holder = _hold(generated / OUT, 120)
    try:
        started = time.monotonic()
        done = generate(generated, "--lock-timeout", "1")
        waited = time.monotonic() - started
        lock = str(generated / f".{OUT}.lock")
        line = one_line_error(done, f"error: {OUT}: another generate holds its lock {lock}")
        assert "after waiting 1 s (--lock-timeout)" in line
        assert waited >= 1
        refused = generate(generated, "--lock-timeout", "0")
        one_line_error(refused, "another generate holds its lock", "waiting 0 s")
    finally:
        holder.kill()
        holder.wait()


def test_second_run_waits_for_the_first(generated: Path) -> None:
    write_catalog(generated / "schemas", 3)  # one more model
    holder = _hold(generated / OUT, 2)
    try:
        done = generate(generated, "--lock-timeout", "120")
        assert done.returncode == 0, done.stderr
        assert holder.poll() is not None, "generate did not wait for the holder"
    finally:
        holder.kill()
        holder.wait()
    manifest = json.loads((generated / OUT / MANIFEST_NAME).read_text("utf-8"))
    assert len(manifest["models"]) == 3


def test_lock_is_beside_the_folder_whatever_the_spelling(generated: Path) -> None:
    """A relative --out, an absolute one, one through a symbolic link and from another
    working directory all take the one lock, beside the real folder, outside the tree."""
    (generated / "w").mkdir()
    (generated / "alias").symlink_to(generated / OUT)
    holder = _hold(generated / OUT, 120)
    try:
        for cwd, out in (
            (generated, OUT),
            (generated, str(generated / OUT)),
            (generated, "alias"),
            (generated / "w", f"../{OUT}"),
            (generated / "w", "../alias/"),
        ):
            done = generate(cwd, "--out", out, "--lock-timeout", "0")
            one_line_error(done, "another generate holds its lock", str(generated / f".{OUT}.lock"))
    finally:
        holder.kill()
        holder.wait()
    assert not any(path.name.endswith(".lock") for path in (generated / OUT).rglob("*"))
    assert not (generated / ".alias.lock").exists()
    check = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=generated,
        capture_output=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout


def test_a_killed_holder_releases_the_lock(generated: Path) -> None:
    holder = _hold(generated / OUT, 120)
    holder.kill()
    holder.wait()
    done = generate(generated, "--lock-timeout", "0")
    assert done.returncode == 0, done.stderr
    manifest = json.loads((generated / OUT / MANIFEST_NAME).read_text("utf-8"))
    assert len(manifest["models"]) == 2
