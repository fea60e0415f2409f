"""The emulator answers the request sequences RunComfy's own clients make, as they read them.

Each test replays, over raw HTTP (httpx, not this SDK's client), what one of RunComfy's
open-source clients does, as ``API_NOTES.md`` records it from their code and docs: the
ComfyUI partner nodes (price first, then submit, then the result polled directly with
``include_cost=true``), the CLI (submit, status, result, the ``error`` of a failed job,
``error_code`` in any JSON body), the MCP server (the catalog paged and filtered), and
cancel. Every answer is checked for the fields those clients read, with the types they
expect. docs/conformance.md lists each behaviour with its source and its test; a test
below keeps that table and these tests in step.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest

from runcomfy_models import get_model
from runcomfy_models.testing import Emulator, JobPlan, serve
from tests.support.emulated import PAYLOADS
from tests.support.paths import ROOT

MODEL = "bytedance/seedance-1-0/pro/image-to-video"
REQUEST_ID = re.compile(r"[A-Za-z0-9_-]{1,128}")  # what RunComfy's client checks
TERMINAL = {"succeeded", "failed", "cancelled", "completed"}  # as their clients treat them


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    fast = JobPlan(queue_seconds=0.05, run_seconds=0.05)
    with serve(Emulator(specs=get_model, plan=fast)) as running:
        yield running


@pytest.fixture
def http(emulator: Emulator) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {emulator.token}"}
    with httpx.Client(base_url=emulator.base_url, headers=headers, timeout=10) as client:
        yield client


def _json(answer: httpx.Response) -> dict[str, Any]:
    body = answer.json()
    assert isinstance(body, dict), body
    return body


def _no_error(body: dict[str, Any]) -> None:
    """RunComfy's clients treat any JSON body with a non-null ``error_code`` as an error."""
    assert body.get("error_code") is None, body


def _submit(http: httpx.Client, model_id: str = MODEL) -> dict[str, Any]:
    answer = http.post(f"/v1/models/{model_id}", json=PAYLOADS[model_id])
    assert answer.status_code == 200, answer.text
    body = _json(answer)
    _no_error(body)
    return body


def _poll_result(http: httpx.Client, request_id: str, query: str = "") -> dict[str, Any]:
    """What the partner nodes do: poll the result itself until its status ends."""
    for _ in range(400):
        body = _json(http.get(f"/v1/requests/{request_id}/result{query}"))
        _no_error(body)
        if body["status"] in TERMINAL:
            return body
        time.sleep(0.02)
    raise AssertionError("the job never ended")


def _timestamp(text: object) -> datetime:
    assert isinstance(text, str), text
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    assert moment.tzinfo is not None, text
    return moment


# -- the ComfyUI partner nodes ------------------------------------------------------------


def test_partner_nodes_read_the_price_before_submitting(http: httpx.Client) -> None:
    entry = _json(http.get(f"/v1/models/{MODEL}"))
    _no_error(entry)
    assert entry["model_id"] == MODEL
    assert isinstance(entry["base_price_usd"], int | float)
    assert entry["base_price_usd"] >= 0
    assert entry["price_unit"] in ("second", "output")
    for key in ("display_name", "categories", "kind", "pricing_note"):
        assert key in entry, key
    assert isinstance(entry["categories"], list)
    schema = _json(http.get(f"/v1/models/{MODEL}", params={"include_schema": "true"}))
    assert schema["input_schema"]["type"] == "object"
    assert "first_frame_image_url" in schema["input_schema"]["properties"]


def test_partner_nodes_submit_data_uris_and_poll_the_result_with_its_cost(
    http: httpx.Client,
) -> None:
    assert PAYLOADS[MODEL]["first_frame_image_url"].startswith("data:image/png;base64,")
    submitted = _submit(http)
    request_id = submitted["request_id"]
    assert REQUEST_ID.fullmatch(request_id)
    for key in ("status_url", "result_url", "cancel_url"):
        assert submitted[key].startswith("http"), key
        assert request_id in submitted[key]
    result = _poll_result(http, request_id, "?include_cost=true")
    assert result["status"] == "succeeded"
    assert result["request_id"] == request_id
    assert result["model_id"] == MODEL
    assert isinstance(result["output"], dict)
    for value in result["output"].values():
        urls = value if isinstance(value, list) else [value]
        assert all(isinstance(url, str) and url.startswith("http") for url in urls)
    assert isinstance(result["cost"], int | float)
    assert result["cost"] > 0
    assert _timestamp(result["finished_at"]) >= _timestamp(result["created_at"])


