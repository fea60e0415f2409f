"""The SDK sends ``Authorization`` only to the configured API host.

Two loopback servers on different ports are two hosts: the API, and "elsewhere", which
records every header it receives. The API answers with URLs on elsewhere (``status_url``,
``result_url``, redirects, output files, media inputs) and elsewhere must never see the
token; nor must the API host itself when it serves a download.
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from PIL import Image

from runcomfy_models import (
    APIError,
    AsyncClient,
    Client,
    DownloadLimits,
    ProbeLimits,
    RetryPolicy,
    adownload_outputs,
    download_outputs,
    get_model,
)
from tests.support.hostile_server import HostileServer, head, hostile_server, json_answer

TOKEN = "rc-host-TOKEN-9e8d7c6b"
RETRY = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02, total_cap=5)
MODEL = "bytedance/dreamina-3-0/pro/image-to-video"


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (1, 2, 3)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def api() -> Iterator[HostileServer]:
    with hostile_server() as made:
        yield made


@pytest.fixture
def elsewhere() -> Iterator[HostileServer]:
    with hostile_server() as made:
        made.route("*", lambda seen: json_answer(200, {"request_id": "abc", "status": "completed"}))
        yield made


def credentials(server: HostileServer) -> list[str]:
    found: list[str] = []
    for seen in server.seen:
        found += [
            k for k in ("authorization", "cookie", "proxy-authorization") if k in seen.headers
        ]
        found += ["token in the request"] if TOKEN in repr(seen) else []
    return found


def run_api(api: HostileServer, elsewhere: HostileServer, file_host: HostileServer) -> None:
    """An API whose every answer points at ``elsewhere``, with outputs on ``file_host``."""
    other = elsewhere.base_url
    urls = {
        "status_url": f"{other}/v1/requests/abc/status",
        "result_url": f"{other}/v1/requests/abc/result",
        "cancel_url": f"{other}/v1/requests/abc/cancel",
    }
    output = {"video": f"{file_host.base_url}/files/out.mp4"}
    api.route(f"/v1/models/{MODEL}", lambda seen: json_answer(200, {"request_id": "abc", **urls}))
    api.route("/v1/models/acme/x", lambda seen: json_answer(200, {"request_id": "abc", **urls}))
    api.route(
        "/v1/requests/abc/status",
        lambda seen: json_answer(200, {"request_id": "abc", "status": "completed", **urls}),
    )
    api.route(
        "/v1/requests/abc/result",
        lambda seen: json_answer(
            200, {"request_id": "abc", "status": "succeeded", "output": output, **urls}
        ),
    )
    file_host.route("/files/out.mp4", lambda seen: [head(200, {}, 4), b"mp4!"])


def test_urls_in_answers_are_never_followed(
    api: HostileServer, elsewhere: HostileServer, tmp_path: Any
) -> None:
    run_api(api, elsewhere, elsewhere)
    with Client(TOKEN, base_url=api.base_url, retry=RETRY) as c:
        result = c.submit_raw("acme/x", {}).wait(10)
        download_outputs(result, tmp_path, limits=DownloadLimits(allow_http=True))
    assert [seen.path for seen in elsewhere.seen] == ["/files/out.mp4"]  # the output only
    assert credentials(elsewhere) == []
    assert all(seen.headers.get("authorization") == f"Bearer {TOKEN}" for seen in api.seen)


def test_a_download_from_the_api_host_itself_carries_no_token(
    api: HostileServer, elsewhere: HostileServer, tmp_path: Any
) -> None:
    run_api(api, elsewhere, api)
    with Client(TOKEN, base_url=api.base_url, retry=RETRY) as c:
        result = c.job("abc").result()
    download_outputs(result, tmp_path, limits=DownloadLimits(allow_http=True))

    async def main() -> None:
        await adownload_outputs(result, tmp_path, limits=DownloadLimits(allow_http=True))

    asyncio.run(main())
    downloads = [seen for seen in api.seen if seen.path.startswith("/files/")]
    assert len(downloads) == 2
    assert all("authorization" not in seen.headers for seen in downloads)


def test_a_callers_download_client_loses_its_credentials(
    elsewhere: HostileServer, tmp_path: Any
) -> None:
    elsewhere.route("/files/out.png", lambda seen: [head(200, {}, 4), b"png!"])
    url = elsewhere.base_url + "/files/out.png"
    headers = {"Authorization": f"Bearer {TOKEN}", "Cookie": f"session={TOKEN}"}
    with httpx.Client(headers=headers, auth=("user", TOKEN)) as own:
        download_outputs([url], tmp_path, limits=DownloadLimits(allow_http=True), client=own)
    assert credentials(elsewhere) == []


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_to_another_host_is_never_followed_with_the_token(
    api: HostileServer, elsewhere: HostileServer, status: int
) -> None:
    target = elsewhere.base_url + "/v1/requests/abc/status"
    api.route("*", lambda seen: json_answer(status, {"request_id": "abc"}, {"Location": target}))
    # A caller's own client that follows redirects: the SDK still does not.
    with (
        httpx.Client(follow_redirects=True) as own,
        Client(TOKEN, base_url=api.base_url, retry=RETRY, http_client=own) as c,
    ):
        with pytest.raises(APIError, match=f"HTTP {status}"):
            c.job("abc").status()
        with pytest.raises(APIError, match=f"HTTP {status}"):
            c.submit_raw("acme/x", {})

    async def main() -> None:
        async with (
            httpx.AsyncClient(follow_redirects=True) as own,
            AsyncClient(TOKEN, base_url=api.base_url, retry=RETRY, http_client=own) as c,
        ):
            with pytest.raises(APIError, match=f"HTTP {status}"):
                await c.job("abc").status()

    asyncio.run(main())
    assert elsewhere.seen == []


def test_media_probes_carry_no_token(api: HostileServer, elsewhere: HostileServer) -> None:
    image = png()
    elsewhere.route(
        "/cat.png", lambda seen: [head(200, {"Content-Type": "image/png"}, len(image)), image]
    )
    run_api(api, elsewhere, elsewhere)
    payload = get_model(MODEL).input.model_validate(
        {"prompt": "a cat", "image_urls": [elsewhere.base_url + "/cat.png"]}
    )
    limits = ProbeLimits(allow_http=True)
    with Client(TOKEN, base_url=api.base_url, retry=RETRY, media_limits=limits) as c:
        c.submit(payload)

    async def main() -> None:
        async with AsyncClient(TOKEN, base_url=api.base_url, media_limits=limits) as c:
            await c.submit(payload)

    asyncio.run(main())
    assert [seen.path for seen in elsewhere.seen].count("/cat.png") >= 2  # it was probed
    assert credentials(elsewhere) == []
    assert sum(seen.path == f"/v1/models/{MODEL}" for seen in api.seen) == 2


@pytest.mark.parametrize(
    "url",
    [
        "https://model-api.runcomfy.net@evil.example",
        "https://evil.example\\@model-api.runcomfy.net",
        "https://evil.example\\.model-api.runcomfy.net",
        "https://user:pw@model-api.runcomfy.net",
        "https://model-api.runcomfy.net?host=evil.example",
        "https://model-api.runcomfy.net#@evil.example",
        "https://model-api.runcomfy.net\t.evil.example",
        "https://model-api.runcomfy.net%2f@evil.example",
        "https://model-api.runcomfy.net\uff0eevil.example",
        "http://model-api.runcomfy.net",
        "http://127.0.0.1.evil.example",
        "javascript:alert(1)",
        "//evil.example",
    ],
)
def test_base_urls_that_could_hide_another_host_are_refused(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValueError, match="base URL"):
        Client(TOKEN, base_url=url)
    with pytest.raises(ValueError, match="base URL"):
        AsyncClient(TOKEN, base_url=url)
    monkeypatch.setenv("RUNCOMFY_BASE_URL", url)
    with pytest.raises(ValueError, match="base URL"):
        Client(TOKEN)


@pytest.mark.parametrize(
    "url",
    [
        "https://model-api.runcomfy.net",
        "https://model-api-int.runcomfy.net/",
        "https://proxy.example.com:8443/runcomfy",
        "http://127.0.0.1:8765",
        "http://localhost:1",
    ],
)
def test_plain_base_urls_are_kept(url: str) -> None:
    with Client(TOKEN, base_url=url) as c:
        assert c.base_url == url.rstrip("/")
