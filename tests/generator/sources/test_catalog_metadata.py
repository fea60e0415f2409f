"""pull --catalog keeps what the catalog publishes about a model, and checks it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.sources.store import same_json
from tests.support.paths import ROOT

SNAPSHOT = ROOT / "inputs" / "runcomfy-public-catalog.json"
_SCHEMA = {"type": "object", "properties": {"prompt": {"type": "string"}}}


def _pull(tmp_path: Path, entries: list[dict[str, Any]]) -> tuple[int, str]:
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps({"models": entries, "total": len(entries)}), "utf-8")
    schemas = tmp_path / "schemas"
    result = CliRunner().invoke(
        main, ["pull", "--catalog", str(catalog), "--schemas", str(schemas)]
    )
    return result.exit_code, result.output


def _entry(**fields: Any) -> dict[str, Any]:
    return {"model_id": "owner/model/text-to-image", "input_schema": _SCHEMA, **fields}


def test_metadata_and_provenance_are_kept_in_the_schema_file(tmp_path: Path) -> None:
    code, output = _pull(
        tmp_path,
        [
            _entry(
                pricing_note="per image",
                display_name="Model",
                base_price_usd=0.04,
                price_unit="output",
                categories=["image"],
                kind="model",
                popularity=12,  # not part of what the SDK promises: not kept
                provenance="github:owner/repo models.json@abc [entry 3]",
            )
        ],
    )
    assert code == 0, output
    written = json.loads((tmp_path / "schemas/owner/model/text-to-image.json").read_text("utf-8"))
    assert list(written) == [
        "model_id",
        "endpoint",
        "input_schema",
        "output_schema",
        "output_schema_origin",
        "metadata",
        "source",
    ]
    assert list(written["metadata"].items()) == [  # one fixed order, whatever was sent
        ("display_name", "Model"),
        ("categories", ["image"]),
        ("kind", "model"),
        ("base_price_usd", 0.04),
        ("price_unit", "output"),
        ("pricing_note", "per image"),
    ]
    assert written["source"]["provenance"] == "github:owner/repo models.json@abc [entry 3]"
    lint = CliRunner().invoke(main, ["lint", "--schemas", str(tmp_path / "schemas")])
    assert lint.exit_code == 0, lint.output


def test_null_metadata_counts_as_absent(tmp_path: Path) -> None:
    code, output = _pull(tmp_path, [_entry(display_name=None, pricing_note=None)])
    assert code == 0, output
    written = json.loads((tmp_path / "schemas/owner/model/text-to-image.json").read_text("utf-8"))
    assert "metadata" not in written
    assert "provenance" not in written["source"]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"base_price_usd": "0.04", "price_unit": "output"}, "/base_price_usd: expected a number"),
        ({"base_price_usd": -1, "price_unit": "output"}, "/base_price_usd: expected a number >= 0"),
        ({"base_price_usd": True, "price_unit": "output"}, "/base_price_usd: expected a number"),
        ({"base_price_usd": 0.1}, "base_price_usd and price_unit come together"),
        ({"price_unit": "second"}, "base_price_usd and price_unit come together"),
        ({"categories": "video"}, "/categories: expected a list of non-empty strings"),
        ({"categories": ["video", "video"]}, "/categories: expected a list without repeats"),
        ({"display_name": ""}, "/display_name: expected a non-empty string"),
        ({"kind": 3}, "/kind: expected a non-empty string"),
        ({"provenance": ["x"]}, "/provenance: expected a non-empty string"),
    ],
)
def test_malformed_metadata_is_a_one_line_error_naming_the_model(
    tmp_path: Path, fields: dict[str, Any], expected: str
) -> None:
    code, output = _pull(tmp_path, [_entry(**fields)])
    assert code != 0
    assert "owner/model/text-to-image" in output, output
    assert expected in output, output
    assert "Traceback" not in output
    assert len(output.strip().splitlines()) == 1
    assert not (tmp_path / "schemas").exists() or not any((tmp_path / "schemas").rglob("*.json"))


def test_every_snapshot_entry_round_trips_through_pull_exactly(tmp_path: Path) -> None:
    """The shipped schema files hold each entry's input schema exactly as published
    (every key, value and order), its metadata and its provenance. The one documented
    exception is the root ``title`` ("Input schema"), dropped as chrome from every
    source (``generator/sources/canonical.py``)."""
    entries = json.loads(SNAPSHOT.read_text("utf-8"))["models"]
    assert len(entries) == 91
    titled = 0
    for entry in entries:
        path = ROOT / "schemas" / f"{entry['model_id']}.json"
        written = json.loads(path.read_text("utf-8"))
        published = dict(entry["input_schema"])
        titled += published.pop("title", None) is not None
        assert same_json(written["input_schema"], published), entry["model_id"]
        published = {k: entry[k] for k in ("categories", "kind") if k in entry}
        assert written.get("metadata", {}) == published, entry["model_id"]
        assert written["source"] == {
            "kind": "catalog",
            "locations": ["inputs/runcomfy-public-catalog.json"],
            "provenance": entry["provenance"],
        }
    assert titled == 1  # flux-2/flash, from RunComfy's integration-test fixture


def test_pulling_the_snapshot_again_writes_the_committed_schema_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The committed files are what ``pull`` makes of the snapshot, byte for byte."""
    project = tmp_path / "project"
    (project / "inputs").mkdir(parents=True)
    (project / "inputs" / SNAPSHOT.name).write_bytes(SNAPSHOT.read_bytes())
    monkeypatch.chdir(project)  # locations are recorded from the project's root
    result = CliRunner().invoke(
        main, ["pull", "--catalog", f"inputs/{SNAPSHOT.name}", "--schemas", "schemas"]
    )
    assert result.exit_code == 0, result.output
    assert "91 added" in result.output
    pulled = sorted((project / "schemas").rglob("*.json"))
    assert len(pulled) == 91
    for path in pulled:
        committed = ROOT / "schemas" / path.relative_to(project / "schemas")
        assert path.read_bytes() == committed.read_bytes(), committed
