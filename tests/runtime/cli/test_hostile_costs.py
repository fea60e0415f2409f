"""Costs a hostile server sends (negative, past a double's range, NaN, not numbers) are no
cost, with a warning naming the job and the value; the output is never lost, and no JSON
the command line prints or writes holds ``Infinity`` or ``NaN``. Over real HTTP: a
hostile server on 127.0.0.1 answers ``run`` and ``run --batch`` in child processes."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.emulated import TOKEN
from tests.support.hostile_server import HostileServer, Seen, Step, head, hostile_server
from tests.support.package import generated_tree

QWEN = "qwen/qwen-image-2.1/text-to-image"
PICTURE = "https://cdn.example.invalid/out.png"


def strict_json(text: str) -> Any:
    """``json.loads`` refusing ``NaN``, ``Infinity`` and numbers past a double's range."""

    def refuse(word: str) -> Any:
        raise ValueError(f"not JSON: {word}")

    def number(text: str) -> float:
        value = float(text)
        if value in (float("inf"), float("-inf")):
            raise ValueError(f"past a double's range: {text}")
        return value

    return json.loads(text, parse_constant=refuse, parse_float=number)


class Costly:
    """A RunComfy API whose jobs end at once, each result with a cost given as raw JSON text
    (taken in turn from ``costs``) and, in ``extra``, more raw output fields."""

    def __init__(self, server: HostileServer, costs: list[str], extra: str = "") -> None:
        self.server, self.costs, self.extra = server, itertools.cycle(costs), extra
        self.ids = (f"job-{n}" for n in itertools.count(1))
        server.route(f"/v1/models/{QWEN}", self.submit)
        server.route("*", self.job)

    def _json(self, data: bytes) -> list[Step]:
        return [head(200, {"Content-Type": "application/json"}, len(data)), data]

    def submit(self, seen: Seen) -> list[Step]:
        rid = next(self.ids)
        base = f"{self.server.base_url}/v1/requests/{rid}"
        body = {"request_id": rid, "status_url": f"{base}/status", "result_url": f"{base}/result"}
        return self._json(json.dumps(body).encode())

    def job(self, seen: Seen) -> list[Step]:
        parts = seen.path.split("?")[0].split("/")
        rid, what = parts[3], parts[4]
        if what == "status":
            return self._json(json.dumps({"request_id": rid, "status": "completed"}).encode())
        cost = next(self.costs)
        output = f'{{"image": "{PICTURE}"{self.extra}}}'
        text = f'{{"request_id": "{rid}", "status": "succeeded", "output": {output}, '
        text += f'"cost": {cost}}}'
        return self._json(text.encode())


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with hostile_server() as made:
        yield made


def command(server: HostileServer, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RUNCOMFY_API_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": server.base_url}
    return subprocess.run(
        [sys.executable, "-m", "runcomfy_models", "run", QWEN, *args],
        cwd=generated_tree(),
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


BAD_COSTS = {
    "negative": ("-5", "-5"),
    "a string past a double's range": ('"1e400"', "'1e400'"),
    "a number past a double's range": ("1e400", "inf"),
    "NaN": ("NaN", "nan"),
    "Infinity": ("Infinity", "inf"),
    "a negative string": ('"-0.5"', "'-0.5'"),
    "a boolean": ("true", "True"),
    "an object": ('{"usd": 1}', "{'usd': 1}"),
    "past any plausible cost": ("1e12", "1000000000000.0"),
    "finer than any plausible cost": ('"1e-40"', "'1e-40'"),
}


@pytest.mark.parametrize("case", sorted(BAD_COSTS))
def test_run_include_cost_reads_a_bad_cost_as_none_and_warns(
    server: HostileServer, tmp_path: Path, case: str
) -> None:
    sent, shown = BAD_COSTS[case]
    Costly(server, [sent])
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps({"prompt": "a cat"}))
    done = command(server, tmp_path, str(payload), "--include-cost")
    assert done.returncode == 0, done.stderr
    result = strict_json(done.stdout)
    assert result["output"] == {"image": PICTURE}  # never lost over its cost
    assert result["cost"] is None
    assert "job-1: cost not reported" in done.stderr
    warning = next(line for line in done.stderr.splitlines() if "the cost" in line)
    assert "job job-1" in warning
    assert shown in warning


def test_a_huge_cost_value_is_cut_short_in_the_warning(
    server: HostileServer, tmp_path: Path
) -> None:
    Costly(server, ['"' + "9" * 5000 + '"'])
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps({"prompt": "a cat"}))
    done = command(server, tmp_path, str(payload), "--include-cost")
    assert done.returncode == 0, done.stderr
    assert strict_json(done.stdout)["cost"] is None
    warning = next(line for line in done.stderr.splitlines() if "the cost" in line)
    assert len(warning) < 200


