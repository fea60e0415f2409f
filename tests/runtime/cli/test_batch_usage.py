"""Batch usage errors are one line before anything is submitted; stdin, --no-media, and
``validate`` over a JSON-lines file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from runcomfy_models.testing import Emulator
from tests.support.batches import MODEL, batch, write_inputs
from tests.support.emulated import IMAGE, TOKEN
from tests.support.package import generated_tree

UNREACHABLE = "https://127.0.0.1:9/cat.png"  # nothing listens on the discard port


def one_line_refusal(emulator: Emulator, inputs: Path, *extra: str) -> str:
    process = batch(emulator, inputs, *extra)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 2, stderr
    assert stderr.count("\n") == 1, stderr
    assert stderr.startswith("error: ")
    assert emulator.count("submit") == 0
    return stderr


def test_download_naming_a_regular_file_is_refused(emulator: Emulator, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.jsonl"
    write_inputs(inputs, 3)
    (tmp_path / "out").write_text("a file")
    stderr = one_line_refusal(emulator, inputs, "--download", str(tmp_path / "out"))
    assert "not a folder" in stderr
    assert not (tmp_path / "inputs.results.jsonl").exists()


def test_results_in_a_missing_folder_is_refused(emulator: Emulator, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.jsonl"
    write_inputs(inputs, 3)
    stderr = one_line_refusal(emulator, inputs, "--results", str(tmp_path / "no" / "j.jsonl"))
    assert "does not exist" in stderr


def test_undecodable_inputs_are_refused_naming_the_line(emulator: Emulator, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.jsonl"
    text = json.dumps({"prompt": "a", "image_urls": [IMAGE]}) + "\n"
    inputs.write_bytes((text + '{"prompt": "caf\u00e9"}\n').encode("latin-1"))
    stderr = one_line_refusal(emulator, inputs)
    assert "not UTF-8" in stderr
    assert "line 2" in stderr


def test_stdin_needs_a_results_file_and_then_runs(emulator: Emulator, tmp_path: Path) -> None:
    env = {**os.environ, "RUNCOMFY_API_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": emulator.base_url}
    text = "".join(json.dumps({"prompt": f"p{i}", "image_urls": [IMAGE]}) + "\n" for i in range(3))
    command = [sys.executable, "-m", "runcomfy_models", "run", MODEL, "--batch", "-"]
    refused = subprocess.run(
        command,
        check=False,
        input=text,
        cwd=generated_tree(),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2
    assert "--results" in refused.stderr
    journal = tmp_path / "stdin.results.jsonl"
    ran = subprocess.run(
        [*command, "--results", str(journal)],
        check=False, input=text, cwd=generated_tree(), env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert "3 of 3 inputs succeeded" in ran.stderr
    assert "standard input" not in ran.stderr
    assert emulator.count("submit") == 3


def test_no_media_is_honoured_in_batch_mode(emulator: Emulator, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.jsonl"
    inputs.write_text(json.dumps({"prompt": "a", "image_urls": [UNREACHABLE]}) + "\n")
    process = batch(emulator, inputs)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "line 1: image_urls[0]" in stderr
    assert emulator.count("submit") == 0
    process = batch(emulator, inputs, "--no-media")
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert emulator.count("submit") == 1


def validate(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "runcomfy_models", "validate", MODEL, str(path), *extra]
    return subprocess.run(
        command, check=False, cwd=generated_tree(), capture_output=True, text=True, timeout=60
    )


def test_validate_gives_one_verdict_per_line_of_a_json_lines_file(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.jsonl"
    lines = [
        json.dumps({"prompt": "a", "image_urls": [IMAGE]}),
        "",
        json.dumps({"prompt": "b", "image_urls": [IMAGE], "seed": "x"}),
        "[1]",
        json.dumps({"prompt": "a", "image_urls": [IMAGE]}),
    ]
    inputs.write_text("\n".join(lines) + "\n")
    result = validate(inputs)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[:2] == ["line 1: valid", "line 3: invalid"]
    assert "line 4: invalid\n  - not a JSON object" in result.stdout
    assert "line 5: valid" in result.stdout
    assert f"{MODEL}: 2 of 4 lines valid" in result.stdout
    unnamed = tmp_path / "inputs.txt"  # no .jsonl name: told apart by its content
    unnamed.write_text(lines[0] + "\n" + lines[4] + "\n")
    result = validate(unnamed)
    assert result.returncode == 0, result.stderr
    assert "2 of 2 lines valid" in result.stdout


def test_validate_json_lines_reads_media_unless_told_not_to(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.jsonl"
    inputs.write_text(json.dumps({"prompt": "a", "image_urls": [UNREACHABLE]}) + "\n")
    assert validate(inputs).returncode == 1
    assert validate(inputs, "--no-media").returncode == 0


def test_results_naming_the_inputs_file_is_refused(emulator: Emulator, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.jsonl"
    write_inputs(inputs, 2)
    before = inputs.read_bytes()
    stderr = one_line_refusal(emulator, inputs, "--results", str(tmp_path / "." / "inputs.jsonl"))
    assert "is the inputs file itself" in stderr
    assert inputs.read_bytes() == before


def test_ctrl_c_while_inputs_are_checked_is_no_traceback(
    emulator: Emulator, tmp_path: Path
) -> None:
    inputs = tmp_path / "inputs.jsonl"
    # A journal from an earlier run: it is locked (its lock file made) before the checks,
    # which says when they have started (a new journal is made only after them).
    write_inputs(inputs, 1)
    first = batch(emulator, inputs, "--no-media")
    _, stderr = first.communicate(timeout=120)
    assert first.returncode == 0, stderr
    lock = tmp_path / "inputs.results.jsonl.lock"
    lock.unlink(missing_ok=True)
    write_inputs(inputs, 20000)
    process = batch(emulator, inputs, "--no-media")
    deadline = time.monotonic() + 60
    while not lock.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "run the same command again to resume" in stderr
