"""Render many models' files across the machine's cores.

Rendering one model is a pure function of its IR and the options, so models are
handed to worker processes in order and their files come back in the same order:
the result does not depend on how the work was split. Workers are forked from a
parent that has already imported datamodel-code-generator, black and the templates,
and has done the first item itself, so they start warm: the first call of
datamodel-code-generator and black costs tens of times a later one, and each worker
would pay it again. Small batches, and platforms without fork, render in-process.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

__all__ = ["map_in_order", "map_in_order_while", "workers"]

T = TypeVar("T")
R = TypeVar("R")
S = TypeVar("S")

_MIN_PER_WORKER = 8
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """A worker is killed when the generate that forked it is (Linux), never orphaned."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the request took effect
        os._exit(1)


def workers() -> int:
    """Processes to use: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def map_in_order(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """``[function(item) for item in items]``, in parallel where it pays."""
    return map_in_order_while(function, items, lambda: None)[0]


def map_in_order_while(
    function: Callable[[T], R], items: Sequence[T], meanwhile: Callable[[], S]
) -> tuple[list[R], S]:
    """``[function(item) for item in items]``, in parallel where it pays, and
    ``meanwhile()``, done in this process while the workers work."""
    count = min(workers(), len(items) // _MIN_PER_WORKER)
    if count < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items], meanwhile()
    first = function(items[0])  # warms what the workers inherit
    rest = items[1:]
    chunk = max(1, len(rest) // (count * 4))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=count, mp_context=context, initializer=_die_with_parent
    ) as pool:
        results = pool.map(function, rest, chunksize=chunk)  # submitted: workers start
        aside = meanwhile()
        return [first, *results], aside
