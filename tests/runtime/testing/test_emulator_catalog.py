"""The emulator's catalog, prices and costs, read over raw HTTP on 127.0.0.1.

What a client never checks for itself: what the entries carry (the index's display name,
categories published else the task, kind, a price), that entries given to the emulator
are served as given, and how a finished job's cost is worked out (the price table, the
defaults, the count field capped, units the emulator cannot multiply).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import runcomfy_models
from runcomfy_models import Price, get_model
from runcomfy_models._runtime.client.ids import REQUEST_ID
from runcomfy_models._runtime.testing.catalog import DEFAULT_PRICES, MAX_OUTPUTS
from runcomfy_models._runtime.testing.files import output_kind
from runcomfy_models.testing import Emulator, JobPlan, serve

TOKEN = "emulator-catalog-TOKEN"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
WAN_EDIT = "wan-ai/wan-2.7/edit"
KLING = "kling/kling-3.0/pro/text-to-video"
INSTANT = JobPlan(queue_seconds=0, run_seconds=0)


@pytest.fixture(scope="module")
def served() -> Iterator[Emulator]:
    with serve(Emulator(token=TOKEN, specs=get_model, plan=INSTANT)) as emulator:
        yield emulator


@pytest.fixture(scope="module")
def unchecked() -> Iterator[Emulator]:
    """An emulator that validates nothing (no ``specs``): raw inputs reach the cost."""
    prices = {WAN_EDIT: {"base_price_usd": 0.05, "price_unit": "output"}}
    with serve(Emulator(token=TOKEN, plan=INSTANT, prices=prices)) as emulator:
        yield emulator


@pytest.fixture
def http(served: Emulator) -> Iterator[httpx.Client]:
    served.reset(INSTANT)
    with httpx.Client(base_url=served.base_url, headers=AUTH, timeout=30) as made:
        yield made


def get(http: httpx.Client, path: str) -> Any:
    answer = http.get(path)
    assert answer.status_code == 200, answer.text[:300]
    return answer.json()


def test_entries_carry_the_index_and_a_price(http: httpx.Client) -> None:
    body = get(http, "/v1/models")
    assert body["total"] == len(runcomfy_models.model_ids())
    for entry in body["models"]:
        info = runcomfy_models.model_info(entry["model_id"])
        assert entry["display_name"] == info.display_name
        assert entry["categories"] == list(info.categories or (info.task,))
        assert entry["kind"] == (info.kind or "model")
        assert "input_schema" not in entry
        # what it makes, else (no output media known) what its id says
        made = next((k for k in ("video", "audio", "image") if k in info.output_media), None)
        made = made or output_kind(info.model_id)
        default = DEFAULT_PRICES[made]
        assert (entry["base_price_usd"], entry["price_unit"]) == (
            default.base_price_usd,
            default.price_unit,
        )
        assert entry["pricing_note"] == "the emulator's default price, not RunComfy's"


def test_include_schema_adds_every_input_schema(http: httpx.Client) -> None:
    body = get(http, "/v1/models?include_schema=true&limit=100")
    assert all(isinstance(entry["input_schema"], dict) for entry in body["models"])
    assert "input_schema" not in get(http, "/v1/models?include_schema=false")["models"][0]
    assert "input_schema" not in get(http, f"/v1/models/{KLING}")
    assert get(http, f"/v1/models/{KLING}?include_schema=TRUE")["input_schema"]["type"] == "object"


def test_categories_never_collide_with_a_model(http: httpx.Client) -> None:
    categories = get(http, "/v1/models/categories")["categories"]
    assert categories == sorted(categories)
    assert "video" in categories
    missing = http.get("/v1/models/no-owner")
    assert missing.status_code == 400  # as RunComfy answers an unknown model, on submit too
    assert missing.json()["error_code"] == 400001


def test_entries_given_to_the_emulator_are_served_as_given(
    served: Emulator, http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = [
        {"model_id": "acme/cat-video", "display_name": "Cat Video", "categories": ["video"]},
        {"model_id": "acme/dog", "categories": ["image"], "kind": "workflow", "input_schema": {}},
        {"model_id": "acme/bird", "extra": [1, 2]},
    ]
    monkeypatch.setattr(served, "catalog", own)
    monkeypatch.setattr(served, "prices", {"acme/bird": Price(2.0, "output")})
    body = get(http, "/v1/models")
    assert [e["model_id"] for e in body["models"]] == ["acme/cat-video", "acme/dog", "acme/bird"]
    assert "input_schema" not in body["models"][1]  # only when asked for
    assert get(http, "/v1/models?include_schema=true")["models"][1]["input_schema"] == {}
    assert body["models"][2] == {
        "model_id": "acme/bird",
        "extra": [1, 2],
        "base_price_usd": 2.0,
        "price_unit": "output",
        "pricing_note": None,
    }
    assert get(http, "/v1/models?search=cat")["total"] == 1
    assert get(http, "/v1/models?search=CAT%20video")["models"][0]["model_id"] == "acme/cat-video"
    assert get(http, "/v1/models?category=IMAGE")["total"] == 1
    assert get(http, "/v1/models?kind=workflow")["models"][0]["model_id"] == "acme/dog"
    assert get(http, "/v1/models/categories") == {"categories": ["image", "video"]}
    assert get(http, "/v1/models/acme/dog")["kind"] == "workflow"
    assert http.get("/v1/models/acme/fish").status_code == 400


def test_the_page_cap_serves_fewer_than_asked(
    served: Emulator, http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(served, "page_cap", 4)
    body = get(http, "/v1/models?limit=100&offset=2")
    assert [e["model_id"] for e in body["models"]] == list(runcomfy_models.model_ids()[2:6])
    assert body["total"] == len(runcomfy_models.model_ids())


def test_the_catalog_needs_the_token(served: Emulator) -> None:
    for path in ("/v1/models", "/v1/models/categories", f"/v1/models/{KLING}"):
        answer = httpx.get(served.base_url + path)
        assert answer.status_code == 401
        assert answer.json()["error_code"] == 400004


# -- costs ---------------------------------------------------------------------------------


def cost_of(emulator: Emulator, model_id: str, payload: dict[str, Any]) -> Any:
    with httpx.Client(base_url=emulator.base_url, headers=AUTH, timeout=30) as http:
        submitted = http.post(f"/v1/models/{model_id}", json=payload)
        assert submitted.status_code == 200, submitted.text[:300]
        request_id = submitted.json()["request_id"]
        return get(http, f"/v1/requests/{request_id}/result?include_cost=true")


def test_the_count_field_makes_that_many_outputs_capped(unchecked: Emulator) -> None:
    body = cost_of(unchecked, WAN_EDIT, {"prompt": "a cat", "num_images": 100})
    assert len(body["output"]["images"]) == MAX_OUTPUTS
    assert body["cost"] == 0.8  # 0.05 x 16
    with httpx.Client(timeout=30) as http:
        last = http.get(body["output"]["images"][-1])
        assert last.status_code == 200
        assert http.get(body["output"]["images"][-1].replace("-16.", "-17.")).status_code == 404
    odd = cost_of(unchecked, WAN_EDIT, {"prompt": "a cat", "num_images": "3"})
    assert odd["output"] == {"image": odd["output"]["image"]}  # not a count: one output
    assert odd["cost"] == 0.05


def test_models_outside_the_package_get_a_default_by_what_the_id_says(
    unchecked: Emulator,
) -> None:
    assert cost_of(unchecked, "acme/x/text-to-video", {})["cost"] == 0.2  # 0.10 x 2 s
    assert cost_of(unchecked, "acme/x/text-to-audio", {})["cost"] == 0.02  # 0.02 x 1 s
    assert cost_of(unchecked, "acme/x/text-to-image", {})["cost"] == 0.04  # one output


def test_a_unit_the_emulator_cannot_multiply_costs_the_price_once(
    unchecked: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(unchecked, "prices", {KLING: Price(0.3, "job")})
    assert cost_of(unchecked, KLING, {"prompt": "a cat", "duration": 9})["cost"] == 0.3


def test_the_duration_is_read_from_the_validated_input(http: httpx.Client) -> None:
    submitted = http.post(f"/v1/models/{KLING}", json={"prompt": "a cat"})  # default 5 s
    request_id = submitted.json()["request_id"]
    body = get(http, f"/v1/requests/{request_id}/result?include_cost=true")
    assert body["cost"] == 0.5  # 0.10 USD/second x 5 s
    assert "cost" not in get(http, f"/v1/requests/{request_id}/result")


def _submitted_ids(emulator: Emulator, count: int) -> list[str]:
    with (
        serve(emulator) as running,
        httpx.Client(base_url=running.base_url, headers=AUTH, timeout=30) as http,
    ):
        ids = []
        for n in range(count):
            answer = http.post(f"/v1/models/{KLING}", json={"prompt": f"cat {n}"})
            assert answer.status_code == 200, answer.text[:300]
            ids.append(answer.json()["request_id"])
        return ids


def test_request_ids_never_repeat_across_emulators_or_a_reset() -> None:
    """Ids are random, not drawn from the seeded fault dice: a batch resumed against a
    restarted emulator must never find another input's job under its request id."""
    first = _submitted_ids(Emulator(token=TOKEN, specs=get_model, plan=INSTANT, seed=7), 3)
    again = Emulator(token=TOKEN, specs=get_model, plan=INSTANT, seed=7)
    second = _submitted_ids(again, 3)
    again.reset()
    third = _submitted_ids(again, 3)
    every = first + second + third
    assert len(set(every)) == len(every)
    assert all(REQUEST_ID.fullmatch(rid) for rid in every)
