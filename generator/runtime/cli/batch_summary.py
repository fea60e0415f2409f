"""What a batch says at the end: every input's outcome from the whole journal, by line.

Counts come from everything the journal holds, not from this run alone, so a rerun
never hides an earlier failure; inputs the journal knows but the file no longer holds
are reported, never counted among the file's inputs and never credited to another
input. Costs are another matter: a job that succeeded was paid for whatever became of
its line, so the cost total is every succeeded job of the journal, each counted once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..core.cost import shown_usd, total_usd, usd_number
from .batch_inputs import BatchInput
from .batch_journal import InputState, Journal

__all__ = ["cost_summary", "summary"]

_SHOWN = 50


def _verdict(state: InputState | None, download: bool, model_id: str) -> tuple[str, str | None]:
    """(category, explanation) of one input; the explanation is None for a full success."""
    if state is None or state.state == "new":
        return "not run", "not run yet; run again"
    request = f"request {state.request_id}"
    if state.state == "succeeded":
        if download and not state.files_present:
            why = state.download_error or "not downloaded yet, or its files were removed"
            return "download missing", (
                f"succeeded ({request}) but its files are not downloaded: {why}; "
                "run again to retry the download only (nothing is submitted again)"
            )
        return "succeeded", None
    if state.state == "failed":
        return "failed", f"failed ({request}): {state.error}"
    if state.state == "not_submitted":
        return "failed", f"not submitted, no job was created: {state.error}"
    if state.state == "submitted":
        why = f": {state.error}" if state.error else ""
        return "not finished", f"not finished ({request}){why}; run again to keep waiting"
    why = f" ({state.error})" if state.error else " (the run sending it stopped)"
    return "outcome unknown", (
        f"outcome unknown: its submit at {state.at or 'an unknown time'} may have reached "
        f"RunComfy{why}, so it is not submitted again. Check the request history of your "
        f"RunComfy account for a {model_id} job created then; if there is none, run again "
        "with --resubmit-unknown"
    )


def _gone(journal: Journal, inputs: list[BatchInput], name: str) -> list[str]:
    present = {item.key for item in inputs}
    gone = [state for key, state in journal.states.items() if key not in present]
    if not gone:
        return []
    described = [
        f"line {s.line} ({s.state.replace('_', ' ')}"
        + (f", request {s.request_id})" if s.request_id else ")")
        for s in sorted(gone, key=lambda s: s.line)[:_SHOWN]
    ]
    more = f" and {len(gone) - _SHOWN} more" if len(gone) > _SHOWN else ""
    return [
        f"{len(gone)} input(s) in {journal.path} are no longer in {name} (lines as they "
        f"were then): {', '.join(described)}{more}; their outcomes stay in the journal "
        f"and are not counted among the inputs of {name}"
    ]


def summary(
    journal: Journal, inputs: list[BatchInput], download: bool, name: str
) -> tuple[list[str], int]:
    """The lines to print and the exit code (0 only when every input succeeded)."""
    lines: list[str] = []
    counts: dict[str, int] = {}
    for item in inputs:
        category, why = _verdict(journal.states.get(item.key), download, journal.model_id)
        counts[category] = counts.get(category, 0) + 1
        if why is not None:
            if len(lines) < _SHOWN:
                lines.append(f"{name} line {item.line}: {why}")
            elif len(lines) == _SHOWN:
                lines.append(f"... more in {journal.path}")
    lines += _gone(journal, inputs, name)
    succeeded = counts.pop("succeeded", 0)
    missing = counts.pop("download missing", 0)
    others = "".join(f", {count} {category}" for category, count in sorted(counts.items()))
    if missing:
        # those jobs succeeded and were paid: say so, and that a rerun submits nothing again
        them = "it" if missing == 1 else "them"
        lines.append(
            f"{succeeded + missing} of {len(inputs)} jobs succeeded{others}; {missing} "
            f"download{'' if missing == 1 else 's'} missing: run again to fetch {them} "
            f"(nothing is resubmitted); outcomes in {journal.path}"
        )
    else:
        lines.append(
            f"{succeeded} of {len(inputs)} inputs succeeded{others}; outcomes in {journal.path}"
        )
    failed = counts.get("failed", 0)
    if failed:
        lines.append(f"run again with --retry-failed to submit the {failed} failed input(s) again")
    return lines, 0 if succeeded == len(inputs) else 1


@dataclass(frozen=True)
class _PaidJob:
    """One job the journal reports a cost for, or a success reported without one."""

    request_id: str
    line: int
    in_inputs: bool
    succeeded: bool
    cost: Decimal | None


def _paid_jobs(journal: Journal, inputs: list[BatchInput]) -> list[_PaidJob]:
    """Every job of the journal with a cost, and every success, once each.

    A job is listed once by request id (a journal edited by hand, a server that reused
    an id), with its cost where any line gives one. Failed jobs count when a cost was
    reported: a failed job, or one cancelled while it ran, may be billed. Jobs of inputs
    still in the file come first, by their line now; then the others, by their old line.
    """
    present = {item.key: item.line for item in inputs}
    ordered = sorted(
        journal.states.values(),
        key=lambda s: (s.key not in present, present.get(s.key, s.line), s.line, s.key),
    )
    jobs: dict[str, _PaidJob] = {}
    for state in ordered:
        line, here = present.get(state.key, state.line), state.key in present
        ids = list(state.costs)
        if state.state == "succeeded" and state.request_id and state.request_id not in ids:
            ids.append(state.request_id)
        for request_id in ids:
            succeeded = state.state == "succeeded" and request_id == state.request_id
            cost = state.costs.get(request_id)
            if cost is None and succeeded:
                cost = state.cost
            seen = jobs.get(request_id)
            if seen is None or (seen.cost is None and cost is not None):
                jobs[request_id] = _PaidJob(request_id, line, here, succeeded, cost)
    return list(jobs.values())


def cost_summary(
    journal: Journal, inputs: list[BatchInput], name: str = "the inputs file"
) -> tuple[str, dict[str, Any]]:
    """The cost line and the JSON report (``--include-cost``) of every paid job.

    Every job the journal reports a cost for (succeeded, failed, or cancelled while it
    ran: those may be billed too), and every success, is listed once (``in_inputs``:
    whether its input is still in ``name``), so a resumed batch reports the costs of jobs
    an earlier run read, a resubmitted input's earlier failed job keeps its cost, and a
    job whose line was removed from the file since stays in the total: it was paid for.
    The total is summed exactly (``total_usd``); a success whose cost was not reported
    (read without ``--include-cost``, not sent, or not a valid cost) is counted apart.
    The JSON numbers are doubles: see ``usd_number``.
    """
    paid = _paid_jobs(journal, inputs)
    costs = [job.cost for job in paid if job.cost is not None]
    missing = sum(1 for job in paid if job.succeeded and job.cost is None)
    failed = sum(1 for job in paid if not job.succeeded)
    gone = sum(1 for job in paid if job.cost is not None and not job.in_inputs)
    total = total_usd(costs)
    report = {
        "model_id": journal.model_id,
        "jobs": [
            {
                "line": job.line,
                "request_id": job.request_id,
                "state": "succeeded" if job.succeeded else "failed",
                "cost": usd_number(job.cost),
                "in_inputs": job.in_inputs,
            }
            for job in paid
        ],
        "total_cost_usd": usd_number(total),
        "succeeded": sum(1 for job in paid if job.succeeded),
        "succeeded_without_cost": missing,
        "failed_with_cost": failed,
    }
    line = f"cost: {shown_usd(total)} USD in total for {len(costs)} job(s)"
    if failed:
        line += f" ({failed} of them failed or cancelled, and billed)"
    if gone:
        line += f", {gone} of them for inputs no longer in {name}"
    if missing:
        line += f"; {missing} succeeded job(s) had no cost reported (not in the total)"
    return line, report
