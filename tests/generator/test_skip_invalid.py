"""generate --skip-invalid: a model whose new schema fails lint is never released as removed.

It keeps the files and contract of the last generate (or generation stops when they
cannot be kept), so the changelog records no removal and the version does not move.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from generator.cli import main
from tests.support.documents import document, write

GOOD = {"prompt": {"type": "string"}}
BROKEN = {"steps": {"type": "integer", "default": "x"}}  # default-type: a lint error
MODULE = "runcomfy_models/models/acme_video.py"
CONTRACT = "runcomfy_models/schemas/acme_video.json"
DOC = "docs/models/acme_video.md"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _generate(schemas: Path, out: Path, *extra: str) -> tuple[int, str]:
    return _run("generate", "--schemas", str(schemas), "--out", str(out), *extra)


def _files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def _released(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """Two models generated clean, then one of them broken upstream."""
    schemas, out = tmp_path / "schemas", tmp_path / "out"
    write(schemas, document(GOOD, model_id="acme/video"))
    write(schemas, document(GOOD, model_id="acme/image"))
    code, output = _generate(schemas, out)
    assert code == 0, output
    before = _files(out)
    write(schemas, document(BROKEN, model_id="acme/video"))
    return schemas, out, before


def test_a_skipped_model_keeps_its_last_good_files_and_no_removal_is_recorded(
    tmp_path: Path,
) -> None:
    schemas, out, before = _released(tmp_path)
    code, output = _generate(schemas, out, "--skip-invalid")
    assert code == 1, output
    assert "skipped 1 invalid schema(s): acme/video" in output
    assert "kept the last generated files of acme/video" in output
    after = _files(out)
    for path in (MODULE, CONTRACT, DOC):
        assert after[path] == before[path], path
    assert "removed" not in after["CHANGELOG.md"].decode()
    assert after["CHANGELOG.md"] == before["CHANGELOG.md"]
    manifest = json.loads(after["codegen-manifest.json"])
    assert manifest["version"] == "1.0.0"
    assert '"acme/video"' in after["runcomfy_models/_registry.py"].decode()


def test_kept_files_stay_kept_on_the_next_skip_and_a_fix_releases_the_change(
    tmp_path: Path,
) -> None:
    schemas, out, before = _released(tmp_path)
    assert _generate(schemas, out, "--skip-invalid")[0] == 1
    code, output = _generate(schemas, out, "--skip-invalid")  # still broken: kept again
    assert code == 1, output
    assert _files(out)[MODULE] == before[MODULE]
    # plain generate and check refuse: the tree is not what the schemas generate
    assert _generate(schemas, out)[0] == 1
    code, output = _run("check", "--schemas", str(schemas), "--out", str(out))
    assert code == 2, output
    assert "lint error" in output
    # fixed upstream with a real change: now the changelog says what changed
    write(schemas, document({**GOOD, "seed": {"type": "integer"}}, model_id="acme/video"))
    code, output = _generate(schemas, out)
    assert code == 0, output
    changelog = (out / "CHANGELOG.md").read_text()
    assert "## 1.1.0" in changelog
    assert "`acme/video` `seed`: optional field added" in changelog
    assert "removed" not in changelog
    code, output = _run("check", "--schemas", str(schemas), "--out", str(out))
    assert code == 0, output


def test_a_model_never_released_is_simply_left_out(tmp_path: Path) -> None:
    schemas, out = tmp_path / "schemas", tmp_path / "out"
    write(schemas, document(GOOD, model_id="acme/image"))
    assert _generate(schemas, out)[0] == 0
    write(schemas, document(BROKEN, model_id="acme/video"))
    code, output = _generate(schemas, out, "--skip-invalid")
    assert code == 1, output
    assert "kept" not in output
    assert MODULE not in _files(out)
    assert json.loads((out / "codegen-manifest.json").read_text())["version"] == "1.0.0"


def test_edited_last_files_stop_the_generate_instead_of_dropping_the_model(
    tmp_path: Path,
) -> None:
    schemas, out, before = _released(tmp_path)
    (out / MODULE).write_text("# edited\n")
    code, output = _generate(schemas, out, "--skip-invalid")
    assert code == 1, output
    assert "acme/video: its last generated files are missing or were edited" in output
    assert "nothing was written" in output
    assert "Traceback" not in output
    assert (out / MODULE).read_text() == "# edited\n"  # nothing was written
    assert _files(out)[CONTRACT] == before[CONTRACT]


def test_files_from_another_generator_stop_the_generate(tmp_path: Path) -> None:
    schemas, out, _ = _released(tmp_path)
    manifest_path = out / "codegen-manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["models"]["acme/video"]["key"] = "0" * 64  # made by some other generator
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    code, output = _generate(schemas, out, "--skip-invalid")
    assert code == 1, output
    assert "acme/video: its last generated files were made by another generator" in output
    assert "removed" not in (out / "CHANGELOG.md").read_text()


def test_a_schema_file_whose_model_id_broke_keeps_the_model_it_held(tmp_path: Path) -> None:
    schemas, out, before = _released(tmp_path)
    broken = document(GOOD, model_id="acme/video")
    broken["model_id"] = "acme/vid eo"  # the file at acme/video.json no longer names it
    write(schemas, broken, "acme/video.json")
    code, output = _generate(schemas, out, "--skip-invalid")
    assert code == 1, output
    assert "kept the last generated files of acme/video" in output
    assert _files(out)[MODULE] == before[MODULE]
    assert "removed" not in (out / "CHANGELOG.md").read_text()


def test_deleting_the_schema_file_is_a_real_removal(tmp_path: Path) -> None:
    schemas, out, _ = _released(tmp_path)
    (schemas / "acme/video.json").unlink()
    code, output = _generate(schemas, out, "--skip-invalid")
    assert code == 0, output
    changelog = (out / "CHANGELOG.md").read_text()
    assert "## 2.0.0" in changelog
    assert "`acme/video`: model removed" in changelog


def test_a_kept_model_holds_its_name_against_a_newcomer_twin(tmp_path: Path) -> None:
    schemas, out, before = _released(tmp_path)
    write(schemas, document(GOOD, model_id="ACME/Video"))  # acme_video is taken
    code, output = _generate(schemas, out, "--skip-invalid")
    assert code == 1, output
    after = _files(out)
    assert after[MODULE] == before[MODULE]
    twin = [p for p in after if p.startswith("runcomfy_models/models/acme_video__")]
    assert len(twin) == 1, sorted(after)
    registry = after["runcomfy_models/_registry.py"].decode()
    assert '"acme/video": "acme_video"' in registry
    assert f'"ACME/Video": "{twin[0].rsplit("/", 1)[1][:-3]}"' in registry


def test_names_survive_a_manifest_whose_records_cannot_be_reused(tmp_path: Path) -> None:
    schemas, out, _ = _released(tmp_path)
    write(schemas, document(GOOD, model_id="acme/video"))  # fixed again
    write(schemas, document(GOOD, model_id="ACME/Video"))
    assert _generate(schemas, out)[0] == 0
    manifest_path = out / "codegen-manifest.json"
    manifest = json.loads(manifest_path.read_text())
    twin_name = manifest["models"]["ACME/Video"]["module"]
    manifest["models"]["acme/image"]["files"] = []  # a malformed record: nothing is reused
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    assert _generate(schemas, out)[0] == 0
    modules = {
        model_id: data["module"]
        for model_id, data in json.loads(manifest_path.read_text())["models"].items()
    }
    assert modules == {
        "ACME/Video": twin_name,
        "acme/image": "acme_image",
        "acme/video": "acme_video",
    }