def test_a_result_read_before_the_end_answers_the_current_state(
    emulator: Emulator, http: httpx.Client
) -> None:
    emulator.plan_next(JobPlan(queue_seconds=5, run_seconds=5))
    request_id = _submit(http)["request_id"]
    early = _json(http.get(f"/v1/requests/{request_id}/result"))
    assert early["request_id"] == request_id
    assert early["status"] in ("in_queue", "in_progress")
    assert "output" not in early or early["output"] is None


def test_timestamps_are_fixed_when_the_job_is_made_and_when_it_ends(http: httpx.Client) -> None:
    request_id = _submit(http)["request_id"]
    first = _poll_result(http, request_id)
    time.sleep(0.05)  # timestamps have millisecond precision: a re-read must not move them
    again = _json(http.get(f"/v1/requests/{request_id}/result"))
    assert (again["created_at"], again["finished_at"]) == (
        first["created_at"],
        first["finished_at"],
    )


# -- the CLI ------------------------------------------------------------------------------


def test_cli_submits_polls_status_then_reads_the_result(http: httpx.Client) -> None:
    request_id = _submit(http)["request_id"]
    seen = []
    for _ in range(400):
        status = _json(http.get(f"/v1/requests/{request_id}/status"))
        _no_error(status)
        assert status["request_id"] == request_id
        assert status["status_url"].endswith("/status")
        assert status["result_url"].endswith("/result")
        seen.append(status["status"])
        if status["status"] == "in_queue":
            assert isinstance(status["queue_position"], int)
        else:
            assert "queue_position" not in status
        if status["status"] in TERMINAL:
            break
        time.sleep(0.02)
    assert seen[-1] == "completed"  # status says completed; result says succeeded
    result = _json(http.get(f"/v1/requests/{request_id}/result"))
    assert result["status"] == "succeeded"


def test_cli_reads_the_error_of_a_failed_job(emulator: Emulator, http: httpx.Client) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0.05, run_seconds=0.05, outcome="failed"))
    request_id = _submit(http)["request_id"]
    result = _poll_result(http, request_id)
    assert result["status"] == "failed"
    assert "output" not in result or result["output"] is None
    error = result["error"]
    assert isinstance(error, dict)
    assert isinstance(error.get("message"), str)
    assert error["message"]
    status = _json(http.get(f"/v1/requests/{request_id}/status"))
    assert status["status"] == "failed"
    assert status["error"] == error


@pytest.mark.parametrize(
    ("call", "status", "code"),
    [
        ("unknown model", 400, 400001),
        ("unknown request", 404, 404001),
        ("bad token", 401, 400004),
    ],
)
def test_cli_errors_carry_their_documented_code(
    http: httpx.Client, call: str, status: int, code: int
) -> None:
    if call == "unknown model":
        answer = http.post("/v1/models/nobody/no-such-model", json={"prompt": "x"})
    elif call == "unknown request":
        answer = http.get("/v1/requests/0123456789abcdef/result")
    else:
        answer = http.get("/v1/requests/0123456789abcdef/status", headers={"Authorization": "x"})
    assert answer.status_code == status
    body = _json(answer)
    assert body["error_code"] == code
    assert any(isinstance(body.get(k), str) for k in ("error_message", "message", "error"))


# -- cancel -------------------------------------------------------------------------------


def test_cancel_of_a_queued_job_answers_202_cancelled(
    emulator: Emulator, http: httpx.Client
) -> None:
    emulator.plan_next(JobPlan(queue_seconds=30, run_seconds=1))
    request_id = _submit(http)["request_id"]
    answer = http.post(f"/v1/requests/{request_id}/cancel")
    assert answer.status_code == 202
    body = _json(answer)
    assert (body["request_id"], body["outcome"]) == (request_id, "cancelled")
    assert body["status"] == "cancelled"
    result = _json(http.get(f"/v1/requests/{request_id}/result?include_cost=true"))
    assert (result["status"], result["cost"]) == ("cancelled", 0)


def test_cancel_of_a_running_job_is_requested_and_the_run_is_billed(
    emulator: Emulator, http: httpx.Client
) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0, run_seconds=1, cancel_while_running=True))
    request_id = _submit(http)["request_id"]
    body = _json(http.post(f"/v1/requests/{request_id}/cancel"))
    assert (body["outcome"], body["status"]) == ("cancellation_requested", "in_progress")
    result = _poll_result(http, request_id, "?include_cost=true")
    assert result["status"] == "cancelled"
    assert result["cost"] > 0  # a running job goes on and is billed


