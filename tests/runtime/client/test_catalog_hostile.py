"""The catalog calls against a hostile server on 127.0.0.1: every answer is checked.

A malformed answer (not JSON, the wrong shape, a field of the wrong type) must be a
one-line ``ServerError`` naming the call and the JSON pointer of what was wrong; a listing
must page robustly (follow a server that serves fewer than asked, refuse one that repeats
a page, lists a model twice, ends before its total or never ends); and the catalog calls
get the same deadlines, size cap, no-redirect rule and token handling as every other call.
Each case runs with the blocking and the async client.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from runcomfy_models import (
    APIError,
    AsyncClient,
    AuthenticationError,
    Client,
    RequestTimeoutError,
    RetryPolicy,
    ServerError,
)
from runcomfy_models._runtime.client import catalog as catalog_module
from runcomfy_models._runtime.client.exchange import GRACE
from tests.support.hostile_server import (
    HostileServer,
    Seen,
    Step,
    head,
    hostile_server,
    json_answer,
    trickle,
)

TOKEN = "rc-catalog-TOKEN-4c5d6e7f"
ONCE = RetryPolicy(max_attempts=1)
FIRST_PAGE = "GET /v1/models?include_schema=false&limit=100&offset=0"
MODES = ["sync", "async"]


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with hostile_server() as made:
        yield made


def call(server: HostileServer, mode: str, method: str, *args: Any, **options: Any) -> Any:
    """``client.<method>(*args)`` with the blocking or the async client; a listing whole."""
    settings: dict[str, Any] = {"retry": ONCE, "timeout": 5}
    settings.update({k: options.pop(k) for k in ("timeout", "max_answer_bytes") if k in options})
    if mode == "sync":
        with Client(TOKEN, base_url=server.base_url, **settings) as client:
            made = getattr(client, method)(*args, **options)
            return list(made) if method == "iter_models" else made

    async def run() -> Any:
        async with AsyncClient(TOKEN, base_url=server.base_url, **settings) as client:
            if method == "iter_models":
                return [entry async for entry in client.iter_models(*args, **options)]
            return await getattr(client, method)(*args, **options)

    return asyncio.run(run())


def always(body: Any, status: int = 200) -> Callable[[Seen], list[Step]]:
    return lambda seen: json_answer(status, body)


def raw(data: bytes, content_type: str = "application/json") -> Callable[[Seen], list[Step]]:
    return lambda seen: [head(200, {"Content-Type": content_type}, len(data)), data]


def offset_of(seen: Seen) -> int:
    return int(parse_qs(urlsplit(seen.path).query)["offset"][0])


def entries(*ids: str) -> list[dict[str, Any]]:
    return [{"model_id": model_id} for model_id in ids]


# -- not JSON, not an object -----------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("method", "args", "path"),
    [
        ("models", (), "/v1/models"),
        ("iter_models", (), "/v1/models"),
        ("categories", (), "/v1/models/categories"),
        ("model", ("acme/m",), "/v1/models/acme/m"),
        ("price", ("acme/m",), "/v1/models/acme/m"),
    ],
)
@pytest.mark.parametrize(
    "answer",
    [b"not json at all", b"<html><body>edge</body></html>", b'["a", "list"]', b"null"],
    ids=["garbage", "html", "list", "null"],
)
def test_an_answer_that_is_no_json_object_is_a_server_error(
    server: HostileServer, mode: str, method: str, args: tuple[str, ...], path: str, answer: bytes
) -> None:
    server.route(path, raw(answer))
    with pytest.raises(ServerError, match="not a JSON object"):
        call(server, mode, method, *args)


# -- the wrong shapes ---------------------------------------------------------------------------

NAN = float("nan")
BAD_PAGES: list[tuple[Any, str]] = [
    ({}, "/models: expected a list of entries, got None"),
    ({"models": {"model_id": "a/b"}}, "/models: expected a list of entries"),
    ({"models": [1]}, "/models/0: expected an object, got 1"),
    ({"models": [{"kind": "model"}]}, "/models/0/model_id: expected a non-empty string"),
    ({"models": [{"model_id": 5}]}, "/models/0/model_id: expected a non-empty string, got 5"),
    ({"models": [{"model_id": ""}]}, "/models/0/model_id: expected a non-empty string"),
    (
        {"models": [{"model_id": "a/b"}, {"model_id": "a/c", "categories": "video"}]},
        "/models/1/categories: expected a list of strings, got 'video'",
    ),
    ({"models": [{"model_id": "a/b", "categories": [1]}]}, "/models/0/categories"),
    ({"models": [{"model_id": "a/b", "display_name": 3}]}, "/models/0/display_name"),
    ({"models": [{"model_id": "a/b", "kind": []}]}, "/models/0/kind: expected a string"),
    ({"models": [{"model_id": "a/b", "price_unit": 1}]}, "/models/0/price_unit"),
    ({"models": [{"model_id": "a/b", "pricing_note": {}}]}, "/models/0/pricing_note"),
    ({"models": [{"model_id": "a/b", "base_price_usd": "0.1"}]}, "/models/0/base_price_usd"),
    ({"models": [{"model_id": "a/b", "base_price_usd": -1}]}, "expected a number >= 0, got -1"),
    ({"models": [{"model_id": "a/b", "base_price_usd": True}]}, "/models/0/base_price_usd"),
    ({"models": [{"model_id": "a/b", "base_price_usd": NAN}]}, "expected a number >= 0, got nan"),
    ({"models": [{"model_id": "a/b", "input_schema": "{}"}]}, "/models/0/input_schema"),
    ({"models": [], "total": "10"}, "/total: expected a whole number >= 0, got '10'"),
    ({"models": [], "total": -1}, "/total: expected a whole number >= 0"),
    ({"models": [], "total": True}, "/total: expected a whole number >= 0"),
    ({"models": [], "total": 2.5}, "/total: expected a whole number >= 0"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("body", "problem"), BAD_PAGES, ids=lambda v: str(v)[:40])
def test_a_malformed_page_names_the_call_and_the_pointer(
    server: HostileServer, mode: str, body: Any, problem: str
) -> None:
    server.route("/v1/models", always(body))
    with pytest.raises(ServerError) as caught:
        call(server, mode, "models")
    message = str(caught.value)
    assert message.startswith(f"{FIRST_PAGE}: the answer is malformed: ")
    assert problem in message
    assert "\n" not in message
    assert caught.value.status == 200


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({}, "/categories: expected a list, got None"),
        ({"categories": "video"}, "/categories: expected a list"),
        ({"categories": ["video", 2]}, "/categories/1: expected a string, got 2"),
    ],
)
def test_malformed_categories(server: HostileServer, mode: str, body: Any, problem: str) -> None:
    server.route("/v1/models/categories", always(body))
    with pytest.raises(ServerError, match="GET /v1/models/categories: the answer is malformed"):
        call(server, mode, "categories")
    with pytest.raises(ServerError, match=problem):
        call(server, mode, "categories")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"model_id": "acme/other"}, "/model_id: the answer is about 'acme/other', not 'acme/m'"),
        ({"display_name": "M"}, "/model_id: expected a non-empty string, got None"),
        ({"model_id": "acme/m", "base_price_usd": "free"}, "/base_price_usd: expected a number"),
    ],
)
def test_a_malformed_model_answer(
    server: HostileServer, mode: str, body: Any, problem: str
) -> None:
    server.route("/v1/models/acme/m", always(body))
    for method in ("model", "price"):
        with pytest.raises(ServerError) as caught:
            call(server, mode, method, "acme/m")
        assert str(caught.value).startswith("GET /v1/models/acme/m: the answer is malformed")
        assert problem in str(caught.value)


def test_a_good_model_answer_is_typed(server: HostileServer) -> None:
    body = {
        "model_id": "acme/m",
        "display_name": "M",
        "categories": ["video"],
        "kind": "model",
        "base_price_usd": 0.07,
        "price_unit": "second",
        "pricing_note": None,
        "something_new": {"kept": True},
    }
    server.route("/v1/models/acme/m", always(body))
    entry = call(server, "sync", "model", "acme/m", include_schema=True)
    assert (entry.display_name, entry.categories, entry.kind) == ("M", ("video",), "model")
    assert entry.raw["something_new"] == {"kept": True}
    assert call(server, "async", "price", "acme/m").base_price_usd == 0.07
    seen = server.seen[0]
    assert seen.path == "/v1/models/acme/m?include_schema=true"
    assert seen.headers["authorization"] == f"Bearer {TOKEN}"
    # a price without its unit (or a unit without a price) is no price
    server.route("/v1/models/acme/m", always({"model_id": "acme/m", "base_price_usd": 1}))
    assert call(server, "sync", "price", "acme/m") is None


# -- paging ------------------------------------------------------------------------------------


def capped(total: int, size: int) -> Callable[[Seen], list[Step]]:
    """Pages of at most ``size`` entries whatever the limit, honouring offset."""
    ids = [f"acme/m{index}" for index in range(total)]

    def answer(seen: Seen) -> list[Step]:
        start = offset_of(seen)
        return json_answer(200, {"models": entries(*ids[start : start + size]), "total": total})

    return answer


@pytest.mark.parametrize("mode", MODES)
def test_a_listing_follows_a_server_that_serves_fewer_than_asked(
    server: HostileServer, mode: str
) -> None:
    server.route("/v1/models", capped(8, 3))
    found = call(server, mode, "iter_models")
    assert [entry.model_id for entry in found] == [f"acme/m{i}" for i in range(8)]
    assert [offset_of(seen) for seen in server.seen] == [0, 3, 6]
    assert all("limit=100" in seen.path for seen in server.seen)


@pytest.mark.parametrize("mode", MODES)
def test_a_listing_without_a_total_ends_at_an_empty_page(server: HostileServer, mode: str) -> None:
    pages = {0: entries("a/1", "a/2"), 2: entries("a/3")}
    server.route(
        "/v1/models", lambda seen: json_answer(200, {"models": pages.get(offset_of(seen), [])})
    )
    found = call(server, mode, "iter_models")
    assert [entry.model_id for entry in found] == ["a/1", "a/2", "a/3"]
    assert [offset_of(seen) for seen in server.seen] == [0, 2, 3]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("total", [None, 50])
def test_a_server_that_ignores_offset_is_refused(
    server: HostileServer, mode: str, total: int | None
) -> None:
    server.route("/v1/models", always({"models": entries("a/1", "a/2"), "total": total}))
    with pytest.raises(ServerError, match="the page repeats models already listed") as caught:
        call(server, mode, "iter_models")
    assert "offset=2" in str(caught.value)
    assert len(server.seen) == 2


@pytest.mark.parametrize("mode", MODES)
def test_a_model_listed_twice_is_refused(server: HostileServer, mode: str) -> None:
    pages = {0: entries("a/1", "a/2"), 2: entries("a/2", "a/3")}
    server.route(
        "/v1/models", lambda seen: json_answer(200, {"models": pages[offset_of(seen)], "total": 4})
    )
    with pytest.raises(ServerError, match="'a/2' is listed twice"):
        call(server, mode, "iter_models")
    server.route("/v1/models", always({"models": entries("a/1", "a/1")}))
    with pytest.raises(ServerError, match="'a/1' is listed twice"):
        call(server, mode, "iter_models")


@pytest.mark.parametrize("mode", MODES)
def test_a_catalog_that_ends_before_its_total_is_refused(server: HostileServer, mode: str) -> None:
    pages = {0: entries("a/1", "a/2", "a/3")}
    server.route(
        "/v1/models",
        lambda seen: json_answer(200, {"models": pages.get(offset_of(seen), []), "total": 10}),
    )
    with pytest.raises(ServerError, match="says total 10 but ended after 3 entries"):
        call(server, mode, "iter_models")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("total", [None, 10**9])
def test_a_catalog_that_never_ends_is_stopped(
    server: HostileServer, mode: str, total: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog_module, "MAX_PAGES", 5)

    def fresh(seen: Seen) -> list[Step]:
        start = offset_of(seen)
        return json_answer(200, {"models": entries(f"a/{start}", f"a/{start + 1}"), "total": total})

    server.route("/v1/models", fresh)
    with pytest.raises(ServerError, match=r"more than 5 pages \(10 models\) and still no end"):
        call(server, mode, "iter_models")
    assert len(server.seen) == 5


# -- the rules every call keeps ---------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("method", ["models", "categories", "model"])
def test_a_huge_answer_is_refused_unread(server: HostileServer, mode: str, method: str) -> None:
    huge = json.dumps({"models": entries(*(f"a/{i}" for i in range(20000)))}).encode()
    for path in ("/v1/models", "/v1/models/categories", "/v1/models/acme/m"):
        server.route(path, raw(huge))
    args = ("acme/m",) if method == "model" else ()
    with pytest.raises(APIError, match="over the 50,000-byte cap"):
        call(server, mode, method, *args, max_answer_bytes=50_000)


@pytest.mark.parametrize("mode", MODES)
def test_a_redirect_is_an_error_and_never_followed(server: HostileServer, mode: str) -> None:
    with hostile_server() as elsewhere:
        target = elsewhere.route("/v1/models", always({"models": []}))
        server.route(
            "/v1/models",
            lambda seen: [head(302, {"Location": target}, 2), b"{}"],
        )
        with pytest.raises(APIError, match=r"a redirect to .*never follow"):
            call(server, mode, "models")
        assert elsewhere.seen == []  # the token went nowhere else


@pytest.mark.parametrize("mode", MODES)
def test_an_error_answer_maps_as_for_any_call(server: HostileServer, mode: str) -> None:
    server.route("/v1/models", always({"error_code": 400004, "error_message": "bad token"}, 401))
    with pytest.raises(AuthenticationError, match="bad token"):
        call(server, mode, "models")


@pytest.mark.parametrize("mode", MODES)
def test_a_trickled_catalog_ends_by_the_deadline(server: HostileServer, mode: str) -> None:
    body = json.dumps({"models": entries("a/1"), "total": 1}).encode()
    server.route(
        "/v1/models",
        lambda seen: [
            head(200, {"Content-Type": "application/json"}, len(body)),
            *trickle(body, 0.2),
        ],
    )
    started = time.monotonic()
    with pytest.raises(RequestTimeoutError):
        call(server, mode, "iter_models", timeout=1.0)
    assert time.monotonic() - started < 1.0 + GRACE + 2.0  # the deadline, a grace, slack
