"""Download a job's output files: streamed, capped, https only, and never with the token.

Output URLs point at public storage, so the API token has no business going there: the
downloads use a client that has never seen it (and a caller's own client loses its
credential headers). Each file is streamed to a temporary name and renamed when
complete, so a failed download leaves nothing half-written. ``DownloadLimits.timeout``
bounds each file whole, redirects included, however slowly the server sends. File and
folder names come only from values that cannot leave the download folder (``safe_child``).
Certificates are checked as httpx checks them (certifi's CAs, or ``SSL_CERT_FILE`` when
set); ``DownloadLimits.ca_file`` trusts one more CA (the local emulator's https outputs),
and a certificate that is not trusted is refused in one line that says so.
"""

from __future__ import annotations

import os
import re
import ssl
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from ..constants import agent_headers
from ..core.model import OutputModel
from ..errors import DownloadError
from .exchange import (
    Deadline,
    Inflater,
    atimeout,
    bound,
    bounded_client,
    checked_timeout,
    strip_credentials,
)
from .jobs import JobResult

__all__ = [
    "DownloadLimits",
    "adownload_outputs",
    "download_outputs",
    "safe_child",
    "trusting",
]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# The mode a downloaded file gets, as ``open()`` gives under the usual umask of 022
# (the temporary file it was written to has mkstemp's 0600). Reading the real umask
# would mean setting it, which races with other threads creating files.
_FILE_MODE = 0o644
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class DownloadLimits:
    """Caps for one file: bytes, redirects, whether plain http is allowed, and the time
    (seconds) one file may take in total, redirects included.

    ``ca_file``: a PEM file of CA certificates trusted besides the usual ones, by the
    client a download makes for itself (a client you pass decides for itself): the
    local emulator's ``outputs_ca`` when it serves outputs over https.
    """

    max_bytes: int = 2 * 1024**3
    max_redirects: int = 5
    allow_http: bool = False
    timeout: float = 300.0
    ca_file: str | os.PathLike[str] | None = None

    def __post_init__(self) -> None:
        checked_timeout(self.timeout, "DownloadLimits.timeout")


def _urls(source: JobResult[Any] | OutputModel | Iterable[str]) -> list[str]:
    output = source.output if isinstance(source, JobResult) else source
    if isinstance(output, OutputModel):
        return output.urls()
    return [str(url) for url in output]


def _check_url(url: str, limits: DownloadLimits) -> None:
    scheme = urlsplit(url).scheme
    allowed = {"https", "http"} if limits.allow_http else {"https"}
    if scheme not in allowed:
        remedy = (
            "; to fetch plain http (the local emulator serves its outputs so), pass "
            "DownloadLimits(allow_http=True), or --allow-http on the command line"
            if scheme == "http"
            else ""
        )
        raise DownloadError(
            f"refusing to download {_safe(url)}: only https URLs are fetched{remedy}"
        )


def trusting(
    ca_file: str | os.PathLike[str] | None, what: str = "ca_file"
) -> ssl.SSLContext | bool:
    """What a download's own client verifies with: httpx's default (``True``), or that
    and the CAs in ``ca_file``; a file that holds none is a ``DownloadError`` naming it
    as ``what`` (``--ca-file`` on the command line)."""
    if ca_file is None:
        return True
    context = httpx.create_ssl_context()
    try:
        context.load_verify_locations(cafile=os.fspath(ca_file))
    except (ssl.SSLError, ValueError):  # before OSError, which SSLError is
        raise DownloadError(f"{what} {ca_file}: holds no PEM certificate") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise DownloadError(f"{what} {ca_file}: cannot be read ({reason})") from None
    return context


def _untrusted(exc: BaseException) -> str | None:
    """Why the server's certificate was refused, if that is what ``exc`` is."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return None
        if isinstance(seen, ssl.SSLCertVerificationError):
            return str(seen.verify_message or seen.reason or "not verified")[:100]
        seen = seen.__cause__ or seen.__context__
    return None


def _safe(url: str) -> str:
    """A URL for messages: no query string, which may hold a pre-signed token."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def _safe_name(value: str, fallback: str = "output") -> str:
    """One harmless path component: ``[A-Za-z0-9._-]``, no leading or trailing dots."""
    name = _UNSAFE.sub("_", value).strip("._") or fallback
    stem, dot, suffix = name.partition(".")
    stem, suffix = stem[:100] or fallback, suffix[:20]  # file systems cap names at 255 bytes
    return f"{stem}{dot}{suffix}"


