"""The client's conventions (issue #16): token variables, environments, User-Agent, and
the caller's ``http_client`` used for every request (API calls, media probes, downloads).

All over real HTTP on 127.0.0.1: an API server and a media/file server that record every
request's headers.
"""

from __future__ import annotations

import asyncio
import io
import platform
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from runcomfy_models import (
    AsyncClient,
    AuthenticationError,
    Client,
    DownloadLimits,
    ProbeLimits,
    RetryPolicy,
    adownload_outputs,
    download_outputs,
    get_model,
)
from tests.support.hostile_server import HostileServer, head, hostile_server, json_answer

TOKEN = "rc-conventions-TOKEN-1a2b3c4d"
OTHER = "rc-cli-TOKEN-5e6f7a8b9c"
RETRY = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02, total_cap=5)
MODEL = "bytedance/dreamina-3-0/pro/image-to-video"
AGENT = re.compile(r"runcomfy-models/\S+ python/(\S+) httpx/(\S+)")
ENV_NAMES = (
    "RUNCOMFY_API_TOKEN",
    "RUNCOMFY_TOKEN",
    "RUNCOMFY_BASE_URL",
    "RUNCOMFY_API_ENVIRONMENT",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (1, 2, 3)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def api() -> Iterator[HostileServer]:
    with hostile_server() as made:
        made.route("*", lambda seen: json_answer(200, {"request_id": "abc", "status": "in_queue"}))
        yield made


@pytest.fixture
def files() -> Iterator[HostileServer]:
    image = png()
    with hostile_server() as made:
        made.route(
            "/cat.png",
            lambda seen: [head(200, {"Content-Type": "image/png"}, len(image)), image],
        )
        made.route("/files/out.png", lambda seen: [head(200, {}, 4), b"png!"])
        yield made


def payload(files: HostileServer) -> object:
    return get_model(MODEL).input.model_validate(
        {"prompt": "a cat", "image_urls": [files.base_url + "/cat.png"]}
    )


# -- the token -----------------------------------------------------------------------------


def test_the_token_comes_from_runcomfy_token_when_runcomfy_api_token_is_unset(
    api: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNCOMFY_TOKEN", OTHER)
    with Client(base_url=api.base_url, retry=RETRY) as c:
        c.job("abc").status()
    assert api.seen[-1].headers["authorization"] == f"Bearer {OTHER}"


def test_runcomfy_api_token_comes_first(
    api: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNCOMFY_TOKEN", OTHER)
    monkeypatch.setenv("RUNCOMFY_API_TOKEN", TOKEN)

    async def main() -> None:
        async with AsyncClient(base_url=api.base_url, retry=RETRY) as c:
            await c.job("abc").status()

    asyncio.run(main())
    assert api.seen[-1].headers["authorization"] == f"Bearer {TOKEN}"


def test_a_blank_first_variable_falls_through_to_the_second(
    api: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNCOMFY_API_TOKEN", "  ")
    monkeypatch.setenv("RUNCOMFY_TOKEN", OTHER)
    with Client(base_url=api.base_url, retry=RETRY) as c:
        c.job("abc").status()
    assert api.seen[-1].headers["authorization"] == f"Bearer {OTHER}"


def test_no_token_names_both_variables() -> None:
    with pytest.raises(AuthenticationError) as caught:
        Client()
    message = str(caught.value)
    assert "RUNCOMFY_API_TOKEN" in message
    assert "RUNCOMFY_TOKEN" in message
    assert "\n" not in message


# -- environments ------------------------------------------------------------------------


def test_environments_choose_the_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Client(TOKEN).base_url == "https://model-api.runcomfy.net"
    assert Client(TOKEN, environment="production").base_url == "https://model-api.runcomfy.net"
    dev = Client(TOKEN, environment="development")
    assert dev.base_url == "https://model-api-int.runcomfy.net"
    monkeypatch.setenv("RUNCOMFY_API_ENVIRONMENT", "development")
    assert Client(TOKEN).base_url == "https://model-api-int.runcomfy.net"
    assert AsyncClient(TOKEN).base_url == "https://model-api-int.runcomfy.net"
    # The argument wins over the variable.
    assert Client(TOKEN, environment="production").base_url == "https://model-api.runcomfy.net"


def test_base_url_overrides_the_environment(
    api: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNCOMFY_API_ENVIRONMENT", "development")
    with Client(TOKEN, environment="development", base_url=api.base_url, retry=RETRY) as c:
        c.job("abc").status()
    monkeypatch.setenv("RUNCOMFY_BASE_URL", api.base_url)
    with Client(TOKEN, retry=RETRY) as c:
        assert c.base_url == api.base_url
        c.job("abc").status()
    assert [seen.path for seen in api.seen] == ["/v1/requests/abc/status"] * 2


def test_explicit_arguments_beat_environment_variables(
    api: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """base_url= > environment= > RUNCOMFY_BASE_URL > RUNCOMFY_API_ENVIRONMENT > production."""
    monkeypatch.setenv("RUNCOMFY_BASE_URL", api.base_url)
    monkeypatch.setenv("RUNCOMFY_API_ENVIRONMENT", "development")
    production = "https://model-api.runcomfy.net"
    for made in (
        Client(TOKEN, environment="production"),
        AsyncClient(TOKEN, environment="production"),
    ):
        assert made.base_url == production
    assert Client(TOKEN, environment="production", base_url=api.base_url).base_url == api.base_url
    assert Client(TOKEN).base_url == api.base_url  # the URL variable beats the environment one
    with Client(TOKEN, environment="production", retry=RETRY) as c:
        assert c.base_url == production
    assert api.seen == []  # nothing went to the variable's URL


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_a_blank_base_url_variable_counts_as_unset(
    blank: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNCOMFY_BASE_URL", blank)
    assert Client(TOKEN).base_url == "https://model-api.runcomfy.net"
    monkeypatch.setenv("RUNCOMFY_API_ENVIRONMENT", "development")
    assert AsyncClient(TOKEN).base_url == "https://model-api-int.runcomfy.net"


def test_the_wrong_kind_of_http_client_is_refused_at_once() -> None:
    async_http = httpx.AsyncClient()
    sync_http = httpx.Client()
    try:
        with pytest.raises(TypeError, match=r"httpx\.Client") as caught:
            Client(TOKEN, http_client=async_http)  # type: ignore[arg-type]
        assert "AsyncClient" in str(caught.value)
        assert "\n" not in str(caught.value)
        with pytest.raises(TypeError, match=r"httpx\.AsyncClient"):
            AsyncClient(TOKEN, http_client=sync_http)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=r"httpx\.Client"):
            Client(TOKEN, http_client="http://x")  # type: ignore[arg-type]
    finally:
        sync_http.close()
        asyncio.run(async_http.aclose())


@pytest.mark.parametrize("where", ["argument", "variable"])
def test_an_unknown_environment_is_a_one_line_error(
    where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    kwargs = {"environment": "staging"} if where == "argument" else {}
    if where == "variable":
        monkeypatch.setenv("RUNCOMFY_API_ENVIRONMENT", "staging")
    with pytest.raises(ValueError, match="unknown RunComfy environment") as caught:
        Client(TOKEN, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "'staging'" in message
    assert "'development'" in message
    assert "\n" not in message


# -- User-Agent and the caller's http_client ---------------------------------------------


def _agent_of(seen_headers: dict[str, str]) -> str:
    agent = seen_headers.get("user-agent", "")
    match = AGENT.fullmatch(agent)
    assert match, agent
    assert match.group(1) == platform.python_version()
    assert match.group(2) == httpx.__version__
    return agent


def test_every_request_carries_the_user_agent(
    api: HostileServer, files: HostileServer, tmp_path: Path
) -> None:
    limits = ProbeLimits(allow_http=True)
    with Client(TOKEN, base_url=api.base_url, retry=RETRY, media_limits=limits) as c:
        c.submit(payload(files))  # type: ignore[arg-type]
        c.job("abc").status()
    download_outputs(
        [files.base_url + "/files/out.png"], tmp_path, limits=DownloadLimits(allow_http=True)
    )

    async def main() -> None:
        async with AsyncClient(TOKEN, base_url=api.base_url, media_limits=limits) as c:
            await c.submit(payload(files))  # type: ignore[arg-type]
        await adownload_outputs(
            [files.base_url + "/files/out.png"],
            tmp_path / "a",
            limits=DownloadLimits(allow_http=True),
        )

    asyncio.run(main())
    seen = api.seen + files.seen
    assert {seen.path for seen in files.seen} == {"/cat.png", "/files/out.png"}
    assert len({_agent_of(s.headers) for s in seen}) == 1


def test_a_callers_user_agent_is_kept(
    api: HostileServer, files: HostileServer, tmp_path: Path
) -> None:
    limits = ProbeLimits(allow_http=True)
    with (
        httpx.Client(headers={"User-Agent": "my-app/2"}) as own,
        Client(TOKEN, base_url=api.base_url, http_client=own, media_limits=limits) as c,
    ):
        c.submit(payload(files))  # type: ignore[arg-type]
        download_outputs(
            [files.base_url + "/files/out.png"],
            tmp_path,
            limits=DownloadLimits(allow_http=True),
            client=own,
        )
    assert {s.headers["user-agent"] for s in api.seen + files.seen} == {"my-app/2"}


def test_the_callers_http_client_makes_every_request(
    api: HostileServer, files: HostileServer, tmp_path: Path
) -> None:
    """API calls and media probes go through the given client (its headers, hooks)."""
    limits = ProbeLimits(allow_http=True)
    hooked: list[str] = []

    def hook(request: httpx.Request) -> None:
        hooked.append(request.url.path)

    with (
        httpx.Client(headers={"X-Mine": "1"}, event_hooks={"request": [hook]}) as own,
        Client(TOKEN, base_url=api.base_url, http_client=own, media_limits=limits) as c,
    ):
        c.submit(payload(files))  # type: ignore[arg-type]
        c.job("abc").status()
    assert "/cat.png" in hooked
    assert f"/v1/models/{MODEL}" in hooked
    assert all(s.headers.get("x-mine") == "1" for s in api.seen + files.seen)
    assert [s.path for s in files.seen]
    assert "authorization" not in files.seen[0].headers


def test_the_callers_async_http_client_makes_every_request(
    api: HostileServer, files: HostileServer
) -> None:
    limits = ProbeLimits(allow_http=True)
    hooked: list[str] = []

    async def hook(request: httpx.Request) -> None:
        hooked.append(request.url.path)

    async def main() -> bool:
        async with httpx.AsyncClient(
            headers={"X-Mine": "1"}, event_hooks={"request": [hook]}
        ) as own:
            async with AsyncClient(
                TOKEN, base_url=api.base_url, http_client=own, media_limits=limits
            ) as c:
                await c.submit(payload(files))  # type: ignore[arg-type]
            return own.is_closed

    assert asyncio.run(main()) is False  # not closed by the SDK's client
    assert "/cat.png" in hooked
    assert f"/v1/models/{MODEL}" in hooked
    assert all(s.headers.get("x-mine") == "1" for s in api.seen + files.seen)


def test_the_clients_download_goes_through_the_callers_http_client(
    files: HostileServer, tmp_path: Path
) -> None:
    hooked: list[httpx.Request] = []
    url = files.base_url + "/files/out.png"
    limits = DownloadLimits(allow_http=True)
    with (
        httpx.Client(headers={"X-Mine": "1"}, event_hooks={"request": [hooked.append]}) as own,
        Client(TOKEN, http_client=own) as c,
    ):
        (saved,) = c.download([url], tmp_path / "theirs", limits=limits)
    assert saved.read_bytes() == b"png!"
    assert [request.url.path for request in hooked] == ["/files/out.png"]
    assert files.seen[-1].headers.get("x-mine") == "1"
    assert "authorization" not in files.seen[-1].headers
    with Client(TOKEN) as c:  # no client given: the download's own, with its limits
        (saved,) = c.download([url], tmp_path / "own", limits=limits)
    assert saved.read_bytes() == b"png!"
    assert "authorization" not in files.seen[-1].headers


def test_the_async_clients_download_goes_through_the_callers_http_client(
    files: HostileServer, tmp_path: Path
) -> None:
    hooked: list[str] = []

    async def hook(request: httpx.Request) -> None:
        hooked.append(request.url.path)

    async def main() -> list[Path]:
        async with (
            httpx.AsyncClient(event_hooks={"request": [hook]}) as own,
            AsyncClient(TOKEN, http_client=own) as c,
        ):
            return await c.download(
                [files.base_url + "/files/out.png"],
                tmp_path,
                limits=DownloadLimits(allow_http=True),
            )

    (saved,) = asyncio.run(main())
    assert saved.read_bytes() == b"png!"
    assert hooked == ["/files/out.png"]


# -- closing -----------------------------------------------------------------------------


def test_a_client_closes_what_it_opened_and_not_what_it_was_given(api: HostileServer) -> None:
    with Client(TOKEN, base_url=api.base_url, retry=RETRY) as mine:
        mine.job("abc").status()
    assert mine._transport.http.is_closed

    own = httpx.Client()
    with Client(TOKEN, base_url=api.base_url, retry=RETRY, http_client=own) as theirs:
        theirs.job("abc").status()
    assert not own.is_closed
    assert own.get(api.base_url + "/v1/requests/abc/status").status_code == 200  # still usable
    own.close()


def test_an_async_client_closes_what_it_opened_and_not_what_it_was_given(
    api: HostileServer,
) -> None:
    async def main() -> tuple[bool, bool]:
        async with AsyncClient(TOKEN, base_url=api.base_url, retry=RETRY) as mine:
            await mine.job("abc").status()
        async with httpx.AsyncClient() as own:
            async with AsyncClient(TOKEN, base_url=api.base_url, http_client=own) as theirs:
                await theirs.job("abc").status()
            given_open = not own.is_closed
            await own.get(api.base_url + "/v1/requests/abc/status")
        return mine._transport.http.is_closed, given_open

    assert asyncio.run(main()) == (True, True)


def test_a_bad_environment_variable_is_ignored_where_a_base_url_decides(
    api: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNCOMFY_API_ENVIRONMENT", "staging")
    assert Client(TOKEN, base_url=api.base_url).base_url == api.base_url
    assert AsyncClient(TOKEN, base_url=api.base_url).base_url == api.base_url
    assert Client(TOKEN, environment="development").base_url.startswith("https://model-api-int")
    monkeypatch.setenv("RUNCOMFY_BASE_URL", api.base_url)
    assert Client(TOKEN).base_url == api.base_url
    monkeypatch.delenv("RUNCOMFY_BASE_URL")
    with pytest.raises(ValueError, match="unknown RunComfy environment 'staging'"):
        Client(TOKEN)  # the variable decides here: its mistake is said
    with pytest.raises(ValueError, match="unknown RunComfy environment 'stage'"):
        Client(TOKEN, environment="stage", base_url=api.base_url)  # an argument always is
