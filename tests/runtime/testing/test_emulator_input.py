"""The emulator never answers 500 to bad input: 4xx with RunComfy's error body instead.

Every request goes over real HTTP to an emulator served on 127.0.0.1, the way a client
under test would reach it. Each hostile query or body must get a 4xx whose JSON body has
``error_code`` and ``error_message``, and the emulator must go on serving afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest

from runcomfy_models import get_model
from runcomfy_models.testing import Emulator, JobPlan, serve

TOKEN = "emulator-input-TOKEN"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MODEL = "bytedance/dreamina-3-0/pro/image-to-video"


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    plan = JobPlan(queue_seconds=0.05, run_seconds=0.05)
    small = 4 * 1024 * 1024  # the limit's logic, without sending the default's 358 MB
    with serve(Emulator(token=TOKEN, specs=get_model, plan=plan, max_body_bytes=small)) as served:
        served.catalog = [{"model_id": f"acme/m{index}"} for index in range(5)]
        yield served


@pytest.fixture
def http(emulator: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=emulator.base_url, headers=AUTH, timeout=30) as made:
        yield made


def assert_refused(response: httpx.Response, status: int = 400) -> None:
    assert response.status_code == status, response.text[:300]
    body = response.json()
    assert set(body) >= {"error_code", "error_message"}
    assert isinstance(body["error_message"], str)
    assert body["error_message"]


def assert_still_serving(http: httpx.Client) -> None:
    assert http.get("/v1/models").status_code == 200


BAD_QUERIES = [
    "limit=abc",
    "limit=1e3",
    "limit=-1",
    "limit=0",
    "limit=101",
    "limit=",
    "limit=1.5",
    "limit=0x10",
    "limit=%EF%BC%91%EF%BC%90",  # fullwidth "10": int() would take it
    "limit=" + "9" * 5000,  # past int()'s digit limit: ValueError inside the handler
    "limit=100000000000",
    "offset=-5",
    "offset=abc",
    "offset=1e3",
    "limit=10&offset=%20",
]


@pytest.mark.parametrize("query", BAD_QUERIES, ids=lambda q: q[:30])
def test_bad_catalog_parameters_are_a_400(http: httpx.Client, query: str) -> None:
    assert_refused(http.get(f"/v1/models?{query}"))
    assert_still_serving(http)


def test_good_catalog_parameters_still_work(http: httpx.Client) -> None:
    body = http.get("/v1/models?limit=2&offset=1").json()
    assert [m["model_id"] for m in body["models"]] == ["acme/m1", "acme/m2"]
    assert body["total"] == 5
    assert len(http.get("/v1/models?limit=100").json()["models"]) == 5
    assert http.get("/v1/models?limit=1&offset=99").json()["models"] == []


def nested(depth: int) -> bytes:
    return b'{"prompt": ' + b"[" * depth + b"]" * depth + b"}"


BAD_BODIES: dict[str, bytes] = {
    "not JSON": b"{prompt: 'a cat'}",
    "empty": b"",
    "not UTF-8": b'{"prompt": "\xff\xfe"}',
    "a list": b"[]",
    "a string": b'"a cat"',
    "null": b"null",
    "a number": b"42",
    "NaN": b'{"prompt": "a cat", "seed": NaN}',
    "Infinity": b'{"prompt": "a cat", "seed": -Infinity}',
    "an integer past int()'s digit limit": b'{"prompt": "a", "seed": ' + b"9" * 5000 + b"}",
    "nested 100,000 deep": nested(100_000),
    "nested 5,000 deep": nested(5_000),
    "nested 500 deep": nested(500),
    "a lone surrogate as a key": b'{"prompt": "a cat", "\\ud800": 1}',
    "a lone surrogate as a value": b'{"prompt": "\\ud800"}',
    "trailing garbage": b'{"prompt": "a cat"} trailing',
}


@pytest.mark.parametrize("name", BAD_BODIES)
def test_bad_submit_bodies_are_a_4xx(http: httpx.Client, name: str) -> None:
    response = http.post(f"/v1/models/{MODEL}", content=BAD_BODIES[name])
    assert 400 <= response.status_code < 500, response.text[:300]
    assert_refused(response, response.status_code)
    assert_still_serving(http)


def test_a_huge_body_is_refused_unread(emulator: Emulator, http: httpx.Client) -> None:
    limit = emulator.max_body_bytes
    body = b'{"prompt": "' + b"a" * (limit + 10) + b'"}'
    assert_refused(http.post(f"/v1/models/{MODEL}", content=body), 413)

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it comes
        yield b'{"prompt": "'
        for _ in range(limit // 65536 + 2):
            yield b"a" * 65536

    assert_refused(http.post(f"/v1/models/{MODEL}", content=chunks()), 413)
    assert_still_serving(http)


def test_a_body_under_the_limit_is_still_read(http: httpx.Client) -> None:
    response = http.post(f"/v1/models/{MODEL}", json={"prompt": "a cat", "image_urls": []})
    assert response.status_code in (200, 422)
    assert "error_code" in response.json() or "request_id" in response.json()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("DELETE", "/v1/models"),
        ("GET", "/v1/requests/abc/cancel"),
        ("PUT", "/v1/requests/abc/status"),
        ("GET", "/v2/unknown"),
        ("GET", "/v1/requests/" + "a" * 5000 + "/status"),
    ],
)
def test_unknown_routes_and_methods_answer_in_runcomfys_shape(
    http: httpx.Client, method: str, path: str
) -> None:
    response = http.request(method, path)
    assert response.status_code in (404, 405)
    assert_refused(response, response.status_code)


def test_a_path_under_a_model_is_a_model_the_server_does_not_know(http: httpx.Client) -> None:
    """``/v1/models/{id}/nope/../x`` reaches the server as ``{id}/x``: a model id (ids have
    up to 5 segments) it does not know, answered as RunComfy answers one: 400, 400001."""
    response = http.get(f"/v1/models/{MODEL}/nope/../x")
    assert_refused(response, 400)
    assert response.json()["error_code"] == 400001


def test_ids_in_paths_that_are_not_runcomfys_are_a_404(http: httpx.Client) -> None:
    for request_id in ("%2e%2e", "%00", "a%20b", "%F0%9F%98%80"):
        response = http.get(f"/v1/requests/{request_id}/status")
        assert_refused(response, 404)


def test_the_emulator_answers_no_500_to_a_burst_of_hostile_input(http: httpx.Client) -> None:
    """Everything above, back to back: no 500, and it still serves at the end."""
    for query in BAD_QUERIES:
        assert http.get(f"/v1/models?{query}").status_code < 500
    for body in BAD_BODIES.values():
        assert http.post(f"/v1/models/{MODEL}", content=body).status_code < 500
    assert json.loads(http.get("/v1/models?limit=1").text)["total"] == 5
