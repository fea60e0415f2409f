"""A batch killed (SIGKILL) at random moments, in-flight submits included, then resumed:
judged from the emulator's own record of the jobs it created, in another process."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from runcomfy_models._runtime.cli.batch_inputs import input_key
from tests.support.emulated import IMAGE
from tests.support.package import generated_tree

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"
TOKEN = "kill-test-token"


class EmulatorProcess:
    """``python -m runcomfy_models emulate`` in a process of its own, recording every job."""

    def __init__(self, folder: Path, *extra: str) -> None:
        self.record = folder / "created.jsonl"
        # Its output goes to files, never to pipes nobody reads (a full pipe would stall it).
        self.output, self.log = folder / "emulator.out", folder / "emulator.log"
        with self.output.open("w") as out, self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "runcomfy_models", "emulate", "--port", "0",
                 "--token", TOKEN, "--record", str(self.record), *extra],
                cwd=generated_tree(), stdout=out, stderr=log, text=True,
            )  # fmt: skip
        deadline = time.monotonic() + 30
        while "RUNCOMFY_BASE_URL=" not in self.output.read_text():
            assert self.process.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, "the emulator did not start"
            time.sleep(0.05)
        first = self.output.read_text().splitlines()[0]
        self.base_url = first.split("=", 1)[1]

    def created(self) -> list[dict[str, Any]]:
        if not self.record.exists():
            return []
        text = self.record.read_text()
        return [json.loads(line) for line in text.splitlines() if line.endswith("}")]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=20)


@pytest.fixture
def emulator_process(tmp_path: Path) -> Iterator[EmulatorProcess]:
    # Jobs queue briefly; a third of the submits are held 0.4 s before the job is made,
    # so a kill often lands while a submit is in flight.
    server = EmulatorProcess(
        tmp_path, "--queue-seconds", "0.2", "--run-seconds", "0.1",
        "--fault", "submit:slow:0.35:0.4",
    )  # fmt: skip
    yield server
    server.stop()


def run_batch(server: EmulatorProcess, inputs: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "RUNCOMFY_API_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": server.base_url}
    return subprocess.Popen(
        [sys.executable, "-m", "runcomfy_models", "run", MODEL, "--batch", str(inputs),
         "--concurrency", "16", "--no-media", *extra],
        cwd=generated_tree(), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def journal_states(journal: Path) -> dict[str, list[dict[str, Any]]]:
    events: dict[str, list[dict[str, Any]]] = {}
    for line in journal.read_text().splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and "key" in record:
            events.setdefault(record["key"], []).append(record)
    return events


def intents(journal: Path) -> int:
    """How many submits the journal says were begun."""
    if not journal.exists():
        return 0
    return sum(1 for line in journal.read_bytes().splitlines() if b'"intent"' in line)


@pytest.mark.slow
def test_killed_batch_never_submits_an_input_twice_nor_credits_another(
    emulator_process: EmulatorProcess, tmp_path: Path
) -> None:
    count = 300
    objects = [{"prompt": f"input {i}", "image_urls": [IMAGE]} for i in range(count)]
    inputs = tmp_path / "inputs.jsonl"
    inputs.write_text("".join(json.dumps(o) + "\n" for o in objects))
    journal = tmp_path / "inputs.results.jsonl"
    dice = random.Random(20)
    kills = 0
    for _ in range(6):
        started = intents(journal)
        process = run_batch(emulator_process, inputs)
        # Checking the inputs comes first, for a second or more on a loaded machine: wait
        # for this run's first submit to be journaled, then kill soon after, so the kill
        # lands among submits in flight however slow the machine is.
        while intents(journal) == started and process.poll() is None:
            time.sleep(0.02)
        time.sleep(dice.uniform(0.0, 0.6))
        if process.poll() is not None:
            break
        process.kill()
        process.communicate(timeout=30)
        kills += 1
    assert kills >= 3
    final = run_batch(emulator_process, inputs)
    _, stderr = final.communicate(timeout=300)
    assert "Traceback" not in stderr, stderr
    created = emulator_process.created()
    by_prompt = Counter(job["input"]["prompt"] for job in created)
    assert max(by_prompt.values()) == 1, by_prompt.most_common(3)  # never submitted twice
    payload_of = {job["request_id"]: job["input"] for job in created}
    events = journal_states(journal)
    succeeded, unknown = 0, []
    for data in objects:
        records = events.get(input_key(MODEL, data), [])
        kinds = [r["kind"] for r in records]
        outcome = [r for r in records if r["kind"] == "succeeded"]
        if outcome:
            succeeded += 1
            assert payload_of[outcome[-1]["request_id"]] == data  # its own result, no other's
        else:
            # Never silently lost: only a submit in flight at a kill may end this way.
            assert kinds, data
            assert kinds[-1] in ("intent", "unknown"), (data, kinds)
            unknown.append(objects.index(data) + 1)
    for line in unknown[:50]:  # the summary details the first 50 inputs without a success
        assert f"line {line}: outcome unknown" in stderr
    assert succeeded + len(unknown) == count
    assert unknown  # the kills did land on submits in flight
    assert f"{succeeded} of {count} inputs succeeded" in stderr
    assert final.returncode == 1
    assert len(created) <= count
