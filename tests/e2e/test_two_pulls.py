"""Two ``pull`` processes writing one schemas directory at once (issue 21, item 8).

Each file is replaced atomically, so no file is ever half written; but without a lock two
pulls interleave their writes, and the directory ends up holding some models as one
catalog publishes them and some as the other: a snapshot that no pull read. The two
catalogs here list the same 40 models, ``v2`` with every prompt description changed.

* Aimed: a wrapper pauses the first pull after it has written 20 files, until the second
  has had a whole pull's time to run; then lets it go.
* At once: both start together, many times, at seeded random offsets.

After each: every schema file is whole JSON, all of them come from one catalog, lint is
clean, and no temporary file is left beside them.
"""

from __future__ import annotations

import contextlib
import json
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.synthetic import synthetic_documents

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only"),
    pytest.mark.slow,  # real processes racing over several rounds
]

MODELS = 40
MARK = " (v2)"


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("two-pulls")
    for name, mark in (("v1", ""), ("v2", MARK)):
        models = []
        for document in synthetic_documents(MODELS):
            schema = json.loads(json.dumps(document.input_schema))
            prompt = schema["properties"]["prompt"]
            prompt["description"] = prompt.get("description", "") + mark
            models.append(
                {
                    "model_id": document.model_id,
                    "kind": "model",
                    "input_schema": schema,
                    "output_schema": document.output_schema,
                }
            )
        catalog = {"models": models, "total": len(models)}
        (base / f"{name}.json").write_text(json.dumps(catalog), "utf-8")
    return base


def _pull(catalogs: Path, work: Path, name: str) -> list[str]:
    return [sys.executable, "-m", "generator", "pull", "--catalog", str(catalogs / f"{name}.json")]


PAUSE_AFTER_WRITES = """
import os, pathlib, sys, time
from generator.cli import main

count, marker = int(sys.argv[1]), pathlib.Path(sys.argv[2])
original, done = os.replace, []

def replace(*args, **kwargs):
    original(*args, **kwargs)
    done.append(args)
    if len(done) == count:
        marker.with_suffix(".paused").touch()
        deadline = time.monotonic() + 120
        while not marker.with_suffix(".resume").exists() and time.monotonic() < deadline:
            time.sleep(0.01)

os.replace = replace
main(sys.argv[3:], prog_name="runcomfy-codegen")
"""


def _versions(schemas: Path) -> dict[str, int]:
    """How many schema files come from each catalog; fails on a file that is not whole."""
    found = {"v1": 0, "v2": 0}
    for path in sorted(schemas.rglob("*.json")):
        document = json.loads(path.read_text("utf-8"))
        description = document["input_schema"]["properties"]["prompt"]["description"]
        found["v2" if description.endswith(MARK) else "v1"] += 1
    return found


def _assert_one_snapshot(work: Path, what: str) -> None:
    schemas = work / "schemas"
    versions = _versions(schemas)
    assert sum(versions.values()) == MODELS, f"{what}: {versions}"
    assert MODELS in versions.values(), f"{what}: a mix of both catalogs: {versions}"
    hidden = sorted(p.name for p in schemas.rglob(".*") if p.is_file())
    assert hidden == [], f"{what}: temporary files left: {hidden}"
    lint = subprocess.run(
        [sys.executable, "-m", "generator", "lint"], cwd=work, capture_output=True, check=False
    )
    assert lint.returncode == 0, f"{what}: {lint.stdout!r}"


def test_second_pull_while_the_first_is_half_written(catalogs: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pause"
    first = subprocess.Popen(
        [
            sys.executable,
            "-c",
            PAUSE_AFTER_WRITES,
            str(MODELS // 2),
            str(marker),
            *_pull(catalogs, tmp_path, "v1")[3:],
        ],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not marker.with_suffix(".paused").exists():
        assert first.poll() is None, first.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)
    second = subprocess.Popen(
        _pull(catalogs, tmp_path, "v2"),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    with contextlib.suppress(subprocess.TimeoutExpired):
        second.wait(timeout=10)  # without a lock it is done well within this
    marker.with_suffix(".resume").touch()
    for process in (first, second):
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    _assert_one_snapshot(tmp_path, "aimed")
    assert _versions(tmp_path / "schemas")["v2"] == MODELS  # the second waited, then wrote


@pytest.mark.parametrize("round_", range(6))
def test_two_pulls_at_once(catalogs: Path, tmp_path: Path, round_: int) -> None:
    rng = random.Random(round_)
    if round_ % 2:
        subprocess.run(
            _pull(catalogs, tmp_path, "v1"), cwd=tmp_path, capture_output=True, check=True
        )
    names = ["v1", "v2"] if rng.random() < 0.5 else ["v2", "v1"]
    processes = []
    for name in names:
        processes.append(
            subprocess.Popen(
                _pull(catalogs, tmp_path, name),
                cwd=tmp_path,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
        time.sleep(rng.uniform(0, 0.3))
    for process in processes:
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 0, stderr
    _assert_one_snapshot(tmp_path, f"round {round_}, {names}")
