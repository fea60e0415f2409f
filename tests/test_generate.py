"""generate: all or nothing, atomic, deterministic, and the tree a maintainer expects."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import CATALOG, GENERATED, ROOT, SCHEMAS
from tests.support.documents import document, write

CACHES = {"__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


def generate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["generate", *args])
    return result.exit_code, result.output


def tree_of(directory: Path) -> dict[str, bytes]:
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file() and not CACHES & set(p.parts)
    }


def test_committed_generated_tree_matches_a_fresh_generate(in_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "generated"
    # Regenerate over a copy, as a maintainer would: version and changelog carry over.
    shutil.copytree(GENERATED, out, ignore=shutil.ignore_patterns(*CACHES))
    code, output = generate("--out", str(out))
    assert code == 0, output
    fresh = tree_of(out)
    committed = tree_of(GENERATED)
    # Only the regenerate command in headers differs (it names --out).
    normalise = lambda data: data.replace(f" --out {out.as_posix()}".encode(), b"")  # noqa: E731
    assert sorted(fresh) == sorted(committed)
    for path, data in fresh.items():
        if path != "codegen-manifest.json":
            assert normalise(data) == committed[path], path


def test_every_file_has_a_provenance_header_and_no_timestamp() -> None:
    for path, data in tree_of(GENERATED).items():
        if path.endswith(("py.typed", ".json")):
            continue
        first, second = data.decode("utf-8").splitlines()[:2]
        assert "Generated from " in first, path
        assert "by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead" in second
        assert max(len(first), len(second)) <= 100, path
    text = b"".join(tree_of(GENERATED).values()).decode("utf-8")
    assert re.search(r"\b20\d\d-[01]\d-[0-3]\d", text) is None  # no date was written


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


def test_vanished_models_lose_their_files_and_stray_files_go(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    write(schemas, document({"prompt": {"type": "string"}}, model_id="keep/model"))
    gone = write(schemas, document({"prompt": {"type": "string"}}, model_id="gone/model"))
    out = tmp_path / "out"
    assert generate("--schemas", str(schemas), "--out", str(out))[0] == 0
    assert (out / "runcomfy_models/models/gone_model.py").is_file()
    (out / "runcomfy_models/models/hand_written.py").write_text("x = 1\n")
    gone.unlink()
    assert generate("--schemas", str(schemas), "--out", str(out))[0] == 0
    files = set(tree_of(out))
    assert "runcomfy_models/models/keep_model.py" in files
    assert "runcomfy_models/models/gone_model.py" not in files
    assert "docs/models/gone_model.md" not in files
    assert "runcomfy_models/models/hand_written.py" not in files
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.") and p.suffix != ".lock"]


def test_refuses_to_replace_a_directory_it_did_not_make(tmp_path: Path) -> None:
    out = tmp_path / "precious"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    code, output = generate("--out", str(out), "--schemas", str(SCHEMAS))
    assert code == 2
    assert "refusing to replace it" in output
    assert (out / "notes.txt").read_text() == "mine"


def test_broken_schema_directory_is_unusable_input(tmp_path: Path) -> None:
    code, output = generate("--schemas", str(tmp_path / "nope"), "--out", str(tmp_path / "o"))
    assert code == 2
    assert "no such schemas directory" in output


def test_module_names_are_distinct_for_ids_that_differ_in_case(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    write(schemas, document({"p": {"type": "string"}}, model_id="kling/video/4K/i2v"))
    write(schemas, document({"p": {"type": "string"}}, model_id="kling/video/4k/i2v"))
    out = tmp_path / "out"
    assert generate("--schemas", str(schemas), "--out", str(out))[0] == 0
    registry = (out / "runcomfy_models/_registry.py").read_text()
    modules = [line.split(": ")[1].strip('",') for line in registry.splitlines() if "kling" in line]
    assert len(set(modules)) == 2
    assert all(m.startswith("kling_video_4k_i2v_") for m in modules)


def test_catalog_sample_generates(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    CliRunner().invoke(main, ["pull", "--catalog", str(CATALOG), "--schemas", str(schemas)])
    code, output = generate("--schemas", str(schemas), "--out", str(tmp_path / "out"))
    assert code == 0, output
    manifest = json.loads((tmp_path / "out/codegen-manifest.json").read_text())
    assert len(manifest["inputs"]["schemas"]) == 4


@pytest.mark.parametrize("bad_out", ["file"])
def test_out_that_is_a_file_is_refused(tmp_path: Path, bad_out: str) -> None:
    target = tmp_path / bad_out
    target.write_text("x")
    code, output = generate("--schemas", str(SCHEMAS), "--out", str(target))
    assert code == 2
    assert "is a file" in output


def test_symlinked_out_and_unwritable_out(tmp_path: Path) -> None:
    real = tmp_path / "real"
    link = tmp_path / "link"
    assert generate("--schemas", str(SCHEMAS), "--out", str(real))[0] == 0
    link.symlink_to(real)
    code, output = generate("--schemas", str(SCHEMAS), "--out", str(link))
    assert code == 0, output
    assert link.is_symlink()
    assert (link / "runcomfy_models/__init__.py").is_file()
    # The lock is beside the real folder, not beside the link.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".real.lock", "link", "real"]
    code, output = generate("--schemas", str(SCHEMAS), "--out", "/proc/not-writable/out")
    assert code == 2
    assert "/proc/not-writable/out: cannot take the folder's lock" in output
    assert "Traceback" not in output


def test_empty_schemas_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    code, output = generate("--schemas", str(tmp_path / "schemas"), "--out", str(tmp_path / "o"))
    assert code == 2
    assert "no schema files" in output
    assert not (tmp_path / "o").exists()
