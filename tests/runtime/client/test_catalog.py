"""The live catalog, prices and costs, over real HTTP against the emulator on 127.0.0.1.

The emulator lists the package's own models (its index), priced from a table it is given
or by its defaults (video 0.10 USD/second, audio 0.02 USD/second, images 0.04 USD/output),
so each answer here can be checked against ``runcomfy_models.model_ids()`` and the index.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import httpx
import pytest

import runcomfy_models
from runcomfy_models import (
    CatalogEntry,
    CatalogPage,
    Client,
    InvalidInputError,
    JobCancelledError,
    JobFailedError,
    NotFoundError,
    Price,
    get_model,
)
from runcomfy_models.testing import Emulator, JobPlan
from tests.support.emulated import IMAGE, TOKEN, async_client

KLING = "kling/kling-3.0/pro/text-to-video"
FLUX = "blackforestlabs/flux-3/text-to-video"
MUSIC = "elevenlabs/elevenlabs/music-generation"
WAN_EDIT = "wan-ai/wan-2.7/edit"
QWEN = "qwen/qwen-image-2.1/text-to-image"
DREAMINA = "bytedance/dreamina-3-0/pro/image-to-video"
NOTE = "the emulator's default price, not RunComfy's"


def make(model_id: str, **values: Any) -> Any:
    return get_model(model_id).input.model_validate(values)


@pytest.fixture
def priced(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> Emulator:
    """The emulator with a price table for a few models."""
    table = {
        KLING: {"base_price_usd": 0.07, "price_unit": "second", "pricing_note": "720p"},
        WAN_EDIT: Price(0.05, "output"),
        MUSIC: {"base_price_usd": 0.02, "price_unit": "second"},
    }
    monkeypatch.setattr(emulator, "prices", table)
    return emulator


@pytest.fixture
def http(emulator: Emulator) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=emulator.base_url, headers=headers, timeout=30) as made:
        yield made


# -- listing and paging ------------------------------------------------------------------


def test_a_page_lists_typed_entries_and_the_total(client: Client) -> None:
    page = client.models(limit=3)
    assert isinstance(page, CatalogPage)
    assert page.total == len(runcomfy_models.model_ids())
    assert [entry.model_id for entry in page.models] == list(runcomfy_models.model_ids()[:3])
    first = page.models[0]
    assert isinstance(first, CatalogEntry)
    info = runcomfy_models.model_info(first.model_id)
    assert first.categories == (info.categories or (info.task,))
    assert first.kind == (info.kind or "model")
    assert first.input_schema is None  # not asked for


def test_limit_and_offset_pick_a_page(client: Client) -> None:
    every = runcomfy_models.model_ids()
    page = client.models(limit=10, offset=len(every) - 4)
    assert [entry.model_id for entry in page.models] == list(every[-4:])
    assert client.models(offset=len(every)).models == ()


def test_iter_models_reads_every_page_once(client: Client, emulator: Emulator) -> None:
    entries = list(client.iter_models(page_size=7))
    assert [entry.model_id for entry in entries] == list(runcomfy_models.model_ids())
    assert emulator.count("catalog") == -(-len(entries) // 7)  # ceil: no extra request


def test_iter_models_follows_a_server_that_serves_fewer_than_asked(
    client: Client, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(emulator, "page_cap", 9)
    assert len(client.models(limit=100).models) == 9  # the server caps the page
    emulator.calls.clear()
    entries = list(client.iter_models())  # asks for 100 a page, gets 9
    assert [entry.model_id for entry in entries] == list(runcomfy_models.model_ids())
    offsets = [path for name, path in emulator.calls if name == "catalog"]
    assert len(offsets) == -(-len(entries) // 9)


def test_filters_search_category_and_kind(client: Client) -> None:
    found = [e.model_id for e in client.iter_models(search="flux-3 VIDEO")]
    assert found
    assert all("flux-3" in m and "video" in m for m in found)
    audio = client.models(category="Audio")
    assert audio.total == len(audio.models) > 0
    assert [entry.model_id for entry in audio.models] == [
        info.model_id for info in runcomfy_models.find(category="audio")
    ]
    assert client.models(kind="model").total == len(runcomfy_models.model_ids())
    nothing = client.models(kind="workflow")
    assert nothing == CatalogPage((), 0)
    both = client.models(search="kling", category="video", limit=100)
    expected = set()
    for model_id in runcomfy_models.model_ids():
        info = runcomfy_models.model_info(model_id)
        names = (info.task, *info.categories, *info.output_media)  # video: makes video
        if "kling" in model_id and "video" in names:
            expected.add(model_id)
    assert expected
    assert {e.model_id for e in both.models} == expected


@pytest.mark.parametrize(
    "category",
    [
        "image-to-video",
        "text-to-video",
        "video",
        "image",
        "audio",
        "edit",
        "VIDEO",
        "Image-To-Video",
    ],
)
def test_the_emulators_category_filter_is_finds(client: Client, category: str) -> None:
    listed = [entry.model_id for entry in client.iter_models(category=category)]
    assert listed == [info.model_id for info in runcomfy_models.find(category=category)]
    assert listed


def test_the_emulators_kind_filter_takes_any_case(client: Client) -> None:
    total = client.models(kind="model").total
    assert total
    assert client.models(kind="MODEL").total == total
    assert [e.model_id for e in client.iter_models(search="KLING", kind="Model")] == [
        e.model_id for e in client.iter_models(search="kling", kind="model")
    ]


@pytest.mark.parametrize("limit", [101, 1000])
def test_a_limit_over_100_is_refused_by_the_server(client: Client, limit: int) -> None:
    with pytest.raises(InvalidInputError, match="limit must be a whole number from 1 to 100"):
        client.models(limit=limit)


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("limit=abc", "limit"),
        ("limit=0", "limit"),
        ("limit=-1", "limit"),
        ("limit=101", "limit"),
        ("offset=-5", "offset"),
        ("include_schema=maybe", "include_schema"),
        ("search=" + "x" * 201, "search"),
    ],
)
def test_bad_parameters_are_a_400_with_an_error_code_body(
    http: httpx.Client, query: str, problem: str
) -> None:
    answer = http.get(f"/v1/models?{query}")
    assert answer.status_code == 400
    body = answer.json()
    assert "error_code" in body
    assert problem in body["error_message"]


def test_bad_arguments_are_refused_before_any_request(client: Client, emulator: Emulator) -> None:
    with pytest.raises(ValueError, match="limit must be at least 1, not 0"):
        client.models(limit=0)
    with pytest.raises(ValueError, match="offset must be at least 0"):
        client.models(offset=-1)
    with pytest.raises(TypeError, match="limit must be an int"):
        client.models(limit=True)
    with pytest.raises(ValueError, match=r"limit must be at least 1"):
        client.iter_models(page_size=0)  # at once, not at the first page
    assert emulator.count("catalog") == 0


def test_categories(client: Client) -> None:
    categories = client.categories()
    assert isinstance(categories, tuple)
    assert {"image", "video", "audio"} <= set(categories)
    assert list(categories) == sorted(categories)


# -- one model and its price -----------------------------------------------------------------


def test_one_model_without_and_with_its_schema(client: Client) -> None:
    plain = client.model(KLING)
    assert plain.model_id == KLING
    assert plain.input_schema is None
    full = client.model(KLING, include_schema=True)
    assert full.input_schema is not None
    assert "duration" in full.input_schema["properties"]


def test_the_schema_is_the_one_the_package_ships(client: Client) -> None:
    import json
    from importlib.resources import files

    module = runcomfy_models.model_info(MUSIC).module
    shipped = json.loads((files("runcomfy_models") / "schemas" / f"{module}.json").read_text())
    assert client.model(MUSIC, include_schema=True).input_schema == shipped["input_schema"]
    with_schemas = client.models(search="music", include_schema=True).models
    assert [e.input_schema for e in with_schemas] == [shipped["input_schema"]]


def test_an_unknown_model_is_not_found(client: Client, http: httpx.Client) -> None:
    with pytest.raises(NotFoundError, match="400001"):
        client.model("acme/no-such-model")
    answer = http.get("/v1/models/acme/no%20such")
    assert answer.status_code == 400
    assert answer.json()["error_code"] == 400001


def test_model_ids_are_escaped_per_segment(client: Client, emulator: Emulator) -> None:
    # "?" and "#" are escaped: the server sees one path, the whole id (not a query)
    with pytest.raises(NotFoundError, match=r"no model 'acme/a b\?c#d'"):
        client.model("acme/a b?c#d")
    assert emulator.count("catalog") == 1
    with pytest.raises(ValueError, match="at least two segments"):
        client.model("categories")
    with pytest.raises(ValueError, match="segments"):
        client.model("acme/../x")


def test_prices_from_the_table(client: Client, priced: Emulator) -> None:
    assert client.price(KLING) == Price(0.07, "second", "720p")
    assert client.price(WAN_EDIT) == Price(0.05, "output")
    entry = client.model(KLING)
    assert (entry.base_price_usd, entry.price_unit, entry.pricing_note) == (0.07, "second", "720p")
    listed = {e.model_id: e.price for e in client.iter_models()}
    assert listed[KLING] == Price(0.07, "second", "720p")


def test_default_prices_follow_what_the_model_makes(client: Client) -> None:
    assert client.price(KLING) == Price(0.1, "second", NOTE)  # video
    assert client.price(MUSIC) == Price(0.02, "second", NOTE)  # audio
    assert client.price(QWEN) == Price(0.04, "output", NOTE)  # image


def test_no_price_when_the_catalog_publishes_none(
    client: Client, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = [
        {"model_id": "acme/free", "kind": "model"},
        {"model_id": "acme/paid", "base_price_usd": 1.5, "price_unit": "output"},
    ]
    monkeypatch.setattr(emulator, "catalog", own)
    assert client.price("acme/free") is None
    assert client.price("acme/paid") == Price(1.5, "output")
    assert client.model("acme/free").price is None


def test_a_bad_price_table_is_refused_when_the_emulator_is_made() -> None:
    with pytest.raises(ValueError, match=r"prices\['acme/x'\].base_price_usd"):
        Emulator(prices={"acme/x": {"base_price_usd": -1, "price_unit": "second"}})
    with pytest.raises(ValueError, match="price_unit"):
        Emulator(prices={"acme/x": {"base_price_usd": 1}})
    with pytest.raises(ValueError, match="unknown key 'price'"):
        Emulator(prices={"acme/x": {"base_price_usd": 1, "price_unit": "output", "price": 2}})


def test_estimate_cost_reads_the_live_price(client: Client, priced: Emulator) -> None:
    estimate = client.estimate_cost(make(KLING, prompt="a cat", duration=10))
    assert estimate.usd == Decimal("0.7")
    assert estimate.rule == "0.07 USD/second x duration 10 s = 0.7 USD"
    assert priced.count("submit") == 0


# -- costs of results --------------------------------------------------------------------------


def test_run_with_include_cost_gets_the_exact_cost(client: Client, priced: Emulator) -> None:
    result = client.run(make(KLING, prompt="a cat", duration=3), timeout=30, include_cost=True)
    assert result.cost == Decimal("0.21")  # 0.07 x 3, not 0.21000000000000002
    assert isinstance(result.cost, Decimal)
    assert client.job(result.request_id).result().cost is None  # not asked for


def test_the_cost_matches_the_estimate(client: Client, priced: Emulator) -> None:
    cases = [
        make(KLING, prompt="a cat"),
        make(MUSIC, prompt="a song", music_length_ms=12500),
        make(WAN_EDIT, prompt="a cat", image_urls=[IMAGE], num_images=3),
    ]
    for payload in cases:
        estimate = client.estimate_cost(payload)
        result = client.run(payload, timeout=30, include_cost=True, validate=False)
        assert result.cost == estimate.usd, estimate.rule


def test_per_output_cost_counts_the_outputs_made(client: Client, priced: Emulator) -> None:
    payload = make(WAN_EDIT, prompt="a cat", image_urls=[IMAGE], num_images=3)
    result = client.run(payload, timeout=30, include_cost=True, validate=False)
    assert result.cost == Decimal("0.15")
    urls = result.output.images
    assert urls is not None
    assert len(urls) == 3
    for url in urls:
        assert httpx.get(url).content[:4] == b"\x89PNG"


def test_an_open_length_is_billed_at_the_emulators_own_output_length(client: Client) -> None:
    result = client.run(make(FLUX, prompt="a cat"), timeout=30, include_cost=True)  # auto
    assert result.cost == Decimal("0.2")  # default 0.10 USD/second x its 2 s clip
    no_field = client.run(make(QWEN, prompt="a cat"), timeout=30, include_cost=True)
    assert no_field.cost == Decimal("0.04")


def test_wait_with_include_cost(client: Client) -> None:
    job = client.submit(make(KLING, prompt="a cat", duration=4))
    assert job.wait(30, include_cost=True).cost == Decimal("0.4")
    assert job.wait(30).cost is None


def test_failed_and_cancelled_jobs_cost_nothing_in_the_emulator(
    client: Client, emulator: Emulator, http: httpx.Client
) -> None:
    emulator.plan_next(JobPlan(queue_seconds=0.01, run_seconds=0.01, outcome="failed"))
    failed = client.submit(make(KLING, prompt="a cat"))
    with pytest.raises(JobFailedError):
        failed.wait(30, include_cost=True)
    body = http.get(f"/v1/requests/{failed.request_id}/result?include_cost=true").json()
    assert body["cost"] == 0
    emulator.plan_next(JobPlan(queue_seconds=3600))
    queued = client.submit(make(KLING, prompt="a cat"))
    running = http.get(f"/v1/requests/{queued.request_id}/result?include_cost=true").json()
    assert "cost" not in running  # not finished: nothing to say yet
    assert queued.cancel().cancelled
    with pytest.raises(JobCancelledError):
        queued.result(include_cost=True)
    body = http.get(f"/v1/requests/{queued.request_id}/result?include_cost=true").json()
    assert body["cost"] == 0


def test_a_cost_the_client_cannot_read_never_loses_the_output(client: Client) -> None:
    result = client.run(make(QWEN, prompt="a cat"), timeout=30)
    from runcomfy_models._runtime.client.polling import read_result

    body = {**result.raw, "cost": "a lot"}
    read = read_result(body, get_model(QWEN).output, result.request_id)
    assert read.cost is None
    assert read.output == result.output
    assert read_result({**body, "cost": "0.35"}, get_model(QWEN).output).cost == Decimal("0.35")


# -- the async client has the same shape -----------------------------------------------------


def test_the_async_client_has_the_same_catalog_calls(emulator: Emulator) -> None:
    async def run() -> dict[str, Any]:
        async with async_client(emulator) as client:
            page = await client.models(limit=2, offset=1)
            every = [entry.model_id async for entry in client.iter_models(page_size=40)]
            return {
                "page": page,
                "every": every,
                "categories": await client.categories(),
                "model": await client.model(MUSIC, include_schema=True),
                "price": await client.price(MUSIC),
                "estimate": await client.estimate_cost(make(MUSIC, prompt="a song")),
                "cost": (
                    await client.run(make(MUSIC, prompt="a song"), timeout=30, include_cost=True)
                ).cost,
            }

    got = asyncio.run(run())
    ids = list(runcomfy_models.model_ids())
    assert [e.model_id for e in got["page"].models] == ids[1:3]
    assert got["every"] == ids
    assert "audio" in got["categories"]
    assert got["model"].input_schema is not None
    assert got["price"] == Price(0.02, "second", NOTE)
    assert got["estimate"].usd == Decimal("0.8")  # 0.02 x 40 s (the default 40000 ms)
    assert got["cost"] == Decimal("0.8")


def test_the_async_listing_checks_its_arguments_at_once(emulator: Emulator) -> None:
    async def run() -> None:
        async with async_client(emulator) as client:
            with pytest.raises(ValueError, match="limit must be at least 1"):
                client.iter_models(page_size=0)
            with pytest.raises(TypeError, match="search must be a string"):
                client.iter_models(search=3)  # type: ignore[arg-type]

    asyncio.run(run())
    assert emulator.count("catalog") == 0
