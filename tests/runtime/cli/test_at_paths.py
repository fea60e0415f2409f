"""``"@path"`` in the CLI's JSON payloads: a local file sent as a data: URI, by run and batch."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from runcomfy_models._runtime.cli.batch_inputs import content_key, input_key
from runcomfy_models._runtime.media.cap import max_local_bytes
from runcomfy_models.testing import Emulator
from tests.support.batches import batch
from tests.support.emulated import TOKEN
from tests.support.media_files import image
from tests.support.package import generated_tree

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"
PNG = image("PNG", 640, 480)
PNG_URI = "data:image/png;base64," + base64.b64encode(PNG).decode()


def run(emulator: Emulator, payload: dict[str, object], folder: Path) -> subprocess.Popen[str]:
    path = folder / "payload.json"
    path.write_text(json.dumps(payload), "utf-8")
    env = {**os.environ, "RUNCOMFY_API_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": emulator.base_url}
    return subprocess.Popen(
        [sys.executable, "-m", "runcomfy_models", "run", MODEL, str(path)],
        cwd=folder,
        env={**env, "PYTHONPATH": str(generated_tree())},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_run_sends_an_at_path_as_a_data_uri(emulator: Emulator, tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(PNG)
    process = run(emulator, {"prompt": "x", "image_urls": ["@photo.png"]}, tmp_path)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    (job,) = emulator.jobs.values()
    assert job.payload["image_urls"] == [PNG_URI]


def test_an_at_path_naming_no_file_is_an_error_naming_the_field(
    emulator: Emulator, tmp_path: Path
) -> None:
    process = run(emulator, {"prompt": "x", "image_urls": ["@missing.png"]}, tmp_path)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "image_urls[0]: '@missing.png' names no file" in stderr
    assert "Traceback" not in stderr
    assert emulator.count("submit") == 0


def test_run_never_reads_a_bare_path_string(emulator: Emulator, tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_bytes(PNG)
    process = run(emulator, {"prompt": "x", "image_urls": ["photo.png"]}, tmp_path)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert "image_urls[0]: 'photo.png' is not an https URL or a data: URI" in stderr
    assert 'to send a local file, write "@photo.png"' in stderr
    assert emulator.count("submit") == 0


def test_batch_sends_at_paths_as_data_uris(emulator: Emulator, tmp_path: Path) -> None:
    photo = tmp_path / "photo.png"
    photo.write_bytes(PNG)
    inputs = tmp_path / "inputs.jsonl"
    lines = [{"prompt": f"x{n}", "image_urls": [f"@{photo}"]} for n in range(2)]
    inputs.write_text("".join(json.dumps(line) + "\n" for line in lines), "utf-8")
    process = batch(emulator, inputs)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert [job.payload["image_urls"] for job in emulator.jobs.values()] == [[PNG_URI]] * 2
    inputs.write_text(json.dumps({"prompt": "y", "image_urls": ["@nope.png"]}) + "\n", "utf-8")
    process = batch(emulator, inputs)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "image_urls[0]: '@nope.png' names no file" in stderr
    assert emulator.count("submit") == 2


def batch_in(emulator: Emulator, inputs: Path, folder: Path, *extra: str) -> tuple[int, str]:
    """``run --batch INPUTS`` run from ``folder`` (where relative ``@path``s are read)."""
    env = {**os.environ, "RUNCOMFY_API_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": emulator.base_url}
    done = subprocess.run(
        [sys.executable, "-m", "runcomfy_models", "run", MODEL, "--batch", str(inputs), *extra],
        cwd=folder,
        env={**env, "PYTHONPATH": str(generated_tree())},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    return done.returncode, done.stderr


def test_a_batch_keys_an_at_path_by_the_file_bytes_not_its_name(
    emulator: Emulator, tmp_path: Path
) -> None:
    """A changed file is a new input; the same bytes are the same input from any folder."""
    other_png = image("PNG", 800, 600)
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(json.dumps({"prompt": "x", "image_urls": ["@x.png"]}) + "\n", "utf-8")
    (tmp_path / "x.png").write_bytes(PNG)
    code, stderr = batch_in(emulator, inputs, tmp_path)
    assert code == 0, stderr
    assert emulator.count("submit") == 1
    # Unchanged bytes: nothing submitted again.
    code, stderr = batch_in(emulator, inputs, tmp_path)
    assert code == 0, stderr
    assert emulator.count("submit") == 1
    # The same bytes under the same name in another folder: still the same input.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.png").write_bytes(PNG)
    code, stderr = batch_in(emulator, inputs, elsewhere)
    assert code == 0, stderr
    assert emulator.count("submit") == 1
    # Another file under the same name (another folder, then the file replaced): new inputs.
    (elsewhere / "x.png").write_bytes(other_png)
    code, stderr = batch_in(emulator, inputs, elsewhere)
    assert code == 0, stderr
    assert emulator.count("submit") == 2
    (tmp_path / "x.png").write_bytes(image("PNG", 700, 500))
    code, stderr = batch_in(emulator, inputs, tmp_path)
    assert code == 0, stderr
    assert emulator.count("submit") == 3
    sent = [job.payload["image_urls"][0] for job in emulator.jobs.values()]
    assert len(set(sent)) == 3
    assert sent[1] == "data:image/png;base64," + base64.b64encode(other_png).decode()
    journal = [
        json.loads(line) for line in (tmp_path / "in.results.jsonl").read_text().splitlines()
    ]
    succeeded = [r for r in journal if r.get("kind") == "succeeded"]
    assert len({r["key"] for r in succeeded}) == 3


def test_a_journal_of_an_earlier_version_is_not_resubmitted_silently(
    emulator: Emulator, tmp_path: Path
) -> None:
    """Earlier versions keyed an ``@path`` line by its text: such a journal's input is taken
    as already run (with a warning), never submitted again on its own."""
    from runcomfy_models._runtime.cli.batch_inputs import input_key

    line = {"prompt": "x", "image_urls": ["@x.png"]}
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(json.dumps(line) + "\n", "utf-8")
    (tmp_path / "x.png").write_bytes(PNG)
    code, stderr = batch_in(emulator, inputs, tmp_path)
    assert code == 0, stderr
    journal = tmp_path / "in.results.jsonl"
    records = [json.loads(text) for text in journal.read_text().splitlines()]
    old_key = input_key(MODEL, line)
    for record in records:
        if "key" in record:
            record["key"] = old_key  # as an earlier version wrote it
    journal.write_text("".join(json.dumps(r) + "\n" for r in records))
    code, stderr = batch_in(emulator, inputs, tmp_path)
    assert code == 0, stderr
    assert "journaled by an earlier version" in stderr
    assert emulator.count("submit") == 1
    # And again: still never submitted on its own.
    code, stderr = batch_in(emulator, inputs, tmp_path)
    assert code == 0, stderr
    assert emulator.count("submit") == 1


def test_a_batch_never_reads_a_file_over_the_cap_to_key_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keying hashes the file; over the local media cap it is not read (validation then
    refuses it by its size alone)."""
    monkeypatch.chdir(tmp_path)
    Path("small.png").write_bytes(b"x" * 10)
    Path("big.png").write_bytes(b"x" * 11)
    with max_local_bytes(10):
        small = content_key("m", {"image_url": "@small.png"}, ["image_url"])
        over = content_key("m", {"image_url": "@big.png"}, ["image_url"])
    assert over == input_key("m", {"image_url": "@big.png"})  # by its name: never hashed
    assert small != input_key("m", {"image_url": "@small.png"})  # by its bytes
