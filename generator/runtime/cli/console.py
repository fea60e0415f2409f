"""Where the command line speaks to people: stderr, through rich when it is installed.

rich (the ``cli`` extra) only draws the live progress displays; without it every command
still works and says the same things as plain lines: a status line per change of a job,
the summary of a batch, each error. Nothing here imports rich unless it is installed.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any

__all__ = ["Bar", "Err"]


def _rich_console() -> Any:
    try:
        from rich.console import Console
    except ImportError:
        return None
    return Console(stderr=True, soft_wrap=True, highlight=False)


class Err:
    """Standard error: ``print`` a line, ``input`` an answer; rich's console if installed."""

    def __init__(self) -> None:
        self.rich: Any = _rich_console()

    @property
    def is_terminal(self) -> bool:
        if self.rich is not None:
            return bool(self.rich.is_terminal)
        return sys.stderr.isatty()

    @property
    def live(self) -> bool:
        """Whether a live progress display can be drawn: rich, on a terminal."""
        return self.rich is not None and self.is_terminal

    def print(self, text: str = "") -> None:
        """One line, as is (never read as markup)."""
        if self.rich is not None:
            self.rich.print(text, markup=False)
        else:
            print(text, file=sys.stderr, flush=True)

    def input(self, question: str) -> str:
        """The answer to ``question``; ``EOFError`` when standard input has none."""
        if self.rich is not None:
            return str(self.rich.input(question, markup=False))
        sys.stderr.write(question)
        sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line


class Bar:
    """One live progress display (a spinner, or a bar with ``counted``), drawn by rich
    on a terminal and nothing otherwise; a context manager."""

    def __init__(self, err: Err, *, counted: bool = False) -> None:
        self.progress: Any = None
        self.task: Any = None
        if err.rich is None:
            return
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        columns: tuple[Any, ...] = (
            (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
            if counted
            else (SpinnerColumn(), TextColumn("{task.description}"))
        )
        self.progress = Progress(
            *columns,
            TimeElapsedColumn(),
            console=err.rich,
            transient=True,
            disable=not err.is_terminal,  # logs get plain lines instead
        )

    def __enter__(self) -> Bar:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self, description: str, total: int | None = None, completed: int = 0) -> None:
        if self.progress is not None:
            self.task = self.progress.add_task(description, total=total, completed=completed)

    def describe(self, description: str) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, description=description)

    def advance(self) -> None:
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()
