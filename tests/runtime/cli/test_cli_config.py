"""The command line's configuration (issue #16 review): a bad environment or base URL is
one line and exit 2 on every command that talks to the API, ``--environment`` chooses the
API, ``--help`` names the invoked command, and a closed pipe ends it quietly.

``--environment`` is seen through a proxy on 127.0.0.1 (``HTTPS_PROXY``) that records
the host each ``CONNECT`` asks for and refuses it: nothing leaves the machine.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from runcomfy_models.testing import Emulator
from tests.support.emulated import PAYLOADS, TOKEN
from tests.support.package import generated_tree

MODEL = "bytedance/dreamina-3-0/pro/image-to-video"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNCOMFY_")}
    env = {
        k: v for k, v in env.items() if k.lower() not in ("no_proxy", "https_proxy", "all_proxy")
    }
    return {**env, "PYTHONPATH": str(generated_tree()), "RUNCOMFY_API_TOKEN": TOKEN, **extra}


def cli(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "runcomfy_models", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _commands(folder: Path) -> dict[str, list[str]]:
    payload = folder / "payload.json"
    payload.write_text(json.dumps(PAYLOADS[MODEL]), "utf-8")
    inputs = folder / "in.jsonl"
    inputs.write_text(json.dumps(PAYLOADS[MODEL]) + "\n", "utf-8")
    return {
        "run": ["run", MODEL, str(payload)],
        "estimate": ["run", MODEL, str(payload), "--estimate"],
        "batch": ["run", MODEL, "--batch", str(inputs)],
        "download": ["download", "abc", "--out", str(folder / "out")],
    }


@pytest.mark.parametrize("command", ["run", "estimate", "batch", "download"])
@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("RUNCOMFY_API_ENVIRONMENT", "staging", "unknown RunComfy environment 'staging'"),
        ("RUNCOMFY_BASE_URL", "ftp://x", "base URL 'ftp://x'"),
    ],
    ids=["environment", "base-url"],
)
def test_a_bad_configuration_is_one_line_and_exit_2(
    tmp_path: Path, command: str, variable: str, value: str, said: str
) -> None:
    result = cli(tmp_path, _env(**{variable: value}), *_commands(tmp_path)[command])
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"error: {said}"), result.stderr
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert not (tmp_path / "in.results.jsonl").exists()


class _Proxy:
    """A proxy on 127.0.0.1 that records each CONNECT target and refuses it."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.targets: list[str] = []
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(5)
                try:
                    head = connection.recv(65536).decode("latin-1")
                    self.targets.append(head.split("\r\n")[0])
                    connection.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    pass


@pytest.fixture
def proxy() -> Iterator[_Proxy]:
    made = _Proxy()
    yield made
    made.server.close()


@pytest.mark.parametrize(
    ("environment", "host"),
    [("development", "model-api-int.runcomfy.net"), ("production", "model-api.runcomfy.net")],
)
@pytest.mark.parametrize("command", ["run", "download"])
def test_the_environment_flag_chooses_the_api_over_the_variables(
    tmp_path: Path, emulator: Emulator, proxy: _Proxy, environment: str, host: str, command: str
) -> None:
    env = _env(
        RUNCOMFY_BASE_URL=emulator.base_url,  # loses to the flag
        RUNCOMFY_API_ENVIRONMENT="development" if environment == "production" else "production",
        HTTPS_PROXY=proxy.url,
    )
    args = _commands(tmp_path)[command]
    result = cli(tmp_path, env, *args, "--environment", environment, "--timeout", "3")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert proxy.targets
    assert all(t == f"CONNECT {host}:443 HTTP/1.1" for t in proxy.targets)
    assert emulator.count("submit") == 0
    assert emulator.count("status") == 0


def test_an_unknown_environment_flag_is_a_usage_error(tmp_path: Path) -> None:
    result = cli(tmp_path, _env(), *_commands(tmp_path)["run"], "--environment", "staging")
    assert result.returncode == 2
    assert "invalid choice: 'staging'" in result.stderr


def test_run_help_names_the_environments_and_at_paths(tmp_path: Path) -> None:
    result = cli(tmp_path, _env(), "run", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "--environment {production,development}" in text
    assert "RUNCOMFY_API_ENVIRONMENT" in text
    assert "RUNCOMFY_BASE_URL" in text
    assert '"@photo.png"' in text
    for command in ("download", "run"):
        shown = cli(tmp_path, _env(), command, "--help").stdout
        assert "--environment" in shown


def test_help_names_the_command_as_it_was_invoked(tmp_path: Path) -> None:
    script = tmp_path / "runcomfy-models"
    script.write_text(
        f"#!{sys.executable}\nfrom runcomfy_models.__main__ import console\nconsole()\n", "utf-8"
    )
    script.chmod(0o755)
    shown = subprocess.run(
        [str(script), "-h"], env=_env(), capture_output=True, text=True, timeout=60, check=False
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("usage: runcomfy-models "), shown.stdout
    module = cli(tmp_path, _env(), "-h")
    assert module.stdout.startswith("usage: python -m runcomfy_models "), module.stdout


def test_a_closed_pipe_ends_the_listing_quietly(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "runcomfy_models", "models"],
        cwd=tmp_path,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # as `| head` does once it has read enough
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert stderr == ""
    assert process.returncode == 141
