"""The drift check's fast path loads no renderer before it knows something changed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.paths import SCHEMAS

HEAVY = ("black", "datamodel_code_generator", "jinja2", "httpx", "bs4", "jsonschema")

PROBE = f"""
import sys
from generator.cli import main
try:
    main(["check"])
except SystemExit as exc:
    print("exit", exc.code)
print(sorted(name for name in {HEAVY!r} if name in sys.modules))
"""


def _run(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_no_change_check_imports_no_renderer(tmp_path: Path) -> None:
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    _run(tmp_path, "-m", "generator", "generate")
    lines = _run(tmp_path, "-c", PROBE).splitlines()
    assert lines == [
        "generated is up to date with schemas (manifest hashes match)",
        "exit 0",
        "[]",
    ]


def test_a_changed_tree_is_rendered_and_then_loads_the_renderer(tmp_path: Path) -> None:
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    _run(tmp_path, "-m", "generator", "generate")
    (tmp_path / "generated/README.md").write_text("edited\n")
    lines = _run(tmp_path, "-c", PROBE).splitlines()
    assert lines[-2] == "exit 1"
    assert "black" in lines[-1]
    assert "datamodel_code_generator" in lines[-1]
