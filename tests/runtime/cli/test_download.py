"""Downloads after a paid job: a refusal that names its remedy, ``run --download`` that
never invites a resubmit, and ``download REQUEST_ID`` that fetches outputs again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from runcomfy_models import Client, DownloadError, DownloadLimits, download_outputs
from runcomfy_models._runtime.cli.download import download_command
from runcomfy_models.testing import Emulator, Fault, JobPlan
from tests.support.emulated import PAYLOADS, TOKEN, payload
from tests.support.package import generated_tree

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"


def cli(emulator: Emulator, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RUNCOMFY_API_TOKEN": TOKEN, "RUNCOMFY_BASE_URL": emulator.base_url}
    return subprocess.run(
        [sys.executable, "-m", "runcomfy_models", *args],
        cwd=generated_tree(),
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def run(emulator: Emulator, tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "payload.json"
    path.write_text(json.dumps(PAYLOADS[MODEL]), "utf-8")
    return cli(emulator, tmp_path, "run", MODEL, str(path), *extra)


def test_the_http_refusal_names_the_remedy(client: Client, tmp_path: Path) -> None:
    result = client.run(payload(), timeout=10)
    with pytest.raises(DownloadError) as info:
        download_outputs(result, tmp_path)
    assert "only https URLs are fetched" in str(info.value)
    assert "DownloadLimits(allow_http=True)" in str(info.value)
    assert "--allow-http" in str(info.value)
    assert list(tmp_path.iterdir()) == []
    (path,) = download_outputs(result, tmp_path, limits=DownloadLimits(allow_http=True))
    assert path.read_bytes()[4:8] == b"ftyp"


def test_other_schemes_are_refused_without_the_http_remedy(tmp_path: Path) -> None:
    with pytest.raises(DownloadError) as info:
        download_outputs(["ftp://example.com/out.mp4"], tmp_path)
    assert "allow_http" not in str(info.value)


def test_run_download_refused_exits_0_with_a_warning_and_the_command(
    emulator: Emulator, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    process = run(emulator, tmp_path, "--download", str(out))
    assert process.returncode == 0, process.stderr
    result = json.loads(process.stdout)
    assert result["status"] == "succeeded"
    request_id = result["request_id"]
    assert "warning:" in process.stderr
    assert "--allow-http" in process.stderr
    assert f"python -m runcomfy_models download {request_id}" in process.stderr
    assert "do not run the job again" in process.stderr
    assert emulator.count("submit") == 1
    # The suggested command fetches the outputs without a second submit.
    again = cli(emulator, tmp_path, "download", request_id, "--out", str(out), "--allow-http")
    assert again.returncode == 0, again.stderr
    assert (out / "output.mp4").read_bytes()[4:8] == b"ftyp"
    assert json.loads(again.stdout)["request_id"] == request_id
    assert emulator.count("submit") == 1
    assert emulator.files_with_credentials == 0
    for output in (process, again):
        assert TOKEN not in output.stdout + output.stderr


def test_download_into_a_regular_file_is_a_usage_error(emulator: Emulator, tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.write_text("x", "utf-8")
    process = cli(emulator, tmp_path, "download", "abc", "--out", str(taken / "sub"))
    assert process.returncode == 2
    assert process.stderr.strip().splitlines() == [
        f"error: {taken}: not a directory, so the outputs cannot be saved in {taken / 'sub'}"
    ]
    assert emulator.count("status") == 0


def test_run_download_failing_server_side_exits_0(emulator: Emulator, tmp_path: Path) -> None:
    emulator.inject(Fault("files", "http_status", status=503, times=None))
    process = run(emulator, tmp_path, "--download", str(tmp_path / "out"), "--allow-http")
    assert process.returncode == 0, process.stderr
    assert "HTTP 503" in process.stderr
    assert "download " in process.stderr
    assert emulator.count("submit") == 1


def test_run_download_into_a_regular_file_is_refused_before_submitting(
    emulator: Emulator, tmp_path: Path
) -> None:
    taken = tmp_path / "taken"
    taken.write_text("not a folder", "utf-8")
    process = run(emulator, tmp_path, "--download", str(taken), "--allow-http")
    assert process.returncode == 2
    assert "not a directory" in process.stderr
    assert "Traceback" not in process.stderr
    assert emulator.count("submit") == 0


def test_download_waits_for_a_running_job(emulator: Emulator, tmp_path: Path) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0.2, run_seconds=0.3))
    with Client(TOKEN, base_url=emulator.base_url) as made:
        request_id = made.submit(payload()).request_id
    process = cli(
        emulator, tmp_path, "download", request_id, "--out", str(tmp_path), "--allow-http"
    )
    assert process.returncode == 0, process.stderr
    assert (tmp_path / "output.mp4").stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600
    assert f"saved {tmp_path / 'output.mp4'}" in process.stderr


def test_download_of_a_failed_or_unknown_job(emulator: Emulator, tmp_path: Path) -> None:
    emulator.plan_next(JobPlan(0, 0, outcome="failed", error="out of memory"))
    with Client(TOKEN, base_url=emulator.base_url) as made:
        request_id = made.submit(payload()).request_id
    process = cli(emulator, tmp_path, "download", request_id, "--out", str(tmp_path))
    assert process.returncode == 1
    assert "out of memory" in process.stderr
    assert "Traceback" not in process.stderr
    process = cli(emulator, tmp_path, "download", "no-such-request", "--out", str(tmp_path))
    assert process.returncode == 1
    assert "NotFoundError" in process.stderr
    assert emulator.count("submit") == 1


def test_download_that_times_out_says_how_to_go_on(emulator: Emulator, tmp_path: Path) -> None:
    emulator.plan_next(JobPlan(queue_seconds=3600))
    with Client(TOKEN, base_url=emulator.base_url) as made:
        request_id = made.submit(payload()).request_id
    process = cli(emulator, tmp_path, "download", request_id, "--timeout", "0.3")
    assert process.returncode == 1
    assert "may still be running" in process.stderr
    assert f"python -m runcomfy_models download {request_id}" in process.stderr


@pytest.mark.parametrize(
    "request_id", ["../../etc/passwd", "bad id", "", "a" * 129, "caf\u00e9", "a/b", "%2e%2e"]
)
def test_download_of_a_malformed_request_id_is_a_usage_error(
    emulator: Emulator, tmp_path: Path, request_id: str
) -> None:
    result = cli(emulator, tmp_path, "download", request_id, "--out", str(tmp_path))
    assert result.returncode == 2  # a usage error, like any other bad argument
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: request id: ")
    assert "is not a request id of RunComfy's form" in line
    assert emulator.count("status") == 0  # refused before anything was sent
    assert list(tmp_path.iterdir()) == []


def test_a_malformed_request_id_is_refused_before_the_token_is_needed(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNCOMFY_")}
    result = subprocess.run(
        [sys.executable, "-m", "runcomfy_models", "download", "bad id", "--out", str(tmp_path)],
        cwd=generated_tree(),
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: request id: 'bad id' is not a request id")


def test_the_command_to_go_on_keeps_the_environment_and_the_invoked_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    again = download_command("abc", Path("out dir"), allow_http=False, environment="development")
    assert (
        again == "python -m runcomfy_models download abc --out 'out dir' --environment development"
    )
    monkeypatch.setattr(sys, "argv", ["/usr/local/bin/runcomfy-models", "download", "abc"])
    again = download_command("abc", Path("out"), allow_http=True)
    assert again == "runcomfy-models download abc --out out --allow-http"