def safe_child(folder: str | os.PathLike[str], name: str) -> Path:
    """``folder / name`` where ``name`` can only ever be one entry inside ``folder``.

    ``name`` (a request id, a file name from a URL) is reduced to ``[A-Za-z0-9._-]``
    without leading dots, so ``..``, ``/abs``, ``a/b`` or ``%2e%2e`` stay inside; the
    result is resolved and checked to be directly in ``folder`` all the same.
    """
    parent = Path(folder)
    child = parent / _safe_name(unquote(name))
    if child.resolve().parent != parent.resolve():
        raise DownloadError(f"{str(name)[:80]!r} would leave the download folder {parent}")
    return child


def _target(directory: Path, url: str, taken: set[str]) -> Path:
    name = _safe_name(unquote(urlsplit(url).path.rsplit("/", 1)[-1]))
    stem, dot, suffix = name.partition(".")
    candidate, counter = name, 1
    while candidate in taken or os.path.lexists(directory / candidate):
        candidate = f"{stem}-{counter}{dot}{suffix}"
        counter += 1
    taken.add(candidate)
    return safe_child(directory, candidate)


def _too_big(response: httpx.Response, url: str, limits: DownloadLimits) -> None:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise DownloadError(
            f"{_safe(url)} is {int(declared):,} bytes, over the {limits.max_bytes:,}-byte cap"
        )


def _next_hop(response: httpx.Response, url: str, hops: int, limits: DownloadLimits) -> str:
    if hops >= limits.max_redirects:
        raise DownloadError(f"{_safe(url)}: more than {limits.max_redirects} redirects")
    location = urljoin(url, str(response.headers.get("location", "")))
    _check_url(location, limits)
    return location


def _fail(response: httpx.Response, url: str) -> DownloadError:
    return DownloadError(f"{_safe(url)}: HTTP {response.status_code}")


def download_outputs(
    source: JobResult[Any] | OutputModel | Iterable[str],
    directory: str | os.PathLike[str],
    *,
    limits: DownloadLimits | None = None,
    client: httpx.Client | None = None,
) -> list[Path]:
    """Download every output URL into ``directory``; returns the files, in URL order."""
    limits = limits or DownloadLimits()
    verify = trusting(limits.ca_file) if client is None else True
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    http = (
        bound(client)
        if client is not None
        else bounded_client(httpx.Timeout(limits.timeout), verify=verify)
    )
    try:
        return [_download(http, url, _target(folder, url, taken), limits) for url in _urls(source)]
    finally:
        if client is None:
            http.close()


def _request(http: httpx.Client | httpx.AsyncClient, url: str, deadline: Deadline) -> httpx.Request:
    """A GET without credentials, each phase's timeout clipped to the file's deadline."""
    timeout = deadline.timeout(httpx.Timeout(None))
    request = strip_credentials(http.build_request("GET", url, timeout=timeout))
    request.headers["Accept-Encoding"] = "gzip, deflate"  # what ``Inflater`` undoes
    request.headers.update(agent_headers(http.headers))
    return request


def _download(http: httpx.Client, url: str, target: Path, limits: DownloadLimits) -> Path:
    _check_url(url, limits)
    deadline = Deadline.within(limits.timeout)
    for hops in range(limits.max_redirects + 1):
        try:
            with deadline.scope():
                response = http.send(
                    _request(http, url, deadline), stream=True, auth=None, follow_redirects=False
                )
                try:
                    if response.status_code in _REDIRECTS:
                        url = _next_hop(response, url, hops, limits)
                        continue
                    if response.status_code != 200:
                        raise _fail(response, url)
                    _too_big(response, url, limits)
                    partial = _Partial(target, url, limits, response)
                    try:
                        for chunk in response.iter_raw():
                            deadline.check()
                            partial.write(chunk)
                    except BaseException:
                        partial.discard()
                        raise
                    return partial.keep()
                finally:
                    response.close()
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise _failed(url, exc, limits) from None
    raise DownloadError(f"{_safe(url)}: more than {limits.max_redirects} redirects")


