"""Work across processes: results in order, side work done meanwhile, gc restored."""

from __future__ import annotations

import gc
import os

from generator import parallel
from generator.config import RenderOptions
from generator.pipeline import build_tree
from tests.support.paths import SCHEMAS


def _square_with_pid(value: int) -> tuple[int, int]:
    return value * value, os.getpid()


def test_results_come_back_in_order_and_the_side_work_is_done() -> None:
    items = list(range(64))
    results, aside = parallel.map_in_order_while(_square_with_pid, items, lambda: "aside")
    assert [value for value, _ in results] == [item * item for item in items]
    assert aside == "aside"
    assert results[0][1] == os.getpid()  # the first item warms the parent before forking


def test_few_items_stay_in_process() -> None:
    results, aside = parallel.map_in_order_while(_square_with_pid, [1, 2, 3], lambda: 7)
    assert results == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]
    assert aside == 7


def test_generation_gives_the_collector_back_as_it_found_it() -> None:
    before = gc.get_threshold()
    build_tree(SCHEMAS, RenderOptions(out_label="out"))
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
