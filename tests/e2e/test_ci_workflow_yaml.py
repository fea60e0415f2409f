"""The example GitHub workflow, read as GitHub reads it (YAML), against what it promises.

Least privilege per job, a concurrency group per job (superseded pull request checks are
cancelled, a refresh that may be pushing never is), one pinned generator, pip caching on
a path every downstream repository has, and every step a call of the tested script.
"""

from __future__ import annotations

import re
import subprocess
from typing import Any

import pytest
import yaml

from tests.support.paths import ROOT

EXAMPLES = ROOT / "examples/github-workflows"
WORKFLOW = EXAMPLES / "runcomfy-sdk.yml"
SCRIPT = EXAMPLES / "runcomfy-sdk.sh"
# Where the workflow's header says to copy the two files in a downstream repository.
WORKFLOW_PATH = ".github/workflows/runcomfy-sdk.yml"
SCRIPT_PATH = ".github/scripts/runcomfy-sdk.sh"
PINNED = re.compile(
    r"^runcomfy-codegen(==\d+\.\d+\.\d+| @ git\+https://github\.com/[^/@\s]+/runcomfy-codegen"
    r"@(v\d+\.\d+\.\d+|[0-9a-f]{40}))$"
)


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text())
    assert isinstance(data, dict)
    return data


def jobs(workflow: dict[Any, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = workflow["jobs"]
    return found


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_the_header_names_where_both_files_go() -> None:
    header = WORKFLOW.read_text()
    assert WORKFLOW_PATH in header
    assert SCRIPT_PATH in header
    assert SCRIPT_PATH.rsplit("/", 1)[1] == SCRIPT.name
    assert f".github/scripts/{SCRIPT.name}" in SCRIPT.read_text()


def test_triggers(workflow: dict[Any, Any]) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert isinstance(triggers, dict)
    assert set(triggers) == {"pull_request", "schedule", "workflow_dispatch"}


def test_read_only_unless_a_job_asks_and_only_refresh_writes(workflow: dict[Any, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in jobs(workflow).items():
        assert "permissions" in job, f"{name} has no permissions of its own"
    assert jobs(workflow)["drift"]["permissions"] == {"contents": "read"}
    assert jobs(workflow)["refresh"]["permissions"] == {
        "contents": "write",
        "pull-requests": "write",
    }
    writers = {
        name for name, job in jobs(workflow).items() if "write" in job["permissions"].values()
    }
    assert writers == {"refresh"}


def test_drift_does_not_keep_credentials(workflow: dict[Any, Any]) -> None:
    checkout = jobs(workflow)["drift"]["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["persist-credentials"] is False


def test_concurrency_cancels_superseded_checks_but_never_a_refresh(
    workflow: dict[Any, Any],
) -> None:
    drift, refresh = (
        jobs(workflow)["drift"]["concurrency"],
        jobs(workflow)["refresh"]["concurrency"],
    )
    assert "github.event.pull_request.number" in drift["group"]
    assert drift["cancel-in-progress"] is True
    assert refresh["group"] == "runcomfy-sdk-refresh"  # one per repository: one branch
    assert refresh["cancel-in-progress"] is False
    assert drift["group"] != refresh["group"]


def test_the_generator_is_pinned_in_one_place(workflow: dict[Any, Any]) -> None:
    pin = workflow["env"]["RUNCOMFY_CODEGEN"]
    assert PINNED.match(pin), pin
    text = WORKFLOW.read_text()
    assert text.count("runcomfy-codegen @ git+") == 1
    for job in jobs(workflow).values():
        assert not any("pip install" in run for run in runs(job))  # the script installs it
        assert not any("env" in step and "RUNCOMFY_CODEGEN" in step["env"] for step in job["steps"])


def test_pip_is_cached_on_a_path_every_downstream_repository_has(
    workflow: dict[Any, Any],
) -> None:
    for name, job in jobs(workflow).items():
        setups = [s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@")]
        assert len(setups) == 1, name
        options = setups[0]["with"]
        assert options["cache"] == "pip"
        # Not requirements.txt or pyproject.toml: a downstream repository may have
        # neither, and setup-python fails then. The workflow holds the pin.
        assert options["cache-dependency-path"] == WORKFLOW_PATH


def test_every_step_is_a_call_of_the_tested_script(workflow: dict[Any, Any]) -> None:
    expected = {
        "drift": ["install", "drift", 'breaking "$RUNCOMFY_BASE"'],
        "refresh": ["install", "refresh --prune"],
    }
    for name, job in jobs(workflow).items():
        commands = runs(job)
        assert commands == [f"bash {SCRIPT_PATH} {args}" for args in expected[name]], name
        for step in job["steps"]:
            assert "run" in step or step["uses"].split("@")[0] in {
                "actions/checkout",
                "actions/setup-python",
            }


def test_no_expression_is_pasted_into_a_shell(workflow: dict[Any, Any]) -> None:
    # ${{ }} in `run` is script injection waiting to happen; values go through env.
    for job in jobs(workflow).values():
        assert not any("${{" in run for run in runs(job))


def test_the_refresh_gets_what_the_script_reads(workflow: dict[Any, Any]) -> None:
    step = jobs(workflow)["refresh"]["steps"][-1]
    assert set(step["env"]) == {"RUNCOMFY_API_TOKEN", "GH_TOKEN", "RUNCOMFY_BASE"}
    for name in (*step["env"], "RUNCOMFY_CODEGEN"):
        assert name in SCRIPT.read_text()
    checkout = jobs(workflow)["refresh"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == 0  # origin/<branch> for the no-push check


def test_the_script_is_valid_bash() -> None:
    subprocess.run(["bash", "-n", str(SCRIPT)], check=True)


def test_the_comment_recommends_a_commit_sha_over_a_tag() -> None:
    text = " ".join(WORKFLOW.read_text().replace("#", " ").split())
    assert "commit SHA" in text
    assert "tags can be moved" in text


def test_the_breaking_gate_is_an_opt_in_pull_request_step(workflow: dict[Any, Any]) -> None:
    drift = jobs(workflow)["drift"]
    [step] = [s for s in drift["steps"] if "breaking" in s.get("run", "")]
    assert step["run"] == f'bash {SCRIPT_PATH} breaking "$RUNCOMFY_BASE"'
    assert step["env"] == {"RUNCOMFY_BASE": "${{ github.base_ref }}"}  # through env, not run
    assert "vars." in step["if"]  # optional: off unless the repository turns it on
    # origin/<base> must exist in the checkout for the diff to read it
    assert drift["steps"][0]["with"]["fetch-depth"] == 0
    assert "breaking" in SCRIPT.read_text()
