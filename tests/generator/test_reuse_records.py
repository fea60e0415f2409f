"""Reuse records: typed, written to the manifest and read back, malformed ones refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.config import MANIFEST_NAME
from generator.manifest import sha256_text
from generator.release.previous import read_previous
from generator.reuse import ModelFiles, ModelRecord, find_reusable, formatted_sources

RECORD = ModelRecord("k" * 64, "owner_model", (("prompt", '"a cat"'),))


def test_files_by_role() -> None:
    assert ModelFiles.of("owner_model") == ModelFiles(
        module="runcomfy_models/models/owner_model.py",
        doc="docs/models/owner_model.md",
        contract="runcomfy_models/schemas/owner_model.json",
    )
    assert RECORD.files == ModelFiles.of("owner_model")


def test_a_record_reads_back_as_written() -> None:
    data = json.loads(json.dumps(RECORD.to_json()))
    assert data["files"] == list(RECORD.files.paths())
    assert ModelRecord.from_json(data) == RECORD


@pytest.mark.parametrize(
    "broken",
    [
        {"module": 1},
        {"key": None},
        {"files": ["runcomfy_models/models/other.py"]},
        {"module": "other_model"},  # its files then name another module
    ],
)
def test_a_malformed_record_is_none(broken: dict[str, object]) -> None:
    assert ModelRecord.from_json({**RECORD.to_json(), **broken}) is None
    assert ModelRecord.from_json("not a record") is None


def test_a_malformed_usage_is_kept_as_none() -> None:
    record = ModelRecord.from_json({**RECORD.to_json(), "usage": [["prompt"]]})
    assert record is not None
    assert record.usage is None


def _tree(root: Path, models: dict[str, object]) -> None:
    """A previous tree: one model's files and a manifest that records them."""
    texts = {path: f"text of {path}\n" for path in RECORD.files.paths()}
    texts[RECORD.files.contract] = json.dumps({"model_id": "owner/model", "endpoint": "e"})
    for path, text in texts.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    files = {path: sha256_text(text) for path, text in texts.items()}
    manifest = {"version": "1.0.0", "models": models, "files": files}
    (root / MANIFEST_NAME).write_text(json.dumps(manifest))


def test_files_are_reused_only_with_the_same_key_and_hashes(tmp_path: Path) -> None:
    _tree(tmp_path, {"owner/model": RECORD.to_json()})
    previous = read_previous(tmp_path)
    assert previous.records == {"owner/model": RECORD}
    planned = {"owner/model": ModelRecord(RECORD.key, RECORD.module)}
    reuse = find_reusable(tmp_path, previous.records, previous.file_hashes, planned)
    assert set(reuse.files["owner/model"]) == set(RECORD.files.paths())
    assert reuse.usages == {"owner/model": RECORD.usage}
    assert reuse.paths == frozenset(RECORD.files.paths())
    other_key = {"owner/model": ModelRecord("x" * 64, RECORD.module)}
    assert not find_reusable(tmp_path, previous.records, previous.file_hashes, other_key).files
    (tmp_path / RECORD.files.doc).write_text("edited\n")
    assert not find_reusable(tmp_path, previous.records, previous.file_hashes, planned).files
    assert not find_reusable(None, previous.records, previous.file_hashes, planned).files


def test_an_older_manifest_still_yields_its_contracts(tmp_path: Path) -> None:
    """Records without a module (as earlier versions wrote them) are not reused, but the
    contracts they listed are still found, by reading the contract copies."""
    old = {k: v for k, v in RECORD.to_json().items() if k != "module"}
    _tree(tmp_path, {"owner/model": old})
    previous = read_previous(tmp_path)
    assert previous.records == {}
    assert dict(previous.contracts) == {"owner/model": {"model_id": "owner/model", "endpoint": "e"}}


def test_formatted_sources_are_vouched_for_by_the_manifest(tmp_path: Path) -> None:
    _tree(tmp_path, {"owner/model": RECORD.to_json()})
    previous = read_previous(tmp_path)
    formatted = {RECORD.files.module: "source-hash"}
    known = formatted_sources(tmp_path, formatted, previous.file_hashes)
    assert known == {"source-hash": f"text of {RECORD.files.module}\n"}
    (tmp_path / RECORD.files.module).write_text("edited\n")
    assert formatted_sources(tmp_path, formatted, previous.file_hashes) == {}
    assert formatted_sources(None, formatted, previous.file_hashes) == {}
