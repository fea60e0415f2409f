"""Ids are checked where they enter: a request id is used only in RunComfy's form.

A request id the server sends (in a submit, status, result or cancel answer) or the
caller gives (``client.job``) goes into URL paths and, in batches, folder names. ``..``
once turned ``GET /v1/requests/../status`` into ``GET /v1/status``; ``../../ESCAPED``
wrote outside the download folder. Here each hostile id must be refused with a typed
error naming it (truncated), before any request uses it; a submit whose answer carries
one says the job may exist, and is never sent twice. Download names from hostile URLs
must stay inside the download folder.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from runcomfy_models import (
    AsyncClient,
    Client,
    DownloadError,
    DownloadLimits,
    InvalidRequestIdError,
    RetryPolicy,
    SubmitOutcomeUnknownError,
    download_outputs,
)
from runcomfy_models._runtime.client.download import safe_child
from tests.support.hostile_server import HostileServer, head, hostile_server, json_answer

TOKEN = "rc-ids-TOKEN-4a5b6c"
RETRY = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02, total_cap=5)

HOSTILE_IDS: list[Any] = [
    "..",
    ".",
    "a/b",
    "../../ESCAPED",
    "/etc/passwd",
    "%2e%2e",
    "%2F",
    "a" * 129,
    "x" * 200,
    "",
    " abc",
    "abc\n",
    "abc\x00",
    "a b",
    "a?b",
    "a#b",
    "a\\b",
    "é",
    "\uff41\uff42\uff43",  # fullwidth letters: \\w would take them
    "٣",  # an Arabic-Indic digit: \\d would take it
    "abc\u202e",
    123,
    None,
    ["abc"],
    {"id": "abc"},
    True,
]
GOOD_IDS = ["a", "A-b_9", "x" * 128, "6f1c2d3e4b5a69788796a5b4c3d2e1f0", "-", "_"]


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with hostile_server() as made:
        yield made


def client(server: HostileServer) -> Client:
    return Client(TOKEN, base_url=server.base_url, retry=RETRY, timeout=5)


@pytest.mark.parametrize("bad", HOSTILE_IDS, ids=lambda v: repr(v)[:20])
def test_a_hostile_id_from_the_caller_is_refused_before_any_request(
    server: HostileServer, bad: Any
) -> None:
    server.route("*", lambda seen: json_answer(200, {"request_id": "abc", "status": "in_queue"}))
    with client(server) as c:
        with pytest.raises(InvalidRequestIdError) as info:
            c.job(bad)
        assert info.value.value == bad
        assert repr(bad)[:20] in str(info.value)
        assert len(str(info.value)) < 300
        with pytest.raises(ValueError, match="request id"):  # a bad argument, too
            c.job(bad)
    with pytest.raises(InvalidRequestIdError):
        AsyncClient(TOKEN, base_url=server.base_url).job(bad)
    assert server.seen == []


@pytest.mark.parametrize("good", GOOD_IDS)
def test_ids_of_runcomfys_form_are_used_as_they_are(server: HostileServer, good: str) -> None:
    server.route("*", lambda seen: json_answer(200, {"request_id": good, "status": "in_queue"}))
    with client(server) as c:
        assert c.job(good).status().request_id == good
    assert [seen.path for seen in server.seen] == [f"/v1/requests/{good}/status"]


def test_an_id_changed_after_the_handle_was_made_is_checked_again(server: HostileServer) -> None:
    with client(server) as c:
        job = c.job("abc")
        job.request_id = ".."
        with pytest.raises(InvalidRequestIdError):
            job.status()
        with pytest.raises(InvalidRequestIdError):
            job.cancel()
    assert server.seen == []


@pytest.mark.parametrize("bad", HOSTILE_IDS, ids=lambda v: repr(v)[:20])
def test_a_submit_answer_with_a_hostile_id_says_the_job_may_exist(
    server: HostileServer, bad: Any
) -> None:
    server.route("/v1/models/acme/x", lambda seen: json_answer(200, {"request_id": bad}))
    with client(server) as c, pytest.raises(SubmitOutcomeUnknownError) as info:
        c.submit_raw("acme/x", {"prompt": "a cat"})
    text = str(info.value)
    assert "may exist" in text
    assert "dashboard" in text
    assert repr(bad)[:20] in text
    assert [seen.path for seen in server.seen] == ["/v1/models/acme/x"]  # once, and no poll


@pytest.mark.parametrize("bad", ["..", ".", "a/b", "%2e%2e", "x" * 200, "é"])
def test_status_result_and_cancel_answers_with_a_hostile_id_are_refused(
    server: HostileServer, bad: str
) -> None:
    answer = {"request_id": bad, "status": "succeeded", "outcome": "cancelled", "output": {}}
    server.route("*", lambda seen: json_answer(200, answer))
    with client(server) as c:
        job = c.job("abc")
        for call in (job.status, job.result, job.cancel):
            with pytest.raises(InvalidRequestIdError) as info:
                call()
            assert info.value.value == bad
        with pytest.raises(InvalidRequestIdError):  # a wait does not outlive it
            job.wait(30)
    assert all(seen.path.startswith("/v1/requests/abc/") for seen in server.seen)


def test_the_async_client_checks_answers_too(server: HostileServer) -> None:
    server.route("/v1/models/acme/x", lambda seen: json_answer(200, {"request_id": "../x"}))
    server.route("*", lambda seen: json_answer(200, {"request_id": "..", "status": "in_queue"}))

    async def main() -> None:
        async with AsyncClient(TOKEN, base_url=server.base_url, retry=RETRY) as c:
            with pytest.raises(SubmitOutcomeUnknownError, match="may exist"):
                await c.submit_raw("acme/x", {})
            with pytest.raises(InvalidRequestIdError):
                await c.job("abc").status()

    asyncio.run(main())


@pytest.mark.parametrize("model_id", ["../requests/abc/cancel", "acme/../x", "acme//x", "", "."])
def test_model_ids_that_would_change_the_path_are_refused(
    server: HostileServer, model_id: str
) -> None:
    with client(server) as c, pytest.raises(ValueError, match="model id"):
        c.submit_raw(model_id, {})
    assert server.seen == []


# -- download names -------------------------------------------------------------------

HOSTILE_PATHS = [
    "/../../x.png",
    "/..%2f..%2fescaped.png",
    "/%2e%2e",
    "/%2e%2e%2f%2e%2e%2fescaped",
    "/a%5c..%5c..%5cescaped.png",
    "/%2fetc%2fpasswd",
    "/.",
    "/",
    "/....",
    "/.bashrc",
    "/%00.png",
    "/x%0a.png",
    "/" + "a" * 1000 + ".png",
    "/a." + "b" * 1000,
    "/%EF%BD%86%EF%BD%8F%EF%BD%8F%EF%BC%8E%EF%BD%90%EF%BD%8E%EF%BD%87",  # fullwidth foo.png
    "/x.png?name=../../escaped",
    "/%E2%80%AEgnp.exe",  # a right-to-left override
]


def test_hostile_download_names_stay_in_the_folder(server: HostileServer, tmp_path: Path) -> None:
    server.route("*", lambda seen: [head(200, {}, 4), b"data"])
    folder = tmp_path / "out"
    urls = [server.base_url + path for path in HOSTILE_PATHS]
    paths = download_outputs(urls, folder, limits=DownloadLimits(allow_http=True))
    assert len(paths) == len(set(paths)) == len(urls)
    for path in paths:
        assert path.parent == folder
        assert path.resolve().parent == folder.resolve()
        assert not path.name.startswith(".")
        assert len(path.name.encode()) < 255
        assert path.read_bytes() == b"data"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


@pytest.mark.parametrize(
    "name", ["..", ".", "", "a/b", "../../ESCAPED", "/abs/path", "%2e%2e", "..%2f..", "é" * 300]
)
def test_safe_child_keeps_any_name_one_entry_inside(tmp_path: Path, name: str) -> None:
    child = safe_child(tmp_path, name)
    assert child.parent == tmp_path
    assert child.resolve().parent == tmp_path.resolve()
    assert child.name not in ("", ".", "..")


def test_safe_child_refuses_a_planted_link_out_of_the_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / "out"
    folder.mkdir()
    os.symlink(outside, folder / "abc")
    with pytest.raises(DownloadError, match="would leave"):
        safe_child(folder, "abc")


def test_a_planted_link_is_never_written_through(server: HostileServer, tmp_path: Path) -> None:
    server.route("*", lambda seen: [head(200, {}, 4), b"data"])
    victim = tmp_path / "victim.png"
    victim.write_bytes(b"keep")
    folder = tmp_path / "out"
    folder.mkdir()
    os.symlink(victim, folder / "out.png")
    os.symlink(tmp_path / "missing.png", folder / "out-1.png")  # dangling
    [path] = download_outputs(
        [server.base_url + "/out.png"], folder, limits=DownloadLimits(allow_http=True)
    )
    assert path.name == "out-2.png"
    assert not path.is_symlink()
    assert victim.read_bytes() == b"keep"
    assert not (tmp_path / "missing.png").exists()


def test_a_server_that_echoes_the_token_as_the_id_learns_nothing_from_it(
    server: HostileServer,
) -> None:
    """The token has the form of an id: echoed back, it would reach messages and folders."""
    import traceback

    server.route("/v1/models/acme/x", lambda seen: json_answer(200, {"request_id": TOKEN}))
    server.route("*", lambda seen: json_answer(200, {"request_id": TOKEN, "status": "in_queue"}))
    with client(server) as c:
        with pytest.raises(SubmitOutcomeUnknownError) as submitted:
            c.submit_raw("acme/x", {})
        with pytest.raises(InvalidRequestIdError) as polled:
            c.job("abc").status()
    for info in (submitted, polled):
        assert TOKEN not in "".join(traceback.format_exception(info.value))
