"""Local media over real HTTP: a Path, bytes and a file object reach the emulator as data: URIs.

The emulator (``check_media=True``) decodes each data: URI and checks the published rules
on it; the client checks them before submitting, naming the field and the file.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from runcomfy_models import AsyncClient, Client, MediaValidationError, UnknownModelError
from runcomfy_models._runtime.core.spec import MediaField, ModelSpec, RuleSpec
from runcomfy_models._runtime.media.cap import DEFAULT_MAX_LOCAL_BYTES
from runcomfy_models.models import bytedance_seedance_2_0_fast as seedance
from runcomfy_models.testing import Emulator, JobPlan, serve
from tests.support.emulated import FAST_POLL, FAST_RETRY
from tests.support.media_files import fixture, image, wav

MODEL = "tests/local-media"


class CheckedInput(seedance.Input):
    """Seedance's input, under a spec of its own whose media fields all carry rules."""


SPEC = ModelSpec(
    model_id=MODEL,
    input=CheckedInput,
    output=seedance.Output,
    media_fields=(
        MediaField(
            "images", "image", True, (RuleSpec("width_pixels<=", 512, "Images: 512 px at most."),)
        ),
        MediaField(
            "videos", "video", True, (RuleSpec("duration_seconds<=", 3, "Videos: 3 s at most."),)
        ),
        MediaField(
            "audios", "audio", True, (RuleSpec("duration_seconds<=", 3, "Audios: 3 s at most."),)
        ),
    ),
)


def _spec(model_id: str) -> ModelSpec[Any, Any]:
    if model_id != MODEL:
        raise UnknownModelError(model_id)
    return SPEC


FILES: dict[str, tuple[str, str, Callable[[], bytes]]] = {
    "png": ("images", "image/png", lambda: image("PNG", 64, 48)),
    "jpeg": ("images", "image/jpeg", lambda: image("JPEG", 64, 48)),
    "mp4": ("videos", "video/mp4", lambda: fixture("clip_faststart.mp4")),
    "wav": ("audios", "audio/wav", lambda: wav(1.0)),
}
FORMS = ("path", "bytes", "file", "buffer")


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    running = Emulator(specs=_spec, check_media=True, plan=JobPlan(0.01, 0.01))
    with serve(running):
        yield running


@pytest.fixture
def opened() -> Iterator[contextlib.ExitStack]:
    with contextlib.ExitStack() as stack:
        yield stack


def _as(form: str, data: bytes, folder: Path, name: str, opened: contextlib.ExitStack) -> Any:
    """``data`` as the user would hold it: a Path, bytes, an open file or an in-memory one."""
    if form == "bytes":
        return data
    if form == "buffer":
        return io.BytesIO(data)
    path = folder / name
    path.write_bytes(data)
    return path if form == "path" else opened.enter_context(path.open("rb"))


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("kind", sorted(FILES))
def test_local_file_reaches_the_emulator_as_a_data_uri(
    emulator: Emulator, tmp_path: Path, kind: str, form: str, opened: contextlib.ExitStack
) -> None:
    field, mime, make = FILES[kind]
    data = make()
    value = _as(form, data, tmp_path, f"sample.{kind}", opened)
    payload = CheckedInput.model_validate({"prompt": "x", field: [value]})
    sent = payload.to_request()[field][0]
    assert sent == f"data:{mime};base64," + base64.b64encode(data).decode()
    assert payload.model_dump(by_alias=True)[field] == [sent]
    with Client(
        emulator.token, base_url=emulator.base_url, retry=FAST_RETRY, poll=FAST_POLL
    ) as client:
        result = client.run(payload)
    assert isinstance(result.output, seedance.Output)
    assert emulator.jobs[result.request_id].payload[field] == [sent]  # what went over HTTP


def test_the_emulator_decodes_and_judges_what_it_receives(emulator: Emulator) -> None:
    """A file that breaks a rule, sent unchecked, is refused by the emulator itself."""
    payload = CheckedInput(prompt="x", audios=[wav(5.0)])
    answer = httpx.post(
        f"{emulator.base_url}/v1/models/{MODEL}",
        json=payload.to_request(),
        headers={"Authorization": f"Bearer {emulator.token}"},
    )
    assert answer.status_code == 422
    assert "Audios: 3 s at most." in answer.text


def test_the_emulator_never_reads_a_local_path_from_a_body(
    emulator: Emulator, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(image("PNG", 8, 8))
    answer = httpx.post(
        f"{emulator.base_url}/v1/models/{MODEL}",
        json={"prompt": "x", "images": [str(secret)]},
        headers={"Authorization": f"Bearer {emulator.token}"},
    )
    assert answer.status_code == 422
    assert "is not an https URL or a data: URI" in answer.text
    assert "iVBOR" not in answer.text


@pytest.mark.parametrize("form", FORMS)
def test_a_file_breaking_a_rule_is_refused_before_submit(
    emulator: Emulator, tmp_path: Path, form: str, opened: contextlib.ExitStack
) -> None:
    value = _as(form, image("PNG", 600, 40), tmp_path, "wide.png", opened)
    submits = emulator.count("submit")
    payload = CheckedInput(prompt="x", images=[value])
    with (
        Client(
            emulator.token, base_url=emulator.base_url, retry=FAST_RETRY, poll=FAST_POLL
        ) as client,
        pytest.raises(MediaValidationError) as caught,
    ):
        client.submit(payload)
    text = str(caught.value)
    assert "Images: 512 px at most." in text
    assert emulator.count("submit") == submits  # refused before anything was sent
    assert "images[0]" in text
    if form == "path":
        assert "wide.png" in text  # the finding names the file, not its data: URI
    assert "base64" not in text


def test_the_async_client_sends_local_files_too(emulator: Emulator, tmp_path: Path) -> None:
    path = tmp_path / "tone.wav"
    path.write_bytes(wav(1.0))
    payload = CheckedInput(prompt="x", audios=[path], images=[image("PNG", 600, 40)])

    async def main() -> None:
        async with AsyncClient(
            emulator.token, base_url=emulator.base_url, retry=FAST_RETRY, poll=FAST_POLL
        ) as client:
            with pytest.raises(MediaValidationError, match=r"Images: 512 px at most\."):
                await client.submit(payload)
            good = CheckedInput(prompt="x", audios=[path])
            result = await client.run(good)
            assert (
                emulator.jobs[result.request_id]
                .payload["audios"][0]
                .startswith("data:audio/wav;base64,")
            )

    asyncio.run(main())


@pytest.mark.slow
def test_a_file_at_the_cap_is_probed_sent_and_judged(emulator: Emulator, tmp_path: Path) -> None:
    """Whatever the local cap lets through fits the probe and the emulator's body limit."""
    head = image("PNG", 64, 48)
    path = tmp_path / "at-cap.png"
    with path.open("wb") as file:
        file.write(head)
        file.truncate(DEFAULT_MAX_LOCAL_BYTES)  # the rest reads as zeros
    with Client(
        emulator.token, base_url=emulator.base_url, retry=FAST_RETRY, poll=FAST_POLL
    ) as client:
        result = client.run(CheckedInput(prompt="x", images=[path]))
    sent = emulator.jobs[result.request_id].payload["images"][0]
    assert len(base64.b64decode(sent.partition(",")[2])) == DEFAULT_MAX_LOCAL_BYTES
