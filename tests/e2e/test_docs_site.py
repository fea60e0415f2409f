"""The documentation site (scripts/docs): built with ``mkdocs build --strict`` from a freshly
generated tree and docs/sdk.md, it has a page for every model, the guide, the API reference
and a search index; a broken link or anchor anywhere fails the build.
"""

from __future__ import annotations

import json
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.package import generated_tree
from tests.support.paths import ROOT

BUILD = ROOT / "scripts" / "build_site.py"


def _repository(tmp_path: Path) -> Path:
    """A repository's layout: generated/ (the fresh tree's pages and package) and docs/."""
    repo = tmp_path / "repo"
    tree = generated_tree()
    (repo / "generated").mkdir(parents=True)
    shutil.copyfile(tree / "README.md", repo / "generated" / "README.md")
    shutil.copytree(tree / "docs", repo / "generated" / "docs")
    (repo / "generated" / "runcomfy_models").symlink_to(tree / "runcomfy_models")
    shutil.copytree(ROOT / "docs", repo / "docs")
    return repo


def _build(repo: Path, site: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(BUILD), "--generated", str(repo / "generated")]
    command += ["--guide", str(repo / "docs" / "sdk.md"), "--site-dir", str(site)]
    return subprocess.run(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
        timeout=300,
    )


def test_the_site_has_every_model_the_guide_the_reference_and_search(tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    site = tmp_path / "site"
    built = _build(repo, site)
    assert built.returncode == 0, built.stdout

    models = sorted(p.stem for p in (repo / "generated/docs/models").glob("*.md"))
    models.remove("README")
    assert len(models) > 90
    for stem in models:
        page = site / "docs" / "models" / stem / "index.html"
        assert page.is_file(), stem
    index = (site / "docs" / "models" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{stem}/"' in index for stem in models)  # the index links them all

    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="docs/models/"' in home  # the README's link to the models index
    guide = (site / "guide" / "index.html").read_text(encoding="utf-8")
    assert "The emulator" in guide
    assert "The pytest plugin" in guide
    assert 'href="../"' in guide  # docs/sdk.md's link to generated/README.md: Home
    assert "reliability.md#" not in guide  # the maintainers' docs are not on the site

    client = (site / "reference" / "client" / "index.html").read_text(encoding="utf-8")
    assert 'id="runcomfy_models._runtime.client.sync.Client"' in client
    assert 'id="runcomfy_models._runtime.client.async_.AsyncClient"' in client
    errors = (site / "reference" / "errors" / "index.html").read_text(encoding="utf-8")
    assert 'id="runcomfy_models._runtime.errors.RunComfyError"' in errors
    reference = "".join(
        (site / "reference" / topic / "index.html").read_text(encoding="utf-8")
        for topic in ("client", "errors", "validation", "models", "testing", "pytest-plugin")
    )
    surface = runpy.run_path(str(repo / "generated/runcomfy_models/_runtime/surface.py"))
    exports = {**surface["EAGER_EXPORTS"], **surface["LAZY_EXPORTS"]}
    for module, names in exports.items():  # every name runcomfy_models exports
        for name in names:
            assert f'id="runcomfy_models._runtime.{module}.{name}"' in reference, name
    assert 'id="runcomfy_models.testing.Emulator"' in reference
    assert "runcomfy_emulator_options" in reference  # the pytest plugin's fixtures

    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in search["docs"]}
    assert {f"docs/models/{stem}/" for stem in models} <= locations
    assert {"", "guide/", "reference/client/"} <= locations


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.slow  # a site build each: about 4 s
@pytest.mark.parametrize(
    ("page", "link", "message"),
    [
        ("generated/README.md", "docs/models/no_such_model.md", "no_such_model.md"),
        ("generated/docs/models/README.md", "README.md#no-such-task", "no-such-task"),
        ("docs/sdk.md", "#no-such-section", "no-such-section"),
        ("docs/sdk.md", "../generated/docs/models/gone.md", "gone.md"),
    ],
)
def test_a_broken_link_fails_the_build(tmp_path: Path, page: str, link: str, message: str) -> None:
    repo = _repository(tmp_path)
    _append(repo / page, f"\n\nSee [this]({link}).\n")
    built = _build(repo, tmp_path / "site")
    assert built.returncode != 0
    assert "strict mode" in built.stdout
    assert message in built.stdout


def test_a_missing_tree_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    built = _build(tmp_path / "nowhere", tmp_path / "site")
    assert built.returncode == 2
    assert built.stdout.strip().splitlines() == [
        f"build_site: {tmp_path / 'nowhere' / 'generated' / 'README.md'} not found "
        "(run scripts/generate first?)"
    ]
    assert not (tmp_path / "site").exists()
