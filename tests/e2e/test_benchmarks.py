"""Smoke runs of the benchmark scripts at a tiny size, so they cannot rot. No timing is
asserted: only that every figure is produced and the operations did what they claim."""

from __future__ import annotations

from pathlib import Path

from benchmarks.drift import measure
from benchmarks.synthetic import synthetic_documents, write_catalog
from generator.schema.lint import lint_directory


def test_synthetic_catalog_is_reproducible_and_lints_clean(tmp_path: Path) -> None:
    first = [d.model_id for d in synthetic_documents(20, seed=3)]
    assert first == [d.model_id for d in synthetic_documents(20, seed=3)]
    assert len(set(first)) == 20
    write_catalog(tmp_path, 20, seed=3)
    report = lint_directory(tmp_path)
    assert len(report.schemas) == 20
    assert report.errors == []


def test_drift_benchmark_produces_every_figure(tmp_path: Path) -> None:
    figures = measure(models=3, repeat=1, root=tmp_path)
    assert set(figures) == {
        "full generate",
        "no-change check",
        "one model changed",
        "one model alone",
    }
    assert all(seconds > 0 for seconds in figures.values())


def test_benchmark_command_prints_every_figure() -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--models", "4", "--repeat", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
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
        assert figure in done.stdout, done.stdout
