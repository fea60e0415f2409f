"""The commands as a user runs them: each a whole, cold process, beside baselines run
in the same rounds.

    python -m benchmarks.processes [--size shipped|500|both|N] [--repeat 5] [--json FILE]

Times ``runcomfy-codegen --help`` and ``--version``, ``check`` with nothing changed and
with one schema changed, a cold full ``generate`` (no output folder) and a ``generate``
after one model changed, each beside ``python -c pass`` (the same interpreter) and, for
``generate``, beside ``datamodel-codegen`` run as a process on the same input schemas.
Every command is a fresh process each time. The contenders of a figure run in
alternation (round 1: ours, baseline; round 2: baseline, ours; ...) so load on the
machine falls on both. Times are the median of ``--repeat`` rounds; a ratio is the
median of the rounds' own ratios. Sizes: ``shipped`` is a copy of the repository's own
``schemas/`` (nothing in the repository is touched), a number is that many synthetic
models (``tests.support.synthetic``); ``both`` is ``shipped`` and 500. Nothing here
asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.synthetic import write_catalog

__all__ = ["Catalog", "machine", "main", "measure", "print_table", "sizes"]

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(sys.executable).parent
CODEGEN = str(BIN / "runcomfy-codegen")
DMCG = str(BIN / "datamodel-codegen")
PASS = [PYTHON, "-c", "pass"]
STATISTIC = "median"


@dataclass
class Catalog:
    """One input size: the schema files, the same input schemas bare for datamodel-codegen,
    and the file that the one-change figures edit."""

    label: str
    models: int
    schemas: Path
    plain: Path
    target: Path
    original: str = field(repr=False)
    edits: int = 0

    def change(self) -> None:
        """Edit the target's input schema, differently each time (a real model change)."""
        self.edits += 1
        data = json.loads(self.original)
        properties = data["input_schema"]["properties"]
        name = sorted(properties)[0]
        properties[name]["description"] = f"Changed for the benchmark ({self.edits})."
        self.target.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")

    def restore(self) -> None:
        self.target.write_text(self.original, "utf-8")


def prepare(size: str, root: Path) -> Catalog:
    """A catalog under ``root``: the shipped ``schemas/`` copied, or N synthetic models."""
    schemas, plain = root / "schemas", root / "plain"
    if size == "shipped":
        shutil.copytree(ROOT / "schemas", schemas)
    else:
        write_catalog(schemas, int(size))
    files = sorted(schemas.rglob("*.json"))
    plain.mkdir()
    for index, path in enumerate(files):
        document = json.loads(path.read_text("utf-8"))
        bare = json.dumps(document["input_schema"], indent=2)
        (plain / f"m{index:04d}.json").write_text(bare, "utf-8")
    label = f"shipped ({len(files)})" if size == "shipped" else f"synthetic ({len(files)})"
    return Catalog(label, len(files), schemas, plain, files[0], files[0].read_text("utf-8"))


@dataclass
class Contender:
    """A command timed in the rounds; ``before`` runs untimed just before each run."""

    name: str
    command: list[str]
    ok: tuple[int, ...] = (0,)
    before: Callable[[], None] | None = None
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def run(self, cwd: Path) -> None:
        if self.before is not None:
            self.before()
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            self.command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode not in self.ok:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
            raise SystemExit(
                f"{' '.join(self.command)} exited {done.returncode}, expected {self.ok}:\n"
                + "\n".join(tail)
            )
        self.wall.append(wall)
        # Includes the process's own children (forked workers) once they were waited for.
        self.cpu.append(after.ru_utime + after.ru_stime - (used.ru_utime + used.ru_stime))

    def summary(self) -> dict[str, Any]:
        return {
            "command": self.command,
            "median": statistics.median(self.wall),
            "best": min(self.wall),
            "cpu_median": statistics.median(self.cpu),
            "runs": self.wall,
            "cpu_runs": self.cpu,
        }


