"""Two ``generate`` processes on one ``--out`` at once (issue 21, item 8).

Every round runs in a directory of its own: two working directories ``w1`` and ``w2``,
each with its own ``schemas`` (a symbolic link to one of the catalogs below), and one
output folder ``generated`` beside them that both name as ``--out ../generated``. The
folder starts as the tree of catalog ``a``. Then the two generates start at once (the
second after a small, seeded, random delay) and:

* both run to the end, the second waiting for the first (the default wait);
* or the second is told not to wait (``--lock-timeout 0``): it either ran before or
  after the first, or refused with the one-line message naming the folder and its lock;
* or one of them (drawn at random) is killed with SIGKILL at a random moment of its run
  (with its render workers, or alone: they die of their parent's death).

After each round: the folder holds a manifest, a changelog and a README, passes
``runcomfy-codegen check`` against the schemas of one of the two runs (the one whose
swap came last), and no staging directory is left behind by a run that finished; after
a kill, one more generate succeeds and clears what the killed run left.

The catalogs: ``a`` (the first tree), ``b`` (every model of ``a`` changed, so every file
is rendered again: the slow run, whose swap lands late), ``a1`` (one model of ``a``
changed: the fast run that reuses the other models' files from the tree it read), and
``c`` (other models altogether). ``b`` against ``a1`` is the reuse race: before the
lock, the fast run hard-linked ``b``'s files under a manifest that vouched for ``a``'s.

Random moments rarely hit the narrow windows where two runs collide, so the same races
are also aimed: a wrapper runs the command line with one step paused (the staging
directory just made, or the old tree read and the new one rendered) until the test lets
it go, and the other run is started meanwhile.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.config import CHANGELOG, MANIFEST_NAME
from tests.support.synthetic import write_catalog

pytestmark = [
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="SIGKILL and renameat2: Linux only"
    ),
    pytest.mark.slow,  # real processes racing over many rounds: minutes
]

ROOT = Path(__file__).resolve().parents[2]
MODELS = 16
OUT = "generated"
OUT_ARG = f"../{OUT}"
BUSY = "another generate holds its lock"  # the refusal, as the message words it


@dataclass(frozen=True)
class World:
    base: Path
    code: Path
    reference: Path  # the tree of catalog ``a``, as every round starts
    full_seconds: float  # a run that renders every model


def _environment(code: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["PYTHONPATH"] = str(code)  # the generator as it was when the module started
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _command(*extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "generator",
        "generate",
        "--schemas",
        "schemas",
        "--out",
        f"../{OUT}",
        *extra,
    ]


def _change_models(schemas: Path, count: int) -> None:
    for path in sorted(schemas.rglob("*.json"))[:count]:
        document = json.loads(path.read_text("utf-8"))
        document["input_schema"]["properties"]["prompt"]["maxLength"] = 4096
        path.write_text(json.dumps(document, indent=2) + "\n", "utf-8")


def _point(work: Path, catalog: Path) -> None:
    work.mkdir(parents=True, exist_ok=True)
    link = work / "schemas"
    if link.is_symlink():
        link.unlink()
    link.symlink_to(catalog)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    base = tmp_path_factory.mktemp("two-generates")
    code = base / "code"
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "generator", code / "generator", ignore=skip)
    shutil.copytree(ROOT / "templates", code / "templates", ignore=skip)
    catalogs = base / "catalogs"
    write_catalog(catalogs / "a", MODELS)
    write_catalog(catalogs / "c", MODELS, seed=8)
    for name, changed in (("b", MODELS), ("a1", 1)):
        shutil.copytree(catalogs / "a", catalogs / name)
        _change_models(catalogs / name, changed)
    first = base / "first"
    _point(first / "w", catalogs / "a")
    done = subprocess.run(
        _command(), cwd=first / "w", env=_environment(code), capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    _point(first / "w", catalogs / "b")
    started = time.monotonic()
    done = subprocess.run(
        _command(), cwd=first / "w", env=_environment(code), capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    full = time.monotonic() - started
    shutil.rmtree(first / OUT)
    _point(first / "w", catalogs / "a")
    done = subprocess.run(
        _command(), cwd=first / "w", env=_environment(code), capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return World(base, code, first / OUT, full)


@dataclass(frozen=True)
class Round:
    catalogs: tuple[str, str]
    kind: str  # "wait", "no-wait" or "kill"
    seed: int


ROUNDS = {
    **{
        f"both wait {i}: {x} and {y}": Round((x, y), "wait", i)
        for i, (x, y) in enumerate([("b", "a1"), ("a1", "b"), ("c", "a1"), ("b", "c")])
    },
    **{
        f"second does not wait {i}: {x} and {y}": Round((x, y), "no-wait", 100 + i)
        for i, (x, y) in enumerate([("b", "a1"), ("c", "a1"), ("a1", "b"), ("b", "c")])
    },
    **{
        f"one killed {i}: {x} and {y}": Round((x, y), "kill", 200 + i)
        for i, (x, y) in enumerate(
            [("b", "a1"), ("c", "b"), ("a1", "c"), ("b", "a1"), ("a1", "b"), ("c", "a1")]
        )
    },
}


def _start(world: World, work: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        _command(*extra),
        cwd=work,
        env=_environment(world.code),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its render workers share its process group
    )


def _kill(process: subprocess.Popen[str], group: bool = True) -> None:
    """SIGKILL the generate; with ``group`` its render workers too (else they die of
    their parent's death, and the lock they share must be free soon after)."""
    process.send_signal(signal.SIGKILL)
    if group:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def _finish(process: subprocess.Popen[str], deadline: float) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=max(deadline - time.monotonic(), 1))
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # orphaned render workers of a killed run
    return process.returncode, stderr


