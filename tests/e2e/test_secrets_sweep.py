"""The API token appears nowhere: a sweep of everything a run leaves behind (issue 8, item 5).

A distinctive token drives the generated clients, sync and async, against the emulator
through successes, failed and cancelled jobs, every fault kind on every endpoint,
downloads, and the command line (``run``, ``run --batch``, ``emulate``) in subprocesses,
with every logger at DEBUG (ours, httpx, httpcore, uvicorn). Then every text is swept:
the repr and str of each public object touched, each exception's str, repr, attributes
and full traceback (chained causes and contexts included, and the frame locals an error
tracker would record), every log record, every file written, every subprocess output.
A server that echoes the token back in an error body is covered too: the client redacts
it. ``tests/runtime/client/test_secrets.py`` keeps the first, smaller sweep.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import traceback
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, get_args
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from starlette.requests import Request
from starlette.responses import Response

from generator.cli import main as generator_main
from generator.sources import Fetcher
from generator.sources import catalog as catalog_module
from runcomfy_models import (
    AsyncClient,
    Client,
    DownloadLimits,
    RetryPolicy,
    RunComfyError,
    WaitTimeoutError,
    adownload_outputs,
    download_outputs,
    get_model,
)
from runcomfy_models._runtime.testing.faults import Endpoint, FaultKind, error_response
from runcomfy_models.testing import Emulator, Fault, JobPlan, serve
from tests.support.emulated import FAST_POLL, PAYLOADS, payload
from tests.support.https import https_server
from tests.support.package import generated_tree
from tests.support.paths import CATALOG

TOKEN = "rcx-SWEEP-q7Zt2Lm9Vw4Kp8Hd3Nf6"
NEEDLES = {
    "token": TOKEN,
    "a fragment of it": TOKEN[5:17],
    "its base64": base64.b64encode(TOKEN.encode()).decode()[4:20],
}
MODEL = "bytedance/dreamina-3-0/pro/image-to-video"
INSTANT = JobPlan(queue_seconds=0.0, run_seconds=0.0)
QUEUED = JobPlan(queue_seconds=30.0, run_seconds=0.0)
ENDPOINTS: tuple[Endpoint, ...] = ("submit", "status", "result", "cancel", "files")
FILES = DownloadLimits(allow_http=True)
FAST_RETRY = RetryPolicy(max_attempts=2, base_delay=0.001, max_delay=0.005, total_cap=2.0)
LOUD = ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi", "httpx", "httpcore")


class Sweep:
    """Texts gathered from everything a run touched, each with where it came from."""

    def __init__(self, *, frame_locals: bool = True) -> None:
        self.texts: list[tuple[str, str]] = []
        self.frame_locals = frame_locals

    def text(self, where: str, text: str) -> None:
        self.texts.append((where, text))

    def obj(self, where: str, value: object) -> None:
        self.text(f"repr({where})", repr(value))
        self.text(f"str({where})", str(value))
        if hasattr(value, "__dict__"):
            self.text(f"vars({where})", repr(vars(value)))

    def error(self, where: str, exc: BaseException) -> None:
        self.obj(where, exc)
        self.text(f"{where} args", repr(exc.args))
        self.text(f"{where} traceback", "".join(traceback.format_exception(exc)))
        for link in (exc.__cause__, exc.__context__):
            if link is not None:
                self.error(f"{where} <- {type(link).__name__}", link)
        if self.frame_locals:  # what an error tracker records: every frame's locals, by repr
            report = traceback.TracebackException.from_exception(exc, capture_locals=True)
            self.text(f"{where} traceback with locals", "".join(report.format()))

    def files(self, root: Path) -> int:
        count = 0
        for path in sorted(root.rglob("*")):
            if path.is_file():
                self.text(f"file {path.relative_to(root)}", path.read_bytes().decode("latin-1"))
                count += 1
        return count

    def logs(self, records: list[logging.LogRecord]) -> None:
        formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
        for record in records:
            self.text(f"log {record.name}", formatter.format(record))  # with any traceback
            self.text(f"log {record.name} args", repr(record.args))

    def assert_clean(self) -> None:
        leaks = [
            f"{what} in {where}"
            for where, text in self.texts
            for what, needle in NEEDLES.items()
            if needle in text
        ]
        assert not leaks, "the token leaked:\n" + "\n".join(leaks)


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    with serve(Emulator(token=TOKEN, specs=get_model, plan=INSTANT)) as served:
        yield served


@pytest.fixture
def sweep(
    emulator: Emulator, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Sweep]:
    """A sweep with every logger at DEBUG, checked when the test ends."""
    emulator.reset(INSTANT)
    caplog.set_level(logging.DEBUG)
    for name in LOUD:
        caplog.set_level(logging.DEBUG, logger=name)
        monkeypatch.setattr(logging.getLogger(name), "propagate", True)
    collected = Sweep()
    yield collected
    collected.text("repr(emulator)", repr(emulator))  # (vars hold the token it accepts)
    collected.text("emulator calls", repr(emulator.calls))
    collected.text("emulator jobs", repr(emulator.jobs))
    records = caplog.get_records("call")
    collected.logs(records)
    assert len(records) > 100, "the sweep saw no real traffic"
    loggers = {record.name.split(".")[0] for record in records}
    assert loggers >= {"runcomfy_models", "httpx", "httpcore", "uvicorn"}
    assert emulator.files_with_credentials == 0
    collected.assert_clean()


def _attempt(sweep: Sweep, where: str, action: Callable[[], object]) -> None:
    """Run ``action``; sweep what it returned, or the error it raised."""
    try:
        value = action()
    except RunComfyError as exc:
        sweep.error(where, exc)
    else:
        sweep.obj(where, value)


async def _aattempt(sweep: Sweep, where: str, action: Callable[[], Awaitable[object]]) -> None:
    try:
        value = await action()
    except RunComfyError as exc:
        sweep.error(where, exc)
    else:
        sweep.obj(where, value)


def _faults() -> Iterator[tuple[str, Fault]]:
    """Every fault kind on every endpoint a client uses, and a few statuses besides."""
    for endpoint in ENDPOINTS:
        for kind in get_args(FaultKind):
            if kind == "lost_submit" and endpoint != "submit":
                continue
            times = 1 if kind == "slow" else None  # a slow answer times out once, then not
            yield f"{endpoint}:{kind}", Fault(endpoint, kind, delay=0.3, times=times)
    for status in (401, 403, 404, 422, 500):
        yield f"status:{status}", Fault("status", "http_status", status=status, times=None)
    yield "status:rate_limit retry-after", Fault("status", "rate_limit", retry_after="0.01")


# ---------------------------------------------------------------------------------- sync
@pytest.mark.slow
def test_sync_client(emulator: Emulator, sweep: Sweep, tmp_path: Path) -> None:
    client = Client(
        TOKEN, base_url=emulator.base_url, retry=FAST_RETRY, poll=FAST_POLL, timeout=0.2
    )
    sweep.obj("client", client)
    sweep.obj("transport", client._transport)
    with client:
        result = client.run(payload(MODEL), timeout=10)
        sweep.obj("result", result)
        sweep.obj("output", result.output)
        job = client.job(result.request_id, get_model(MODEL).output)
        sweep.obj("job", job)
        sweep.obj("status", job.status())
        sweep.obj("result with cost", job.result(include_cost=True))
        for path in download_outputs(result, tmp_path / "downloads", limits=FILES):
            sweep.obj("download", path)

        actions: dict[str, Callable[[], object]] = {
            "submit": lambda: client.submit(payload(MODEL)),
            "status": job.status,
            "result": job.result,
            "cancel": job.cancel,
            "files": lambda: download_outputs(result, tmp_path / "faulted", limits=FILES),
        }
        for name, fault in _faults():
            emulator.faults[:] = [fault]
            _attempt(sweep, f"sync {name}", actions[fault.endpoint])
        emulator.faults.clear()

        emulator.reset(INSTANT)
        emulator.plan_next(JobPlan(0, 0, outcome="failed", error="out of memory"))
        _attempt(sweep, "failed job", lambda: client.run(payload(MODEL), timeout=10))
        emulator.plan_next(JobPlan(0, 0.05, status_word="paused"))
        _attempt(sweep, "unknown status", lambda: client.run(payload(MODEL), timeout=10))
        emulator.plan_next(QUEUED)
        queued = client.submit(payload(MODEL))
        _attempt(sweep, "cancel", queued.cancel)
        _attempt(sweep, "cancelled job", lambda: queued.wait(5))
        emulator.plan_next(QUEUED)
        with pytest.raises(WaitTimeoutError) as info:
            client.run(payload(MODEL), timeout=0.2, cancel_on_timeout=True)
        sweep.error("wait timeout", info.value)
        _attempt(sweep, "unknown request", lambda: client.job("no-such-request").result())
        emulator.inject(Fault("status", "rate_limit", times=2), Fault("result", "drop"))
        _attempt(sweep, "wait through faults", lambda: client.run(payload(MODEL), timeout=10))

    _attempt(sweep, "closed client", lambda: client.job(result.request_id).status())
    with Client(TOKEN[:-1] + "X", base_url=emulator.base_url, retry=FAST_RETRY) as wrong:
        _attempt(sweep, "wrong token", lambda: wrong.submit(payload(MODEL)))
    assert sweep.files(tmp_path) >= 2


# --------------------------------------------------------------------------------- async
@pytest.mark.slow
def test_async_client(emulator: Emulator, sweep: Sweep, tmp_path: Path) -> None:
    async def scenario() -> None:
        client = AsyncClient(
            TOKEN, base_url=emulator.base_url, retry=FAST_RETRY, poll=FAST_POLL, timeout=0.2
        )
        sweep.obj("async client", client)
        sweep.obj("async transport", client._transport)
        async with client:
            result = await client.run(payload(MODEL), timeout=10)
            sweep.obj("async result", result)
            job = client.job(result.request_id, get_model(MODEL).output)
            sweep.obj("async job", job)
            sweep.obj("async status", await job.status())
            for path in await adownload_outputs(result, tmp_path / "downloads", limits=FILES):
                sweep.obj("async download", path)

            actions: dict[str, Callable[[], Awaitable[object]]] = {
                "submit": lambda: client.submit(payload(MODEL)),
                "status": job.status,
                "result": job.result,
                "cancel": job.cancel,
                "files": lambda: adownload_outputs(result, tmp_path / "faulted", limits=FILES),
            }
            for name, fault in _faults():
                emulator.faults[:] = [fault]
                await _aattempt(sweep, f"async {name}", actions[fault.endpoint])
            emulator.faults.clear()

            emulator.reset(INSTANT)
            emulator.plan_next(JobPlan(0, 0, outcome="failed", error="out of memory"))
            await _aattempt(sweep, "async failed", lambda: client.run(payload(MODEL), timeout=10))
            emulator.plan_next(QUEUED)
            queued = await client.submit(payload(MODEL))
            await _aattempt(sweep, "async cancel", queued.cancel)
            await _aattempt(sweep, "async cancelled", lambda: queued.wait(5))
            emulator.plan_next(QUEUED)
            await _aattempt(
                sweep,
                "async wait timeout",
                lambda: client.run(payload(MODEL), timeout=0.2, cancel_on_timeout=True),
            )
            emulator.inject(Fault("submit", "lost_submit"))
            await _aattempt(sweep, "async lost submit", lambda: client.submit(payload(MODEL)))

    asyncio.run(scenario())
    assert sweep.files(tmp_path) >= 1


# ----------------------------------------------------------------- a server that echoes
class EchoingEmulator(Emulator):
    """Answers every request with ``echo(authorization header)``: a server (or a proxy)
    that quotes the request back in its error body."""

    echo: Callable[[str], Response] | None = None

    async def _guard(self, request: Request, endpoint: str) -> Response | None:
        if self.echo is None:
            return await super()._guard(request, endpoint)
        self.calls.append((endpoint, request.url.path))
        return self.echo(request.headers.get("authorization", ""))


ECHOES: dict[str, Callable[[str], Response]] = {
    "in the message": lambda auth: error_response(401, 400004, f"invalid token {auth!r}"),
    "in a 5xx message": lambda auth: error_response(503, None, f"upstream refused {auth}"),
    "with an error code on 200": lambda auth: error_response(200, 400002, f"no credit: {auth}"),
    "in a field list": lambda auth: error_response(
        422, None, "invalid", detail=[{"loc": ["body", "token"], "msg": f"bad {auth}"}]
    ),
    "in an HTML page": lambda auth: Response(f"<html>{auth}</html>", 502, media_type="text/html"),
}


@pytest.fixture(scope="module")
def echoing() -> Iterator[EchoingEmulator]:
    emulator = EchoingEmulator(token=TOKEN, specs=get_model, plan=INSTANT)
    with serve(emulator):
        yield emulator


def _echo_sweep(echoing: EchoingEmulator, echo: Callable[[str], Response]) -> Sweep:
    # Frame locals are left out here: the frame that reads the answer holds the body the
    # server sent, echo included, as it must to build the (redacted) error.
    sweep = Sweep(frame_locals=False)
    echoing.echo = echo
    try:
        with Client(TOKEN, base_url=echoing.base_url, retry=FAST_RETRY, poll=FAST_POLL) as client:
            _attempt(sweep, "echoed submit", lambda: client.submit(payload(MODEL)))
            _attempt(sweep, "echoed status", lambda: client.job("r-1").status())
            _attempt(sweep, "echoed cancel", lambda: client.job("r-1").cancel())

        async def run() -> None:
            async with AsyncClient(
                TOKEN, base_url=echoing.base_url, retry=FAST_RETRY, poll=FAST_POLL
            ) as client:
                await _aattempt(sweep, "async echoed submit", lambda: client.submit(payload()))
                await _aattempt(sweep, "async echoed result", lambda: client.job("r").result())

        asyncio.run(run())
    finally:
        echoing.echo = None
    assert sum("traceback" in where for where, _ in sweep.texts) >= 5  # every call failed
    return sweep


@pytest.mark.parametrize("how", ECHOES)
def test_token_echoed_by_the_server_is_redacted(echoing: EchoingEmulator, how: str) -> None:
    sweep = _echo_sweep(echoing, ECHOES[how])
    assert any("********" in text or "HTML" in text for _, text in sweep.texts)
    sweep.assert_clean()


def test_token_echoed_in_another_field_is_redacted(echoing: EchoingEmulator) -> None:
    def echo(auth: str) -> Response:
        return error_response(403, 403001, "forbidden", request={"headers": {"auth": auth}})

    _echo_sweep(echoing, echo).assert_clean()


# -------------------------------------------------------------------------- command line
# Runs the package's command line with every logger at DEBUG, uvicorn's included (the
# emulator's server otherwise sets its own loggers to WARNING).
DEBUG_MAIN = """
import logging, runpy, sys
logging.basicConfig(level=logging.DEBUG, format="%(name)s %(levelname)s %(message)s")
import uvicorn
configure = uvicorn.Config.configure_logging
def loud(self):
    configure(self)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access", "uvicorn.asgi"):
        logging.getLogger(name).setLevel(logging.DEBUG)
        logging.getLogger(name).propagate = True
