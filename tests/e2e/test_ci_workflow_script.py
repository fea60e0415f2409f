"""The example CI workflow's script, run end to end as the workflow runs it.

A downstream repository (a real git repository with schemas/ pulled from doc pages on a
real HTTPS server on 127.0.0.1, and generated/ committed) runs
``examples/github-workflows/runcomfy-sdk.sh`` with the generator on PATH, exactly as the
workflow's steps do. Publishing runs against a local bare remote and a stand-in ``gh``
that records what it was asked; only GitHub itself is not here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.doc_site import RUNWAY_PAGE, SERVED_PAGES, Site
from tests.support.https import https_server
from tests.support.paths import ROOT
from tests.support.pulling import RUNWAY

pytestmark = pytest.mark.slow  # each test runs the generator in subprocesses: 30-65 s in all

SCRIPT = ROOT / "examples/github-workflows/runcomfy-sdk.sh"
BIN = Path(sys.executable).parent  # where the venv's runcomfy-codegen lives
RUNWAY_SCHEMA = f"schemas/{RUNWAY}.json"
RUNWAY_MODULE = (
    "generated/runcomfy_models/models/runwayml_runway_gen_3_alpha_turbo_image_to_video.py"
)
FAKE_GH = """#!/bin/sh
# Stands in for the GitHub CLI: records each call; one pull request, OPEN once created.
echo "$*" >>"$GH_LOG"
case "$1 $2" in
"pr view") if [ -f "$GH_STATE" ]; then cat "$GH_STATE"; else exit 1; fi ;;
"pr create") echo OPEN >"$GH_STATE" ;;
esac
"""


@dataclass
class Downstream:
    """A downstream repository and how to run the workflow's script in it."""

    path: Path
    env: dict[str, str]
    site: Site

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", str(SCRIPT), *args],
            cwd=self.path,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def git(self, *args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=self.path, env=self.env, capture_output=True, text=True, check=True
        )
        return done.stdout

    @property
    def outputs(self) -> str:
        path = Path(self.env["GITHUB_OUTPUT"])
        return path.read_text() if path.exists() else ""

    @property
    def body(self) -> Path:
        return Path(self.env["RUNCOMFY_REPORT"])


def _environment(tmp: Path, ca_file: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GITHUB_", "RUNNER_", "RUNCOMFY_", "GIT_", "SSL_CERT_"))
    }
    env.update(
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        SSL_CERT_FILE=str(ca_file),  # the generator (httpx) trusts the test CA
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="test",
        GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="test",
        GIT_COMMITTER_EMAIL="test@example.invalid",
    )
    return env


@pytest.fixture(scope="module")
def served_site() -> Iterator[Site]:
    site = Site()
    with https_server(site.route) as served:
        site.served = served
        yield site


