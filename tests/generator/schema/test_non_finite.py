"""Numbers JSON can spell but no double holds (``1e309``), and NaN or Infinity, anywhere in
a schema file: a lint error naming the JSON pointer, never a module that fails to import."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.errors import SchemaFileError
from generator.schema.document import load_document_json
from tests.support.documents import document, write

IMAGE_RULE = {"validation_rule": "file_size_mb <=", "validation_value": 1, "validation_error": "x"}
SPOTS = {
    "rule value": ("/input_schema/properties/img/validations/0/validation_value", "1e309"),
    "maximum": ("/input_schema/properties/n/maximum", "-1E+999"),
    "enum item": ("/input_schema/properties/n/enum/1", "1e400"),
    "default": ("/input_schema/properties/n/default", "NaN"),
    "unknown key": ("/output_schema/x-note~1a/0", "Infinity"),
    "source": ("/source/weight", "-Infinity"),
}


def hostile_text(token: str, spot: str) -> str:
    data = document(
        {
            "img": {"type": "string", "format": "image_uri", "validations": [dict(IMAGE_RULE)]},
            "n": {"type": "number", "maximum": 5, "enum": [1, 2], "default": 1},
        },
        model_id="edge/inf",
    )
    data["output_schema"]["x-note/a"] = [0]
    data["source"]["weight"] = 0
    marker = "31415926.5"  # a finite number, put where the hostile one goes, then replaced
    pointer = SPOTS[spot][0].split("/")[1:]
    node = data
    for escaped in pointer[:-1]:
        part = escaped.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    last = pointer[-1].replace("~1", "/")
    if isinstance(node, list):
        node[int(last)] = float(marker)
    else:
        node[last] = float(marker)
    return json.dumps(data, indent=2).replace(marker, token)


@pytest.mark.parametrize("spot", sorted(SPOTS))
def test_non_finite_numbers_are_a_lint_error_at_their_pointer(tmp_path: Path, spot: str) -> None:
    pointer, token = SPOTS[spot]
    path = tmp_path / "schemas/edge/inf.json"
    path.parent.mkdir(parents=True)
    path.write_text(hostile_text(token, spot))
    result = CliRunner().invoke(main, ["lint", "--schemas", str(tmp_path / "schemas")])
    assert result.exit_code == 1, result.output
    assert f"error: edge/inf: {pointer}: {token} is not a finite number" in result.output
    assert "[non-finite-number]" in result.output
    assert "Traceback" not in result.output
    out = tmp_path / "out"
    made = CliRunner().invoke(
        main, ["generate", "--schemas", str(tmp_path / "schemas"), "--out", str(out)]
    )
    assert made.exit_code != 0
    assert not out.exists()
    with pytest.raises(SchemaFileError, match=re.escape(f"{pointer}: {token} is not a finite")):
        load_document_json(path)  # the readers that do not lint refuse it too


def test_every_non_finite_number_is_reported(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    data = document({"n": {"type": "number", "minimum": 0, "maximum": 1}}, model_id="edge/two")
    path = write(schemas, data)
    text = path.read_text().replace('"minimum": 0', '"minimum": -1e309')
    path.write_text(text.replace('"maximum": 1', '"maximum": 1e309'))
    result = CliRunner().invoke(main, ["lint", "--schemas", str(schemas)])
    assert result.exit_code == 1
    assert result.output.count("[non-finite-number]") == 2, result.output


def test_huge_but_finite_integers_are_numbers(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    write(schemas, document({"n": {"type": "number", "maximum": 10**400}}, model_id="edge/big"))
    result = CliRunner().invoke(main, ["lint", "--schemas", str(schemas)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("token", ["1e-400", "-2.5E-330", "0.1e-323"])
def test_a_number_that_underflows_to_zero_is_a_lint_error(tmp_path: Path, token: str) -> None:
    """``1e-400`` reads as 0.0: a bound of it would silently become 0 (``Field(ge=0)``)."""
    schemas = tmp_path / "schemas"
    data = document({"n": {"type": "number", "minimum": 0.5}}, model_id="edge/tiny")
    path = write(schemas, data)
    path.write_text(path.read_text().replace('"minimum": 0.5', f'"minimum": {token}'))
    result = CliRunner().invoke(main, ["lint", "--schemas", str(schemas)])
    assert result.exit_code == 1, result.output
    pointer = "/input_schema/properties/n/minimum"
    assert f"error: edge/tiny: {pointer}: {token} is too small for a double" in result.output
    assert "[number-underflow]" in result.output
    with pytest.raises(SchemaFileError, match=re.escape(f"{pointer}: {token} is too small")):
        load_document_json(path)


@pytest.mark.parametrize("token", ["0", "0.0", "-0.0", "0e-400", "5e-324"])
def test_zero_and_the_smallest_doubles_are_numbers(tmp_path: Path, token: str) -> None:
    schemas = tmp_path / "schemas"
    data = document({"n": {"type": "number", "minimum": 0.5}}, model_id="edge/zero")
    path = write(schemas, data)
    path.write_text(path.read_text().replace('"minimum": 0.5', f'"minimum": {token}'))
    result = CliRunner().invoke(main, ["lint", "--schemas", str(schemas)])
    assert result.exit_code == 0, result.output