uvicorn.Config.configure_logging = loud
sys.argv[0] = "runcomfy_models"
runpy.run_module("runcomfy_models", run_name="__main__", alter_sys=True)
"""


def _command(*args: str) -> list[str]:
    return [sys.executable, "-c", DEBUG_MAIN, *args]


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _command(*args), cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def _environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("RUNCOMFY")}
    env["PYTHONPATH"] = str(generated_tree())
    env.update(extra)
    return env


@pytest.mark.slow
def test_command_line(tmp_path: Path) -> None:
    sweep = Sweep()
    emulate_err = tmp_path / "emulate.stderr"
    with emulate_err.open("w") as stderr:
        emulate = subprocess.Popen(
            _command(
                "emulate",
                "--port",
                "0",
                "--token",
                TOKEN,
                "--queue-seconds",
                "0.05",
                "--run-seconds",
                "0.05",
                "--fault",
                "status:rate_limit:0.2",
                "--fault",
                "result:html:0.2",
                "--failure-rate",
                "0.3",
                "--seed",
                "5",
            ),
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            env=_environment(RUNCOMFY_API_TOKEN=TOKEN),
        )
    try:
        assert emulate.stdout is not None
        banner = _read_lines(emulate.stdout, 3, timeout=20)
        base_url = banner[0].removeprefix("RUNCOMFY_BASE_URL=")
        env = _environment(RUNCOMFY_API_TOKEN=TOKEN, RUNCOMFY_BASE_URL=base_url)
        work = tmp_path / "work"
        work.mkdir()
        (work / "payload.json").write_text(json.dumps(PAYLOADS[MODEL]), "utf-8")
        lines = [json.dumps(PAYLOADS[MODEL]) for _ in range(4)]
        (work / "inputs.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
        runs = {
            "run": ["run", MODEL, "payload.json", "--download", "out", "--allow-http"],
            "run --batch": [
                *("run", MODEL, "--batch", "inputs.jsonl", "--concurrency", "2"),
                *("--download", "batch-out", "--allow-http"),
            ],
        }
        for name, args in runs.items():
            done = _run(args, work, env)
            sweep.text(f"{name} stdout", done.stdout)
            sweep.text(f"{name} stderr", done.stderr)
            assert done.returncode in (0, 1), done.stderr[-2000:]
            assert "DEBUG" in done.stderr  # the logs were on
        wrong = {**env, "RUNCOMFY_API_TOKEN": TOKEN + "-expired"}
        refused = _run(["run", MODEL, "payload.json"], work, wrong)
        assert refused.returncode == 1
        assert "AuthenticationError" in refused.stderr
        sweep.text("refused run stdout", refused.stdout)
        sweep.text("refused run stderr", refused.stderr)
        journal = (work / "inputs.results.jsonl").read_text("utf-8")
        ended = ("succeeded", "failed", "unfinished", "not_submitted", "unknown")
        assert sum(journal.count(f'"kind": "{kind}"') for kind in ended) == 4  # one per input
        assert any((work / "out").iterdir())
        assert sweep.files(work) >= 5
    finally:
        emulate.send_signal(signal.SIGINT)
        rest, _ = emulate.communicate(timeout=20)
    assert emulate.returncode == 0
    logs = emulate_err.read_text("utf-8")
    assert "uvicorn.access" in logs
    sweep.text("emulate stderr (its logs)", logs)
    # The emulator prints the token it accepts, by design (so code can be pointed at it):
    # that line, and only that line, shows it.
    assert banner[1] == f"RUNCOMFY_API_TOKEN={TOKEN}"
    sweep.text("emulate stdout", "\n".join([banner[0], *banner[2:], rest]))
    sweep.assert_clean()


def _read_lines(stream: Any, count: int, timeout: float) -> list[str]:
    lines: list[str] = []

    def read() -> None:
        while len(lines) < count and (line := stream.readline()):
            lines.append(line.rstrip("\n"))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout)
    assert len(lines) == count, f"the emulator printed only {lines}"
    return lines


def test_the_sweep_finds_a_planted_token(caplog: pytest.LogCaptureFixture, tmp_path: Path) -> None:
    """The sweep is not blind: a token planted in a log record's arguments, a file, or
    an exception's suppressed context is found and named."""
    caplog.set_level(logging.DEBUG)
    header = [(b"authorization", f"Bearer {TOKEN}".encode())]
    logging.getLogger("httpcore.http11").debug("send_request_headers %r", header)
    (tmp_path / "journal.jsonl").write_text(json.dumps({"auth": TOKEN[:-3]}), "utf-8")
    try:
        try:
            raise ValueError(base64.b64encode(TOKEN.encode()).decode())
        except ValueError:
            raise RunComfyError("the outer error says nothing") from None
    except RunComfyError as exc:
        error = exc
    sweep = Sweep()
    sweep.logs(caplog.records)
    sweep.files(tmp_path)
    sweep.error("planted", error)
    with pytest.raises(AssertionError) as info:
        sweep.assert_clean()
    for where in ("token in log httpcore.http11", "a fragment of it in file journal.jsonl"):
        assert where in str(info.value)
    assert "its base64 in planted <- ValueError traceback" in str(info.value)


