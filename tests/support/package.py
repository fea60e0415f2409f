"""The package under test: generated fresh from the source tree, once per test session.

The tests import ``runcomfy_models`` from this tree, not from the committed ``generated/``,
so an edit to ``generator/runtime/`` or to a template is exercised without regenerating
first. The tree is made with the generator's command line, the way a maintainer makes
``generated/``: the bundled schemas copied into a temporary directory and
``runcomfy-codegen generate --schemas schemas --out generated`` run there, so its bytes
(headers included) are the ones the command writes in the repository. The root
``conftest.py`` calls ``generated_tree()`` before any test module is imported and puts the
tree on ``sys.path``.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.support.paths import SCHEMAS


@dataclass(frozen=True)
class _Session:
    workdir: Path
    owner: int  # the process that made it, the only one that may delete it


@functools.cache
def _session() -> _Session:
    workdir = Path(tempfile.mkdtemp(prefix="runcomfy-tests-"))
    shutil.copytree(SCHEMAS, workdir / "schemas")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--schemas",
            "schemas",
            "--out",
            "generated",
        ],
        cwd=workdir,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        shutil.rmtree(workdir, ignore_errors=True)
        raise RuntimeError(f"generating the package under test failed:\n{done.stdout}{done.stderr}")
    return _Session(workdir, os.getpid())


def generated_tree() -> Path:
    """The generated project (import package ``runcomfy_models``), made on first use."""
    return _session().workdir / "generated"


def remove_generated_tree() -> None:
    """Delete the tree at the end of the session, if this process made one."""
    if _session.cache_info().currsize and _session().owner == os.getpid():
        shutil.rmtree(_session().workdir, ignore_errors=True)
        _session.cache_clear()
