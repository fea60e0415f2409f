"""The API token never appears in a repr, a log line, an exception text or a file."""

from __future__ import annotations

import logging
import pickle
from pathlib import Path

import pytest

from runcomfy_models import (
    Client,
    DownloadLimits,
    RunComfyError,
    download_outputs,
    get_model,
)
from runcomfy_models._runtime.client.transport import Secret
from runcomfy_models.models.bytedance_dreamina_3_0_pro_image_to_video import Output
from runcomfy_models.testing import Emulator, Fault, JobPlan, serve
from tests.support.emulated import FAST_POLL, FAST_RETRY, QUICK, TOKEN, payload


def test_token_is_absent_from_reprs_logs_errors_and_files(
    emulator: Emulator, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger: ours, httpx, httpcore, uvicorn
    texts: list[str] = []
    with Client(TOKEN, base_url=emulator.base_url, retry=FAST_RETRY, poll=FAST_POLL) as client:
        texts += [repr(client), str(client), repr(client._transport), repr(client._transport.token)]
        emulator.plan_next(JobPlan(0.01, 0.01), JobPlan(0.01, 0.01, outcome="failed"))
        result = client.run(payload(), timeout=10)
        texts += [repr(result), repr(client.job(result.request_id, Output))]
        download_outputs(result, tmp_path, limits=DownloadLimits(allow_http=True))
        faults = [
            Fault("status", "http_status", status=401),
            Fault("status", "rate_limit", times=None),
            Fault("status", "html", status=503),
        ]
        job = client.submit(payload())
        for fault in faults:
            emulator.reset(JobPlan(0.01, 0.01))
            emulator.inject(fault)
            with pytest.raises(RunComfyError) as info:
                client.job(job.request_id, Output).status()
            texts += [str(info.value), repr(info.value), repr(info.value.__dict__)]
        emulator.inject(Fault("submit", "lost_submit"))
        with pytest.raises(RunComfyError) as info:
            client.submit(payload())
        texts += [str(info.value), repr(info.value)]
    texts += [record.getMessage() for record in caplog.records]
    texts += [caplog.text]
    assert len(caplog.records) > 10  # the sweep saw real traffic
    assert any("GET /v1/requests/" in text for text in texts)
    for text in texts:
        assert TOKEN not in text
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes()


def test_secret_hides_itself() -> None:
    secret = Secret(TOKEN)
    assert TOKEN not in f"{secret} {secret!r} {secret!s}"
    assert secret.reveal() == TOKEN
    with pytest.raises(TypeError):
        pickle.dumps(secret)


def test_a_one_letter_token_does_not_garble_the_answers() -> None:
    """Scrubbing a token out of answers must never break their JSON (``t`` is in every key)."""
    with (
        serve(Emulator(token="t", specs=get_model, plan=QUICK)) as emulator,
        Client("t", base_url=emulator.base_url, retry=FAST_RETRY, poll=FAST_POLL) as client,
    ):
        job = client.submit(payload(), validate=False)
        assert job.request_id in emulator.jobs
        assert job.wait(10).output.urls()
