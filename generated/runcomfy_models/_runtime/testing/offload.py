# Generated from generator/runtime/testing/offload.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Work run off the event loop, within a deadline: the emulator's input validation.

Validating a submitted input runs every ``pattern`` of the model's schema, each bounded
in time; a hostile input can still take seconds. Run on the event loop it would hold up
every other request, so it runs in a thread of its own, awaited for at most a timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from ..core.patterns import PatternBudget, pattern_budget

__all__ = ["off_loop"]

T = TypeVar("T")


async def off_loop(work: Callable[[], T], timeout: float) -> T:
    """``work()`` run in a thread of its own, awaited for at most ``timeout`` seconds.

    The event loop keeps serving other requests meanwhile. Every pattern match in
    ``work`` shares one budget, stopped when the wait ends (done, out of time, or
    cancelled as the server stops), so the thread ends within one bounded match of that:
    the process can wait for it at exit (a daemon thread killed inside a match would abort
    the interpreter) and still stop promptly on SIGTERM.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()
    # The wait bounds the validation; the budget (longer, so the wait decides) is how the
    # thread learns that nobody waits any more: it is stopped when the wait ends.
    budget = PatternBudget(timeout + 60)

    def settle(result: Any, error: BaseException | None) -> None:
        if future.done():  # the wait ran out: nobody is listening
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)

    def run() -> None:
        try:
            with pattern_budget(budget):
                outcome: tuple[Any, BaseException | None] = (work(), None)
        except BaseException as exc:  # handed to the awaiting request, raised there
            outcome = (None, exc)
        with contextlib.suppress(RuntimeError):  # the loop has closed: the server stopped
            loop.call_soon_threadsafe(settle, *outcome)

    # Not a daemon (a thread inherits that from the server's, which is one): the process
    # waits for it at exit, which the budget keeps short.
    threading.Thread(target=run, name="emulator-validation", daemon=False).start()
    try:
        return await asyncio.wait_for(future, timeout)
    finally:
        budget.stop()
