"""The API token goes only to RunComfy's API hosts or an --api-host given on the command
line; never to a host a schema file names, never over a redirect.

Two loopback HTTPS servers on two ports are two hosts: one plays RunComfy's API (named
with ``--api-host``), the other a host a hostile pull request wrote into a schema file.
Both record every header they receive.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
import trustme
from click.testing import CliRunner

from generator.cli import main
from generator.errors import SourceError
from generator.runtime.constants import API_BASE_URLS, DEFAULT_BASE_URL, DEV_BASE_URL
from generator.sources import Fetcher
from generator.sources import catalog as catalog_module
from tests.support.documents import document, write
from tests.support.https import Response, Served, https_server
from tests.support.paths import CATALOG, PAGES

TOKEN = "rc-test-secret-token-hosts-0123456789"
MODELS = json.loads(CATALOG.read_text("utf-8"))["models"]
PAGE = (PAGES / "002_e94da7c852a456dd.txt").read_bytes()


def _catalog(path: str, headers: dict[str, str]) -> Response:
    return (
        200,
        {"Content-Type": "application/json"},
        json.dumps({"models": MODELS, "total": len(MODELS)}).encode(),
    )


def _page(path: str, headers: dict[str, str]) -> Response:
    return 200, {"Content-Type": "text/plain"}, PAGE


@contextmanager
def two_hosts(api_route=_catalog, other_route=_catalog) -> Iterator[tuple[Served, Served, Fetcher]]:  # type: ignore[no-untyped-def]
    """RunComfy's API (first) and another host (second), one CA, one client for both."""
    ca = trustme.CA()
    with ExitStack() as stack:
        api = stack.enter_context(https_server(api_route, ca))
        other = stack.enter_context(https_server(other_route, ca))
        yield api, other, Fetcher(verify=api.client_context)


def invoke(*args: str, fetcher: Fetcher) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), obj={"fetcher": fetcher})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def _authorized(served: Served) -> list[str]:
    return [path for path, headers in served.requests if "authorization" in headers]


def _schemas_recording(tmp_path: Path, kind: str, *locations: str) -> Path:
    schemas = tmp_path / "schemas"
    data = document({"prompt": {"type": "string"}}, model_id=MODELS[0]["model_id"])
    data["source"] = {"kind": kind, "locations": list(locations)}
    write(schemas, data)
    return schemas


def test_the_default_hosts_are_runcomfys_production_and_development_apis() -> None:
    assert API_BASE_URLS == (DEFAULT_BASE_URL, DEV_BASE_URL)
    assert DEV_BASE_URL == "https://model-api-int.runcomfy.net"
    assert Fetcher().api_hosts == API_BASE_URLS
    # One home per idea: the sources read the runtime's constants, they keep no copies.
    assert catalog_module.TOKEN_ENV == "RUNCOMFY_API_TOKEN"
    assert not hasattr(catalog_module, "DEFAULT_BASE_URL") or (
        catalog_module.DEFAULT_BASE_URL is DEFAULT_BASE_URL
    )


@pytest.mark.parametrize("mode", ["--check", "--recorded"])
def test_a_catalog_recorded_on_another_host_never_gets_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setenv("RUNCOMFY_API_TOKEN", TOKEN)
    with two_hosts() as (api, other, fetcher):
        schemas = _schemas_recording(tmp_path, "catalog", f"{other.base_url}/v1/models")
        code, output = invoke(
            "pull", mode, "--schemas", str(schemas), "--api-host", api.base_url, fetcher=fetcher
        )
    assert code == 2, output
    assert other.requests == []  # refused before connecting: no token, no request
    assert api.requests == []
    assert "/source/locations/0" in output
    assert f"{MODELS[0]['model_id']}.json" in output
    assert other.base_url in output
    assert "--api-host" in output
    assert TOKEN not in output


@pytest.mark.parametrize("mode", ["--check", "--recorded"])
def test_a_catalog_recorded_on_the_api_host_is_read_with_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setenv("RUNCOMFY_API_TOKEN", TOKEN)
    with two_hosts() as (api, other, fetcher):
        schemas = _schemas_recording(tmp_path, "catalog", f"{api.base_url}/v1/models")
        code, output = invoke(
            "pull", mode, "--schemas", str(schemas), "--api-host", api.base_url, fetcher=fetcher
        )
    assert code in (0, 1), output  # --check reports the catalog's other models as appeared
    assert api.requests
    assert all(headers.get("authorization") == f"Bearer {TOKEN}" for _, headers in api.requests)
    assert other.requests == []


def test_a_page_recorded_on_any_host_is_read_without_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNCOMFY_API_TOKEN", TOKEN)
    with two_hosts(_page, _page) as (api, other, fetcher):
        schemas = _schemas_recording(
            tmp_path, "page", f"{other.base_url}/docs/p", f"{api.base_url}/docs/p"
        )
        _code, output = invoke(
            "pull",
            "--check",
            "--schemas",
            str(schemas),
            "--api-host",
            api.base_url,
            fetcher=fetcher,
        )
    assert other.requests, output
    assert _authorized(other) == []
    assert _authorized(api) == []


