"""Lint warns about a schema file whose ``source`` names a host outside RunComfy's."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.schema.lint import lint_document
from tests.support.documents import MODEL_ID, document, write


def _warnings(kind: str, *locations: str) -> list[tuple[str, str]]:
    data = document({"prompt": {"type": "string"}})
    data["source"] = {"kind": kind, "locations": list(locations)}
    _, findings = lint_document(data, f"{MODEL_ID}.json")
    return [(f.pointer, f.message) for f in findings if f.code == "foreign-source"]


@pytest.mark.parametrize(
    "location",
    [
        "https://evil.example/v1/models?include_schema=true",
        "http://model-api.runcomfy.net/v1/models",  # the token goes over https only
        "https://model-api.runcomfy.net.evil.example/v1/models",
        "https://model-api.runcomfy.net:8443/v1/models",
        "https://model-api.runcomfy.net@evil.example/v1/models",
        "https://www.runcomfy.com/v1/models",  # RunComfy's site, but not its API
    ],
)
def test_a_catalog_outside_the_api_hosts_is_a_warning_at_its_pointer(location: str) -> None:
    found = _warnings("catalog", "inputs/catalog.json", location)
    assert len(found) == 1
    assert found[0][0] == "/source/locations/1"
    assert "--api-host" in found[0][1]


@pytest.mark.parametrize(
    "location",
    [
        "https://model-api.runcomfy.net/v1/models?include_schema=true",
        "https://MODEL-API-INT.runcomfy.net:443/v1/models",
    ],
)
def test_catalogs_on_the_api_hosts_and_local_files_are_quiet(location: str) -> None:
    assert _warnings("catalog", location, "inputs/catalog-sample.json", "/abs/c.json") == []


def test_pages_may_come_from_runcomfys_sites_only() -> None:
    quiet = ["https://www.runcomfy.com/models/a/b/api", "https://docs.runcomfy.com/x", "p.txt"]
    assert _warnings("page", *quiet) == []
    loud = ["http://www.runcomfy.com/models/a", "https://notruncomfy.com/x", "https://h.test/p"]
    found = _warnings("page", *loud)
    assert [pointer for pointer, _ in found] == [f"/source/locations/{n}" for n in range(3)]


def test_lint_prints_the_model_and_pointer_and_strict_fails(tmp_path: Path) -> None:
    data = document({"prompt": {"type": "string"}})
    data["source"] = {"kind": "catalog", "locations": ["https://evil.example/v1/models"]}
    write(tmp_path, data)
    result = CliRunner().invoke(main, ["lint", "--schemas", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"warning: {MODEL_ID}: /source/locations/0: catalog https://evil.example" in (
        result.output
    )
    assert "[foreign-source]" in result.output
    assert CliRunner().invoke(main, ["lint", "--schemas", str(tmp_path), "--strict"]).exit_code == 1
