"""A ``generate`` killed at any moment leaves the previous tree whole (issue 8, item 4).

A synthetic catalog big enough to take a couple of seconds is generated once (the
"old" tree, with some history: version 1.1.0), then ``generate`` is run on a different
catalog and killed with SIGKILL:

* from outside, at a spread of delays from 0 to 1.1 times a full run (every model
  rendered again: the "new" tree), and at the moments the staging tree is seen half
  written and swapped in;
* from inside, deterministically, at each step of the writer (a wrapper script patches
  the step to SIGKILL its own process, then runs the command line), on both the atomic
  ``renameat2(RENAME_EXCHANGE)`` path and the two-rename fallback (two models changed:
  the "small" tree);
* and in-process, with each step of the writer raising an OS error instead.

After each kill: the tree is byte for byte the old one or the new one, never a mix; it
loads (``runcomfy_models.get_model``); ``check`` finds it current for its schemas; and a
following ``generate`` succeeds, leaves the same bytes, and removes the
``.generated.new-*`` / ``.generated.old-*`` leftovers. Every kill runs in a directory of
its own, so the kills come first and the checks after, two interpreters at a time.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator import writer
from generator.errors import InputError
from generator.parallel import workers
from generator.writer import MANIFEST_NAME, write_tree
from tests.support.paths import ROOT
from tests.support.synthetic import write_catalog

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="SIGKILL, /proc and renameat2: Linux only"
    ),
]

MODELS = 64  # a couple of seconds to generate
OUT = "generated"
Snapshot = dict[str, bytes]


# ---------------------------------------------------------------------------- the world
@dataclass
class World:
    """The catalogs, the reference trees made from them, and a full run's duration."""

    base: Path
    trees: dict[str, Snapshot]  # "old", "new" (every model re-rendered), "small" (two)
    model_ids: dict[str, str]  # a model of each, to load
    full_seconds: float

    def work(self, name: str) -> Path:
        """A directory of its own holding a fresh copy of the old tree."""
        work = self.base / "runs" / name.replace(" ", "-").replace(":", "").replace("/", "")
        work.mkdir(parents=True)
        shutil.copytree(self.base / "reference-old", work / OUT)
        return work

    def state(self, tree: Path) -> str:
        """Which reference tree ``tree`` is, byte for byte; fails naming the differences."""
        found = snapshot(tree)
        for name, reference in self.trees.items():
            if found == reference:
                return name
        old = self.trees["old"]
        differ = sorted(path for path in {*found, *old} if found.get(path) != old.get(path))
        raise AssertionError(f"{tree} is no reference tree; differs from the old in {differ[:6]}")


def snapshot(tree: Path) -> Snapshot:
    return {
        path.relative_to(tree).as_posix(): path.read_bytes()
        for path in sorted(tree.rglob("*"))
        if path.is_file()
    }


def leftovers(work: Path) -> list[Path]:
    """Staging and old trees beside the output folder (its lock file stays: it is no tree)."""
    return sorted(path for path in work.glob(f".{OUT}.*") if path.name != f".{OUT}.lock")


CATALOGS: list[Path] = []  # where the catalogs are: set up by the world fixture
CODE: list[Path] = []  # where the copy of the generator is: set up by the world fixture


def point(work: Path, catalog: str) -> None:
    """Make ``work/schemas`` the catalog to generate from. Every tree names its schemas
    directory ``schemas``, so its bytes do not depend on the catalog's location, and an
    unchanged model is reused from the previous tree (the reuse key includes the name)."""
    link = work / "schemas"
    if link.is_symlink():
        link.unlink()
    link.symlink_to(CATALOGS[0] / catalog)


def environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["PYTHONPATH"] = str(CODE[0])  # the generator as it was when the module started
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # loading a tree must not add __pycache__ to it
    return env


