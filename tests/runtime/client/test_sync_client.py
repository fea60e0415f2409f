"""The generated blocking client against the emulator on loopback: the whole lifecycle."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest

from runcomfy_models import (
    APIError,
    AuthenticationError,
    Client,
    ConnectionFailedError,
    DownloadError,
    DownloadLimits,
    InsufficientBalanceError,
    InvalidInputError,
    JobCancelledError,
    JobFailedError,
    JobNotFinishedError,
    JobStatus,
    MediaValidationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    SubmitOutcomeUnknownError,
    WaitTimeoutError,
    download_outputs,
    get_model,
)
from runcomfy_models.models.bytedance_dreamina_3_0_pro_image_to_video import Input, Output
from runcomfy_models.testing import Emulator, Fault, JobPlan
from tests.support.emulated import FAST_POLL, FAST_RETRY, PAYLOADS, TOKEN, payload, png_data_uri

HOUR = 3600.0


@pytest.mark.parametrize("model_id", sorted(PAYLOADS))
def test_run_returns_the_models_typed_output(client: Client, model_id: str) -> None:
    spec = get_model(model_id)
    result = client.run(payload(model_id), timeout=10)
    assert isinstance(result.output, spec.output)
    assert result.output.video is not None
    assert result.output.video.endswith("/output.mp4")
    assert result.created_at is not None
    assert result.finished_at is not None


def test_submit_status_result_step_by_step(client: Client, emulator: Emulator) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0.2, run_seconds=0.2))
    job = client.submit(payload())
    first = job.status()
    assert (first.state, first.queue_position) == ("in_queue", 0)
    with pytest.raises(JobNotFinishedError):
        job.result()
    seen: list[JobStatus] = []
    result = job.wait(10, on_update=seen.append)
    assert [s.state for s in seen] == ["in_queue", "in_progress", "completed"]
    assert isinstance(result.output, Output)
    assert emulator.jobs[job.request_id].payload == {
        "prompt": "a cat",
        "image_urls": [PAYLOADS["bytedance/dreamina-3-0/pro/image-to-video"]["image_urls"][0]],
    }


def test_result_says_succeeded_where_status_says_completed(client: Client) -> None:
    job = client.submit(payload())
    job.wait(10)
    assert job.status().raw_status == "completed"
    assert job.result().raw["status"] == "succeeded"
    assert job.result().cost is None
    # No duration field: the emulator's default 0.10 USD/second times its 2 s clip.
    assert job.result(include_cost=True).cost == Decimal("0.2")


def test_a_handle_can_be_rebuilt_from_the_request_id(client: Client) -> None:
    request_id = client.submit(payload()).request_id
    rebuilt = client.job(request_id, Output)
    assert isinstance(rebuilt.wait(10).output, Output)


def test_cancel_while_queued_and_while_running(client: Client, emulator: Emulator) -> None:
    emulator.plan_next(JobPlan(queue_seconds=HOUR), JobPlan(queue_seconds=0, run_seconds=HOUR))
    queued, running = client.submit(payload()), client.submit(payload())
    outcome = queued.cancel()
    assert (outcome.cancelled, outcome.outcome) == (True, "cancelled")
    with pytest.raises(JobCancelledError):
        queued.wait(5)
    outcome = running.cancel()
    assert (outcome.cancelled, outcome.outcome, outcome.status) == (
        False,
        "not_cancellable",
        "in_progress",
    )
    assert running.status().state == "in_progress"


def test_failed_job_raises_with_the_servers_error(client: Client, emulator: Emulator) -> None:
    emulator.plan_next(JobPlan(0.01, 0.01, outcome="failed", error="NSFW content detected"))
    job = client.submit(payload())
    with pytest.raises(JobFailedError) as info:
        job.wait(10)
    assert info.value.error == {"code": "model_error", "message": "NSFW content detected"}
    assert info.value.request_id == job.request_id
    assert "NSFW content detected" in str(info.value)


def test_wait_stops_at_its_deadline_and_can_cancel(client: Client, emulator: Emulator) -> None:
    emulator.plan_next(JobPlan(queue_seconds=HOUR), JobPlan(queue_seconds=HOUR))
    job = client.submit(payload())
    started = time.monotonic()
    with pytest.raises(WaitTimeoutError) as info:
        job.wait(0.3)
    assert 0.3 <= time.monotonic() - started < 3
    assert (info.value.last_status, info.value.cancelled) == ("in_queue", False)
    other = client.submit(payload())
    with pytest.raises(WaitTimeoutError) as info:
        other.wait(0.1, cancel_on_timeout=True)
    assert info.value.cancelled
    assert other.status().state == "cancelled"


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, InvalidInputError),
        (401, AuthenticationError),
        (402, InsufficientBalanceError),
        (403, PermissionDeniedError),
        (404, NotFoundError),
        (422, InvalidInputError),
    ],
)
def test_http_statuses_map_to_typed_errors(
    client: Client, emulator: Emulator, status: int, error: type[Exception]
) -> None:
    job = client.submit(payload())
    emulator.inject(Fault("status", "http_status", status=status))
    with pytest.raises(error) as info:
        job.status()
    assert f"HTTP {status}" in str(info.value)
    assert emulator.count("status") == 1  # client errors are not retried


@pytest.mark.parametrize(
    ("code", "error"),
    [
        (400001, NotFoundError),
        (403001, PermissionDeniedError),
        (404001, NotFoundError),
        (400002, InsufficientBalanceError),
        (400004, AuthenticationError),
    ],
)
def test_error_codes_in_a_200_body_are_errors(
    client: Client, emulator: Emulator, code: int, error: type[APIError]
) -> None:
    job = client.submit(payload())
    emulator.inject(Fault("result", "error_code", error_code=code))
    with pytest.raises(error) as info:
        job.result()
    assert f"error_code {code}" in str(info.value)
    assert info.value.error_code == code


def test_server_side_input_errors_carry_the_detail(client: Client, emulator: Emulator) -> None:
    bad = Input.model_construct(prompt="a cat", image_urls=[], frames=7)  # skips validation
    with pytest.raises(InvalidInputError) as info:
        client.submit(bad, validate=False)
    assert info.value.status == 422
    assert {tuple(d["loc"]) for d in info.value.detail["detail"]} == {("image_urls",), ("frames",)}
    with pytest.raises(NotFoundError) as missing:
        client.submit_raw("no/such-model", {"prompt": "x"})
    assert missing.value.error_code == 400001


def test_wrong_token_is_an_authentication_error(emulator: Emulator) -> None:
    other = Client("wrong", base_url=emulator.base_url, retry=FAST_RETRY)
    with other, pytest.raises(AuthenticationError) as info:
        other.job("abc", Output).status()
    assert info.value.error_code == 400004


def test_html_error_pages_are_server_errors(client: Client, emulator: Emulator) -> None:
    job = client.submit(payload())
    emulator.inject(Fault("status", "html", status=502, times=None))
    with pytest.raises(ServerError) as info:
        job.status()
    assert "HTML error page" in str(info.value)
    assert "<html>" not in str(info.value)
    assert emulator.count("status") == FAST_RETRY.max_attempts
    emulator.reset()
    emulator.inject(Fault("result", "html", status=403))
    with pytest.raises(PermissionDeniedError):
        client.job("anything", Output).result()


def test_5xx_on_get_is_recovered_by_retry(client: Client, emulator: Emulator) -> None:
    job = client.submit(payload())
    emulator.inject(Fault("status", "http_status", status=503, times=2))
    assert job.status().state in ("in_queue", "in_progress", "completed")
    assert emulator.count("status") == 3


def test_dropped_connection_on_get_is_retried(client: Client, emulator: Emulator) -> None:
    job = client.submit(payload())
    emulator.inject(Fault("status", "drop", times=2))
    assert job.status().request_id == job.request_id
    assert emulator.count("status") == 3
    emulator.inject(Fault("status", "drop", times=None))
    with pytest.raises(ConnectionFailedError):
        job.status()


def test_429_honours_retry_after(client: Client, emulator: Emulator) -> None:
    job = client.submit(payload())
    emulator.inject(Fault("status", "rate_limit", retry_after="1"))
    started = time.monotonic()
    job.status()
    assert time.monotonic() - started >= 1.0
    assert emulator.count("status") == 2


def test_429_without_retry_after_backs_off_then_gives_up(
    client: Client, emulator: Emulator
) -> None:
    job = client.submit(payload())
    emulator.inject(Fault("status", "rate_limit", times=1))
    job.status()
    assert emulator.count("status") == 2
    emulator.inject(Fault("status", "rate_limit", times=None))
    with pytest.raises(RateLimitedError) as info:
        job.status()
    assert info.value.retry_after is None
    assert emulator.count("status") == 2 + FAST_RETRY.max_attempts


def test_5xx_on_submit_is_not_retried(client: Client, emulator: Emulator) -> None:
    emulator.inject(Fault("submit", "http_status", status=503))
    with pytest.raises(ServerError) as info:
        client.submit(payload())
    assert emulator.count("submit") == 1
    assert "it was not retried" in str(info.value)


def test_lost_submit_answer_says_the_job_may_exist(client: Client, emulator: Emulator) -> None:
    emulator.inject(Fault("submit", "lost_submit"))
    with pytest.raises(SubmitOutcomeUnknownError) as info:
        client.submit(payload())
    assert emulator.count("submit") == 1
    assert len(emulator.jobs) == 1  # the job was created: a retry would have made two
    assert "may exist and may be billed" in str(info.value)
    assert "before submitting again" in str(info.value)


def test_inputs_are_validated_before_anything_is_sent(client: Client, emulator: Emulator) -> None:
    tiny = Input(prompt="a cat", image_urls=[png_data_uri(100, 100)])
    with pytest.raises(MediaValidationError) as info:
        client.submit(tiny)
    assert {f.rule for f in info.value.findings} == {"width_pixels>", "height_pixels>"}
    assert emulator.count("submit") == 0


def test_generic_path_takes_a_plain_dict(emulator: Emulator) -> None:
    plain = Emulator(token=TOKEN, plan=JobPlan(0.01, 0.01))
    from runcomfy_models.testing import serve

    with serve(plain), Client(TOKEN, base_url=plain.base_url, poll=FAST_POLL) as other:
        job = other.submit_raw("acme/new-model/text-to-image", {"prompt": "a cat", "steps": 4})
        result = job.wait(10)
    assert result.output.urls() == [f"{plain.base_url}/files/{job.request_id}/output.png"]
    assert plain.jobs[job.request_id].payload == {"prompt": "a cat", "steps": 4}


def test_downloads_stream_outputs_without_the_token(
    client: Client, emulator: Emulator, tmp_path: Path
) -> None:
    result = client.run(payload(), timeout=10)
    with pytest.raises(DownloadError, match="only https URLs are fetched"):
        download_outputs(result, tmp_path / "refused")
    allow = DownloadLimits(allow_http=True)
    (path,) = download_outputs(result, tmp_path / "out", limits=allow)
    assert path.name == "output.mp4"
    assert path.read_bytes()[4:8] == b"ftyp"
    (again,) = download_outputs(result, tmp_path / "out", limits=allow)
    assert again.name == "output-1.mp4"
    small = DownloadLimits(allow_http=True, max_bytes=1000)
    with pytest.raises(DownloadError, match="over the 1,000-byte cap"):
        download_outputs(result, tmp_path / "capped", limits=small)
    assert list((tmp_path / "capped").iterdir()) == []
    assert emulator.count("files") == 3
    assert emulator.files_with_credentials == 0
