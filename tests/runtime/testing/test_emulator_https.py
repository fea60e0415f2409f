"""Output URLs as production serves them: ``Emulator(https_outputs=True)``.

The API stays on plain http to 127.0.0.1; the outputs move to ``https://localhost:PORT``,
a host name and a certificate from a CA made when the emulator starts (trustme), whose
PEM file is ``emulator.outputs_ca``. A client that trusts that CA downloads them without
``allow_http``; one that does not is refused with a message that says why and what to do.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from runcomfy_models import (
    AsyncClient,
    Client,
    DownloadError,
    DownloadLimits,
    adownload_outputs,
    download_outputs,
    get_model,
)
from runcomfy_models.testing import Emulator, serve
from tests.support.emulated import FAST_POLL, FAST_RETRY, QUICK, TOKEN, payload

WAN = "wan-ai/wan-2.7/pro/text-to-image"


@pytest.fixture(scope="module")
def https() -> Iterator[Emulator]:
    with serve(Emulator(token=TOKEN, specs=get_model, plan=QUICK, https_outputs=True)) as made:
        yield made


@pytest.fixture
def emulator(https: Emulator) -> Emulator:
    https.reset(QUICK)
    return https


@pytest.fixture
def client(emulator: Emulator) -> Iterator[Client]:
    with Client(TOKEN, base_url=emulator.base_url, retry=FAST_RETRY, poll=FAST_POLL) as made:
        yield made


def trusting(emulator: Emulator) -> ssl.SSLContext:
    assert emulator.outputs_ca is not None
    return ssl.create_default_context(cafile=emulator.outputs_ca)


def test_outputs_are_https_urls_on_a_host_name(client: Client, emulator: Emulator) -> None:
    result = client.run(payload(), timeout=10)
    url = urlsplit(result.output.urls()[0])
    assert (url.scheme, url.hostname) == ("https", "localhost")
    assert url.path == f"/files/{result.request_id}/output.mp4"
    assert url.port != urlsplit(emulator.base_url).port
    assert emulator.base_url.startswith("http://127.0.0.1:")  # the API itself is unchanged
    assert emulator.outputs_ca is not None
    assert Path(emulator.outputs_ca).read_text("ascii").startswith("-----BEGIN CERTIFICATE-----")


def test_a_client_that_trusts_the_ca_downloads_without_allow_http(
    client: Client, emulator: Emulator, tmp_path: Path
) -> None:
    result = client.run(payload(), timeout=10)
    with httpx.Client(verify=trusting(emulator)) as http:
        (path,) = download_outputs(result, tmp_path, client=http)
    assert path == tmp_path / "output.mp4"
    assert path.read_bytes()[4:8] == b"ftyp"
    assert emulator.files_with_credentials == 0
    assert emulator.count("files") == 1


def test_the_emulators_own_context_and_download_limits_trust_the_ca(
    client: Client, emulator: Emulator, tmp_path: Path
) -> None:
    result = client.run(
        get_model(WAN).input.model_validate({"prompt": "a cat", "max_images": 2}), timeout=10
    )
    with httpx.Client(verify=emulator.outputs_ssl_context()) as http:
        assert len(download_outputs(result, tmp_path / "a", client=http)) == 2
    limits = DownloadLimits(ca_file=emulator.outputs_ca)
    paths = download_outputs(result, tmp_path / "b", limits=limits)
    assert [p.name for p in paths] == ["output-1.png", "output-2.png"]
    assert all(p.read_bytes()[:4] == b"\x89PNG" for p in paths)


def test_the_async_download_trusts_the_ca_too(emulator: Emulator, tmp_path: Path) -> None:
    async def go() -> list[Path]:
        async with AsyncClient(
            TOKEN, base_url=emulator.base_url, retry=FAST_RETRY, poll=FAST_POLL
        ) as client:
            result = await client.run(payload(), timeout=10)
        async with httpx.AsyncClient(verify=trusting(emulator)) as http:
            first = await adownload_outputs(result, tmp_path / "a", client=http)
        limits = DownloadLimits(ca_file=emulator.outputs_ca)
        return first + await adownload_outputs(result, tmp_path / "b", limits=limits)

    paths = asyncio.run(go())
    assert [p.read_bytes()[4:8] for p in paths] == [b"ftyp", b"ftyp"]


def test_a_client_without_the_ca_is_refused_with_a_clear_error(
    client: Client, emulator: Emulator, tmp_path: Path
) -> None:
    result = client.run(payload(), timeout=10)
    with pytest.raises(DownloadError) as info:
        download_outputs(result, tmp_path)
    message = str(info.value)
    assert message.startswith(f"https://localhost:{urlsplit(result.output.urls()[0]).port}/")
    assert "certificate is not trusted" in message
    assert "DownloadLimits(ca_file=...)" in message
    assert "--ca-file" in message
    assert "\n" not in message
    assert list(tmp_path.iterdir()) == []

    async def refused() -> None:
        await adownload_outputs(result, tmp_path)

    with pytest.raises(DownloadError, match="certificate is not trusted"):
        asyncio.run(refused())
    assert list(tmp_path.iterdir()) == []


def test_another_ca_is_not_trusted_for_these_outputs(
    client: Client, emulator: Emulator, tmp_path: Path
) -> None:
    """Each emulator makes its own CA: trusting one emulator's is no key to another's."""
    result = client.run(payload(), timeout=10)
    with serve(Emulator(token=TOKEN, https_outputs=True)) as other:
        assert other.outputs_ca != emulator.outputs_ca
        with pytest.raises(DownloadError, match="certificate is not trusted"):
            download_outputs(result, tmp_path, limits=DownloadLimits(ca_file=other.outputs_ca))


def test_a_bad_ca_file_is_one_line_naming_it(
    client: Client, emulator: Emulator, tmp_path: Path
) -> None:
    result = client.run(payload(), timeout=10)
    not_pem = tmp_path / "not.pem"
    not_pem.write_text("hello", "ascii")
    missing = tmp_path / "missing.pem"
    for bad, why in (
        (missing, "cannot be read (No such file or directory)"),
        (not_pem, "holds no PEM certificate"),
        (tmp_path, "cannot be read"),
    ):
        with pytest.raises(DownloadError) as info:
            download_outputs(result, tmp_path / "out", limits=DownloadLimits(ca_file=bad))
        assert str(info.value).startswith(f"ca_file {bad}: {why}")
        assert "\n" not in str(info.value)
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_the_files_port_serves_files_only(emulator: Emulator, client: Client) -> None:
    result = client.run(payload(), timeout=10)
    files = urlsplit(result.output.urls()[0])
    with httpx.Client(verify=trusting(emulator), base_url=f"https://{files.netloc}") as http:
        assert http.get(files.path).status_code == 200
        headers = {"Authorization": f"Bearer {TOKEN}"}
        assert http.get("/v1/models", headers=headers).status_code == 404
        assert (
            http.get(f"/v1/requests/{result.request_id}/result", headers=headers).status_code == 404
        )


def test_the_certificate_names_localhost_and_127_0_0_1(
    client: Client, emulator: Emulator, tmp_path: Path
) -> None:
    result = client.run(payload(), timeout=10)
    by_ip = result.output.urls()[0].replace("https://localhost:", "https://127.0.0.1:")
    with httpx.Client(verify=trusting(emulator)) as http:
        (path,) = download_outputs([by_ip], tmp_path, client=http)
    assert path.read_bytes()[4:8] == b"ftyp"


def test_the_ca_lives_as_long_as_the_emulator() -> None:
    with serve(Emulator(token=TOKEN, https_outputs=True)) as emulator:
        assert emulator.outputs_ca is not None
        ca = Path(emulator.outputs_ca)
        assert ca.is_file()
        assert ca.parent.stat().st_mode & 0o077 == 0  # the key beside it is the emulator's
    assert not ca.exists()
    assert not ca.parent.exists()
    assert emulator.outputs_ca is None


def test_plain_http_stays_the_default(tmp_path: Path) -> None:
    with serve(Emulator(token=TOKEN, specs=get_model, plan=QUICK)) as emulator:
        assert emulator.outputs_ca is None
        with pytest.raises(RuntimeError, match="https_outputs=True"):
            emulator.outputs_ssl_context()
        with Client(TOKEN, base_url=emulator.base_url, retry=FAST_RETRY, poll=FAST_POLL) as c:
            result = c.run(payload(), timeout=10)
    assert result.output.urls()[0].startswith(f"{emulator.base_url}/files/")