def _copy_generator(code: Path) -> None:
    """A copy of the generator for the subprocesses: every tree records a hash of the
    generator's code, so an edit to the working copy while these tests run (someone at
    work on it) must not make the later trees differ from the first ones."""
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "generator", code / "generator", ignore=skip)
    shutil.copytree(ROOT / "templates", code / "templates", ignore=skip)
    CODE[:] = [code]


def command() -> list[str]:
    return [sys.executable, "-m", "generator", "generate", "--schemas", "schemas", "--out", OUT]


def generate(work: Path, catalog: str) -> float:
    point(work, catalog)
    started = time.monotonic()
    done = subprocess.run(
        command(), cwd=work, env=environment(), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


def _change_models(schemas: Path, count: int) -> None:
    for path in sorted(schemas.rglob("*.json"))[:count]:
        document = json.loads(path.read_text("utf-8"))
        document["input_schema"]["properties"]["prompt"]["maxLength"] = 4096
        path.write_text(json.dumps(document, indent=2) + "\n", "utf-8")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    base = tmp_path_factory.mktemp("crash")
    _copy_generator(base / "code")
    catalogs = base / "catalogs"
    CATALOGS[:] = [catalogs]
    write_catalog(catalogs / "old", MODELS)
    generate(base, "old")  # 1.0.0
    write_catalog(catalogs / "old", MODELS + 1)  # the same models and one more
    generate(base, "old")  # 1.1.0: the old tree has a history to keep
    shutil.copytree(base / OUT, base / "reference-old")
    trees = {"old": snapshot(base / OUT)}
    write_catalog(catalogs / "new", MODELS, seed=8)  # other models: everything is rendered
    full_seconds = generate(base, "new")
    trees["new"] = snapshot(base / OUT)
    shutil.copytree(catalogs / "old", catalogs / "small")
    _change_models(catalogs / "small", 2)
    shutil.rmtree(base / OUT)
    shutil.copytree(base / "reference-old", base / OUT)
    generate(base, "small")
    trees["small"] = snapshot(base / OUT)
    assert trees["old"] != trees["new"] != trees["small"] != trees["old"]
    model_ids = {
        name: json.loads(tree[MANIFEST_NAME])["models"].popitem()[0] for name, tree in trees.items()
    }
    return World(base, trees, model_ids, full_seconds)


def start(work: Path, catalog: str) -> subprocess.Popen[bytes]:
    point(work, catalog)
    return subprocess.Popen(
        command(),
        cwd=work,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its render workers share its process group
    )


def kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the generate, then reap the render workers it may have orphaned."""
    process.send_signal(signal.SIGKILL)
    process.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


# ------------------------------------------------------------------ killed from outside
def _staging(work: Path) -> Path | None:
    found = [path for path in work.glob(f".{OUT}.new-*") if path.is_dir()]
    return found[0] if found else None


def _half_written(world: World, work: Path, manifest: int) -> bool:
    staging = _staging(work)
    if staging is None:
        return False
    written = sum(len(files) for _, _, files in os.walk(staging))
    return written >= len(world.trees["new"]) // 2


def _swapped_in(world: World, work: Path, manifest: int) -> bool:
    path = work / OUT / MANIFEST_NAME
    return path.exists() and path.stat().st_ino != manifest


Trigger = float | Callable[[World, Path, int], bool]
# After 0 to 1.1 times a full run, then the moment a phase of the writing is seen on disk.
OUTSIDE: dict[str, Trigger] = {
    **{f"after {fraction:.2f} of a run": fraction for fraction in (0.0, 0.15, 0.3, 0.45)},
    **{f"after {fraction:.2f} of a run": fraction for fraction in (0.6, 0.75, 0.9, 1.1)},
    "staging half written": _half_written,
    "swapped in": _swapped_in,
}


def _kill_from_outside(world: World, name: str, trigger: Trigger) -> tuple[Path, bool]:
    """The work directory, and whether the generate was still running when killed."""
    work = world.work(name)
    manifest = (work / OUT / MANIFEST_NAME).stat().st_ino
    process = start(work, "new")
    if isinstance(trigger, float):
        time.sleep(trigger * world.full_seconds)
    else:
        deadline = time.monotonic() + 10 * world.full_seconds + 10
        while process.poll() is None and not trigger(world, work, manifest):
            assert time.monotonic() < deadline
            time.sleep(0.0005)
    running = process.poll() is None
    kill(process)
    return work, running


# ------------------------------------------------------------------- killed from inside
# Runs the command line with one step of the writer patched to SIGKILL this process.
KILL_AT_STEP = """
import os, pathlib, shutil, signal, sys, tempfile
import generator.writer as writer

step, path = sys.argv[1], sys.argv[2]
name, _, when = step.partition(":")

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def wrap(owner, attr, before=None, after=None):
    original = getattr(owner, attr)
    calls = []
    def patched(*args, **kwargs):
        calls.append(args)
        if before is not None and before(len(calls)):
            die()
        result = original(*args, **kwargs)
        if after is not None and after(len(calls)):
            die()
        return result
    setattr(owner, attr, patched)

if path == "fallback":  # a filesystem without RENAME_EXCHANGE: two renames
    writer._exchange = lambda a, b: False
if name == "recover":
    wrap(writer, "recover", after=lambda n: True)
elif name == "mkdtemp":
    wrap(tempfile, "mkdtemp", after=lambda n: True)
elif name == "files":  # after N files are written (or hard-linked) into the staging tree
    written = []
    for owner, attr in ((pathlib.Path, "write_bytes"), (os, "link")):
        def counting(*args, original=getattr(owner, attr)):
            if len(written) >= int(when):
                die()
            written.append(args)
            return original(*args)
        setattr(owner, attr, counting)
elif name == "written":
    wrap(writer, "_write_files", after=lambda n: True)
elif name == "exchange":
    wrap(writer, "_exchange", before=lambda n: when == "before", after=lambda n: True)
elif name == "rename":  # after N renames (0: before the first)
    wrap(pathlib.Path, "rename", before=lambda n: int(when) == 0, after=lambda n: n == int(when))
elif name == "rmtree":  # half-way through deleting the old tree
    def half_then_die(path, *args, **kwargs):
        files = [os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs]
        for file in files[: len(files) // 2]:
            os.unlink(file)
        die()
    shutil.rmtree = half_then_die
else:
    sys.exit(f"unknown step {step}")

from generator.cli import main
main(sys.argv[3:], prog_name="runcomfy-codegen")
"""


@dataclass(frozen=True)
class Step:
    step: str
    expected: str  # the tree left: "old", "small" (the new one), or "missing"
    left: dict[str, str]  # the leftovers, proof that the kill came where it was meant to
    path: str = "exchange"


HALF = "half of the new"
PART = "part of the old"
STEPS = {
    "after recover()": Step("recover:after", "old", {}),
    "staging directory made": Step("mkdtemp:after", "old", {"new": "0 files"}),
    "first staging file": Step("files:1", "old", {"new": "1 files"}),
    "half the staging files": Step("files:half", "old", {"new": HALF}),
    "staging complete": Step("written:after", "old", {"new": "small"}),
    "just before the exchange": Step("exchange:before", "old", {"new": "small"}),
    "just after the exchange": Step("exchange:after", "small", {"new": "old"}),
    "deleting the old tree": Step("rmtree:half", "small", {"new": PART}),
    "fallback: before the renames": Step("rename:0", "old", {"new": "small"}, "fallback"),
    "fallback: between the renames": Step(
        "rename:1", "missing", {"new": "small", "old": "old"}, "fallback"
    ),
    "fallback: after the renames": Step("rename:2", "small", {"old": "old"}, "fallback"),
}


def _left(world: World, work: Path) -> dict[str, str]:
    """What each leftover directory holds: a whole reference tree, or how much."""
    found = {}
    for path in leftovers(work):
        kind = path.name.removeprefix(f".{OUT}.").split("-")[0]
        files = snapshot(path)
        whole = [name for name, tree in world.trees.items() if files == tree]
        # Content decides before counts: half the old tree can hold as many files as half
        # the new one (the runtime's files are the same in both, so only a file of one
        # tree alone settles it).
        of_old = bool(files) and all(world.trees["old"].get(k) == v for k, v in files.items())
        of_small = all(world.trees["small"].get(k) == v for k, v in files.items())
        if whole:
            found[kind] = whole[0]
        elif of_old and not of_small:
            found[kind] = PART
        elif len(files) == len(world.trees["small"]) // 2:
            found[kind] = HALF
        elif of_old:
            found[kind] = PART
        else:
            found[kind] = f"{len(files)} files"
    return found


def _kill_at_step(world: World, name: str, step: Step) -> Path:
    work = world.work(name)
    point(work, "small")
    when = step.step.replace("files:half", f"files:{len(world.trees['small']) // 2}")
    done = subprocess.run(
        [sys.executable, "-c", KILL_AT_STEP, when, step.path, *command()[3:]],
        cwd=work,
        env=environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    return work


# ------------------------------------------------------------------------- the checks
# For each directory: load the tree as its user would (its directory first on sys.path,
# as ``python -c`` run there has it), then ``check`` it and ``generate`` again. One
# interpreter checks many directories, forgetting runcomfy_models between them.
CHECK_TREES = """
import json, os, sys
from generator.cli import main

jobs, report = json.loads(sys.argv[1]), sys.argv[2]
results = {}
for job in jobs:
    work = job["work"]
    out = os.path.join(work, "generated")
    try:
        os.chdir(work)
        for module in [m for m in sys.modules if m.split(".")[0] == "runcomfy_models"]:
            del sys.modules[module]
        sys.path.insert(0, out)
        try:
            import runcomfy_models
            assert runcomfy_models.__file__.startswith(out), runcomfy_models.__file__
            spec = runcomfy_models.get_model(job["model_id"])
            assert spec.model_id == job["model_id"]
            assert len(runcomfy_models.model_ids()) == job["models"]
        finally:
            sys.path.remove(out)
        for command in ("check", "generate"):
            try:
                main([command, "--schemas", "schemas", "--out", "generated"], standalone_mode=False)
            except SystemExit as exit:
                assert not exit.code, f"{command} exited with {exit.code}"
        results[work] = None
    except BaseException as exc:
        results[work] = f"{type(exc).__name__}: {exc}"
with open(report, "w") as file:
    json.dump(results, file)
"""


def _check_trees(world: World, works: dict[Path, str]) -> dict[Path, str | None]:
    """Run CHECK_TREES on ``works`` (directory: the tree it holds), in two interpreters."""
    jobs = []
    for work, state in works.items():
        point(work, state)
        models = sum(
            1
            for path in world.trees[state]
            if path.startswith("runcomfy_models/models/") and not path.endswith("__init__.py")
        )
        jobs.append({"work": str(work), "model_id": world.model_ids[state], "models": models})

    def run(part: list[dict[str, Any]]) -> dict[str, str | None]:
        report = Path(part[0]["work"]) / "check-report.json"
        done = subprocess.run(
            [sys.executable, "-c", CHECK_TREES, json.dumps(part), str(report)],
            cwd=CODE[0],  # `-c` puts the working directory first on sys.path: the copy
            env=environment(),
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        found: dict[str, str | None] = json.loads(report.read_text("utf-8"))
        report.unlink()
        return found

    with ThreadPoolExecutor(max_workers=2) as pool:
        parts = [part for part in (jobs[0::2], jobs[1::2]) if part]
        results = {Path(k): v for found in pool.map(run, parts) for k, v in found.items()}
    return results


@dataclass
class Outcome:
    """What a kill left (the tree it is, or a failure), and how the checks went."""

    state: str | None = None
    failure: str | None = None
    left: dict[str, str] | None = None


@pytest.fixture(scope="module")
def outcomes(world: World) -> dict[str, Outcome]:
    """Every kill, then every check. The outside kills go one at a time (they are timed),
    the step kills two at a time (each is deterministic)."""
    works: dict[str, Path] = {}
    outcome: dict[str, Outcome] = {}
    for name, trigger in OUTSIDE.items():
        works[name], running = _kill_from_outside(world, name, trigger)
        # A kill at a moment seen on disk must find the generate running (else it tested
        # nothing); the timed kills at 0.9 and 1.1 of a run are meant to land late.
        if not running and not isinstance(trigger, float):
            outcome[name] = Outcome(failure="generate finished before its moment was seen")
    with ThreadPoolExecutor(max_workers=2) as pool:
        killed = pool.map(lambda item: (item[0], _kill_at_step(world, *item)), STEPS.items())
        works.update(dict(killed))
    to_check: dict[Path, str] = {}
    for name, work in works.items():
        if name in outcome:
            continue
        left = _left(world, work)
        try:
            if name in STEPS and STEPS[name].expected == "missing":
                # The documented window of the fallback: no tree, the old one waiting
                # beside it, whole; the next generate is to put it back first.
                assert not (work / OUT).exists()
                (old,) = work.glob(f".{OUT}.old-*")
                assert world.state(old) == "old"
                generate(work, "old")
            state = world.state(work / OUT)
        except AssertionError as failure:
            outcome[name] = Outcome(failure=str(failure), left=left)
        else:
            outcome[name] = Outcome(state, left=left)
            to_check[work] = state
    results = _check_trees(world, to_check)
    for name, work in works.items():
        result = outcome[name]
        if result.failure is not None:
            continue
        assert result.state is not None
        if results[work] is not None:
            result.failure = f"the {result.state} tree: {results[work]}"
        elif leftovers(work):
            result.failure = f"the next generate left {leftovers(work)}"
        elif snapshot(work / OUT) != world.trees[result.state]:
            result.failure = "the next generate changed the tree"
    return outcome


@pytest.mark.parametrize("kill", OUTSIDE)
def test_generate_killed_from_outside(outcomes: dict[str, Outcome], kill: str) -> None:
    outcome = outcomes[kill]
    assert outcome.failure is None, outcome.failure
    assert outcome.state in {"old", "new"}
    if kill == "after 0.00 of a run":
        assert outcome.state == "old"  # before it could have written anything
    if kill == "swapped in":
        assert outcome.state == "new"


@pytest.mark.parametrize("kill", list(STEPS))
def test_generate_killed_at_a_step_of_the_writer(outcomes: dict[str, Outcome], kill: str) -> None:
    outcome, step = outcomes[kill], STEPS[kill]
    assert outcome.left == step.left
    assert outcome.failure is None, outcome.failure
    assert outcome.state == ("old" if step.expected == "missing" else step.expected)


def test_killed_generate_leaves_no_worker_processes(world: World) -> None:
    if workers() < 2:
        pytest.skip("one core: rendering is not parallel")
    process = start(world.work("orphans"), "new")
    try:
        deadline = time.monotonic() + 10 * world.full_seconds + 10
        while not (children := _children(process.pid)):
            assert process.poll() is None, "finished before its workers were seen"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait()
        time.sleep(0.5)
        alive = [pid for pid in children if _alive(pid)]
        assert alive == [], f"workers {alive} outlived the generate"
    finally:
        kill(process)


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# ------------------------------------------------------------------- failing in-process
def _text(tree: Snapshot) -> dict[str, str]:
    return {path: data.decode("utf-8") for path, data in tree.items()}


def _raise(code: int = errno.EIO) -> Callable[..., Any]:
    def fail(*args: object, **kwargs: object) -> Any:
        raise OSError(code, os.strerror(code))

    return fail


def _nth_raises(original: Callable[..., Any], n: int) -> Callable[..., Any]:
    calls: list[int] = []

    def patched(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == n:
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        return original(*args, **kwargs)

    return patched


def _write_fails_after(count: int) -> Callable[..., Any]:
    original = Path.write_bytes
    calls: list[int] = []

    def write_bytes(self: Path, data: Any) -> int:
        calls.append(1)
        if len(calls) > count:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return original(self, data)

    return write_bytes


# Each failure patches with a MonkeyPatch; what the lambda returns is not used.
FAILURES: dict[str, tuple[Callable[[pytest.MonkeyPatch], object], str]] = {
    "disk full on the first file": (
        lambda mp: mp.setattr(Path, "write_bytes", _write_fails_after(0)),
        "old",
    ),
    "disk full on the third file": (
        lambda mp: mp.setattr(Path, "write_bytes", _write_fails_after(2)),
        "old",
    ),
    "staging directory cannot be made": (
        lambda mp: mp.setattr(tempfile, "mkdtemp", _raise(errno.EACCES)),
        "old",
    ),
    "exchange fails": (lambda mp: mp.setattr(writer, "_exchange", _raise()), "old"),
    "old tree cannot be deleted after the exchange": (
        lambda mp: mp.setattr(shutil, "rmtree", _rmtree_refusing()),
        "small",
    ),
    "fallback: first rename fails": (
        lambda mp: (
            mp.setattr(writer, "_exchange", lambda a, b: False),
            mp.setattr(Path, "rename", _nth_raises(Path.rename, 1)),
        ),
        "old",
    ),
    "fallback: second rename fails": (
        lambda mp: (
            mp.setattr(writer, "_exchange", lambda a, b: False),
            mp.setattr(Path, "rename", _nth_raises(Path.rename, 2)),
        ),
        "old",
    ),
    "fallback: old tree cannot be deleted": (
        lambda mp: (
            mp.setattr(writer, "_exchange", lambda a, b: False),
            mp.setattr(shutil, "rmtree", _rmtree_refusing()),
        ),
        "small",
    ),
}


def _rmtree_refusing() -> Callable[..., None]:
    def rmtree(path: Any, ignore_errors: bool = False, **kwargs: Any) -> None:
        if ignore_errors:
            return  # as if every file resisted
        raise OSError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    return rmtree


@pytest.fixture
def old_tree(world: World, tmp_path: Path) -> Path:
    out = tmp_path / OUT
    shutil.copytree(world.base / "reference-old", out)
    return out


@pytest.mark.parametrize("failure", FAILURES)
def test_writer_step_that_fails(
    world: World, old_tree: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    """An OS error at any step: the old tree stays (or the new one is whole), and the
    error, if any, says the tree could not be written."""
    patch, expected = FAILURES[failure]
    new = _text(world.trees["small"])
    with monkeypatch.context() as patched:
        patch(patched)
        if expected == "old":
            with pytest.raises(InputError, match="cannot write the generated tree"):
                write_tree(old_tree, new)
        else:
            write_tree(old_tree, new)  # swapped in: a failed clean-up is left for later
    assert world.state(old_tree) == expected
    write_tree(old_tree, new)  # the next run succeeds and clears what was left
    assert world.state(old_tree) == "small"
    assert leftovers(old_tree.parent) == []


def test_recover_finishes_an_interrupted_fallback_swap(world: World, tmp_path: Path) -> None:
    """Killed between the two renames: no tree, the old one aside, a staging tree."""
    out = tmp_path / OUT
    shutil.copytree(world.base / "reference-old", tmp_path / f".{OUT}.old-abc123")
    shutil.copytree(world.base / "reference-old", tmp_path / f".{OUT}.new-def456")
    (tmp_path / f".{OUT}.new-def456" / MANIFEST_NAME).write_text("half written")
    writer.recover(out)
    assert world.state(out) == "old"
    assert leftovers(tmp_path) == []
