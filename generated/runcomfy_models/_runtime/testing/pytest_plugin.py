# Generated from generator/runtime/testing/pytest_plugin.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""pytest fixtures for testing code that uses runcomfy_models, against the local emulator.

Installed with the package as a pytest plugin, so a downstream test just asks for them::

    def test_my_pipeline(runcomfy_client, runcomfy_emulator):
        runcomfy_emulator.inject(Fault("status", "rate_limit"))   # optional faults
        result = my_pipeline(runcomfy_client)                      # your code, unchanged
        assert runcomfy_emulator.count("submit") == 1

``runcomfy_emulator`` starts a fresh emulator on a free port of 127.0.0.1 for each test
(jobs take a few tens of milliseconds); ``runcomfy_client`` is a ``Client`` pointed at
it. ``runcomfy_emulator_options`` (``{}``) holds keyword arguments for ``Emulator``;
override it in a test module or conftest to change them, e.g. ``{"https_outputs": True}``
to serve outputs over https (``runcomfy_emulator.outputs_ca`` is then the CA's PEM file,
``runcomfy_emulator.outputs_ssl_context()`` a context that trusts it).

pytest loads this module in every session of a project that has the package installed,
so it imports nothing heavy (no httpx, pydantic, starlette, uvicorn): the client and the
emulator are imported when a test first asks for a fixture. Without the ``testing`` extra
the plugin still loads; a test that asks for a fixture then fails with one line naming
``pip install 'runcomfy-models[testing]'``. pytest is looked up when
pytest loads the plugin, so the package type-checks and imports where pytest is not
installed.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..errors import require_extra

if TYPE_CHECKING:
    from ..client.sync import Client
    from .emulator import Emulator

__all__ = ["runcomfy_client", "runcomfy_emulator", "runcomfy_emulator_options"]


def _models() -> Any:
    """The generated package's ``get_model``: the emulator validates inputs with it."""
    package = __name__.rsplit(".", 3)[0]  # runcomfy_models._runtime.<layer>.<module>
    return importlib.import_module(package).get_model


def _options() -> dict[str, Any]:
    """Keyword arguments for the emulator (over quick jobs and the package's models)."""
    return {}


def _emulator(runcomfy_emulator_options: dict[str, Any]) -> Iterator[Emulator]:
    require_extra("testing", "the runcomfy_emulator fixture", "starlette", "uvicorn")
    from .emulator import Emulator, JobPlan
    from .server import serve

    quick_jobs = JobPlan(queue_seconds=0.02, run_seconds=0.02)
    options = {"specs": _models(), "plan": quick_jobs, **runcomfy_emulator_options}
    with serve(Emulator(**options)) as emulator:
        yield emulator


def _client(runcomfy_emulator: Emulator) -> Iterator[Client]:
    from ..client.polling import PollPolicy
    from ..client.sync import Client
    from ..client.transport import RetryPolicy

    with Client(
        runcomfy_emulator.token,
        base_url=runcomfy_emulator.base_url,
        poll=PollPolicy(initial=0.01, factor=1.5, max_in_progress=0.05, max_in_queue=0.05),
        retry=RetryPolicy(base_delay=0.01, max_delay=0.1, total_cap=10.0),
    ) as client:
        yield client


_pytest = importlib.import_module("pytest")
runcomfy_emulator_options = _pytest.fixture(name="runcomfy_emulator_options")(_options)
runcomfy_emulator = _pytest.fixture(name="runcomfy_emulator")(_emulator)
runcomfy_client = _pytest.fixture(name="runcomfy_client")(_client)
