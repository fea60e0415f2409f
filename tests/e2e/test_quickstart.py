"""The README's quick start, run for real, as a newcomer would.

The fenced blocks the quick start asks a reader to run are marked in README.md with an
HTML comment on the line before them (``<!-- quickstart: bash -->``,
``<!-- quickstart: python -->``); the generated package's README marks its own the same
way (``python`` and ``pytest``). Editing a marked block so that it no longer works
fails these tests; so does removing the marks.

The README's blocks run in order in one bash session, in a fresh project made of this
repository's ``scripts/``, ``schemas/`` and ``pyproject.toml`` with its ``.venv``, so
``./scripts/generate`` makes a fresh ``generated/`` there. The python block is saved as
``quickstart.py`` and run with ``python quickstart.py``, as the README says. Nothing
touches the network: where the system allows it, the whole session runs in a network
namespace of its own that has only the loopback interface (the emulator listens on
127.0.0.1); everywhere, pip is told not to use an index, so a stale ``.venv`` fails
instead of downloading.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tomllib
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
VENV = ROOT / ".venv"
MARKED_BLOCK = re.compile(
    r"^<!-- quickstart: (?P<kind>[a-z]+) -->\n```(?P<lang>[a-z]*)\n(?P<body>.*?)^```$",
    re.MULTILINE | re.DOTALL,
)
QUICK_START = re.compile(r"^## Quick start$(?P<body>.*?)(?=^## )", re.MULTILINE | re.DOTALL)


def marked_blocks(markdown: str) -> list[tuple[str, str]]:
    """The (kind, code) of every fenced block marked as part of the quick start, in order."""
    blocks = []
    for match in MARKED_BLOCK.finditer(markdown):
        kind, lang = match["kind"], match["lang"]
        expected = "bash" if kind == "bash" else "python"
        assert lang == expected, f"a block marked {kind} is fenced as {lang!r}"
        blocks.append((kind, match["body"]))
    return blocks


@cache
def offline_prefix() -> tuple[str, ...]:
    """A command prefix that runs its command without network (loopback only), or ()."""
    unshare, ip = shutil.which("unshare"), shutil.which("ip")
    if unshare is None or ip is None:
        return ()
    prefix = (unshare, "-rn", "sh", "-c", f'"{ip}" link set lo up && exec "$@"', "offline")
    probe = subprocess.run([*prefix, "true"], capture_output=True, check=False)
    return prefix if probe.returncode == 0 else ()


def clean_env(**extra: str) -> dict[str, str]:
    """What a newcomer's shell has: no token, no base URL, no proxies, no index."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT")
    env = {name: os.environ[name] for name in keep if name in os.environ}
    env.update(PIP_NO_INDEX="1", PYTHONDONTWRITEBYTECODE="1", NO_PROXY="*", no_proxy="*")
    env.update(extra)
    return env


def run_offline(
    command: list[str], cwd: Path, env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*offline_prefix(), *command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def readme_session(blocks: list[tuple[str, str]]) -> str:
    """One bash script: the bash blocks as written, each python block saved and run."""
    lines = ["set -euo pipefail"]
    for kind, body in blocks:
        if kind == "bash":
            lines.append(body)
        elif kind == "python":
            lines.append(f"cat > quickstart.py <<'QUICKSTART_PY'\n{body}QUICKSTART_PY")
            lines.append("python quickstart.py")
        else:
            raise AssertionError(f"README.md marks a block as {kind!r}: use bash or python")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh checkout's worth of the project (no generated/), sharing this .venv."""
    if not (VENV / "bin" / "activate").is_file():
        pytest.skip("needs the .venv that scripts/bootstrap makes")
    stamp = VENV / f".installed-{_pyproject_hash()}"
    assert stamp.is_file(), ".venv is older than pyproject.toml: run scripts/bootstrap"
    path = tmp_path_factory.mktemp("quickstart") / "project"
    path.mkdir()
    for folder in ("scripts", "schemas", "inputs"):  # generate re-reads inputs/
        shutil.copytree(ROOT / folder, path / folder)
    shutil.copy2(ROOT / "pyproject.toml", path / "pyproject.toml")
    (path / ".venv").symlink_to(VENV, target_is_directory=True)
    return path


def _pyproject_hash() -> str:
    """The stamp scripts/bootstrap leaves in .venv for this pyproject.toml."""
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]


def test_the_readme_opens_with_the_set_up_commands_and_a_short_quick_start() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.encode()) < 8 * 1024
    first_block = re.search(r"```bash\n(.*?)```", text, re.DOTALL)
    assert first_block is not None
    commands = [line.split("#")[0].strip() for line in first_block[1].splitlines()]
    assert commands == ["./scripts/generate", "./scripts/test"]
    quick_start = QUICK_START.search(text)
    assert quick_start is not None, "README.md has no '## Quick start' section"
    assert len(quick_start["body"].splitlines()) < 60
    kinds = [kind for kind, _ in marked_blocks(quick_start["body"])]
    assert kinds.count("python") == 1
    assert "bash" in kinds
    assert len(kinds) == len(marked_blocks(text)), "a marked block outside the quick start"


def test_the_readme_quick_start_runs(project: Path) -> None:
    blocks = marked_blocks(README.read_text(encoding="utf-8"))
    script = project / "quickstart.sh"
    script.write_text(readme_session(blocks), encoding="utf-8")
    done = run_offline(["bash", str(script)], project, clean_env(), timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    # The search found Kling; the run printed the emulator's URL of the output video;
    # check found no drift.
    assert re.search(
        r"^kling/kling-3\.0/standard/image-to-video +image-to-video ", done.stdout, re.M
    )
    assert re.search(r"^\['http://127\.0\.0\.1:\d+/files/\S+\.mp4'\]$", done.stdout, re.M)
    assert "up to date" in done.stdout
    assert (project / "generated" / "runcomfy_models" / "__init__.py").is_file()


def test_the_generated_readme_quick_start_runs(project: Path) -> None:
    generated = project / "generated"
    if not generated.is_dir():  # the README's session makes it; alone, generate it here
        subprocess.run(
            [str(VENV / "bin" / "runcomfy-codegen"), "generate"],
            cwd=project,
            env=clean_env(),
            capture_output=True,
            check=True,
            timeout=600,
        )
    blocks = marked_blocks((generated / "README.md").read_text(encoding="utf-8"))
    assert [kind for kind, _ in blocks] == ["python", "pytest"]
    work = project.parent / "sdk-user"  # outside the project: no pyproject.toml above it
    work.mkdir(exist_ok=True)
    (work / "quickstart.py").write_text(blocks[0][1], encoding="utf-8")
    (work / "test_my_pipeline.py").write_text(blocks[1][1], encoding="utf-8")
    python = str(VENV / "bin" / "python")
    env = clean_env(PYTHONPATH=str(generated))
    ran = run_offline([python, "quickstart.py"], work, env, timeout=120)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert re.search(r"http://127\.0\.0\.1:\d+/files/", ran.stdout)
    # Installed, the package registers its plugin as a pytest11 entry point; here, in
    # place, the test names the same module.
    pyproject = tomllib.loads((generated / "pyproject.toml").read_text(encoding="utf-8"))
    plugin = pyproject["project"]["entry-points"]["pytest11"]["runcomfy_models"]
    pytest_args = ["-q", "-p", "no:cacheprovider", "-p", plugin, "test_my_pipeline.py"]
    tested = run_offline([python, "-m", "pytest", *pytest_args], work, env, timeout=120)
    assert tested.returncode == 0, tested.stdout + tested.stderr
    assert "1 passed" in tested.stdout
