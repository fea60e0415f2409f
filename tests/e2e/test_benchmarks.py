"""Smoke runs of the benchmark scripts at a tiny size, so they cannot rot. No timing is
asserted: only that every figure is produced and the operations did what they claim.
The scripts run as a maintainer runs them (``python -m benchmarks...``); no test imports
from benchmarks/."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

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


WHOLE_PROCESS_FIGURES = [
    "--help",
    "--version",
    "generate, full (cold)",
    "check, no change",
    "check, one schema changed",
    "generate, one model changed",
]
TABLE_COLUMNS = ["size", "figure", "ours s", "python s", "x python", "dmcg s", "x dmcg", "goal"]


def check_whole_processes(result: dict[str, Any], output: str, models: int, repeat: int) -> None:
    """The whole-process figures' shape: every figure, its baselines and ratios, numbers."""
    assert result["repeat"] == repeat
    assert {"cores", "cpu", "python"} <= set(result["machine"])
    assert len(result["load_before"]) == len(result["load_after"]) == 3
    rows = result["figures"]
    assert [row["figure"] for row in rows] == WHOLE_PROCESS_FIGURES
    assert {row["size"] for row in rows[2:]} == {f"synthetic ({models})"}
    for row in rows:
        for contender in ("ours", "python_pass"):
            assert len(row[contender]["runs"]) == repeat
            assert row[contender]["median"] > 0
        assert row["python_pass"]["command"][1:] == ["-c", "pass"]
        assert math.isfinite(row["ratio_python"]["wall"])
        assert row["ratio_python"]["wall"] > 0
        with_peer = row["figure"].startswith("generate")
        assert (row["dmcg"] is not None) is with_peer
        if with_peer:
            assert row["dmcg"]["command"][0].endswith("datamodel-codegen")
            assert row["ratio_dmcg"]["wall"] > 0
    # The goals at the sizes they name: --help here; check and generate only at the
    # shipped catalog or 500 models, so none at this size.
    goals = {row["figure"]: (row["goal"], row["met"]) for row in rows}
    goal, met = goals["--help"]
    assert goal == "<= 4x python -c pass"
    assert isinstance(met, bool)
    assert all(goals[name] == (None, None) for name in WHOLE_PROCESS_FIGURES[1:])
    # The printed table: machine and load lines, a header, then one row per figure, its
    # ratios numeric.
    lines = output.splitlines()
    assert lines[1].startswith("machine: ")
    assert "cores" in lines[1]
    assert lines[2].startswith("load average")
    header = lines.index(next(line for line in lines if line.startswith("size ")))
    assert lines[header].split()[:2] == ["size", "figure"]
    for column in TABLE_COLUMNS:
        assert column in lines[header]
    table = lines[header + 1 : header + 1 + len(WHOLE_PROCESS_FIGURES)]
    for line, name in zip(table, WHOLE_PROCESS_FIGURES, strict=True):
        assert name in line
        cells = line.split(name, 1)[1].split()
        ratios = [cells[2], cells[4]] if name.startswith("generate") else [cells[2]]
        for ratio in ratios:
            assert ratio.endswith("x")
            assert float(ratio[:-1]) > 0


def test_whole_process_benchmark_reports_every_figure_with_ratios(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    output = run_benchmark(
        "benchmarks.processes", "--size", "2", "--repeat", "2", "--json", str(out)
    )
    check_whole_processes(json.loads(out.read_text("utf-8")), output, models=2, repeat=2)


def test_whole_process_benchmark_refuses_an_unknown_size() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.processes", "--size", "huge"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert "expected shipped, both or a number of models, got 'huge'" in done.stderr


def test_benchmark_command_prints_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "all.json"
    output = run_benchmark(
        "benchmarks", "--size", "2", "--models", "4", "--repeat", "1", "--json", str(out)
    )
    result = json.loads(out.read_text("utf-8"))
    whole, other = output.split("other figures:")
    check_whole_processes(result["whole_processes"], whole, models=2, repeat=1)
    for figure in (
        "in process: no-change check",
        "in process: one model changed",
        "import runcomfy_models",
        "then first get_model",
        "structural validation",
        "probe 4 MB JPG (bytes)",
        "probe 4 MB PNG (bytes)",
        "peak RSS",
    ):
        assert figure in other, output
    assert result["other"]["models"] == 4
    assert result["other"]["peak_rss_mib"] > 0


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
