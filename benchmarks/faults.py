"""Faults survived: many jobs through the async client against the emulator, with about
one status or result read in five faulted, and what came of them.

Each completed job's outputs are downloaded too, and some downloads are lost (the
connection drops mid-file). A lost download must lose nothing: the job's output URLs
are kept, and the files are fetched again from them afterwards, as a batch's resume
does, without submitting anything again.

    python -m benchmarks.faults [--jobs 1000] [--concurrency 32] [--fault-rate 0.2]

Run from the repository root (it imports the generated package from generated/). The run
itself is tests/support/faults.py, which the emulator tests run at a small size.
Prints jobs completed, jobs ended with a typed error (by kind), submits sent per job
(never more than one per call), results lost (must be 0), downloads lost and fetched
again, outputs lost (must be 0), cancels of running jobs (``cancellation_requested``) and
those that did not end cancelled (must be 0), the requests each fault acted on, peak open
connections and wall time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "generated"))

from tests.support.faults import run_jobs

__all__ = ["main"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--fault-rate", type=float, default=0.2)
    args = parser.parse_args()
    report = run_jobs(args.jobs, args.concurrency, args.fault_rate)
    print(
        f"faults survived: {args.jobs} jobs, concurrency {args.concurrency}, "
        f"{args.fault_rate:.0%} of status and result reads faulted"
    )
    print("\n".join(report.lines()))


if __name__ == "__main__":
    main()
