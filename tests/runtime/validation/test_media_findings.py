"""Media rules of generated models, checked against real files: served over HTTPS on
loopback, as data URIs and as local files."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from runcomfy_models import (
    MediaValidationError,
    ProbeLimits,
    avalidate_media,
    get_model,
    media_findings,
    validate_media,
)
from tests.support import media_files as files
from tests.support.media_server import MediaServer, serve_bytes

DREAMINA_PRO = get_model("bytedance/dreamina-3-0/pro/image-to-video")
RUNWAY = get_model("runwayml/runway-gen-3-alpha/turbo/image-to-video")


def data_uri(data: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(data).decode()


def test_valid_images_pass_over_https(media: MediaServer, media_http: httpx.Client) -> None:
    url = media.add("/ok.jpg", serve_bytes(files.image("JPEG", 1280, 720)))
    payload = DREAMINA_PRO.input(prompt="a cat", image_urls=[url])
    assert media_findings(DREAMINA_PRO, payload, client=media_http) == []
    validate_media(DREAMINA_PRO, payload, client=media_http)


def test_every_broken_rule_of_every_item_is_reported(
    media: MediaServer, media_http: httpx.Client
) -> None:
    narrow = media.add("/narrow.png", serve_bytes(files.image("PNG", 1000, 200)))
    payload = RUNWAY.input(prompt_text="a cat", prompt_image=narrow)
    with pytest.raises(MediaValidationError) as info:
        validate_media(RUNWAY, payload, client=media_http)
    findings = {(f.path, f.rule, f.measured) for f in info.value.findings}
    assert findings == {("promptImage", "width/height<", "5 (1000x200)")}
    (finding,) = info.value.findings
    assert finding.message == "The aspect ratio range should be 1:2 to 2:1."
    assert "promptImage: The aspect ratio range should be 1:2 to 2:1. (rule width/height< 2" in str(
        info.value
    )


def test_array_items_are_checked_one_by_one_with_their_index(
    media: MediaServer, media_http: httpx.Client
) -> None:
    spec = get_model("bytedance/dreamina-3-0/image-to-video")
    small = media.add("/small.png", serve_bytes(files.image("PNG", 300, 200)))
    findings = media_findings(spec, {"prompt": "x", "image_urls": [small]}, client=media_http)
    assert sorted((f.path, f.rule) for f in findings) == [
        ("image_urls[0]", "shortest_side_pixels>="),
    ]
    assert findings[0].measured == "200 px"


def test_file_size_rule_counts_a_megabyte_as_a_million_bytes(
    media: MediaServer, media_http: httpx.Client
) -> None:
    big = files.large_jpeg()  # about 4.3 MB: below 4.7 MB
    assert 4_000_000 < len(big) < 4_700_000
    url = media.add("/big.jpg", serve_bytes(big))
    payload = DREAMINA_PRO.input(prompt="x", image_urls=[url])
    assert media_findings(DREAMINA_PRO, payload, client=media_http) == []
    padded = big + b"\0" * (4_700_000 - len(big))  # exactly 4.7 MB: not "less than 4.7 MB"
    url = media.add("/padded.jpg", serve_bytes(padded))
    (finding,) = media_findings(
        DREAMINA_PRO, {"prompt": "x", "image_urls": [url]}, client=media_http
    )
    assert (finding.rule, finding.measured) == ("file_size_mb<", "4.7 MB (4,700,000 bytes)")
    assert finding.message == "File size must be less than 4.7 MB."


@pytest.mark.parametrize("make", [files.large_jpeg, files.large_png], ids=["jpeg", "png"])
def test_large_images_are_judged_from_a_small_fraction_of_their_bytes(
    media: MediaServer, media_http: httpx.Client, make: Callable[[], bytes]
) -> None:
    data = make()
    path = f"/large-{len(data)}"
    url = media.add(path, serve_bytes(data))
    findings = media_findings(RUNWAY, {"promptText": "x", "promptImage": url}, client=media_http)
    assert findings == []
    sent = media.sent[path]
    print(f"{path}: {sent:,} of {len(data):,} bytes read ({sent / len(data):.1%})")
    assert sent <= 64 * 1024
    assert sent / len(data) < 0.02


def test_data_uris_and_local_files(tmp_path: Path) -> None:
    tiny = data_uri(files.image("PNG", 100, 100))
    local = tmp_path / "wide.png"
    local.write_bytes(files.image("PNG", 4000, 1000))
    findings = media_findings(RUNWAY, {"promptText": "x", "promptImage": tiny})
    assert findings == []  # runway only bounds the top end and the ratio
    local_ok = ProbeLimits(allow_local=True)
    findings = media_findings(
        RUNWAY, {"promptText": "x", "promptImage": str(local)}, limits=local_ok
    )
    assert [(f.rule, f.measured) for f in findings] == [("width/height<", "4 (4000x1000)")]
    findings = media_findings(
        DREAMINA_PRO, {"prompt": "x", "image_urls": [tiny, str(local)]}, limits=local_ok
    )
    assert sorted((f.path, f.rule) for f in findings) == [
        ("image_urls[0]", "height_pixels>"),
        ("image_urls[0]", "width_pixels>"),
        ("image_urls[1]", "width/height<"),
    ]


def test_unreadable_media_is_a_finding_not_a_crash(
    media: MediaServer, media_http: httpx.Client
) -> None:
    url = media.add("/text.jpg", serve_bytes(b"this is not an image at all" * 10))
    (finding,) = media_findings(RUNWAY, {"promptText": "x", "promptImage": url}, client=media_http)
    assert finding.path == "promptImage"
    assert finding.measured is None
    assert finding.message.startswith("cannot check this image file: ")


def test_async_form_reports_the_same(media: MediaServer) -> None:
    narrow = media.add("/async-narrow.png", serve_bytes(files.image("PNG", 900, 300)))

    async def check() -> MediaValidationError:
        async with httpx.AsyncClient(verify=media.client_context) as http:
            with pytest.raises(MediaValidationError) as info:
                await avalidate_media(
                    DREAMINA_PRO, {"prompt": "x", "image_urls": [narrow]}, client=http
                )
        return info.value

    error = asyncio.run(check())
    assert [(f.path, f.rule) for f in error.findings] == [
        ("image_urls[0]", "height_pixels>"),
        ("image_urls[0]", "width/height<"),
    ]


def test_local_paths_are_refused_unless_allowed(tmp_path: Path) -> None:
    local = tmp_path / "ok.png"
    local.write_bytes(files.image("PNG", 640, 480))
    (finding,) = media_findings(RUNWAY, {"promptText": "x", "promptImage": str(local)})
    assert "local file paths are not accepted" in finding.message


def test_a_local_file_of_the_wrong_kind_is_refused_where_no_rules_are_published() -> None:
    """A field without rules fetches no URL, but an inline file is checked for its kind."""
    draft = get_model("blackforestlabs/flux-3/image-to-video/draft")
    assert not draft.media_fields[0].rules
    video = draft.input(prompt="x", image_url=files.fixture("clip_faststart.mp4"))
    (finding,) = media_findings(draft, video)
    assert finding.path == "image_url (the data)"
    assert "not an image" in finding.message
    assert asyncio.run(_afindings(draft, video)) == [finding]
    image = draft.input(prompt="x", image_url=files.image("PNG", 8, 8))
    assert media_findings(draft, image) == []
    url = draft.input(prompt="x", image_url="https://127.0.0.1:9/never-fetched.png")
    assert media_findings(draft, url) == []  # no rules: a URL is sent as it is


async def _afindings(spec: Any, payload: Any) -> list[Any]:
    from runcomfy_models import amedia_findings

    return await amedia_findings(spec, payload)
