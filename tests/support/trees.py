"""Run generate in-process and read a generated tree back, for the generator's tests."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import main

CACHES = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


def generate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["generate", *args])
    return result.exit_code, result.output


def tree_of(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and not CACHES & set(p.parts)
    }
