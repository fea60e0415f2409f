"""Finding models in the shipped package: ``find()`` and the ``models`` command.

Measured on the committed ``generated/`` (the shipped catalog). In process, each in a
fresh interpreter after ``import runcomfy_models``, so the first call pays for what it
loads (the index; for the command, the command line's own modules too):
``find(category=...)`` cold and warm, and the ``models`` command's ``main()`` printing
to /dev/null. The baseline, in the same run, is what listing models would cost without
the index: importing every model module. Also counted: the model modules each loaded
(it must be none). Then as whole processes, as a shell user runs them:
``python -m runcomfy_models models --category image-to-video`` beside ``python -c pass``
and ``python -c "import runcomfy_models"``. Goal: under 100 ms in process.

    python -m benchmarks.find [--repeat 5] [--out generated]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_SCRIPT = """
import contextlib, io, json, sys, time
import runcomfy_models as r
t1 = time.perf_counter()
{body}
loaded = sum(1 for m in sys.modules if m.startswith("runcomfy_models.models."))
print(json.dumps({{"seconds": t2 - t1, "loaded": loaded, "found": found}}))
"""

_BODIES = {
    "find, first call": (
        "found = len(r.find(category='image-to-video'))\nt2 = time.perf_counter()"
    ),
    "find, next call": (
        "r.find(category='image-to-video')\nt1 = time.perf_counter()\n"
        "found = len(r.find(category='image-to-video'))\nt2 = time.perf_counter()"
    ),
    "models command": (
        "from runcomfy_models._runtime.cli.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    found = main(r.get_model, ['models', '--category', 'image-to-video'], find=r.find)\n"
        "t2 = time.perf_counter()"
    ),
    "import every model": (
        "import importlib\n"
        "for model_id in r.model_ids(): r.get_model(model_id)\n"
        "found = len(r.model_ids())\nt2 = time.perf_counter()"
    ),
}


def measure(out: Path, repeat: int) -> dict[str, dict[str, float]]:
    """The best seconds of each operation, with the model modules it loaded."""
    figures: dict[str, dict[str, float]] = {}
    for name, body in _BODIES.items():
        runs = []
        for _ in range(repeat):
            done = subprocess.run(
                [sys.executable, "-c", _SCRIPT.format(body=body)],
                cwd=out,
                check=True,
                capture_output=True,
                text=True,
            )
            runs.append(json.loads(done.stdout))
        figures[name] = min(runs, key=lambda run: float(run["seconds"]))
    return figures


_PROCESSES = {
    "python -c pass": ["-c", "pass"],
    "import runcomfy_models": ["-c", "import runcomfy_models"],
    "models command": ["-m", "runcomfy_models", "models", "--category", "image-to-video"],
}


def processes(out: Path, repeat: int) -> dict[str, float]:
    """The best wall-clock seconds of each whole process, started as a user starts it."""
    figures = {}
    for name, arguments in _PROCESSES.items():
        runs = []
        for _ in range(repeat):
            started = time.perf_counter()
            subprocess.run([sys.executable, *arguments], cwd=out, check=True, capture_output=True)
            runs.append(time.perf_counter() - started)
        figures[name] = min(runs)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "generated")
    args = parser.parse_args()
    figures = measure(args.out, args.repeat)
    baseline = figures["import every model"]["seconds"]
    models = int(figures["import every model"]["found"])
    print(f"finding models in {args.out} ({models} models), in process, best of {args.repeat}")
    print(f"{'operation':<22}{'ms':>9}{'vs import all':>15}{'modules loaded':>16}")
    for name, run in figures.items():
        seconds = float(run["seconds"])
        print(
            f"{name:<22}{seconds * 1000:>9.2f}{seconds / baseline:>14.3f}x"
            f"{int(run['loaded']):>16}"
        )
    whole = processes(args.out, args.repeat)
    bare = whole["python -c pass"]
    print(f"as whole processes, best of {args.repeat}")
    print(f"{'process':<22}{'ms':>9}{'vs python -c pass':>19}")
    for name, seconds in whole.items():
        print(f"{name:<22}{seconds * 1000:>9.1f}{seconds / bare:>18.2f}x")


if __name__ == "__main__":
    main()
