"""generate: all or nothing, atomic, deterministic, and the tree a maintainer expects."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from tests.support.documents import document, write
from tests.support.paths import CATALOG, ROOT, SCHEMAS
from tests.support.trees import generate, tree_of


def _generate_in_subprocess(out: Path, seed: str, schemas: Path = SCHEMAS) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--schemas",
            str(schemas),
            "--out",
            str(out),
        ],
        check=True,
        cwd=ROOT,
        env=env,
        capture_output=True,
    )
    return tree_of(out)


def test_same_inputs_same_bytes_under_any_hash_seed(tmp_path: Path) -> None:
    first = _generate_in_subprocess(tmp_path / "a", "1")
    second = _generate_in_subprocess(tmp_path / "a", "4242")
    assert first == second
    assert len(first) > 10


def test_lint_errors_stop_generation_and_nothing_is_written(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    write(schemas, document({"prompt": {"type": "string"}}, model_id="ok/model"))
    write(schemas, document({"steps": {"type": "integer", "default": "x"}}, model_id="bad/model"))
    out = tmp_path / "out"
    code, output = generate("--schemas", str(schemas), "--out", str(out))
    assert code == 1
    assert "error: bad/model: /input_schema/properties/steps/default:" in output
    assert "nothing was written" in output
    assert not out.exists()


def test_skip_invalid_generates_the_rest_and_lists_what_was_skipped(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    write(schemas, document({"prompt": {"type": "string"}}, model_id="ok/model"))
    write(schemas, document({"steps": {"type": "integer", "default": "x"}}, model_id="bad/model"))
    out = tmp_path / "out"
    code, output = generate("--schemas", str(schemas), "--out", str(out), "--skip-invalid")
    assert code == 1
    assert "skipped 1 invalid schema(s): bad/model" in output
    assert (out / "runcomfy_models/models/ok_model.py").is_file()
    assert not (out / "runcomfy_models/models/bad_model.py").exists()


def test_broken_schema_directory_is_unusable_input(tmp_path: Path) -> None:
    code, output = generate("--schemas", str(tmp_path / "nope"), "--out", str(tmp_path / "o"))
    assert code == 2
    assert "no such schemas directory" in output


def test_catalog_sample_generates(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    CliRunner().invoke(main, ["pull", "--catalog", str(CATALOG), "--schemas", str(schemas)])
    code, output = generate("--schemas", str(schemas), "--out", str(tmp_path / "out"))
    assert code == 0, output
    manifest = json.loads((tmp_path / "out/codegen-manifest.json").read_text())
    assert len(manifest["inputs"]["schemas"]) == 4


def test_empty_schemas_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    code, output = generate("--schemas", str(tmp_path / "schemas"), "--out", str(tmp_path / "o"))
    assert code == 2
    assert "no schema files" in output
    assert not (tmp_path / "o").exists()
