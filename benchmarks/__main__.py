"""Performance at catalog scale, each figure against a baseline measured in this run.

    python -m benchmarks [--size shipped|500|both|N] [--models 500] [--repeat 5] [--json FILE]

First the commands as whole, cold processes (``benchmarks.processes``, at ``--size``):
``--help``, ``--version``, ``check`` with no change and with one schema changed, a full
and a one-model ``generate``, beside ``python -c pass`` and datamodel-codegen. Then, on
``--models`` synthetic models (``tests.support.synthetic``, reproducible from a seed):
the no-change check and the one-model regeneration in process (``benchmarks.drift``);
importing the package against importing pydantic, and the first ``get_model`` (timed
inside a fresh interpreter); structural validation against jsonschema; the media probe
against downloading whole files; peak memory of a full generate. Whole-process figures
are medians of ``--repeat`` alternating rounds, the others best of ``--repeat``; nothing
here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks import processes
from benchmarks.drift import measure as drift_figures
from benchmarks.loopback import probe_figures
from tests.support.synthetic import synthetic_documents, write_catalog

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _generate_cli(schemas: Path, out: Path) -> list[str]:
    return [PYTHON, "-m", "generator", "generate", "--schemas", str(schemas), "--out", str(out)]


def peak_memory(root: Path) -> float:
    """Peak RSS (MiB) of a full generate, the largest of the process and its workers."""
    code = (
        "import resource, subprocess, sys;"
        f"subprocess.run({_generate_cli(root / 'schemas', root / 'mem')!r}, check=True,"
        " capture_output=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    shutil.rmtree(root / "mem", ignore_errors=True)
    done = subprocess.run(
        [PYTHON, "-c", code], cwd=root, check=True, capture_output=True, text=True
    )
    return int(done.stdout.strip()) / 1024


def import_figures(out: Path, repeat: int) -> dict[str, float]:
    """Seconds to import pydantic alone, the generated package, and a first get_model."""
    timer = "import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"

    def best(statement: str) -> float:
        runs = []
        for _ in range(repeat):
            done = subprocess.run(
                [PYTHON, "-c", timer.format(stmt=statement)],
                cwd=out,
                check=True,
                capture_output=True,
                text=True,
            )
            runs.append(float(done.stdout.strip()))
        return min(runs)

    first = json.loads((out / "codegen-manifest.json").read_text())["models"]
    model_id = sorted(first)[len(first) // 2]
    return {
        "pydantic": best("import pydantic"),
        "package": best("import runcomfy_models"),
        "first_model": best(f"import runcomfy_models as r; r.get_model({model_id!r})"),
        "import_package_only": best("import runcomfy_models as r"),
    }


def validation_figures(out: Path, count: int) -> dict[str, float]:
    """Validations per second of one typical payload: pydantic model vs jsonschema."""
    document = synthetic_documents(count)[0]
    code = f"""
import json, time, jsonschema, runcomfy_models as r
spec = r.get_model({document.model_id!r})
schema = json.loads({json.dumps(json.dumps(document.input_schema))})
schema = json.loads(json.dumps(schema).replace('"float"', '"number"'))
payload = {{"prompt": "a red fox in the snow", "seed": 42, "num_outputs": 2}}
for name, node in schema["properties"].items():
    if name in schema.get("required", []) and name not in payload:
        payload[name] = ["data:,"] if node.get("type") == "array" else "data:,"
validator = jsonschema.Draft202012Validator(schema)
assert validator.is_valid(payload)
spec.input.model_validate(payload)
def rate(check):
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < 1.0:
        for _ in range(200):
            check(payload)
        n += 200
    return n / (time.perf_counter() - start)
print(rate(lambda p: spec.input.model_validate(p)), rate(validator.validate))
"""
    done = subprocess.run([PYTHON, "-c", code], cwd=out, check=True, capture_output=True, text=True)
    ours, baseline = (float(x) for x in done.stdout.split())
    return {"ours": ours, "baseline": baseline}


def _row(name: str, value: str, baseline: str, ratio: str, goal: str) -> str:
    return f"{name:<38}{value:>12}  {baseline:<24}{ratio:>13}   {goal}"


def other_figures(n: int, r: int, root: Path) -> dict[str, Any]:
    """The figures that are not whole commands, on ``n`` synthetic models."""
    drift = drift_figures(n, r, root / "drift")
    full = root / "full"
    write_catalog(full / "schemas", n)
    memory = peak_memory(full)  # generates into full / "mem", used below
    out = full / "mem"
    return {
        "models": n,
        "best_of": r,
        "in_process_drift": drift,
        "imports": import_figures(out, r),
        "validation": validation_figures(out, n),
        "probe": probe_figures(r),
        "peak_rss_mib": memory,
    }


def print_other(figures: dict[str, Any]) -> None:
    n, r = figures["models"], figures["best_of"]
    print()
    print(f"other figures: {n} synthetic models, best of {r}")
    print(_row("figure", "ours", "baseline", "ratio", "goal"))
    drift = figures["in_process_drift"]
    check, one, gen = drift["no-change check"], drift["one model changed"], drift["full generate"]
    print(
        _row(
            "in process: no-change check (s)",
            f"{check:.3f}",
            f"{gen:.2f} generate",
            f"{gen / check:.0f}x faster",
            "(in process; see whole processes)",
        )
    )
    own = drift["one model alone"]
    print(
        _row(
            "in process: one model changed (s)",
            f"{one:.3f}",
            f"{check + own:.3f} chk+own",
            f"{one / (check + own):.2f}x",
            "<= 2x (check + own work)",
        )
    )
    imports = figures["imports"]
    print(
        _row(
            "import runcomfy_models (s)",
            f"{imports['package']:.3f}",
            f"{imports['pydantic']:.3f} pydantic",
            f"{imports['package'] / imports['pydantic']:.2f}x",
            "<= 1.2x import pydantic",
        )
    )
    print(
        _row(
            "  then first get_model (s)",
            f"{imports['first_model']:.3f}",
            "",
            "",
            "(import + one model)",
        )
    )
    validation = figures["validation"]
    print(
        _row(
            "structural validation (/s)",
            f"{validation['ours']:,.0f}",
            f"{validation['baseline']:,.0f} jsonschema",
            f"{validation['ours'] / validation['baseline']:.1f}x",
            "faster than jsonschema",
        )
    )
    for name, probe in figures["probe"].items():
        print(
            _row(
                f"probe 4 MB {name} (bytes)",
                f"{probe['bytes']:,}",
                f"{probe['size']:,} whole",
                f"{probe['bytes'] / probe['size']:.3f}x",
                "< 64 KiB read",
            )
        )
        print(
            _row(
                f"  probe 4 MB {name} (s)",
                f"{probe['seconds']:.4f}",
                f"{probe['download']:.4f} whole",
                f"{probe['seconds'] / probe['download']:.2f}x",
                "",
            )
        )
    memory = figures["peak_rss_mib"]
    print(_row("peak RSS, full generate (MiB)", f"{memory:.0f}", "", "", "(recorded)"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--size",
        type=processes.sizes,
        default=processes.sizes("both"),
        help="whole-process figures at: shipped|500|both|N (default both)",
    )
    parser.add_argument(
        "--models", type=int, default=500, help="synthetic models for the other figures"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write every figure here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        whole = processes.measure(args.size, args.repeat, root / "processes")
        other = other_figures(args.models, args.repeat, root / "other")
    processes.print_table(whole)
    print_other(other)
    if args.json is not None:
        result = {"whole_processes": whole, "other": other}
        args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