# ------------------------------------------------------------------ the generator's pull
def test_pull_catalog_keeps_the_token_out_of_everything(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``pull --catalog`` sends the token to the catalog: it must appear nowhere else, even
    when the catalog answers an error that echoes it back, or the token is refused."""
    models = json.loads(CATALOG.read_text("utf-8"))["models"]

    def route(path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        authorization = headers.get("authorization", "")
        if path.startswith("/echo"):  # a broken proxy that repeats the request back
            return 500, {}, f"upstream failed for {authorization}".encode()
        if authorization != f"Bearer {TOKEN}":
            return 401, {}, f'{{"error_message": "bad token {authorization}"}}'.encode()
        query = parse_qs(urlsplit(path).query)
        offset = int(query["offset"][0])
        page = {"models": models[offset : offset + 2], "total": len(models)}
        return 200, {"Content-Type": "application/json"}, json.dumps(page).encode()

    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "generator"):
        caplog.set_level(logging.DEBUG, logger=name)
    monkeypatch.setattr(catalog_module, "PAGE_SIZE", 2)
    sweep = Sweep()
    with https_server(route) as served:
        for name, path, token in (
            ("good", "/v1/models", TOKEN),
            ("echoed", "/echo/v1/models", TOKEN),
            ("refused", "/v1/models", TOKEN + "-expired"),
        ):
            monkeypatch.setenv("RUNCOMFY_API_TOKEN", token)
            schemas = tmp_path / name
            result = CliRunner().invoke(
                generator_main,
                ["pull", "--catalog", served.base_url + path, "--schemas", str(schemas)],
                obj={
                    "fetcher": Fetcher(verify=served.client_context, api_hosts=(served.base_url,))
                },
            )
            sweep.text(f"pull {name} output", result.output)
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                sweep.error(f"pull {name}", result.exception)
            assert result.exit_code == (0 if name == "good" else 2), result.output
    assert len(served.requests) >= 4  # the token really went out, page by page
    sweep.files(tmp_path)
    records = caplog.get_records("call")
    assert any(record.name.startswith("httpx") for record in records)
    sweep.logs(records)
    sweep.assert_clean()
