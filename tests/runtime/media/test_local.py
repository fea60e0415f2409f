"""Local media in a media field: what is accepted, how it is encoded, and the size cap."""

from __future__ import annotations

import base64
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pydantic import ValidationError

from runcomfy_models._runtime.media.local import (
    DEFAULT_MAX_LOCAL_BYTES,
    LOCAL_MEDIA,
    MediaInput,
    max_local_bytes,
)
from runcomfy_models._runtime.media.probe import probe_media
from runcomfy_models.models import blackforestlabs_flux_3_image_to_video_draft as draft
from tests.support.media_files import image

PNG = image("PNG", 4, 4)
PNG_URI = "data:image/png;base64," + base64.b64encode(PNG).decode()


class CountingFile(io.RawIOBase):
    """A seekable binary file that counts the bytes read from it."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size, self.position, self.read_bytes = size, 0, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET, /) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = base + offset
        return self.position

    def tell(self) -> int:
        return self.position

    def readinto(self, buffer: Any, /) -> int:
        count = max(0, min(len(buffer), self.size - self.position))
        buffer[:count] = b"\0" * count
        self.position += count
        self.read_bytes += count
        return count


class Pipe(CountingFile):
    """The same, not seekable (a pipe or a socket)."""

    def seekable(self) -> bool:
        return False


def _error(value: Any, **context: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        draft.Input.model_validate({"prompt": "x", "image_url": value}, context=context or None)
    (error,) = caught.value.errors()
    assert error["loc"] == ("image_url",)
    return error["msg"]


def test_every_local_form_becomes_the_same_data_uri(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(PNG)
    with path.open("rb") as opened:
        forms: list[MediaInput] = [
            path,
            str(path),
            PNG,
            bytearray(PNG),
            memoryview(PNG),
            io.BytesIO(PNG),
            opened,
        ]
        for value in forms:
            made = draft.Input(prompt="x", image_url=value)
            assert made.image_url == PNG_URI
            assert made.to_request()["image_url"] == PNG_URI
    pil = draft.Input(prompt="x", image_url=Image.open(io.BytesIO(PNG)))
    assert isinstance(pil.image_url, str)
    assert pil.image_url.startswith("data:image/png;base64,")


def test_urls_and_data_uris_are_kept_and_never_read_as_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    os.makedirs("https:", exist_ok=True)
    Path("https:/x.png").write_bytes(PNG)  # a file whose path looks like a URL
    for url in ("https://x/y.png", "http://127.0.0.1/y.png", PNG_URI):
        assert draft.Input(prompt="x", image_url=url).image_url == url
    assert draft.Input(prompt="x", image_url="https://x.png").image_url == "https://x.png"


def test_other_strings_are_refused_naming_the_value(tmp_path: Path) -> None:
    for text in ("photo.png", "", "ftp://x/y.png", "@photo.png", "file:///etc/hostname"):
        assert "is not an https URL, a data: URI or an existing file" in _error(text)
    assert "is not a regular file" in _error(str(tmp_path))
    assert _error(5) == "Input should be a valid string"


def test_a_payload_from_someone_else_is_never_read_as_paths(tmp_path: Path) -> None:
    path = tmp_path / "secret.png"
    path.write_bytes(PNG)
    message = _error(str(path), **{LOCAL_MEDIA: False})
    assert "is not an https URL or a data: URI" in message
    # A Path object cannot come from JSON, so it is still the caller's own file.
    made = draft.Input.model_validate(
        {"prompt": "x", "image_url": path}, context={LOCAL_MEDIA: False}
    )
    assert made.image_url == PNG_URI


def test_the_mime_type_comes_from_the_bytes(tmp_path: Path) -> None:
    jpeg = tmp_path / "photo.png"  # a JPEG misnamed: the bytes win
    jpeg.write_bytes(image("JPEG", 4, 4))
    assert str(draft.Input(prompt="x", image_url=jpeg).image_url).startswith("data:image/jpeg;")
    assert "is empty" in _error(b"")


def test_local_content_that_is_no_media_is_never_sent(tmp_path: Path) -> None:
    """A file whose bytes announce no image, video or audio format is refused, whatever its
    name: a media field must not carry a secret, a config file or /proc/self/environ."""
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"TOKEN=secret")
    disguised = tmp_path / "photo.png"
    disguised.write_bytes(b"TOKEN=secret")
    for value in (notes, str(disguised), b"TOKEN=secret", io.BytesIO(b"TOKEN=secret")):
        message = _error(value)
        assert "is not a media file" in message
        assert "JPEG, PNG" in message
        assert "secret" not in message
    if os.path.exists("/proc/self/environ"):  # reports size 0, reads as the environment
        assert "is not a media file" in _error(Path("/proc/self/environ"))


def test_json_is_someone_elses_and_never_read_as_paths(tmp_path: Path) -> None:
    path = tmp_path / "secret.png"
    path.write_bytes(PNG)
    with pytest.raises(ValidationError, match="is not an https URL or a data: URI"):
        draft.Input.model_validate_json(json.dumps({"prompt": "x", "image_url": str(path)}))
    made = draft.Input.model_validate_json(json.dumps({"prompt": "x", "image_url": PNG_URI}))
    assert made.image_url == PNG_URI


def test_text_files_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.png"
    path.write_bytes(PNG)
    with path.open("r") as text:
        assert "text mode" in _error(text)


def test_over_the_cap_is_refused_before_anything_is_read_whole(tmp_path: Path) -> None:
    assert DEFAULT_MAX_LOCAL_BYTES == 64 * 1024 * 1024
    big = CountingFile(DEFAULT_MAX_LOCAL_BYTES + 1)
    message = _error(big)
    assert "more than the local media limit of 67,108,864 bytes" in message
    assert big.read_bytes == 0  # measured by seeking, never read
    sparse = tmp_path / "huge.png"
    with sparse.open("wb") as file:
        file.truncate(DEFAULT_MAX_LOCAL_BYTES + 1)  # sparse: costs no disk
    assert "'" + str(sparse) + "' is 67,108,865 bytes" in _error(sparse)
    with max_local_bytes(1000):
        assert "the data is 1,001 bytes" in _error(b"\0" * 1001)
        pipe = Pipe(5000)
        assert "more than the local media limit of 1,000 bytes" in _error(pipe)
        assert pipe.read_bytes <= 1001  # a pipe is read at most one byte past the cap
        big_image = Image.frombytes("RGB", (64, 64), os.urandom(64 * 64 * 3))
        assert "more than the local media limit" in _error(big_image)
    assert draft.Input(prompt="x", image_url=b"\x89PNG\r\n\x1a\n" + b"\0" * 2000).image_url


def test_special_files_are_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)  # opening it for reading would block forever
    assert "is not a regular file" in _error(fifo)
    assert "is not a regular file" in _error(str(fifo))


def test_a_file_at_the_cap_is_probed_not_refused_for_its_data_uri_length() -> None:
    """The probe's data: URI limit leaves room for any file the local cap lets through."""
    head = image("PNG", 64, 48)
    at_cap = draft.Input(prompt="x", image_url=head + b"\0" * (DEFAULT_MAX_LOCAL_BYTES - len(head)))
    found = probe_media(
        at_cap.to_request()["image_url"], "image", frozenset({"size_bytes", "width"})
    )
    assert (found.facts.size_bytes, found.facts.width) == (DEFAULT_MAX_LOCAL_BYTES, 64)
    with max_local_bytes(DEFAULT_MAX_LOCAL_BYTES + 3 * 1024 * 1024):  # a raised cap follows
        bigger = draft.Input(
            prompt="x", image_url=head + b"\0" * (DEFAULT_MAX_LOCAL_BYTES + 1 - len(head))
        )
        found = probe_media(bigger.to_request()["image_url"], "image", frozenset({"size_bytes"}))
    assert found.facts.size_bytes == DEFAULT_MAX_LOCAL_BYTES + 1


def test_images_in_modes_png_cannot_hold_are_converted_not_refused() -> None:
    for mode in ("CMYK", "YCbCr", "LAB", "HSV"):
        made = draft.Input(prompt="x", image_url=Image.new(mode, (4, 4)))
        assert str(made.image_url).startswith("data:image/png;base64,"), mode
    made = draft.Input(prompt="x", image_url=Image.new("F", (4, 4)))  # 32-bit float pixels
    assert "cannot encode a mode La image as PNG" in _error(Image.new("La", (4, 4)))
    assert str(made.image_url).startswith("data:image/png;base64,")


def test_text_that_starts_like_a_short_signature_is_still_text(tmp_path: Path) -> None:
    """``free``, ``wide``, ``ID3``, ``OggS``, ``fLaC`` and ``ftyp`` open some text files too."""
    for text in (
        b"I'm free to share: TOKEN=abc\n",
        b"ID3_TOKEN=abc\n",
        b"1234wide open\n",
        b"OggS is a format\n",
        b"fLaC TOKEN=abc\n",
        b"abcdftypisom text\n",
    ):
        assert "is not a media file" in _error(text), text
