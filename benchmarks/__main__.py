"""Performance at catalog scale, each figure against a baseline measured in this run.

    python -m benchmarks [--models 500] [--repeat 3]

On a synthetic catalog (``tests.support.synthetic``, reproducible from a seed) it measures:
full generate against datamodel-codegen making the models alone; a no-change check and
a one-model-changed generate against a full generate; importing the package against
importing pydantic, and the first ``get_model``; structural validation against
jsonschema; the media probe against downloading whole files; peak memory of a full
generate. Figures are best of ``--repeat``; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.drift import measure as drift_figures
from benchmarks.loopback import probe_figures
from tests.support.synthetic import synthetic_documents, write_catalog

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(sys.executable).parent


def _best(repeat: int, command: list[str], cwd: Path) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return min(times)


def _generate_cli(schemas: Path, out: Path) -> list[str]:
    return [PYTHON, "-m", "generator", "generate", "--schemas", str(schemas), "--out", str(out)]


def full_generate(root: Path, count: int, repeat: int) -> dict[str, float]:
    """Our whole SDK against datamodel-codegen's models alone, both as one command run."""
    schemas, plain = root / "schemas", root / "plain"
    documents = write_catalog(schemas, count)
    plain.mkdir()
    for index, document in enumerate(documents):
        (plain / f"m{index:04d}.json").write_text(json.dumps(document.input_schema), "utf-8")

    def ours() -> None:
        shutil.rmtree(root / "out", ignore_errors=True)
        subprocess.run(
            _generate_cli(schemas, root / "out"), cwd=root, check=True, capture_output=True
        )

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        ours()
        times.append(time.perf_counter() - started)
    baseline_command = [
        str(BIN / "datamodel-codegen"),
        "--input",
        str(plain),
        "--input-file-type",
        "jsonschema",
        "--output-model-type",
        "pydantic_v2.BaseModel",
        "--output",
        str(root / "baseline"),
    ]
    baseline = _best(repeat, baseline_command, root)
    return {"ours": min(times), "baseline": baseline}


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
    return f"{name:<34}{value:>12}  {baseline:<22}{ratio:>13}   {goal}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n, r = args.models, args.repeat
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        full = full_generate(root / "full", n, r)
        drift = drift_figures(n, r, root / "drift")
        out = root / "full" / "out"
        imports = import_figures(out, r)
        validation = validation_figures(out, n)
        probe = probe_figures(r)
        memory = peak_memory(root / "full")
    print(f"runcomfy-codegen benchmarks: {n} synthetic models, best of {r}")
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(_row("figure", "ours", "baseline", "ratio", "goal"))
    print(
        _row(
            "1 full generate (s)",
            f"{full['ours']:.2f}",
            f"{full['baseline']:.2f} dmcg",
            f"{full['ours'] / full['baseline']:.2f}x",
            "<= 1x datamodel-codegen alone",
        )
    )
    check, one, gen = drift["no-change check"], drift["one model changed"], drift["full generate"]
    print(
        _row(
            "2 no-change check (s)",
            f"{check:.3f}",
            f"{gen:.2f} generate",
            f"{gen / check:.0f}x faster",
            "< 0.5 s, >= 5x faster",
        )
    )
    own = drift["one model alone"]
    print(
        _row(
            "3 one model changed (s)",
            f"{one:.3f}",
            f"{check + own:.3f} chk+own",
            f"{one / (check + own):.2f}x",
            "<= 2x (check + own work)",
        )
    )
    print(
        _row(
            "4 import runcomfy_models (s)",
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
    print(
        _row(
            "5 structural validation (/s)",
            f"{validation['ours']:,.0f}",
            f"{validation['baseline']:,.0f} jsonschema",
            f"{validation['ours'] / validation['baseline']:.1f}x",
            "faster than jsonschema",
        )
    )
    for name, figures in probe.items():
        print(
            _row(
                f"6 probe 4 MB {name} (bytes)",
                f"{figures['bytes']:,}",
                f"{figures['size']:,} whole",
                f"{figures['bytes'] / figures['size']:.3f}x",
                "< 64 KiB read",
            )
        )
        print(
            _row(
                f"  probe 4 MB {name} (s)",
                f"{figures['seconds']:.4f}",
                f"{figures['download']:.4f} whole",
                f"{figures['seconds'] / figures['download']:.2f}x",
                "",
            )
        )
    print(_row("7 peak RSS, full generate (MiB)", f"{memory:.0f}", "", "", "(recorded)"))


if __name__ == "__main__":
    main()
