"""Smoke runs of the benchmark scripts at a tiny size, so they cannot rot. No timing is
asserted: only that every figure is produced and the operations did what they claim.
The scripts run as a maintainer runs them (``python -m benchmarks...``); no test imports
from benchmarks/."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.schema.lint import lint_directory
from tests.support.paths import ROOT
from tests.support.synthetic import synthetic_documents, write_catalog

pytestmark = pytest.mark.slow


def test_synthetic_catalog_is_reproducible_and_lints_clean(tmp_path: Path) -> None:
    first = [d.model_id for d in synthetic_documents(20, seed=3)]
    assert first == [d.model_id for d in synthetic_documents(20, seed=3)]
    assert len(set(first)) == 20
    write_catalog(tmp_path, 20, seed=3)
    report = lint_directory(tmp_path)
    assert len(report.schemas) == 20
    assert report.errors == []


def run_benchmark(*command: str) -> str:
    """Run a benchmark as a maintainer does, from the repository root; its printout."""
    done = subprocess.run(
        [sys.executable, "-m", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_drift_benchmark_produces_every_figure() -> None:
    output = run_benchmark("benchmarks.drift", "--models", "3", "--repeat", "1")
    # The table's rows: the operation in 22 columns, then its seconds.
    rows = output.splitlines()[2:]
    figures = {row[:22].strip(): float(row[22:32]) for row in rows}
    assert set(figures) == {
        "full generate",
        "no-change check",
        "one model changed",
        "one model alone",
    }
    assert all(seconds > 0 for seconds in figures.values())


def test_benchmark_command_prints_every_figure() -> None:
    output = run_benchmark("benchmarks", "--models", "4", "--repeat", "1")
    for figure in (
        "1 full generate",
        "2 no-change check",
        "3 one model changed",
        "4 import runcomfy_models",
        "then first get_model",
        "5 structural validation",
        "6 probe 4 MB JPG (bytes)",
        "6 probe 4 MB PNG (bytes)",
        "7 peak RSS",
    ):
        assert figure in output, output


def test_find_benchmark_loads_no_model_module_except_its_baseline() -> None:
    output = run_benchmark("benchmarks.find", "--repeat", "1")
    in_process, whole = output.split("as whole processes")
    rows = {line[:22].strip(): line[22:].split() for line in in_process.splitlines()[2:]}
    processes = {line[:22].strip() for line in whole.splitlines()[2:]}
    assert processes == {"python -c pass", "import runcomfy_models", "models command"}
    assert set(rows) == {
        "find, first call",
        "find, next call",
        "models command",
        "import every model",
    }
    assert [
        rows[name][-1] for name in ("find, first call", "find, next call", "models command")
    ] == [
        "0",
        "0",
        "0",
    ]
    assert int(rows["import every model"][-1]) == 95
