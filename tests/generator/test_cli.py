"""The command line: lint's report of the bundled schemas, and its exit codes
(0 clean, 1 findings, 2 unusable input)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.support.documents import document, write


def lint_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["lint", *args])
    return result.exit_code, result.output


def test_bundled_schemas_lint_clean_with_the_expected_warnings(in_repo: Path) -> None:
    code, output = lint_cli()
    assert code == 0, output
    assert "0 error(s)" in output
    # The rule-text disagreements of the seeds...
    assert (
        "warning: bytedance/dreamina-3-0/pro/image-to-video: "
        "/input_schema/properties/image_urls/validations/3/validation_error: rule is "
        "width_pixels> 320 but its error text says 'at least 320'"
    ) in output
    # ... and the two media fields whose kind had to be inferred.
    inferred = [line for line in output.splitlines() if line.endswith("[inferred-media-kind]")]
    assert [line.split(": ")[1:3] for line in inferred] == [
        [
            "bytedance/seedance-1-0/pro/image-to-video",
            "/input_schema/properties/first_frame_image_url",
        ],
        [
            "runwayml/runway-gen-3-alpha/turbo/image-to-video",
            "/input_schema/properties/promptImage",
        ],
    ]


def test_exit_codes(tmp_path: Path) -> None:
    write(tmp_path / "clean", document({"prompt": {"type": "string"}}))
    assert lint_cli("--schemas", str(tmp_path / "clean"))[0] == 0

    write(tmp_path / "warn", document({"scale": {"type": "float"}}))
    assert lint_cli("--schemas", str(tmp_path / "warn"))[0] == 0
    assert lint_cli("--schemas", str(tmp_path / "warn"), "--strict")[0] == 1

    write(tmp_path / "err", document({"steps": {"type": "integer", "default": "x"}}))
    code, output = lint_cli("--schemas", str(tmp_path / "err"))
    assert code == 1
    assert "1 error(s)" in output

    broken = tmp_path / "broken" / "a" / "b.json"
    broken.parent.mkdir(parents=True)
    broken.write_text('{"model_id": "a/b",', "utf-8")
    code, output = lint_cli("--schemas", str(tmp_path / "broken"))
    assert code == 2
    assert "b.json: not JSON (line 1" in output
    assert "Traceback" not in output

    code, output = lint_cli("--schemas", str(tmp_path / "missing"))
    assert code == 2
    assert "no such schemas directory" in output


def test_folder_names_that_would_rewrite_the_header_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A header line naming ``encoding=latin-1`` would be Python's encoding declaration,
    and a newline would start a line of code: such names are one-line errors."""
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "schemas", document({"prompt": {"type": "string"}}, ["prompt"]))
    for out in ("encoding=latin-1", "x-coding:bogus", "gg\nimport os  #"):
        result = CliRunner().invoke(main, ["generate", "--out", out])
        assert result.exit_code == 2, result.output
        assert result.output.startswith("error: ")
        assert len(result.output.strip().splitlines()) == 1
        assert not (tmp_path / out).exists()
    shutil.copytree(tmp_path / "schemas", tmp_path / "my schemas")
    result = CliRunner().invoke(main, ["generate", "--schemas", "my schemas", "--out", "o"])
    assert result.exit_code == 0, result.output
    header = (tmp_path / "o/runcomfy_models/__init__.py").read_text().splitlines()[1]
    assert "--schemas 'my schemas' --out o" in header  # a command that runs as shown
