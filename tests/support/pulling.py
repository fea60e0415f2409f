"""Run pull in-process and read a pulled schema's contract, for the sources' tests."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from generator.sources import Fetcher

DREAMINA_PRO = "bytedance/dreamina-3-0/pro/image-to-video"
RUNWAY = "runwayml/runway-gen-3-alpha/turbo/image-to-video"


def pull(*args: str, fetcher: Fetcher | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["pull", *args], obj={"fetcher": fetcher})
    return result.exit_code, result.output


def contract(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(path.read_text("utf-8"))
    del data["source"]
    return data