def rounds(contenders: Sequence[Contender], repeat: int, cwd: Path) -> None:
    """Run every contender ``repeat`` times, the order rotating each round."""
    for index in range(repeat):
        shift = index % len(contenders)
        for contender in [*contenders[shift:], *contenders[:shift]]:
            contender.run(cwd)


def _ratio(ours: Contender, baseline: Contender | None) -> dict[str, float] | None:
    if baseline is None:
        return None
    walls = [a / b for a, b in zip(ours.wall, baseline.wall, strict=True)]
    cpus = [a / b for a, b in zip(ours.cpu, baseline.cpu, strict=True) if b > 0]
    return {
        "wall": statistics.median(walls),
        "cpu": statistics.median(cpus) if cpus else float("nan"),
    }


# The goals (#17): (figure, size) -> (against, at most).
GOALS: dict[tuple[str, str], tuple[str, float]] = {
    ("check, no change", "shipped"): ("python", 5.0),
    ("check, no change", "500"): ("python", 8.0),
    ("--help", "-"): ("python", 4.0),
    ("generate, full (cold)", "500"): ("dmcg", 0.8),
}


def figure(
    name: str,
    size: str,
    catalog_label: str,
    ours: Contender,
    python: Contender,
    dmcg: Contender | None = None,
) -> dict[str, Any]:
    """One row: ours, its baselines and the ratios, and the issue's goal if it has one."""
    row: dict[str, Any] = {
        "figure": name,
        "size": catalog_label,
        "ours": ours.summary(),
        "python_pass": python.summary(),
        "ratio_python": _ratio(ours, python),
        "dmcg": dmcg.summary() if dmcg is not None else None,
        "ratio_dmcg": _ratio(ours, dmcg),
        "goal": None,
        "met": None,
    }
    goal = GOALS.get((name, size))
    if goal is not None:
        against, limit = goal
        ratio = row["ratio_python" if against == "python" else "ratio_dmcg"]["wall"]
        label = "python -c pass" if against == "python" else "datamodel-codegen"
        row["goal"] = f"<= {limit:g}x {label}"
        row["met"] = ratio <= limit
    return row


def measure_commands(repeat: int, cwd: Path) -> list[dict[str, Any]]:
    """``--help`` and ``--version``: no catalog involved, measured once."""
    rows = []
    for flag in ("--help", "--version"):
        ours, python = Contender(flag, [CODEGEN, flag]), Contender("python", PASS)
        rounds([ours, python], repeat, cwd)
        rows.append(figure(flag, "-", "-", ours, python))
    return rows


