"""The size cap on local media, one home for the encoder and the probe that reads it back.

A local file over the cap is refused before it is read whole; the probe accepts any
``data:`` URI that a file at the cap encodes to, so raising the cap raises both.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

__all__ = [
    "DEFAULT_MAX_LOCAL_BYTES",
    "data_uri_chars",
    "local_cap",
    "max_local_bytes",
    "set_max_local_bytes",
]

DEFAULT_MAX_LOCAL_BYTES = 64 * 1024 * 1024
"""The largest local file encoded by default (64 MiB; its data: URI is a third larger)."""

_HEADER_ROOM = 256  # "data:<media type>;<parameters>;base64," before the payload

_process_cap = [DEFAULT_MAX_LOCAL_BYTES]  # set_max_local_bytes changes it for every thread
_cap: ContextVar[int | None] = ContextVar("runcomfy_max_local_bytes", default=None)


def set_max_local_bytes(limit: int) -> None:
    """The largest local media file encoded from now on, in this whole process."""
    if limit < 0:
        raise ValueError("the local media size cap must not be negative")
    _process_cap[0] = limit


@contextlib.contextmanager
def max_local_bytes(limit: int) -> Iterator[None]:
    """The largest local media file encoded inside this ``with`` block (this context only)."""
    if limit < 0:
        raise ValueError("the local media size cap must not be negative")
    token = _cap.set(limit)
    try:
        yield
    finally:
        _cap.reset(token)


def local_cap() -> int:
    """The cap in force here: the ``with`` block's, else the process's."""
    value = _cap.get()
    return _process_cap[0] if value is None else value


def data_uri_chars(size: int) -> int:
    """The longest base64 ``data:`` URI a file of ``size`` bytes encodes to."""
    return 4 * -(-size // 3) + _HEADER_ROOM
