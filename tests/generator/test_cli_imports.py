"""What each fast path of the command line imports: only what it needs.

Every command runs in a fresh interpreter exactly as the console script starts it
(``from generator.cli import main``), and the modules loaded by the end are listed.
``--help`` and ``--version`` load click and the cli module alone; a no-change ``check``
reads the manifest and hashes, and loads no renderer, no HTTP client, no JSON Schema
validator, no lock and no release, reuse or pipeline machinery; ``pull`` loads no
renderer. No timing here: the import set is what makes these commands fast.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from generator import cli, config
from tests.support.paths import PAGES, SCHEMAS

# The console script's own lines, then the modules loaded by the end, as JSON.
PROBE = """
import sys
before = set(sys.modules)
sys.argv = ["runcomfy-codegen", *sys.argv[1:]]
from generator.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
else:
    code = 0
after = sorted(sys.modules)
import json
print(json.dumps({"code": code, "before": sorted(before), "after": after}))
"""

RENDERER = ("black", "datamodel_code_generator", "jinja2", "generator.render")
HTTP_AND_PARSERS = ("httpx", "bs4", "jsonschema")
MACHINERY = (
    "generator.pipeline",
    "generator.parallel",
    "generator.sources",
    "generator.release",
    "generator.reuse",
    "generator.ir",
    "generator.schema",
    "filelock",
    "importlib.metadata",
    "difflib",
    "email",
)
# Modules of the standard library and click itself: anything else loaded by ``--help``
# is a third-party module it does not need. The generator's own modules are listed apart.
STDLIB = frozenset(sys.stdlib_module_names)


def _loaded(cwd: Path, *args: str) -> tuple[int, set[str], set[str]]:
    """Exit code, modules loaded at start-up, modules loaded by the end."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout.splitlines()[-1])
    return report["code"], set(report["before"]), set(report["after"])


def _present(modules: set[str], names: Iterable[str]) -> list[str]:
    """The names (or packages of names) that are loaded."""
    return sorted(
        name for name in names if any(m == name or m.startswith(f"{name}.") for m in modules)
    )


def _third_party(modules: set[str]) -> set[str]:
    tops = {name.split(".")[0] for name in modules}
    return {top for top in tops if top not in STDLIB and not top.startswith("_")}


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working directory with the schemas and a tree this generator made from them."""
    work = tmp_path_factory.mktemp("shipped")
    shutil.copytree(SCHEMAS, work / "schemas")
    subprocess.run(
        [sys.executable, "-m", "generator", "generate"],
        cwd=work,
        check=True,
        capture_output=True,
    )
    return work


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("-h",),
        ("--version",),
        *((command, "--help") for command in sorted(cli.main.commands)),
    ],
    ids=" ".join,
)
def test_help_and_version_load_click_and_the_cli_module_alone(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    code, before, after = _loaded(tmp_path, *args)
    assert code == 0
    loaded = after - before
    assert sorted(m for m in loaded if m.startswith("generator")) == ["generator", "generator.cli"]
    assert _third_party(loaded) - {"generator"} == {"click"}
    assert _present(loaded, ("importlib.metadata", "filelock", "dataclasses", "json")) == []


def test_a_no_change_check_reads_hashes_and_loads_nothing_else(shipped: Path) -> None:
    code, before, after = _loaded(shipped, "check")
    assert code == 0
    loaded = after - before
    assert _present(loaded, RENDERER + HTTP_AND_PARSERS + MACHINERY) == []
    assert sorted(m for m in loaded if m.startswith("generator")) == [
        "generator",
        "generator.check",
        "generator.cli",
        "generator.config",
        "generator.errors",
        "generator.manifest",
        "generator.writer",
    ]
    assert _third_party(loaded) - {"generator"} == {"click"}


def test_a_check_that_finds_drift_renders_and_loads_the_renderer(shipped: Path) -> None:
    work = shipped.parent / "drifted"
    shutil.copytree(shipped, work)
    readme = work / "generated" / "README.md"
    readme.write_text(readme.read_text("utf-8") + "edited\n", "utf-8")
    code, _, after = _loaded(work, "check")
    assert code == 1
    assert _present(after, ("black", "datamodel_code_generator", "generator.render")) == [
        "black",
        "datamodel_code_generator",
        "generator.render",
    ]


def test_pull_loads_no_renderer(tmp_path: Path) -> None:
    page = sorted(PAGES.iterdir())[0]
    code, _, after = _loaded(tmp_path, "pull", str(page), "--schemas", str(tmp_path / "s"))
    assert code == 0, "pull of a committed page failed"
    assert list((tmp_path / "s").rglob("*.json")), "pull wrote no schema"
    assert _present(after, (*RENDERER, "generator.pipeline", "generator.check")) == []


def test_the_help_default_lock_timeout_is_the_writers() -> None:
    assert cli._LOCK_TIMEOUT == config.LOCK_TIMEOUT