def test_a_catalog_url_on_the_command_line_needs_api_host_to_get_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNCOMFY_API_TOKEN", TOKEN)
    with two_hosts() as (api, other, fetcher):
        code, output = invoke(
            "pull",
            "--catalog",
            f"{api.base_url}/v1/models",
            "--schemas",
            str(tmp_path / "s"),
            fetcher=fetcher,
        )
        assert code == 2
        assert api.requests == []
        assert "not a RunComfy API host" in output
        assert f"--api-host {api.base_url}" in output
        code, output = invoke(
            "pull",
            "--catalog",
            f"{api.base_url}/v1/models",
            "--schemas",
            str(tmp_path / "s"),
            "--api-host",
            api.base_url,
            fetcher=Fetcher(verify=api.client_context),
        )
    assert code == 0, output
    assert _authorized(api)
    assert other.requests == []


def _redirect_to(target: str):  # type: ignore[no-untyped-def]
    def route(path: str, headers: dict[str, str]) -> Response:
        return 302, {"Location": target + path}, b'{"models": []}'

    return route


def test_a_redirect_from_the_api_host_to_another_is_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNCOMFY_API_TOKEN", TOKEN)
    ca = trustme.CA()
    with https_server(_catalog, ca) as other, https_server(_redirect_to(other.base_url), ca) as api:
        code, output = invoke(
            "pull",
            "--catalog",
            f"{api.base_url}/v1/models",
            "--schemas",
            str(tmp_path / "s"),
            "--api-host",
            api.base_url,
            fetcher=Fetcher(verify=api.client_context),
        )
    assert code == 2, output
    assert "redirect" in output
    assert len(api.requests) == 1
    assert other.requests == []
    assert TOKEN not in output


def test_a_redirect_to_the_same_api_host_is_not_followed_either(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNCOMFY_API_TOKEN", TOKEN)

    def route(path: str, headers: dict[str, str]) -> Response:
        if path.startswith("/moved"):
            return _catalog(path, headers)
        return 301, {"Location": "/moved" + path}, b""

    with https_server(route) as api:
        code, output = invoke(
            "pull",
            "--catalog",
            f"{api.base_url}/v1/models",
            "--schemas",
            str(tmp_path / "s"),
            "--api-host",
            api.base_url,
            fetcher=Fetcher(verify=api.client_context),
        )
    assert code == 2, output
    assert "HTTP 301 redirect" in output
    assert [path.split("?")[0] for path, _ in api.requests] == ["/v1/models"]


def test_the_fetcher_itself_refuses_to_send_the_token_elsewhere() -> None:
    with two_hosts() as (api, other, _):
        fetcher = Fetcher(verify=api.client_context, api_hosts=(api.base_url,))
        with pytest.raises(SourceError, match="not a RunComfy API host"):
            fetcher.read(f"{other.base_url}/v1/models", token=TOKEN)
        # Look-alikes of the allowed origin are other hosts too.
        port = api.base_url.rsplit(":", 1)[1]
        for lookalike in (
            f"https://localhost:{port}/v1/models",
            f"https://127.0.0.1:{port}@{other.base_url[8:]}/v1/models",
            f"{api.base_url}.evil.example/v1/models",
            # Parser differentials: the host checked is the host httpx would connect to.
            f"https://127.0.0.1:{port}\\@{other.base_url[8:]}/v1/models",
            f"https://127.0.0.\n1:{port}/v1/models",
            f"https://{other.base_url[8:]}#@127.0.0.1:{port}/v1/models",
        ):
            with pytest.raises(SourceError):
                fetcher.read(lookalike, token=TOKEN)
        assert fetcher.read(f"{api.base_url}/v1/models", token=TOKEN)
        fetcher.close()
    assert _authorized(other) == []
    assert len(_authorized(api)) == 1


@pytest.mark.parametrize(
    "host",
    [
        "http://127.0.0.1:8000",  # the token travels over https only
        "https://model-api.runcomfy.net/v1",  # a host, not a path
        "https://user:pw@model-api.runcomfy.net",
        "model-api.runcomfy.net",
        "https://",
        "https://h.test?x=1",
    ],
)
def test_api_host_must_be_an_https_origin(tmp_path: Path, host: str) -> None:
    code, output = invoke(
        "pull",
        "--catalog",
        str(CATALOG),
        "--schemas",
        str(tmp_path),
        "--api-host",
        host,
        fetcher=Fetcher(),
    )
    assert code == 2
    assert "--api-host" in output
    assert "Traceback" not in output


def test_api_host_is_normalised_so_case_and_default_port_do_not_matter() -> None:
    from generator.sources.fetch import api_origin

    assert api_origin("HTTPS://Model-API.RunComfy.net:443/") == DEFAULT_BASE_URL
    assert api_origin("https://127.0.0.1:8443") == "https://127.0.0.1:8443"