def test_cancel_of_a_finished_job_is_not_cancellable(http: httpx.Client) -> None:
    request_id = _submit(http)["request_id"]
    _poll_result(http, request_id)
    body = _json(http.post(f"/v1/requests/{request_id}/cancel"))
    assert body["outcome"] == "not_cancellable"


# -- the MCP server: the catalog ------------------------------------------------------------


def test_mcp_pages_the_catalog_to_its_total(http: httpx.Client) -> None:
    seen: list[str] = []
    offset, total = 0, None
    while total is None or offset < total:
        page = _json(http.get("/v1/models", params={"limit": 7, "offset": offset}))
        _no_error(page)
        total = page["total"]
        assert isinstance(total, int)
        assert page["models"], "a page ended before the total"
        seen += [entry["model_id"] for entry in page["models"]]
        offset += len(page["models"])
    assert len(seen) == len(set(seen)) == total == 95


def test_mcp_filters_the_catalog_and_lists_categories(http: httpx.Client) -> None:
    kling = _json(http.get("/v1/models", params={"search": "kling", "category": "video"}))
    ids = [entry["model_id"] for entry in kling["models"]]
    assert ids
    assert all("kling" in model_id for model_id in ids)
    every = _json(http.get("/v1/models"))["total"]
    edits = _json(http.get("/v1/models", params={"category": "edit"}))
    assert 0 < edits["total"] < every
    assert all(e["model_id"].endswith("edit") for e in edits["models"])
    listed = _json(http.get("/v1/models", params={"limit": 100}))["models"]
    models = _json(http.get("/v1/models", params={"kind": "MODEL", "limit": 100}))
    assert models["total"] == sum(entry["kind"] == "model" for entry in listed) > 0
    assert all(entry["kind"] == "model" for entry in models["models"])
    assert _json(http.get("/v1/models", params={"kind": "no-such-kind"}))["total"] == 0
    with_schema = _json(http.get("/v1/models", params={"include_schema": "true", "limit": 2}))
    assert all("input_schema" in entry for entry in with_schema["models"])
    without = _json(http.get("/v1/models", params={"limit": 2}))
    assert all("input_schema" not in entry for entry in without["models"])
    categories = _json(http.get("/v1/models/categories"))["categories"]
    assert {"video", "image", "audio"} <= set(categories)


@pytest.mark.parametrize("query", ["limit=abc", "limit=0", "limit=-1", "limit=101", "offset=-5"])
def test_mcp_bad_paging_is_a_400_with_an_error_code(http: httpx.Client, query: str) -> None:
    answer = http.get(f"/v1/models?{query}")
    assert answer.status_code == 400
    assert isinstance(_json(answer)["error_code"], int)


# -- the docs table -------------------------------------------------------------------------

TABLE_ROW = re.compile(r"^\| (?P<behaviour>[^|]+) \| (?P<source>[^|]+) \| (?P<tests>[^|]+) \|$")


def test_the_conformance_table_names_these_tests_and_nothing_is_not_yet() -> None:
    text = (ROOT / "docs" / "conformance.md").read_text("utf-8")
    assert "not yet" not in text.lower()
    this = "tests/e2e/test_runcomfy_clients.py"
    named: set[tuple[str, str]] = set()  # (file, test); a bare name is in the file last named
    for line in text.splitlines():
        match = TABLE_ROW.match(line)
        if match is None or match["behaviour"].strip() in ("behaviour", "---"):
            continue
        found = re.findall(r"`(?:([\w/.]+\.py)::)?(test_\w+)`", match["tests"])
        assert found, f"a behaviour without its test: {line}"
        path = this
        for given, name in found:
            path = given or path
            named.add((path, name))
    here = {name for name in globals() if name.startswith("test_")}
    here.discard("test_the_conformance_table_names_these_tests_and_nothing_is_not_yet")
    listed_here = {name for path, name in named if path == this}
    assert here <= listed_here, f"tests missing from the table: {sorted(here - listed_here)}"
    for path, name in sorted(named):
        source = (ROOT / path).read_text("utf-8")
        assert re.search(rf"^(?:async )?def {name}\(", source, re.M), f"no {name} in {path}"


@pytest.mark.parametrize("flag", ["true", "TRUE", "True"])
def test_include_cost_is_read_in_any_case_and_a_bad_flag_is_a_400(
    http: httpx.Client, flag: str
) -> None:
    request_id = _submit(http)["request_id"]
    result = _poll_result(http, request_id, f"?include_cost={flag}")
    assert isinstance(result["cost"], int | float)
    bad = http.get(f"/v1/requests/{request_id}/result?include_cost=yes")
    assert bad.status_code == 400
    assert isinstance(_json(bad)["error_code"], int)
