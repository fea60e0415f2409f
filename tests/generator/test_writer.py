"""The writer: the new tree swapped in whole, stray files gone, an unusable --out refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.documents import document, write
from tests.support.paths import SCHEMAS
from tests.support.trees import generate, tree_of


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