def _failed(url: str, exc: Exception, limits: DownloadLimits) -> DownloadError:
    why = _untrusted(exc)
    if why is not None:
        return DownloadError(
            f"{_safe(url)}: the server's certificate is not trusted ({why}); not downloaded. "
            "For the local emulator's https outputs, trust its CA (emulator.outputs_ca, "
            "printed by emulate as RUNCOMFY_OUTPUTS_CA): DownloadLimits(ca_file=...), a "
            "client with verify=ssl.create_default_context(cafile=...), or --ca-file on "
            "the command line"
        )
    if isinstance(exc, httpx.TimeoutException):
        return DownloadError(f"{_safe(url)}: not downloaded within {limits.timeout:g} s")
    if isinstance(exc, httpx.DecodingError):
        return DownloadError(f"{_safe(url)}: {exc}")
    return DownloadError(f"{_safe(url)}: {type(exc).__name__}")


class _Partial:
    """A file being downloaded: written under a temporary name, kept only when complete.

    It takes the body as sent (``iter_raw``) and undoes its content encoding itself, a
    step at a time under the cap: ``iter_bytes`` would inflate each chunk whole, so a
    gzip bomb grew far past the cap in memory before the cap was checked.
    """

    def __init__(
        self, target: Path, url: str, limits: DownloadLimits, response: httpx.Response
    ) -> None:
        self._inflater = Inflater(response.headers.get("content-encoding", ""))
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        self._handle = os.fdopen(fd, "wb")
        self._temp = Path(temp)
        self.target, self.url, self.limits = target, url, limits
        self.written = 0

    def write(self, raw: bytes) -> None:
        """Inflate ``raw`` (as sent) and write it; over the cap, stop and refuse."""
        for piece in self._inflater.pieces(raw):
            self.written += len(piece)
            if self.written > self.limits.max_bytes:
                raise DownloadError(
                    f"{_safe(self.url)} is over the {self.limits.max_bytes:,}-byte cap; not kept"
                )
            self._handle.write(piece)

    def keep(self) -> Path:
        self._handle.close()
        os.chmod(self._temp, _FILE_MODE)
        os.replace(self._temp, self.target)
        return self.target

    def discard(self) -> None:
        self._handle.close()
        self._temp.unlink(missing_ok=True)


async def adownload_outputs(
    source: JobResult[Any] | OutputModel | Iterable[str],
    directory: str | os.PathLike[str],
    *,
    limits: DownloadLimits | None = None,
    client: httpx.AsyncClient | None = None,
) -> list[Path]:
    """The async form of ``download_outputs``; files are fetched one after another."""
    limits = limits or DownloadLimits()
    verify = trusting(limits.ca_file) if client is None else True
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    http = client or httpx.AsyncClient(timeout=limits.timeout, verify=verify)
    try:
        paths = []
        for url in _urls(source):
            paths.append(await _adownload(http, url, _target(folder, url, taken), limits))
        return paths
    finally:
        if client is None:
            await http.aclose()


async def _adownload(
    http: httpx.AsyncClient, url: str, target: Path, limits: DownloadLimits
) -> Path:
    _check_url(url, limits)
    deadline = Deadline.within(limits.timeout)
    try:
        async with atimeout(deadline):
            return await _ahops(http, url, target, limits, deadline)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        raise _failed(url, exc, limits) from None


async def _ahops(
    http: httpx.AsyncClient, url: str, target: Path, limits: DownloadLimits, deadline: Deadline
) -> Path:
    for hops in range(limits.max_redirects + 1):
        try:
            request = _request(http, url, deadline)
            response = await http.send(request, stream=True, auth=None, follow_redirects=False)
            try:
                if response.status_code in _REDIRECTS:
                    url = _next_hop(response, url, hops, limits)
                    continue
                if response.status_code != 200:
                    raise _fail(response, url)
                _too_big(response, url, limits)
                partial = _Partial(target, url, limits, response)
                try:
                    async for chunk in response.aiter_raw():
                        partial.write(chunk)
                except BaseException:
                    partial.discard()
                    raise
                return partial.keep()
            finally:
                await response.aclose()
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise _failed(url, exc, limits) from None
    raise DownloadError(f"{_safe(url)}: more than {limits.max_redirects} redirects")
