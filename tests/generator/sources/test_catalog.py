"""pull --catalog: a catalog response, from a file or followed page by page over HTTPS."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.sources import Fetcher
from generator.sources import catalog as catalog_module
from tests.support.https import Route, https_server
from tests.support.paths import CATALOG

TOKEN = "rc-test-secret-token-0123456789"
IDS = [
    "acestep-ai/ace-step/audio-inpaint",
    "blackforestlabs/flux-2/flash/text-to-image",
    "bytedance/seedream-5.0-pro/image-to-image",
    "runwayml/runway-aleph-2/video-to-video",
]


def invoke(*args: str, fetcher: Fetcher | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), obj={"fetcher": fetcher})
    return result.exit_code, result.output


def test_catalog_file_writes_one_schema_per_model(tmp_path: Path) -> None:
    code, output = invoke("pull", "--catalog", str(CATALOG), "--schemas", str(tmp_path))
    assert code == 0, output
    assert "4 added" in output
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.json"))
    assert written == [f"{model_id}.json" for model_id in IDS]
    flux = json.loads((tmp_path / f"{IDS[1]}.json").read_text("utf-8"))
    assert flux["output_schema_origin"] == "assumed"
    assert list(flux["output_schema"]["properties"]) == [
        "image",
        "video",
        "images",
        "videos",
        "audio",
        "audios",
    ]
    # The quirks are kept as published; only the chrome title is dropped.
    assert flux["input_schema"]["properties"]["guidance_scale"]["type"] == "float"
    assert flux["input_schema"]["properties"]["seed"]["default"] is None
    assert "title" not in flux["input_schema"]
    assert flux["source"]["kind"] == "catalog"


def test_lint_reports_catalog_quirks_as_warnings(tmp_path: Path) -> None:
    invoke("pull", "--catalog", str(CATALOG), "--schemas", str(tmp_path))
    code, output = invoke("lint", "--schemas", str(tmp_path))
    assert code == 0, output
    assert (
        "warning: blackforestlabs/flux-2/flash/text-to-image: "
        "/input_schema/properties/guidance_scale/type:" in output
    )
    assert "[float-type]" in output
    assert (
        "warning: blackforestlabs/flux-2/flash/text-to-image: "
        "/input_schema/properties/seed/default:" in output
    )
    assert "[null-default]" in output
    assert "error:" not in output
    code, _ = invoke("lint", "--schemas", str(tmp_path), "--strict")
    assert code == 1


def _paged_catalog(page_size: int) -> Route:
    models = json.loads(CATALOG.read_text("utf-8"))["models"]

    def route(path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if headers.get("authorization") != f"Bearer {TOKEN}":
            return 401, {}, b'{"error_code": 400004, "error_message": "bad token"}'
        query = parse_qs(urlsplit(path).query)
        assert query["include_schema"] == ["true"]
        limit, offset = int(query["limit"][0]), int(query["offset"][0])
        assert limit == page_size
        page = {"models": models[offset : offset + limit], "total": len(models)}
        return 200, {"Content-Type": "application/json"}, json.dumps(page).encode()

    return route


def test_catalog_url_follows_pages_with_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalog_module, "PAGE_SIZE", 3)
    monkeypatch.setenv("RUNCOMFY_API_TOKEN", TOKEN)
    with https_server(_paged_catalog(3)) as served:
        url = f"{served.base_url}/v1/models?include_schema=true"
        code, output = invoke(
            "pull",
            "--catalog",
            url,
            "--schemas",
            str(tmp_path),
            fetcher=Fetcher(verify=served.client_context, api_hosts=(served.base_url,)),
        )
    assert code == 0, output
    offsets = [parse_qs(urlsplit(path).query)["offset"] for path, _ in served.requests]
    assert offsets == [["0"], ["3"]]
    assert len(list(tmp_path.rglob("*.json"))) == 4
    data = json.loads((tmp_path / f"{IDS[0]}.json").read_text("utf-8"))
    assert data["endpoint"] == f"{served.base_url}/v1/models/{IDS[0]}"
    assert data["source"]["locations"] == [url]
    assert TOKEN not in output
    assert all(TOKEN not in p.read_text("utf-8") for p in tmp_path.rglob("*.json"))


def test_catalog_url_without_token_or_with_a_bad_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RUNCOMFY_API_TOKEN", raising=False)
    with https_server(_paged_catalog(100)) as served:
        fetcher = Fetcher(verify=served.client_context, api_hosts=(served.base_url,))
        code, output = invoke("pull", "--catalog", f"{served.base_url}/v1/models", fetcher=fetcher)
        assert code == 2
        assert "set RUNCOMFY_API_TOKEN" in output
        monkeypatch.setenv("RUNCOMFY_API_TOKEN", "wrong-" + TOKEN)
        code, output = invoke(
            "pull",
            "--catalog",
            f"{served.base_url}/v1/models",
            "--schemas",
            str(tmp_path),
            fetcher=Fetcher(verify=served.client_context, api_hosts=(served.base_url,)),
        )
    assert code == 2
    assert "HTTP 401" in output
    assert TOKEN not in output
    assert not list(tmp_path.rglob("*.json"))


def _nested(depth: int) -> str:
    return '{"a": ' * depth + "1" + "}" * depth


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("not json", "catalog is not JSON"),
        ('{"items": []}', 'expected a catalog object {"models"'),
        ('{"models": [{"input_schema": {}}]}', "models[0]: missing model_id"),
        ('{"models": [{"model_id": "a/b"}]}', "models[0] (a/b): missing input_schema"),
        ('{"models": [{"model_id": "a b/c", "input_schema": {}}]}', "models[0]: model id 'a b/c'"),
        (
            '{"models": [{"model_id": "a/b", "input_schema": {}}, {"model_id": "a/../c"}]}',
            "models[1]: model id 'a/../c'",
        ),
        (
            '{"models": [{"model_id": "a/b", "input_schema": "{\\"type\\": \\"object\\"}"}]}',
            "models[0] (a/b): input_schema is a string (JSON text?), not an object",
        ),
        (
            '{"models": [{"model_id": "a/b", "input_schema": []}]}',
            "models[0] (a/b): input_schema is list, not an object",
        ),
        ('{"models": [3]}', "models[0]: expected an object, got int"),
        (
            '{"models": [{"model_id": "a/b", "input_schema": {}}, {"model_id": "c/d", '
            '"input_schema": {}}, {"model_id": "a/b", "input_schema": {}}]}',
            "models[0] and models[2] both describe a/b",
        ),
        (
            '{"models": [{"model_id": "a/b", "input_schema": {"properties": '
            '{"x": {"default": NaN}}}}]}',
            "models[0] (a/b): /input_schema/properties/x/default: NaN is not a finite",
        ),
        (
            '{"models": [{"model_id": "a/b", "input_schema": {"maximum": 1e400}}]}',
            "models[0] (a/b): /input_schema/maximum: 1e400 is not a finite JSON number",
        ),
        (
            '{"models": [{"model_id": "a/b", "input_schema": {}, "output_schema": '
            '{"x": -Infinity}}]}',
            "models[0] (a/b): /output_schema/x: -Infinity is not a finite JSON number",
        ),
        (
            '{"models": [{"model_id": "a/b", "input_schema": ' + _nested(70) + "}]}",
            "models[0] (a/b): /input_schema/a/a/a/",
        ),
        ('{"models": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested deeper than 64 levels"),
    ],
)
def test_bad_catalogs_are_clear_errors(tmp_path: Path, body: str, expected: str) -> None:
    path = tmp_path / "catalog.json"
    path.write_text(body, "utf-8")
    code, output = invoke("pull", "--catalog", str(path), "--schemas", str(tmp_path / "s"))
    assert code == 2
    assert expected in output
    assert "catalog.json" in output
    assert not (tmp_path / "s").exists()


def _serve(
    models: list[dict[str, object]],
    *,
    cap: int,
    total: int | None,
    ignore_offset: bool = False,
) -> Route:
    """A catalog server that sends at most ``cap`` models a page, whatever the limit."""

    def route(path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        query = parse_qs(urlsplit(path).query)
        offset = 0 if ignore_offset else int(query["offset"][0])
        limit = min(int(query["limit"][0]), cap)
        page: dict[str, object] = {"models": models[offset : offset + limit]}
        if total is not None:
            page["total"] = total
        return 200, {"Content-Type": "application/json"}, json.dumps(page).encode()

    return route


def _pull_served(route: Route, tmp_path: Path) -> tuple[int, str, list[str]]:
    with https_server(route) as served:
        code, output = invoke(
            "pull",
            "--catalog",
            f"{served.base_url}/v1/models?include_schema=true",
            "--schemas",
            str(tmp_path / "s"),
            fetcher=Fetcher(verify=served.client_context, api_hosts=(served.base_url,)),
        )
    offsets = [parse_qs(urlsplit(path).query)["offset"][0] for path, _ in served.requests]
    return code, output, offsets


@pytest.mark.parametrize(
    ("total", "offsets"), [(4, ["0", "2"]), (None, ["0", "2", "4"])], ids=["total", "no-total"]
)
def test_server_that_caps_pages_below_our_limit_is_read_to_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, total: int | None, offsets: list[str]
) -> None:
    monkeypatch.setenv("RUNCOMFY_API_TOKEN", TOKEN)
    models = json.loads(CATALOG.read_text("utf-8"))["models"]
    code, output, requested = _pull_served(_serve(models, cap=2, total=total), tmp_path)
    assert code == 0, output
    assert "4 added" in output
    assert requested == offsets


def test_catalog_that_ends_before_its_total_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNCOMFY_API_TOKEN", TOKEN)
    models = json.loads(CATALOG.read_text("utf-8"))["models"]
    code, output, requested = _pull_served(_serve(models, cap=3, total=6), tmp_path)
    assert code == 2
    assert "the catalog says total 6 but the server sent only 4 entries" in output
    assert requested == ["0", "3", "4"]
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("total", [4, None], ids=["total", "no-total"])
def test_server_that_ignores_offset_is_an_error_not_a_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, total: int | None
) -> None:
    monkeypatch.setenv("RUNCOMFY_API_TOKEN", TOKEN)
    models = json.loads(CATALOG.read_text("utf-8"))["models"]
    route = _serve(models, cap=2, total=total, ignore_offset=True)
    code, output, requested = _pull_served(route, tmp_path)
    assert code == 2
    assert "the page repeats models already read" in output
    assert "seems to ignore offset" in output
    assert requested == ["0", "2"]
    assert not (tmp_path / "s").exists()


def test_catalog_that_never_ends_stops_at_the_page_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNCOMFY_API_TOKEN", TOKEN)
    monkeypatch.setattr(catalog_module, "MAX_PAGES", 5)
    entry = json.loads(CATALOG.read_text("utf-8"))["models"][0]

    def endless(path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        offset = parse_qs(urlsplit(path).query)["offset"][0]
        page = {"models": [dict(entry, model_id=f"acme/model-{offset}")]}
        return 200, {}, json.dumps(page).encode()

    code, output, requested = _pull_served(endless, tmp_path)
    assert code == 2
    assert "more than 5 pages; stopped" in output
    assert len(requested) == 5
