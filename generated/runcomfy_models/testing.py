# Generated from generator/runtime/package_root/testing.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Test your code against a local RunComfy emulator: no network, no credits.

from runcomfy_models import Client, get_model
from runcomfy_models.testing import Emulator, serve

with serve(Emulator(specs=get_model)) as emulator:
    with Client(token=emulator.token, base_url=emulator.base_url) as client:
        ...
"""

from __future__ import annotations

from runcomfy_models._runtime.errors import DroppedOnPurpose, require_extra

require_extra("testing", "runcomfy_models.testing", "starlette", "uvicorn")

# The emulator needs the extra: the check above comes first, so its absence is one line.
from runcomfy_models._runtime.testing.emulator import (  # noqa: E402
    EmulatedJob,
    Emulator,
    JobPlan,
    ManualClock,
)
from runcomfy_models._runtime.testing.faults import Fault, parse_fault  # noqa: E402
from runcomfy_models._runtime.testing.server import serve  # noqa: E402

__all__ = [
    "DroppedOnPurpose",
    "EmulatedJob",
    "Emulator",
    "Fault",
    "JobPlan",
    "ManualClock",
    "parse_fault",
    "serve",
]