def _staging(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.glob(f".{OUT}.*") if p.name != f".{OUT}.lock")


def _passes_check(world: World, works: list[Path]) -> list[str]:
    """``check`` from each working directory; the outcomes (empty if one passed)."""
    outcomes = []
    for work in works:
        done = subprocess.run(
            [sys.executable, "-m", "generator", "check", "--schemas", "schemas", "--out", OUT_ARG],
            cwd=work,
            env=_environment(world.code),
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode == 0:
            return []
        outcomes.append(f"{work.name}: exit {done.returncode}: {done.stdout[-600:]}{done.stderr}")
    return outcomes


def _assert_whole(world: World, directory: Path, works: list[Path], what: str) -> None:
    out = directory / OUT
    for name in (MANIFEST_NAME, CHANGELOG, "README.md"):
        assert (out / name).is_file(), f"{what}: the tree has no {name}: {sorted(os.listdir(out))}"
    failures = _passes_check(world, works)
    assert not failures, f"{what}: the tree passes check for neither run: {failures}"


@pytest.mark.parametrize("name", ROUNDS)
def test_two_generates_at_once(world: World, name: str) -> None:
    spec = ROUNDS[name]
    rng = random.Random(spec.seed)
    directory = world.base / "rounds" / name.split(":", maxsplit=1)[0].replace(" ", "-")
    shutil.copytree(world.reference, directory / OUT)
    works = [directory / "w1", directory / "w2"]
    for work, catalog in zip(works, spec.catalogs, strict=True):
        _point(work, world.base / "catalogs" / catalog)
    extra = ("--lock-timeout", "0") if spec.kind == "no-wait" else ()
    offset = rng.uniform(0, 0.8) * world.full_seconds
    deadline = time.monotonic() + 20 * world.full_seconds + 60
    first = _start(world, works[0])
    time.sleep(offset)
    second = _start(world, works[1], *extra)
    processes = [first, second]
    killed: int | None = None
    if spec.kind == "kill":
        killed = rng.randrange(2)
        time.sleep(rng.uniform(0, 1.5) * world.full_seconds)
        _kill(processes[killed], group=rng.random() < 0.5)
    results = [_finish(process, deadline) for process in processes]
    what = f"{name} (second started after {offset:.2f} s)"
    for index, (code, stderr) in enumerate(results):
        if index == killed:
            assert code in (0, -signal.SIGKILL), f"{what}: killed run: {stderr}"
        elif index == 1 and spec.kind == "no-wait" and code != 0:
            lines = stderr.strip().splitlines()
            assert code == 2, f"{what}: {stderr}"
            assert len(lines) == 1, f"{what}: {stderr}"
            assert BUSY in lines[0], lines[0]
            assert f"{OUT_ARG}: " in lines[0], lines[0]
            assert str((directory / f".{OUT}.lock").resolve()) in lines[0], lines[0]
        else:
            assert code == 0, f"{what}: run {index + 1} exited {code}: {stderr}"
    _assert_whole(world, directory, works, what)
    if killed is None or results[killed][0] == 0:
        assert _staging(directory) == [], f"{what}: a finished run left {_staging(directory)}"
    else:
        # The killed run may have left its staging tree; the next generate clears it.
        done = subprocess.run(
            _command(), cwd=works[1 - killed], env=_environment(world.code), check=False
        )
        assert done.returncode == 0
        _assert_whole(world, directory, [works[1 - killed]], f"{what}, then once more")
        assert _staging(directory) == [], f"{what}: the next generate left {_staging(directory)}"
    shutil.rmtree(directory)


# ------------------------------------------------------------------------ aimed races
# Runs the command line with one step paused until the test creates ``<marker>.resume``.
PAUSE_AT = """
import os, pathlib, sys, tempfile, time
import generator.cli as cli
import generator.writer as writer  # generate imports write_tree from here when it runs

step, marker = sys.argv[1], pathlib.Path(sys.argv[2])

def pause():
    marker.with_suffix(".paused").touch()
    deadline = time.monotonic() + 120
    while not marker.with_suffix(".resume").exists():
        if time.monotonic() > deadline:
            sys.exit("never resumed")
        time.sleep(0.01)

if step == "staging":  # the first files are in the staging tree, the others not yet
    written = []
    def counting(owner, attr):
        original = getattr(owner, attr)
        def patched(*args, **kwargs):
            result = original(*args, **kwargs)
            target = str(args[-1] if owner is os else args[0])
            if ".new-" in target:
                written.append(target)
                if len(written) == 5:
                    pause()
            return result
        setattr(owner, attr, patched)
    counting(pathlib.Path, "write_bytes")
    counting(os, "link")
elif step == "read":  # the old tree is read and the new one rendered: about to write
    original_write_tree = writer.write_tree
    def write_tree(*args, **kwargs):
        pause()
        return original_write_tree(*args, **kwargs)
    writer.write_tree = write_tree
else:
    sys.exit(f"unknown step {step}")
cli.main(sys.argv[3:], prog_name="runcomfy-codegen")
"""


def _start_paused(world: World, work: Path, step: str, marker: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-c", PAUSE_AT, step, str(marker), *_command()[3:]]
    return subprocess.Popen(
        command,
        cwd=work,
        env=_environment(world.code),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _wait_for(path: Path, process: subprocess.Popen[str], deadline: float) -> None:
    while not path.exists():
        assert process.poll() is None, f"finished before {path.name}: {process.communicate()}"
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.01)


@dataclass(frozen=True)
class Aimed:
    step: str  # where the first run pauses
    catalogs: tuple[str, str]  # the paused run's, the other's
    kill: str | None = None  # "paused": the paused run is killed; "waiting": the other
    unlink_lock: bool = False  # the lock file is deleted while the paused run holds it


AIMED = {
    # Before the lock: the second run's recovery deleted the first's staging directory.
    "second starts while the first's staging tree is being written": Aimed("staging", ("b", "c")),
    # Before the lock: the first linked the files of the tree the second swapped in.
    "second swaps a tree in while the first is about to reuse files": Aimed("read", ("a1", "b")),
    "holder of the lock killed while the other waits": Aimed("staging", ("b", "a1"), "paused"),
    "waiting run killed while the holder writes": Aimed("read", ("a1", "c"), "waiting"),
    # The other run then takes a lock of its own: the paused one must not swap after it.
    "lock file deleted while held": Aimed("read", ("a1", "b"), unlink_lock=True),
}


@pytest.mark.parametrize("name", AIMED)
def test_two_generates_aimed_at_a_step(world: World, name: str) -> None:
    aimed = AIMED[name]
    directory = world.base / "aimed" / name.replace(" ", "-").replace("'", "")
    shutil.copytree(world.reference, directory / OUT)
    works = [directory / "w1", directory / "w2"]
    for work, catalog in zip(works, aimed.catalogs, strict=True):
        _point(work, world.base / "catalogs" / catalog)
    marker = directory / "pause"
    deadline = time.monotonic() + 20 * world.full_seconds + 60
    paused = _start_paused(world, works[0], aimed.step, marker)
    _wait_for(marker.with_suffix(".paused"), paused, deadline)
    if aimed.unlink_lock:
        (directory / f".{OUT}.lock").unlink()
    other = _start(world, works[1])
    # The other run either finishes (no lock) or waits for the paused one: give it the
    # time of a whole run and then some before letting the paused run go.
    with contextlib.suppress(subprocess.TimeoutExpired):
        other.wait(timeout=2 * world.full_seconds + 1)
    if aimed.kill == "paused":
        _kill(paused)
    elif aimed.kill == "waiting":
        assert other.poll() is None, "the other run did not wait for the lock"
        _kill(other)
    marker.with_suffix(".resume").touch()
    results = [_finish(process, deadline) for process in (paused, other)]
    for index, (code, stderr) in enumerate(results):
        if (aimed.kill, index) in (("paused", 0), ("waiting", 1)):
            assert code == -signal.SIGKILL, f"{name}: killed run: {stderr}"
        elif aimed.unlink_lock and index == 0:
            assert code == 2, f"{name}: the run whose lock was deleted: {stderr}"
            assert stderr.count("\n") == 1, stderr
            assert "was removed or replaced while this generate ran" in stderr, stderr
        else:
            assert code == 0, f"{name}: run {index + 1} exited {code}: {stderr}"
    survivors = [work for index, work in enumerate(works) if results[index][0] == 0]
    _assert_whole(world, directory, survivors, name)
    assert _staging(directory) == [], f"{name}: a finished run left {_staging(directory)}"
    shutil.rmtree(directory)