def measure_catalog(size: str, repeat: int, root: Path) -> list[dict[str, Any]]:
    """The check and generate figures on one catalog."""
    root.mkdir(parents=True)
    catalog = prepare(size, root)
    out, baseline_out = root / "generated", root / "baseline"
    goal_size = size if size in ("shipped", "500") else str(catalog.models)

    def generate(name: str) -> list[str]:
        return [CODEGEN, name, "--schemas", str(catalog.schemas), "--out", str(out)]

    def cold() -> None:
        shutil.rmtree(out, ignore_errors=True)

    def dmcg() -> Contender:
        return Contender(
            "datamodel-codegen",
            [
                DMCG,
                "--input",
                str(catalog.plain),
                "--input-file-type",
                "jsonschema",
                "--output-model-type",
                "pydantic_v2.BaseModel",
                "--output",
                str(baseline_out),
            ],
            before=lambda: shutil.rmtree(baseline_out, ignore_errors=True),
        )

    rows = []
    full = Contender("generate", generate("generate"), before=cold)
    python, baseline = Contender("python", PASS), dmcg()
    rounds([full, python, baseline], repeat, root)
    rows.append(figure("generate, full (cold)", goal_size, catalog.label, full, python, baseline))

    check = Contender("check", generate("check"))
    python = Contender("python", PASS)
    rounds([check, python], repeat, root)
    rows.append(figure("check, no change", goal_size, catalog.label, check, python))

    catalog.change()
    changed = Contender("check", generate("check"), ok=(1,))
    python = Contender("python", PASS)
    rounds([changed, python], repeat, root)
    rows.append(figure("check, one schema changed", goal_size, catalog.label, changed, python))

    one = Contender("generate", generate("generate"), before=catalog.change)
    python, baseline = Contender("python", PASS), dmcg()
    rounds([one, python, baseline], repeat, root)
    rows.append(
        figure("generate, one model changed", goal_size, catalog.label, one, python, baseline)
    )
    catalog.restore()
    return rows


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "cpu": _cpu_name(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def sizes(choice: str) -> list[str]:
    """``both`` is the shipped catalog and 500 synthetic models; a list may be comma separated."""
    picked: list[str] = []
    for part in choice.split(","):
        word = part.strip()
        names = ["shipped", "500"] if word == "both" else [word]
        for name in names:
            if name != "shipped" and not (name.isdigit() and int(name) > 0):
                raise argparse.ArgumentTypeError(
                    f"--size: expected shipped, both or a number of models, got {name!r}"
                )
            if name not in picked:
                picked.append(name)
    return picked


def measure(choice: list[str], repeat: int, scratch: Path) -> dict[str, Any]:
    """Every whole-process figure at every size, with the machine and its load."""
    scratch.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()
    started = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    rows = measure_commands(repeat, scratch)
    for size in choice:
        rows.extend(measure_catalog(size, repeat, scratch / f"size-{size}"))
    return {
        "benchmark": "whole processes",
        "started": started,
        "machine": machine(),
        "load_before": list(load_before),
        "load_after": list(os.getloadavg()),
        "repeat": repeat,
        "statistic": f"{STATISTIC} of --repeat rounds; ratios: median of the rounds' ratios",
        "figures": rows,
    }


COLUMNS = (
    ("size", 15, "<"),
    ("figure", 28, "<"),
    ("ours s", 8, ">"),
    ("python s", 9, ">"),
    ("x python", 9, ">"),
    ("dmcg s", 8, ">"),
    ("x dmcg", 7, ">"),
    ("goal", 30, "<"),
    ("met", 6, "<"),
)


def _line(cells: Sequence[str]) -> str:
    return "  ".join(
        f"{cell:{align}{width}}" for cell, (_, width, align) in zip(cells, COLUMNS, strict=True)
    )


def _cells(row: dict[str, Any]) -> list[str]:
    dmcg, ratio_dmcg = row["dmcg"], row["ratio_dmcg"]
    met = {None: "", True: "met", False: "missed"}[row["met"]]
    return [
        row["size"],
        row["figure"],
        f"{row['ours']['median']:.3f}",
        f"{row['python_pass']['median']:.3f}",
        f"{row['ratio_python']['wall']:.2f}x",
        f"{dmcg['median']:.3f}" if dmcg else "-",
        f"{ratio_dmcg['wall']:.2f}x" if ratio_dmcg else "-",
        row["goal"] or "-",
        met,
    ]


def print_table(result: dict[str, Any]) -> None:
    info = result["machine"]
    print(
        f"runcomfy-codegen as whole processes: {result['repeat']} rounds, " f"{result['statistic']}"
    )
    print(f"machine: {info['cores']} cores, {info['cpu']}, Python {info['python']}")
    before = ", ".join(f"{x:.2f}" for x in result["load_before"])
    after = ", ".join(f"{x:.2f}" for x in result["load_after"])
    print(f"load average (1, 5, 15 min): before {before}; after {after}")
    print(_line([name for name, _, _ in COLUMNS]))
    for row in result["figures"]:
        print(_line(_cells(row)))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=sizes, default=sizes("both"), help="shipped|500|both|N")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write every figure and run here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        result = measure(args.size, args.repeat, Path(scratch))
    print_table(result)
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
