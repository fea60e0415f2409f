"""The emulator validates off its event loop, with a bound: a submit whose input takes
too long to validate gets a 422 with an ``error_code``, other requests are answered
meanwhile, and SIGTERM still stops the process. Real HTTP on 127.0.0.1 throughout."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import httpx
import pytest
from pydantic import create_model

from runcomfy_models._runtime.core.model import InputModel, JsonSchema, OutputModel
from runcomfy_models._runtime.core.spec import ModelSpec
from runcomfy_models.testing import Emulator, serve
from tests.support.package import generated_tree

TOKEN = "t"
SLACK = 20.0
SLOW_FIELDS = 12  # each costs one bounded pattern match (about half a second)
HOSTILE = "a" * 200 + "!"
PATTERN = {"type": "string", "pattern": r"^(a|aa)+$"}

SlowInput: Any = create_model(  # type: ignore[call-overload]
    "SlowInput",
    __base__=InputModel[OutputModel],
    **{f"f{i}": (Annotated[str, JsonSchema(PATTERN)], "a") for i in range(SLOW_FIELDS)},
)
SPEC: ModelSpec[Any, Any] = ModelSpec("edge/slow", SlowInput, OutputModel, ())


def specs(model_id: str) -> ModelSpec[Any, Any]:
    return SPEC


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    with serve(Emulator(token=TOKEN, specs=specs, validation_timeout=2.0)) as served:
        yield served


def hostile_body() -> dict[str, str]:
    return {f"f{i}": HOSTILE for i in range(SLOW_FIELDS)}


def test_a_slow_submit_gets_a_422_and_others_are_answered_meanwhile(emulator: Emulator) -> None:
    headers = {"authorization": f"Bearer {TOKEN}"}
    answers: dict[str, httpx.Response] = {}

    def submit() -> None:
        answers["hostile"] = httpx.post(
            f"{emulator.base_url}/v1/models/edge/slow",
            json=hostile_body(),
            headers=headers,
            timeout=60,
        )

    started = time.monotonic()
    worker = threading.Thread(target=submit)
    worker.start()
    deadline = time.monotonic() + SLACK
    while emulator.count("submit") == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert emulator.count("submit") == 1
    other = httpx.get(f"{emulator.base_url}/v1/requests/abc/status", headers=headers, timeout=30)
    still_validating = "hostile" not in answers
    valid = httpx.post(
        f"{emulator.base_url}/v1/models/edge/slow", json={"f0": "aa"}, headers=headers, timeout=30
    )
    worker.join(2.0 + SLACK)
    assert other.status_code == 404  # answered: the loop was free
    assert still_validating  # ... while the hostile submit was still being validated
    assert valid.status_code == 200
    assert time.monotonic() - started < 2.0 + SLACK
    hostile = answers["hostile"]
    assert hostile.status_code == 422
    assert hostile.json()["error_code"] == 422001
    assert "could not be validated within 2 s" in hostile.json()["error_message"]


def test_a_hostile_value_within_the_bound_is_a_plain_422(emulator: Emulator) -> None:
    emulator.validation_timeout = 30.0  # one field: one bounded match, then a refusal
    answer = httpx.post(
        f"{emulator.base_url}/v1/models/edge/slow",
        json={"f0": HOSTILE},
        headers={"authorization": f"Bearer {TOKEN}"},
        timeout=60,
    )
    assert answer.status_code == 422
    assert [d["type"] for d in answer.json()["detail"]] == ["string_pattern_timeout"]


SERVER = textwrap.dedent("""
    import sys
    from runcomfy_models._runtime.cli.arguments import build_parser
    from runcomfy_models._runtime.cli.emulate import emulate
    from tests.runtime.testing.test_emulator_bounds import specs
    args = build_parser().parse_args(["emulate", "--port", "0", "--token", "t"])
    sys.exit(emulate(specs, args))
    """)


def test_sigterm_stops_the_emulator_while_it_validates(tmp_path: Path) -> None:
    root = str(Path(__file__).resolve().parents[3])
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([root, str(generated_tree())])},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert process.stderr is not None
        assert line.startswith("RUNCOMFY_BASE_URL="), line + process.stderr.read()
        base_url = line.strip().split("=", 1)[1]
        sent = threading.Thread(
            target=lambda: httpx.post(
                f"{base_url}/v1/models/edge/slow",
                json=hostile_body(),
                headers={"authorization": "Bearer t"},
                timeout=30,
            ),
            daemon=True,
        )
        sent.start()
        time.sleep(0.5)  # the submit is being validated now
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10 + SLACK) == 0  # not killed, not aborted
        assert process.stderr is not None
        assert "FATAL" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
