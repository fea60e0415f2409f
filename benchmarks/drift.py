"""How fast drift is judged in process: a no-change ``check`` and a one-model-changed
``generate``, each against a full ``generate`` of the same synthetic catalog, measured in
this run, imports already paid. The commands as a user runs them (whole processes,
imports included) are ``python -m benchmarks.processes``.

    python -m benchmarks.drift [--models 200] [--repeat 3]

Prints each figure (best of ``--repeat``) and its ratio to the full generate.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from generator.check import check_tree
from generator.config import RenderOptions
from generator.ir.build import build_model_ir
from generator.naming import ModuleName
from generator.pipeline import build_tree
from generator.release.previous import read_previous
from generator.render.model_files import render_model_files
from generator.schema.lint import lint_document
from generator.writer import MANIFEST_NAME, write_tree
from tests.support.synthetic import write_catalog

__all__ = ["main"]


def _best(
    repeat: int, action: Callable[[], object], before: Callable[[], None] | None = None
) -> float:
    times = []
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def _generate(schemas: Path, out: Path, options: RenderOptions) -> None:
    previous = read_previous(out, MANIFEST_NAME)
    result = build_tree(schemas, options, previous=previous)
    write_tree(out, result.tree, result.unchanged)


def measure(models: int, repeat: int, root: Path) -> dict[str, float]:
    """Seconds for each operation on a catalog of ``models`` synthetic models."""
    schemas, out = root / "schemas", root / "generated"
    documents = write_catalog(schemas, models)
    options = RenderOptions(schemas_label=str(schemas), out_label=str(out))
    build_tree(schemas, options)  # warm up: imports, template compilation

    def fresh() -> None:
        shutil.rmtree(out, ignore_errors=True)

    full = _best(repeat, lambda: _generate(schemas, out, options), before=fresh)
    _generate(schemas, out, options)
    check = _best(repeat, lambda: check_tree(schemas, out, options))
    assert check_tree(schemas, out, options).clean

    target = schemas / f"{documents[0].model_id}.json"
    original = target.read_text("utf-8")
    flips = iter(range(10_000))

    def change_one() -> None:
        data = json.loads(original)
        data["input_schema"]["properties"]["prompt"]["maxLength"] = 100 + next(flips)
        target.write_text(json.dumps(data, indent=2) + "\n", "utf-8")

    one = _best(repeat, lambda: _generate(schemas, out, options), before=change_one)
    alone = _best(repeat, lambda: _render_alone(target, options), before=_forget_formatting)
    return {
        "full generate": full,
        "no-change check": check,
        "one model changed": one,
        "one model alone": alone,
    }


def _forget_formatting() -> None:
    """Measure a model's own work cold: each render has a session (and memos) of its own."""


def _render_alone(path: Path, options: RenderOptions) -> None:
    """The changed model's own work: lint, IR and render of that one schema."""
    data = json.loads(path.read_text("utf-8"))
    model, _ = lint_document(data)
    assert model is not None
    render_model_files(build_model_ir(model, ModuleName(model.model_id), "x"), options)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        figures = measure(args.models, args.repeat, Path(scratch))
    baseline = figures["full generate"]
    print(
        f"drift benchmark, in process, {args.models} synthetic models, best of {args.repeat}"
        " (as whole processes: python -m benchmarks.processes)"
    )
    print(f"{'operation':<22}{'seconds':>10}{'vs full generate':>20}")
    for name, seconds in figures.items():
        print(f"{name:<22}{seconds:>10.3f}{seconds / baseline:>19.2f}x")


if __name__ == "__main__":
    main()
