# Generated from generator/runtime/cli/batch_summary.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""What a batch says at the end: every input's outcome from the whole journal, by line.

Counts come from everything the journal holds, not from this run alone, so a rerun
never hides an earlier failure; inputs the journal knows but the file no longer holds
are reported, never counted and never credited to another input.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..core.cost import shown_usd
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
        "and are not counted"
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


def cost_summary(journal: Journal, inputs: list[BatchInput]) -> tuple[str, dict[str, Any]]:
    """The cost line and the JSON report (``--include-cost``) of every succeeded input.

    From the whole journal, as the counts are, so a resumed batch reports the costs of
    jobs an earlier run read. The total is summed exactly (``Decimal``); a success whose
    cost was not reported (read without ``--include-cost``, or not sent) is counted apart.
    """
    jobs: list[dict[str, Any]] = []
    total = Decimal(0)
    missing = 0
    for item in inputs:
        state = journal.states.get(item.key)
        if state is None or state.state != "succeeded":
            continue
        if state.cost is None:
            missing += 1
        else:
            total += state.cost
        cost = None if state.cost is None else float(shown_usd(state.cost))
        jobs.append({"line": item.line, "request_id": state.request_id, "cost": cost})
    report = {
        "model_id": journal.model_id,
        "jobs": jobs,
        "total_cost_usd": float(shown_usd(total)),
        "succeeded": len(jobs),
        "succeeded_without_cost": missing,
    }
    line = f"cost: {shown_usd(total)} USD in total for {len(jobs) - missing} succeeded job(s)"
    if missing:
        line += f"; {missing} succeeded job(s) had no cost reported (not in the total)"
    return line, report