@pytest.fixture(scope="module")
def template(served_site: Site, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The downstream repository as committed: pulled from the site, generated."""
    tmp = tmp_path_factory.mktemp("template")
    ca_file = tmp / "ca.pem"
    ca_file.write_bytes(served_site.served.ca_pem if served_site.served else b"")
    repo = tmp / "repo"
    repo.mkdir()
    env = _environment(tmp, ca_file)

    def run(*command: str) -> None:
        subprocess.run(command, cwd=repo, env=env, check=True, capture_output=True, timeout=120)

    run("git", "init", "--quiet", "--initial-branch=main")
    run(str(BIN / "runcomfy-codegen"), "pull", *map(served_site.url, SERVED_PAGES))
    run(str(BIN / "runcomfy-codegen"), "generate")
    run("git", "add", "--all")
    run("git", "commit", "--quiet", "-m", "SDK as generated")
    return repo


@pytest.fixture
def downstream(served_site: Site, template: Path, tmp_path: Path) -> Downstream:
    fresh = Site()
    served_site.answers, served_site.delay = fresh.answers, fresh.delay
    repo = tmp_path / "repo"
    shutil.copytree(template, repo, symlinks=True)
    env = _environment(tmp_path, template.parent / "ca.pem")
    env.update(
        GITHUB_OUTPUT=str(tmp_path / "github-output"), RUNCOMFY_REPORT=str(tmp_path / "body.md")
    )
    return Downstream(repo, env, served_site)


def change_runway_page(site: Site) -> None:
    status, headers, body = site.answers[RUNWAY_PAGE]
    assert b'"maxLength": 512' in body
    site.answers[RUNWAY_PAGE] = (
        status,
        headers,
        body.replace(b'"maxLength": 512', b'"maxLength": 9'),
    )


def test_unchanged_pages_report_no_change(downstream: Downstream) -> None:
    done = downstream.run("refresh", "--no-publish")
    assert done.returncode == 0, done.stderr
    assert "runcomfy-sdk: nothing to commit: schemas and generated are unchanged" in done.stdout
    assert downstream.outputs == "changed=false\n"
    assert downstream.git("status", "--porcelain") == ""
    assert not downstream.body.exists()


def test_a_changed_page_updates_schemas_generated_and_the_changelog(
    downstream: Downstream,
) -> None:
    change_runway_page(downstream.site)
    done = downstream.run("refresh", "--no-publish")
    assert done.returncode == 0, done.stderr
    assert f"       changed  {RUNWAY}" in done.stdout
    assert downstream.outputs == "changed=true\n"
    changed = downstream.git("status", "--porcelain").splitlines()
    assert f" M {RUNWAY_SCHEMA}" in changed
    assert " M generated/CHANGELOG.md" in changed
    assert f" M {RUNWAY_MODULE}" in changed
    schema = json.loads((downstream.path / RUNWAY_SCHEMA).read_text())
    assert schema["input_schema"]["properties"]["promptText"]["maxLength"] == 9
    changelog = (downstream.path / "generated/CHANGELOG.md").read_text()
    assert "## 2.0.0" in changelog  # a tightened bound is breaking
    body = downstream.body.read_text()
    assert "### Breaking" in body
    assert f"`{RUNWAY}`" in body
    assert "### What pull --recorded reported" in body
    assert "--no-publish: not committed, pushed or proposed" in done.stdout
    assert downstream.git("rev-parse", "--abbrev-ref", "HEAD") == "main\n"
    # What the pull request would carry passes the drift job.
    drift = downstream.run("drift")
    assert drift.returncode == 0, drift.stdout + drift.stderr
    assert "generated is up to date with schemas" in drift.stdout


def test_a_vanished_page_is_reported_and_kept_without_prune(downstream: Downstream) -> None:
    del downstream.site.answers[RUNWAY_PAGE]
    done = downstream.run("refresh", "--no-publish")
    assert done.returncode == 0, done.stderr
    url = downstream.site.url(RUNWAY_PAGE)
    assert f"vanished  {RUNWAY}  (its page is gone: {url}: HTTP 404)" in done.stdout
    assert f"warning: {RUNWAY} vanished upstream (its page is gone: " in done.stderr
    assert "runcomfy-sdk: nothing to commit: schemas and generated are unchanged" in done.stdout
    assert downstream.outputs == "changed=false\n"
    assert (downstream.path / RUNWAY_SCHEMA).exists()


def test_a_vanished_page_with_prune_is_removed_and_released(downstream: Downstream) -> None:
    del downstream.site.answers[RUNWAY_PAGE]
    done = downstream.run("refresh", "--prune", "--no-publish")
    assert done.returncode == 0, done.stderr
    assert f"removed  {RUNWAY}  (its page is gone: " in done.stdout
    assert downstream.outputs == "changed=true\n"
    assert not (downstream.path / RUNWAY_SCHEMA).exists()
    assert not (downstream.path / RUNWAY_MODULE).exists()
    body = downstream.body.read_text()
    assert "### Breaking" in body
    assert f"`{RUNWAY}`" in body
    assert "## 2.0.0" in (downstream.path / "generated/CHANGELOG.md").read_text()
    assert downstream.run("drift").returncode == 0


@pytest.mark.parametrize("status", [500, 503])
def test_an_unreadable_page_stops_the_refresh_and_writes_nothing(
    downstream: Downstream, status: int
) -> None:
    downstream.site.answers[RUNWAY_PAGE] = (status, {}, b"<html>try later</html>")
    done = downstream.run("refresh", "--prune", "--no-publish")
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"HTTP {status}" in done.stderr
    assert "nothing was written or removed" in done.stderr
    assert "error: pull --recorded failed (exit 2); nothing was written" in done.stderr
    assert downstream.git("status", "--porcelain") == ""
    assert downstream.outputs == ""


def test_drift_fails_on_a_stale_generated_tree(downstream: Downstream) -> None:
    module = downstream.path / RUNWAY_MODULE
    module.write_text(module.read_text() + "\n# edited by hand\n")
    done = downstream.run("drift")
    assert done.returncode == 1
    assert "has drifted from schemas" in done.stdout


def test_publish_pushes_one_branch_and_opens_then_updates_one_pull_request(
    downstream: Downstream, tmp_path: Path
) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    downstream.git("remote", "add", "origin", str(remote))
    downstream.git("push", "--quiet", "origin", "main")
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    (fake_bin / "gh").write_text(FAKE_GH)
    (fake_bin / "gh").chmod(0o755)
    log = tmp_path / "gh.log"
    downstream.env.update(
        PATH=f"{fake_bin}{os.pathsep}{downstream.env['PATH']}",
        GH_LOG=str(log),
        GH_STATE=str(tmp_path / "gh.state"),
    )
    change_runway_page(downstream.site)

    done = downstream.run("refresh", "--prune")
    assert done.returncode == 0, done.stdout + done.stderr
    branch = "runcomfy/schema-refresh"
    pushed = subprocess.run(
        ["git", "--git-dir", str(remote), "show", f"{branch}:{RUNWAY_SCHEMA}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert '"maxLength": 9' in pushed
    body = downstream.body
    assert log.read_text().splitlines() == [
        f"pr view {branch} --json state --jq .state",
        f"pr create --head {branch} --base main --title Update RunComfy schemas "
        f"--body-file {body}",
    ]

    # The next morning: a fresh checkout of main, upstream still changed the same way.
    downstream.git("switch", "--quiet", "main")
    done = downstream.run("refresh", "--prune")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"origin/{branch} already holds these changes; not pushed" in done.stdout
    assert log.read_text().splitlines()[2:] == [
        f"pr view {branch} --json state --jq .state",
        f"pr edit {branch} --body-file {body}",
    ]


@pytest.mark.parametrize(
    ("requirement", "expected"),
    [
        ("", "set RUNCOMFY_CODEGEN to the pinned generator"),
        (
            "runcomfy-codegen @ git+https://github.com/OWNER/runcomfy-codegen@v0.1.0",
            "still names the placeholder OWNER",
        ),
        ("runcomfy-codegen", "is not pinned"),
        ("runcomfy-codegen>=0.1", "is not pinned"),
        ("runcomfy-codegen @ git+https://github.com/acme/runcomfy-codegen", "is not pinned"),
    ],
)
def test_install_refuses_an_unpinned_generator(
    downstream: Downstream, requirement: str, expected: str
) -> None:
    downstream.env["RUNCOMFY_CODEGEN"] = requirement
    done = downstream.run("install")
    assert done.returncode == 2
    assert expected in done.stderr


@pytest.mark.parametrize(
    "requirement",
    [
        "runcomfy-codegen==0.1.0",
        "runcomfy-codegen @ git+https://github.com/acme/runcomfy-codegen@v0.1.0",
        "runcomfy-codegen @ git+https://github.com/acme/runcomfy-codegen@0123456789abcdef",
    ],
)
def test_install_installs_exactly_the_pin(
    downstream: Downstream, tmp_path: Path, requirement: str
) -> None:
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    (fake_bin / "python").write_text('#!/bin/sh\necho "$*" >"$PIP_LOG"\n')
    (fake_bin / "python").chmod(0o755)
    downstream.env.update(
        PATH=f"{fake_bin}{os.pathsep}{downstream.env['PATH']}",
        PIP_LOG=str(tmp_path / "pip.log"),
        RUNCOMFY_CODEGEN=requirement,
    )
    done = downstream.run("install")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "pip.log").read_text() == (
        f"-m pip install --disable-pip-version-check {requirement}\n"
    )
    assert done.stdout.startswith("runcomfy-codegen, version ")


@pytest.mark.parametrize(
    ("requirement", "warned"),
    [
        ("runcomfy-codegen==0.1.0", False),
        (f"runcomfy-codegen @ git+https://github.com/acme/runcomfy-codegen@{'a1' * 20}", False),
        ("runcomfy-codegen @ git+https://github.com/acme/runcomfy-codegen@v0.1.0", True),
        ("runcomfy-codegen @ git+https://github.com/acme/runcomfy-codegen@main", True),
        ("runcomfy-codegen @ git+https://github.com/acme/runcomfy-codegen@0123456789abcdef", True),
        ("runcomfy-codegen==0.1.*", True),
    ],
)
def test_install_warns_on_a_pin_that_can_move(
    downstream: Downstream, tmp_path: Path, requirement: str, warned: bool
) -> None:
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    (fake_bin / "python").write_text("#!/bin/sh\nexit 0\n")
    (fake_bin / "python").chmod(0o755)
    downstream.env.update(
        PATH=f"{fake_bin}{os.pathsep}{downstream.env['PATH']}", RUNCOMFY_CODEGEN=requirement
    )
    done = downstream.run("install")
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "can be moved" in line]
    if warned:
        assert len(warnings) == 1, done.stderr  # one line, on stderr
        assert warnings[0].startswith("warning: RUNCOMFY_CODEGEN")
        assert "40-hex commit" in warnings[0]
    else:
        assert warnings == [], done.stderr
    assert "can be moved" not in done.stdout


def test_install_warning_is_an_annotation_in_actions(
    downstream: Downstream, tmp_path: Path
) -> None:
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    (fake_bin / "python").write_text("#!/bin/sh\nexit 0\n")
    (fake_bin / "python").chmod(0o755)
    downstream.env.update(
        PATH=f"{fake_bin}{os.pathsep}{downstream.env['PATH']}",
        GITHUB_ACTIONS="true",
        RUNCOMFY_CODEGEN="runcomfy-codegen @ git+https://github.com/acme/runcomfy-codegen@v1",
    )
    done = downstream.run("install")
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("::warning::RUNCOMFY_CODEGEN")


def test_breaking_passes_without_breaking_changes_and_fails_on_them(
    downstream: Downstream, tmp_path: Path
) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    downstream.git("remote", "add", "origin", str(remote))
    downstream.git("push", "--quiet", "origin", "main")
    downstream.git("fetch", "--quiet", "origin")
    done = downstream.run("breaking", "main")
    assert done.returncode == 0, done.stdout + done.stderr
    schema = downstream.path / RUNWAY_SCHEMA
    data = json.loads(schema.read_text())
    data["input_schema"]["properties"]["promptText"]["maxLength"] = 9  # a tightened bound
    schema.write_text(json.dumps(data, indent=2) + "\n")
    done = downstream.run("breaking", "main")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "### Breaking" in done.stdout
    assert f"`{RUNWAY}`" in done.stdout


@pytest.mark.parametrize(
    "args",
    [[], ["bogus"], ["drift", "extra"], ["refresh", "--force"], ["breaking"], ["breaking", ""]],
)
def test_usage_errors_exit_2(downstream: Downstream, args: list[str]) -> None:
    done = downstream.run(*args)
    assert done.returncode == 2
    assert "usage: runcomfy-sdk.sh install | drift | breaking BASE | refresh" in done.stderr
