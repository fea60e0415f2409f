"""pull --check and pull --recorded: upstream changes seen by re-reading the recorded sources."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.support.paths import PAGES, ROOT


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_pull_check_reports_upstream_changes_without_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(PAGES, tmp_path / "pages")
    catalog = json.loads((ROOT / "inputs/catalog-sample.json").read_text())
    (tmp_path / "catalog.json").write_text(json.dumps(catalog))
    assert invoke("pull", *map(str, sorted(Path("pages").glob("*.txt"))))[0] == 0
    assert invoke("pull", "--catalog", "catalog.json")[0] == 0
    assert invoke("pull", "--check") == (
        0,
        "upstream: 0 changed, 0 appeared, 0 vanished, 8 unchanged\n",
    )
    page = tmp_path / "pages/002_e94da7c852a456dd.txt"
    page.write_text(page.read_text().replace('"maxLength": 512', '"maxLength": 1000'))
    vanished = catalog["models"].pop(0)
    appeared = dict(catalog["models"][0], model_id="acme/brand-new/text-to-image")
    catalog["models"].append(appeared)
    (tmp_path / "catalog.json").write_text(json.dumps(catalog))
    before = {p: p.read_bytes() for p in (tmp_path / "schemas").rglob("*.json")}
    code, output = invoke("pull", "--check")
    assert code == 1
    assert "  changed  runwayml/runway-gen-3-alpha/turbo/image-to-video" in output
    assert " appeared  acme/brand-new/text-to-image" in output
    assert " vanished  " + vanished["model_id"] in output
    assert {p: p.read_bytes() for p in (tmp_path / "schemas").rglob("*.json")} == before


def test_pull_recorded_rewrites_from_sources_and_prunes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    catalog = json.loads((ROOT / "inputs/catalog-sample.json").read_text())
    (tmp_path / "catalog.json").write_text(json.dumps(catalog))
    assert invoke("pull", "--catalog", "catalog.json")[0] == 0
    gone = catalog["models"].pop(0)["model_id"]
    catalog["models"][0]["input_schema"]["properties"]["prompt"]["maxLength"] = 9
    (tmp_path / "catalog.json").write_text(json.dumps(catalog))
    code, output = invoke("pull", "--recorded")
    assert code == 0, output
    assert f"vanished  {gone}" in output
    assert (tmp_path / f"schemas/{gone}.json").exists()
    code, output = invoke("pull", "--recorded", "--prune")
    assert f"removed  {gone}" in output
    assert not (tmp_path / f"schemas/{gone}.json").exists()
    assert invoke("pull", "--check")[0] == 0


def test_pull_check_sees_reordered_properties(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    page = (PAGES / "002_e94da7c852a456dd.txt").read_text()
    (tmp_path / "page.txt").write_text(page)
    assert invoke("pull", "page.txt")[0] == 0
    (tmp_path / "page.txt").write_text(
        page.replace('"maximum": 4294967295', '"maximum": 4294967295.0')
    )
    code, output = invoke("pull", "--check")
    assert code == 1
    assert "changed  runwayml/runway-gen-3-alpha/turbo/image-to-video" in output