def test_a_numeric_string_cost_is_still_read(server: HostileServer, tmp_path: Path) -> None:
    Costly(server, ['"0.35"'])
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps({"prompt": "a cat"}))
    done = command(server, tmp_path, str(payload), "--include-cost")
    assert done.returncode == 0, done.stderr
    assert strict_json(done.stdout)["cost"] == 0.35
    assert "job-1: cost 0.35 USD" in done.stderr


def test_an_output_field_past_a_double_is_written_as_null_not_infinity(
    server: HostileServer, tmp_path: Path
) -> None:
    Costly(server, ["0.1"], extra=', "seed": 1e400, "score": NaN')
    payload = tmp_path / "payload.json"
    payload.write_text(json.dumps({"prompt": "a cat"}))
    done = command(server, tmp_path, str(payload), "--include-cost")
    assert done.returncode == 0, done.stderr
    result = strict_json(done.stdout)
    assert result["output"] == {"image": PICTURE, "seed": None, "score": None}
    assert result["cost"] == 0.1


def test_a_batch_total_leaves_out_bad_costs_and_its_journal_holds_no_infinity(
    server: HostileServer, tmp_path: Path
) -> None:
    # In turn: a good cost, a negative one (never subtracted), one past a double, NaN.
    Costly(server, ["0.5", "-5", '"1e400"', "NaN"], extra=', "seed": Infinity')
    inputs = tmp_path / "inputs.jsonl"
    inputs.write_text("".join(json.dumps({"prompt": f"cat {n}"}) + "\n" for n in range(4)))
    done = command(server, tmp_path, "--batch", str(inputs), "--include-cost", "--concurrency", "1")
    assert done.returncode == 0, done.stderr
    report = strict_json(done.stdout)
    assert report["total_cost_usd"] == 0.5
    assert report["succeeded"] == 4
    assert report["succeeded_without_cost"] == 3
    assert "3 succeeded job(s) had no cost reported" in done.stderr
    journal = (tmp_path / "inputs.results.jsonl").read_text()
    records = [strict_json(line) for line in journal.splitlines()]
    succeeded = [r for r in records if r.get("kind") == "succeeded"]
    assert sorted(r["cost"] is None for r in succeeded) == [False, True, True, True]
    assert all(r["output"] == {"image": PICTURE, "seed": None} for r in succeeded)
    assert sum(1 for line in done.stderr.splitlines() if "the cost" in line) == 3


def test_a_journal_with_infinity_or_a_negative_cost_reads_them_as_no_cost(
    server: HostileServer, tmp_path: Path
) -> None:
    """A journal written by the version that let ``Infinity`` through, or edited by hand."""
    Costly(server, ["0.25"])
    inputs = tmp_path / "inputs.jsonl"
    inputs.write_text("".join(json.dumps({"prompt": f"cat {n}"}) + "\n" for n in range(3)))
    first = command(server, tmp_path, "--batch", str(inputs), "--include-cost")
    assert first.returncode == 0, first.stderr
    assert strict_json(first.stdout)["total_cost_usd"] == 0.75
    journal = tmp_path / "inputs.results.jsonl"
    text = journal.read_text()
    text = text.replace('"cost": 0.25', '"cost": Infinity', 1)
    text = text.replace('"cost": 0.25', '"cost": -5', 1)
    journal.write_text(text)
    again = command(server, tmp_path, "--batch", str(inputs), "--include-cost")
    assert again.returncode == 0, again.stderr
    report = strict_json(again.stdout)
    assert report["total_cost_usd"] == 0.25
    assert report["succeeded_without_cost"] == 2
