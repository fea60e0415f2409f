"""The command line and the emulator's https outputs: ``emulate --https-outputs`` prints
its CA, ``run --download`` and ``download`` trust it with ``--ca-file`` (or
``$RUNCOMFY_OUTPUTS_CA``, or httpx's ``SSL_CERT_FILE``), and without it a download is
refused with a warning that says why, never a second job."""

from __future__ import annotations

import json
import os
import signal
import ssl
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from runcomfy_models import get_model
from runcomfy_models.testing import Emulator, serve
from tests.support.batches import batch, finals, write_inputs
from tests.support.emulated import PAYLOADS, QUICK, TOKEN
from tests.support.package import generated_tree

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"


@pytest.fixture(scope="module")
def https() -> Iterator[Emulator]:
    with serve(Emulator(token=TOKEN, specs=get_model, plan=QUICK, https_outputs=True)) as made:
        yield made


@pytest.fixture
def emulator(https: Emulator) -> Emulator:
    https.reset(QUICK)
    return https


def ca_of(emulator: Emulator) -> str:
    assert emulator.outputs_ca is not None
    return emulator.outputs_ca


_TRUST = ("SSL_CERT_FILE", "SSL_CERT_DIR", "RUNCOMFY_OUTPUTS_CA")


def cli(emulator: Emulator, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The command line against ``emulator``, trusting only what ``env`` says."""
    environment = {
        **{k: v for k, v in os.environ.items() if k not in _TRUST},
        "RUNCOMFY_API_TOKEN": TOKEN,
        "RUNCOMFY_BASE_URL": emulator.base_url,
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "runcomfy_models", *args],
        cwd=generated_tree(),
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def run(
    emulator: Emulator, tmp_path: Path, *extra: str, **env: str
) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "payload.json"
    path.write_text(json.dumps(PAYLOADS[MODEL]), "utf-8")
    return cli(emulator, "run", MODEL, str(path), *extra, **env)


def test_run_download_with_ca_file(emulator: Emulator, tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = run(emulator, tmp_path, "--download", str(out), "--ca-file", ca_of(emulator))
    assert process.returncode == 0, process.stderr
    assert "warning" not in process.stderr
    assert json.loads(process.stdout)["output"]["video"].startswith("https://localhost:")
    assert (out / "output.mp4").read_bytes()[4:8] == b"ftyp"
    assert emulator.count("submit") == 1
    assert emulator.files_with_credentials == 0


def test_run_download_trusts_the_printed_environment_variable(
    emulator: Emulator, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    process = run(emulator, tmp_path, "--download", str(out), RUNCOMFY_OUTPUTS_CA=ca_of(emulator))
    assert process.returncode == 0, process.stderr
    assert "warning" not in process.stderr
    assert (out / "output.mp4").read_bytes()[4:8] == b"ftyp"


def test_without_the_ca_the_download_is_refused_and_the_job_never_rerun(
    emulator: Emulator, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    process = run(emulator, tmp_path, "--download", str(out))
    assert process.returncode == 0, process.stderr  # the job succeeded and was paid for
    request_id = json.loads(process.stdout)["request_id"]
    assert "certificate is not trusted" in process.stderr
    assert "--ca-file" in process.stderr
    assert f"python -m runcomfy_models download {request_id}" in process.stderr
    assert not (out / "output.mp4").exists()
    again = cli(emulator, "download", request_id, "--out", str(out), "--ca-file", ca_of(emulator))
    assert again.returncode == 0, again.stderr
    assert (out / "output.mp4").read_bytes()[4:8] == b"ftyp"
    assert emulator.count("submit") == 1


def test_download_honours_ssl_cert_file_as_httpx_does(emulator: Emulator, tmp_path: Path) -> None:
    """httpx (trust_env, the default) takes SSL_CERT_FILE in place of certifi's CAs."""
    first = run(emulator, tmp_path, SSL_CERT_FILE=ca_of(emulator))
    request_id = json.loads(first.stdout)["request_id"]
    out = tmp_path / "out"
    process = cli(
        emulator, "download", request_id, "--out", str(out), SSL_CERT_FILE=ca_of(emulator)
    )
    assert process.returncode == 0, process.stderr
    assert (out / "output.mp4").read_bytes()[4:8] == b"ftyp"


@pytest.mark.parametrize("source", ["flag", "environment"])
def test_a_bad_ca_file_is_a_usage_error_before_any_submit(
    emulator: Emulator, tmp_path: Path, source: str
) -> None:
    missing = tmp_path / "gone" / "ca.pem"
    if source == "flag":
        process = run(
            emulator, tmp_path, "--download", str(tmp_path / "o"), "--ca-file", str(missing)
        )
        expected = f"error: --ca-file {missing}: cannot be read (No such file or directory)"
    else:
        process = run(
            emulator, tmp_path, "--download", str(tmp_path / "o"), RUNCOMFY_OUTPUTS_CA=str(missing)
        )
        expected = f"error: RUNCOMFY_OUTPUTS_CA {missing}: cannot be read"
    assert process.returncode == 2
    (line,) = process.stderr.strip().splitlines()
    assert line.startswith(expected), line
    assert emulator.count("submit") == 0
    not_pem = tmp_path / "not.pem"
    not_pem.write_text("hello", "ascii")
    refused = cli(emulator, "download", "abc", "--out", str(tmp_path), "--ca-file", str(not_pem))
    assert refused.returncode == 2
    assert refused.stderr.strip() == f"error: --ca-file {not_pem}: holds no PEM certificate"


def test_a_stale_environment_ca_matters_only_to_downloads(
    emulator: Emulator, tmp_path: Path
) -> None:
    process = run(emulator, tmp_path, RUNCOMFY_OUTPUTS_CA=str(tmp_path / "gone.pem"))
    assert process.returncode == 0, process.stderr


def test_a_batch_downloads_with_the_ca(emulator: Emulator, tmp_path: Path) -> None:
    inputs = tmp_path / "inputs.jsonl"
    write_inputs(inputs, 2)
    out = tmp_path / "out"
    process = batch(emulator, inputs, "--download", str(out), "--ca-file", ca_of(emulator))
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    journal = tmp_path / "inputs.results.jsonl"
    assert {r["kind"] for r in finals(journal).values()} == {"succeeded"}
    saved = sorted(p.name for p in out.rglob("*.mp4"))
    assert saved == ["output.mp4", "output.mp4"]


def test_emulate_https_outputs_prints_its_ca(tmp_path: Path) -> None:
    command = ["emulate", "--port", "0", "--token", "t0k", "--https-outputs"]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "runcomfy_models",
            *command,
            "--queue-seconds",
            "0",
            "--run-seconds",
            "0",
        ],
        cwd=generated_tree(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip().split("=", 1)[1]
        assert process.stdout.readline().strip() == "RUNCOMFY_API_TOKEN=t0k"
        name, ca = process.stdout.readline().strip().split("=", 1)
        assert name == "RUNCOMFY_OUTPUTS_CA"
        assert Path(ca).read_text("ascii").startswith("-----BEGIN CERTIFICATE-----")
        assert base_url.startswith("http://127.0.0.1:")
        headers = {"Authorization": "Bearer t0k"}
        ok = httpx.post(f"{base_url}/v1/models/{MODEL}", json=PAYLOADS[MODEL], headers=headers)
        request_id = ok.json()["request_id"]
        result = httpx.get(f"{base_url}/v1/requests/{request_id}/result", headers=headers).json()
        video = result["output"]["video"]
        assert video.startswith("https://localhost:")
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            httpx.get(video)
        assert (
            httpx.get(video, verify=ssl.create_default_context(cafile=ca)).content[4:8] == b"ftyp"
        )
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0
    assert not Path(ca).exists()


def test_emulate_without_https_outputs_prints_no_ca() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "runcomfy_models", "emulate", "--port", "0"],
        cwd=generated_tree(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline().strip() for _ in range(3)]
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0
    assert [line.split("=")[0] for line in lines[:2]] == ["RUNCOMFY_BASE_URL", "RUNCOMFY_API_TOKEN"]
    assert "model(s)" in lines[2]
