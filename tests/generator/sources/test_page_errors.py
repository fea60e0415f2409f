"""pull on hostile doc pages: endpoint URLs, several schemas, non-finite numbers, nesting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.schema.document import SchemaDocument, Source, dump_document
from generator.sources.strict_json import first_difference
from tests.support.pulling import pull

EP = "https://model-api.runcomfy.net/v1/models/"
INPUT = {"title": "Input Schema", "type": "object", "properties": {"prompt": {"type": "string"}}}
OTHER_INPUT = {"type": "object", "properties": {"other": {"type": "integer"}}}
GENERIC = {"type": "object", "properties": {"image": {"type": "string", "format": "uri"}}}


def _pull_text(tmp_path: Path, text: str) -> tuple[int, str, Path]:
    page = tmp_path / "page.txt"
    page.write_text(text, "utf-8")
    out = tmp_path / "schemas"
    code, output = pull(str(page), "--schemas", str(out))
    return code, output, out


def _written(out: Path, model_id: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((out / f"{model_id}.json").read_text("utf-8"))
    return data


def _refused(tmp_path: Path, text: str, *expected: str) -> None:
    code, output, out = _pull_text(tmp_path, text)
    assert code == 2, output
    assert "page.txt" in output
    for part in expected:
        assert part in output
    assert "Traceback" not in output
    assert not out.exists()


SCHEMA = json.dumps(INPUT)


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        (f"See [the endpoint]({EP}owner/model-md).\n{SCHEMA}", "owner/model-md"),
        (f'url = f"{EP}{{model_id}}"\ncurl {EP}owner/model-ph\n{SCHEMA}', "owner/model-ph"),
        (f"POST {EP}<model_id> or {EP}$MODEL then {EP}a/b.\n{SCHEMA}", "a/b"),
        (f"curl '{EP}Owner/Model.V2_x?x=1'\n{SCHEMA}", "Owner/Model.V2_x"),
        (f'"url": "{EP}a/b/c/d/e/",\n{SCHEMA}', "a/b/c/d/e"),
        (f"POST {EP}a/b: submit; GET {EP}a/b#top\n{SCHEMA}", "a/b"),
        (f"{EP}owner/{{model}} and ({EP}x/y)\n{SCHEMA}", "x/y"),
    ],
)
def test_endpoint_ids_end_where_the_url_ends_and_skip_placeholders(
    tmp_path: Path, text: str, model_id: str
) -> None:
    code, output, out = _pull_text(tmp_path, text)
    assert code == 0, output
    assert _written(out, model_id)["endpoint"] == f"{EP}{model_id}"


def test_endpoint_with_only_a_placeholder_says_no_model_id_found(tmp_path: Path) -> None:
    _refused(tmp_path, f"curl {EP}{{model_id}}\n{SCHEMA}", "no model id found")


@pytest.mark.parametrize("url_tail", ["owner/model%2Fx", "owner/über", "a//b"])
def test_endpoint_with_an_id_off_the_grammar_names_it_as_found(
    tmp_path: Path, url_tail: str
) -> None:
    _refused(tmp_path, f"curl {EP}{url_tail}\n{SCHEMA}", f"'{url_tail}'", "id grammar")


def test_generic_output_printed_first_is_still_the_output(tmp_path: Path) -> None:
    code, output, out = _pull_text(
        tmp_path, f"curl {EP}o/m\nOutput\n{json.dumps(GENERIC)}\nInput\n{SCHEMA}\n"
    )
    assert code == 0, output
    data = _written(out, "o/m")
    assert data["input_schema"] == {"type": "object", "properties": {"prompt": {"type": "string"}}}
    assert data["output_schema"] == GENERIC


def test_the_same_schema_printed_twice_counts_once(tmp_path: Path) -> None:
    wrapped = json.dumps({"output": GENERIC})
    code, output, _ = _pull_text(
        tmp_path, f"curl {EP}o/m\n{SCHEMA}\n{SCHEMA}\n{wrapped}\n{json.dumps(GENERIC)}"
    )
    assert code == 0, output


def test_two_input_like_schemas_are_an_error_naming_both(tmp_path: Path) -> None:
    text = f"curl {EP}o/m\n{SCHEMA}\n{json.dumps(OTHER_INPUT)}\n{json.dumps(GENERIC)}\n"
    _refused(
        tmp_path,
        text,
        "2 different input-like object schemas for o/m",
        '["prompt"]',
        '["other"]',
    )


def test_two_different_output_schemas_are_an_error(tmp_path: Path) -> None:
    video = {"type": "object", "properties": {"video": {"type": "string", "format": "uri"}}}
    text = f"curl {EP}o/m\n{SCHEMA}\n{json.dumps({'output': video})}\n{json.dumps(GENERIC)}"
    _refused(tmp_path, text, "2 different output schemas for o/m", '["video"]', '["image"]')


def test_only_an_output_schema_is_no_input_schema(tmp_path: Path) -> None:
    _refused(
        tmp_path,
        f"curl {EP}o/m\n{json.dumps(GENERIC)}",
        "no input schema found for o/m",
        "found only an output schema",
    )


@pytest.mark.parametrize(
    ("value", "token"),
    [("1e400", "1e400"), ("-1E+999", "-1E+999"), ("NaN", "NaN"), ("-Infinity", "-Infinity")],
)
def test_non_finite_numbers_are_refused_with_their_pointer(
    tmp_path: Path, value: str, token: str
) -> None:
    schema = '{"type": "object", "properties": {"x": {"type": "number", "maximum": VALUE}}}'
    schema = schema.replace("VALUE", value)
    _refused(
        tmp_path,
        f"curl {EP}o/m\n{schema}",
        f"/properties/x/maximum: {token} is not a finite JSON number",
    )


def test_non_finite_number_in_the_output_schema_is_refused(tmp_path: Path) -> None:
    output = '{"output": {"type": "object", "properties": {"n": {"maximum": Infinity}}}}'
    _refused(tmp_path, f"curl {EP}o/m\n{SCHEMA}\n{output}", "/properties/n/maximum: Infinity")


def test_dump_refuses_non_finite_numbers() -> None:
    document = SchemaDocument(
        "o/m", EP + "o/m", {"maximum": float("inf")}, {}, "published", Source("page", ("p",))
    )
    with pytest.raises(ValueError, match="not JSON compliant"):
        dump_document(document)


def _nested(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deeply_nested_json_is_a_clear_error(tmp_path: Path, depth: int) -> None:
    schema = '{"type": "object", "properties": {"x": ' + _nested(depth) + "}}"
    _refused(tmp_path, f"curl {EP}o/m\n{schema}", "nested deeper than 64 levels")


def test_localised_title_of_a_non_generic_output_is_dropped(tmp_path: Path) -> None:
    """S5: the root title of any output schema is chrome; two locales give one file."""
    contracts = []
    for title in ("Esquema de salida", "Output schema"):
        output = {
            "output": {
                "title": title,
                "type": "object",
                "properties": {"video": {"type": "string", "format": "uri"}, "seed": {}},
            }
        }
        page = tmp_path / f"{title}.txt"
        page.write_text(f"curl {EP}own/m\n{SCHEMA}\n{json.dumps(output)}", "utf-8")
        out = tmp_path / title
        code, text = pull(str(page), "--schemas", str(out))
        assert code == 0, text
        data = _written(out, "own/m")
        output_schema = data["output_schema"]
        assert isinstance(output_schema, dict)
        assert "title" not in output_schema
        del data["source"]
        contracts.append(data)
    assert contracts[0] == contracts[1]


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ({"a": {"b": [1, 2]}}, {"a": {"b": [1, 3]}}, "/a/b/1: 2 vs 3"),
        ({"a/b": 1}, {"a/b": 1.0}, "/a~1b: 1 vs 1.0"),
        ({"a": 1, "b": 2}, {"b": 2, "a": 1}, "/: the same keys in a different order"),
        ({"a": [1]}, {"a": [1, 2]}, "/a: 1 vs 2 items"),
        ({"a": 1}, {}, "/a: 1 vs nothing"),
        ({"a": 1}, {"a": 1}, None),
    ],
)
def test_first_difference_names_a_json_pointer(
    left: object, right: object, expected: str | None
) -> None:
    assert first_difference(left, right) == expected


def test_a_lone_surrogate_escape_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    # "\ud800" is legal JSON text but not Unicode: no UTF-8 schema file can hold it.
    schema = SCHEMA.replace('"type": "string"', '"type": "string", "description": "a \\ud800"')
    _refused(
        tmp_path,
        f"curl {EP}owner/model\n{schema}",
        "owner/model: /input_schema/properties/prompt/description: text holds a lone "
        "surrogate (U+D800)",
    )
