"""The batch summary's wording: a paid, successful job whose files are missing is a job
that succeeded, never one to submit again."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from runcomfy_models._runtime.cli.batch_inputs import BatchInput
from runcomfy_models._runtime.cli.batch_journal import InputState, Journal
from runcomfy_models._runtime.cli.batch_summary import cost_summary, summary


def journal(tmp_path: Path, states: list[InputState]) -> Journal:
    return Journal(
        path=tmp_path / "in.results.jsonl",
        model_id="acme/model",
        handle=cast(Any, None),
        lock=cast(Any, None),
        states={s.key: s for s in states},
    )


def inputs(count: int) -> list[BatchInput]:
    return [BatchInput(line=n, key=f"k{n}", data={}) for n in range(1, count + 1)]


def paid(n: int, files: list[str] | None = None) -> InputState:
    return InputState(
        key=f"k{n}",
        line=n,
        state="succeeded",
        request_id=f"r{n}",
        output={},
        files=files,
        download_error="URL refused: http",
    )


def test_refused_downloads_say_the_jobs_succeeded_and_nothing_is_resubmitted(
    tmp_path: Path,
) -> None:
    lines, code = summary(journal(tmp_path, [paid(1), paid(2), paid(3)]), inputs(3), True, "in")
    assert code == 1  # still not done: the files are missing
    last = lines[-1]
    assert last.startswith(
        "3 of 3 jobs succeeded; 3 downloads missing: run again to fetch them "
        "(nothing is resubmitted)"
    )
    assert "0 of 3" not in "\n".join(lines)
    assert "--retry-failed" not in "\n".join(lines)


def test_a_mixed_batch_counts_jobs_and_names_the_failures_apart(tmp_path: Path) -> None:
    saved = tmp_path / "saved.mp4"
    saved.write_bytes(b"x")
    failed = InputState(key="k3", line=3, state="failed", request_id="r3", error="boom")
    lines, code = summary(
        journal(tmp_path, [paid(1, [str(saved)]), paid(2), failed]), inputs(4), True, "in"
    )
    assert code == 1
    text = "\n".join(lines)
    assert (
        "2 of 4 jobs succeeded, 1 failed, 1 not run; 1 download missing: run again to fetch it"
        in text
    )
    assert "--retry-failed to submit the 1 failed input(s) again" in text


def test_without_missing_downloads_the_wording_is_unchanged(tmp_path: Path) -> None:
    lines, code = summary(journal(tmp_path, [paid(1), paid(2)]), inputs(2), False, "in")
    assert code == 0
    assert lines[-1].startswith("2 of 2 inputs succeeded; outcomes in ")


def _costed(n: int, cost: str | None, request_id: str | None = None) -> InputState:
    state = paid(n)
    state.request_id = request_id or state.request_id
    state.cost = None if cost is None else Decimal(cost)
    return state


def test_the_cost_total_counts_every_paid_job_of_the_journal_once(tmp_path: Path) -> None:
    # k1, k2 in the file; k3 no longer; k4 names the same job as k1 (a journal edited by
    # hand, or a server that reused an id): that job is counted once.
    states = [
        _costed(1, "0.1"),
        _costed(2, None),
        _costed(3, "0.2"),
        _costed(4, "0.1", request_id="r1"),
    ]
    line, report = cost_summary(journal(tmp_path, states), inputs(2))
    assert report["total_cost_usd"] == 0.3
    assert report["succeeded"] == 3
    assert report["succeeded_without_cost"] == 1
    assert [(j["request_id"], j["in_inputs"]) for j in report["jobs"]] == [
        ("r1", True),
        ("r2", True),
        ("r3", False),
    ]
    assert line.startswith("cost: 0.3 USD in total for 2 job(s), 1 of them for inputs")
    assert "1 succeeded job(s) had no cost reported (not in the total)" in line


def test_the_total_is_summed_exactly_however_many_jobs(tmp_path: Path) -> None:
    states = [_costed(n, "0.1") for n in range(1, 1001)]
    line, report = cost_summary(journal(tmp_path, states), inputs(1000))
    assert report["total_cost_usd"] == 100.0
    assert line == "cost: 100 USD in total for 1000 job(s)"
