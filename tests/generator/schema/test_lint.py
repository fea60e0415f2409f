"""lint: every error and warning, each from a small hostile document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.schema.findings import Finding
from generator.schema.lint import lint_document
from generator.schema.metaschema import UNSUPPORTED_KEYWORDS
from tests.support.documents import MODEL_ID, document

IMAGE_RULE = {"validation_rule": "file_size_mb<", "validation_value": 10, "validation_error": "x"}


def findings_for(data: dict[str, Any]) -> list[Finding]:
    return lint_document(data, f"{data['model_id']}.json")[1]


def only(findings: list[Finding], code: str) -> Finding:
    matching = [f for f in findings if f.code == code]
    assert len(matching) == 1, [f.render() for f in findings]
    return matching[0]


def image(**extra: Any) -> dict[str, Any]:
    return {"type": "string", "format": "image_uri", **extra}


def rule(text: str, value: Any = 10, error: str = "") -> dict[str, Any]:
    return {"validation_rule": text, "validation_value": value, "validation_error": error}


ERRORS = [
    (
        "unknown-metric",
        {"img": image(validations=[rule("file_weight_kg<")])},
        "/input_schema/properties/img/validations/0/validation_rule",
        "unknown metric 'file_weight_kg'",
    ),
    (
        "unknown-operator",
        {"img": image(validations=[rule("width_pixels=<")])},
        "/input_schema/properties/img/validations/0/validation_rule",
        "unknown operator '=<'",
    ),
    (
        "rule-on-non-media",
        {"steps": {"type": "integer", "validations": [rule("file_size_mb<")]}},
        "/input_schema/properties/steps/validations",
        "must be a string or an array of strings, not integer",
    ),
    (
        "metric-kind-mismatch",
        {"img": image(validations=[rule("duration_seconds<")])},
        "/input_schema/properties/img/validations/0/validation_rule",
        "measures audio, video files, but this field takes image",
    ),
    (
        "metric-kind-mismatch",
        {"clip": {"type": "string", "format": "audio_uri", "validations": [rule("width_pixels<")]}},
        "/input_schema/properties/clip/validations/0/validation_rule",
        "this field takes audio",
    ),
    (
        "rule-value-type",
        {"img": image(validations=[rule("file_size_mb<", "4.7")])},
        "/input_schema/properties/img/validations/0/validation_value",
        "needs a number, got '4.7'",
    ),
    (
        "rule-value-type",
        {"img": image(validations=[rule("file_size_mb<", True)])},
        "/input_schema/properties/img/validations/0/validation_value",
        "needs a number, got True",
    ),
    (
        "default-type",
        {"steps": {"type": "integer", "default": "5"}},
        "/input_schema/properties/steps/default",
        "default '5' is not of type integer",
    ),
    (
        "enum-type",
        {"frames": {"type": "integer", "enum": [121, "241"]}},
        "/input_schema/properties/frames/enum/1",
        "enum value '241' is not of type integer",
    ),
    (
        "required-missing",
        {"prompt": {"type": "string"}},
        "/input_schema/required/1",
        "required property 'negative_prompt' is not defined",
    ),
    (
        "unsupported-keyword",
        {"mode": {"oneOf": [{"type": "string"}, {"type": "integer"}]}},
        "/input_schema/properties/mode/oneOf",
        "unsupported JSON Schema keyword 'oneOf'",
    ),
    (
        "unsupported-keyword",
        {"mode": {"$ref": "#/$defs/mode"}},
        "/input_schema/properties/mode/$ref",
        "unsupported JSON Schema keyword '$ref'",
    ),
    (
        "ambiguous-media-kind",
        {"source": {"type": "string", "validations": [rule("width_pixels<")]}},
        "/input_schema/properties/source",
        "cannot tell which media kind",
    ),
    (
        "invalid-pattern",
        {"code": {"type": "string", "pattern": "([a-z"}},
        "/input_schema/properties/code/pattern",
        "not a valid regular expression",
    ),
    (
        "contradictory-bounds",
        {"steps": {"type": "integer", "minimum": 10, "maximum": 1}},
        "/input_schema/properties/steps/minimum",
        "minimum 10 and maximum 1 leave no valid value",
    ),
    (
        "media-format-type",
        {"img": {"type": "integer", "format": "image_uri"}},
        "/input_schema/properties/img/format",
        "needs a string field, not integer",
    ),
    (
        "contradictory-bounds",
        {"x": {"type": "number", "exclusiveMinimum": 1, "exclusiveMaximum": 1}},
        "/input_schema/properties/x/exclusiveMinimum",
        "leave no valid value",
    ),
    (
        "unsupported-enum",
        {"scale": {"type": "number", "enum": [1, 1.5]}},
        "/input_schema/properties/scale/enum",
        "Literal holds no floats",
    ),
    (
        "ambiguous-enum",
        {"d": {"enum": [5, "auto", True]}},
        "/input_schema/properties/d/enum",
        "reads 1 as True",
    ),
    (
        "nested-rules",
        {
            "opts": {
                "type": "object",
                "properties": {"img": image(validations=[rule("width_pixels<")])},
            }
        },
        "/input_schema/properties/opts/properties/img/validations",
        "would never be enforced",
    ),
    (
        "bound-too-large",
        {"prompt": {"type": "string", "maxLength": 10**30}},
        "/input_schema/properties/prompt/maxLength",
        "maxLength 1000000000000000000000000000000 is more than any length can be",
    ),
    (
        "bound-too-large",
        {"tags": {"type": "array", "items": {"type": "string"}, "minItems": 2**63}},
        "/input_schema/properties/tags/minItems",
        "at most 9223372036854775807",
    ),
    (
        "invalid-shape",
        {"prompt": {"type": "string", "maxLength": -1}},
        "/input_schema/properties/prompt/maxLength",
        "-1 is less than the minimum of 0",
    ),
    (
        "invalid-shape",
        {"prompt": {"type": "text"}},
        "/input_schema/properties/prompt/type",
        "'text' is not one of",
    ),
]


@pytest.mark.parametrize(("code", "properties", "pointer", "text"), ERRORS)
def test_each_error_names_model_pointer_and_expectation(
    code: str, properties: dict[str, Any], pointer: str, text: str
) -> None:
    required = ["prompt", "negative_prompt"] if code == "required-missing" else None
    finding = only(findings_for(document(properties, required)), code)
    assert finding.severity == "error"
    assert finding.pointer == pointer
    assert text in finding.message
    rendered = finding.render()
    assert rendered.startswith(f"error: {MODEL_ID}: {pointer}: ")
    assert rendered.endswith(f"[{code}]")


WARNINGS = [
    (
        "inferred-media-kind",
        {"promptImage": {"type": "string", "validations": [rule("width_pixels<", 8000)]}},
        "/input_schema/properties/promptImage",
        "read as image",
    ),
    (
        "inferred-media-kind",
        {"input_video": {"type": "string", "validations": [rule("duration_seconds<", 30)]}},
        "/input_schema/properties/input_video",
        "read as video",
    ),
    (
        "rule-text-disagrees",
        {"img": image(validations=[rule("width_pixels>", 320, "Must be at least 320 pixels.")])},
        "/input_schema/properties/img/validations/0/validation_error",
        "says 'at least 320' (that is >= 320)",
    ),
    (
        "rule-text-disagrees",
        {"img": image(validations=[rule("file_size_mb<", 16, "File must be under 10 MB.")])},
        "/input_schema/properties/img/validations/0/validation_error",
        "error text names 10",
    ),
    (
        "limit-in-description",
        {"prompt": {"type": "string", "description": "Keep under 1000 characters."}},
        "/input_schema/properties/prompt/description",
        "'under 1000 characters'",
    ),
    (
        "limit-in-description",
        {
            "video_url": {
                "type": "string",
                "format": "video_uri",
                "description": "2-30 seconds long.",
            }
        },
        "/input_schema/properties/video_url/description",
        "(duration 2 to 30 seconds) but no duration_seconds rule enforces it",
    ),
    (
        "limit-disagrees-with-description",
        {"imgs": {"type": "array", "maxItems": 16, "description": "Up to 4 URLs."}},
        "/input_schema/properties/imgs/description",
        "(count at most 4 URLs) but the schema enforces maxItems 16; they disagree",
    ),
    (
        "sample-default",
        {"prompt": {"type": "string", "default": "a cat on a sofa, golden hour"}},
        "/input_schema/properties/prompt/default",
        "sample prompt",
    ),
    (
        "required-default",
        {"prompt": {"type": "string", "default": "a cat"}},
        "/input_schema/properties/prompt/default",
        "the caller must still set it",
    ),
    (
        "float-type",
        {"scale": {"type": "float", "default": 2.5}},
        "/input_schema/properties/scale/type",
        'read as "number"',
    ),
    (
        "null-default",
        {"seed": {"type": "integer", "default": None}},
        "/input_schema/properties/seed/default",
        "no default",
    ),
    (
        "enum-case-variants",
        {"resolution": {"type": "string", "enum": ["720p", "720P"]}},
        "/input_schema/properties/resolution/enum",
        "'720p' and '720P' differ only in case",
    ),
    (
        "default-invalid",
        {"steps": {"type": "integer", "minimum": 1, "default": 0}},
        "/input_schema/properties/steps/default",
        "does not satisfy its own schema",
    ),
    (
        "unknown-media-kind",
        {"attachment": {"type": "string", "validations": [rule("file_size_mb<", 10, "Too big.")]}},
        "/input_schema/properties/attachment",
        "only its file size can be checked",
    ),
    (
        "rule-without-message",
        {"img": image(validations=[{"validation_rule": "file_size_mb<", "validation_value": 9}])},
        "/input_schema/properties/img/validations/0",
        "a failure quotes the rule",
    ),
    (
        "implied-items",
        {"image": {"type": "array", "format": "image_uris", "validations": [IMAGE_RULE]}},
        "/input_schema/properties/image",
        "each item read as a string with format 'image_uri'",
    ),
]


@pytest.mark.parametrize(("code", "properties", "pointer", "text"), WARNINGS)
def test_each_warning_names_model_and_pointer(
    code: str, properties: dict[str, Any], pointer: str, text: str
) -> None:
    required = ["prompt"] if code == "required-default" else None
    findings = findings_for(document(properties, required))
    finding = only(findings, code)
    assert finding.severity == "warning"
    assert finding.pointer == pointer
    assert text in finding.message
    assert finding.render().startswith(f"warning: {MODEL_ID}: {pointer}: ")
    assert not [f for f in findings if f.is_error], [f.render() for f in findings]


def test_agreeing_rule_text_and_enforced_limits_are_quiet() -> None:
    properties = {
        "prompt": {"type": "string", "maxLength": 800, "description": "Less than 800 characters."},
        "img": image(
            validations=[
                rule("width_pixels<=", 4096, "Maximum resolution is 4096x4096."),
                rule("shortest_side_pixels>=", 320, "The shortest side must be at least 320 px."),
                rule("file_size_mb<", 4.7, "File size must be less than 4.7 MB."),
                rule("width/height>", 0.0625, "The aspect ratio range should be 1:16 to 16:1."),
                rule("height_pixels>", 14, "Height must exceed 14 pixels."),
            ]
        ),
        "seed": {"type": "integer", "default": -1},
    }
    assert findings_for(document(properties)) == []


def test_document_level_errors() -> None:
    data = document({}, model_id="a/b")
    data["endpoint"] = "https://model-api.runcomfy.net/v1/models/other/model"
    findings = lint_document(data, "c/d.json")[1]
    assert only(findings, "path-mismatch").pointer == "/model_id"
    assert only(findings, "endpoint-mismatch").pointer == "/endpoint"
    bad_id = document({}, model_id="a/../b")
    assert only(lint_document(bad_id, None)[1], "invalid-model-id").severity == "error"
    data = document({})
    data["generator_notes"] = "x"
    assert only(findings_for(data), "unexpected-key").pointer == "/generator_notes"


def test_hostile_strings_never_crash_lint() -> None:
    nasty = "\"\"\"'; import os; os.system('x') {{ 7*7 }} {% raise %}\n\\\u202e\x00"
    properties = {
        nasty: {
            "type": "string",
            "title": nasty,
            "description": nasty * 50,
            "enum": [nasty, nasty.upper()],
            "default": nasty,
            "validations": [rule(nasty, nasty, nasty)],
        },
        "class": {"type": "integer", "default": -1},
    }
    findings = findings_for(document(properties))
    assert {"unknown-metric", "rule-value-type"} <= {f.code for f in findings}


def test_rules_on_the_output_schema_are_an_error() -> None:
    data = document({"prompt": {"type": "string"}})
    data["output_schema"]["properties"]["image"]["validations"] = [rule("width_pixels<")]
    finding = only(findings_for(data), "output-rules")
    assert finding.pointer == "/output_schema/properties/image/validations"
    assert finding.severity == "error"


def test_rules_on_array_items_are_supported() -> None:
    items = {
        "type": "string",
        "format": "image_uri",
        "validations": [rule("width_pixels<", 9, "x")],
    }
    findings = findings_for(document({"imgs": {"type": "array", "items": items}}))
    assert not [f for f in findings if f.is_error], [f.render() for f in findings]


def test_lone_surrogates_are_refused_with_a_clear_finding(tmp_path: Path) -> None:
    # JSON escapes can spell half a UTF-16 pair; no UTF-8 file or module can hold it.
    data = document({"prompt": {"type": "string", "description": "DESC"}, "KEY": {}})
    text = json.dumps(data).replace("DESC", "half \\ud800 pair").replace("KEY", "k\\udfff")
    path = tmp_path / "schemas" / f"{MODEL_ID}.json"
    path.parent.mkdir(parents=True)
    path.write_text(text, "ascii")
    out = tmp_path / "out"
    for command in (["lint", "--schemas"], ["generate", "--out", str(out), "--schemas"]):
        result = CliRunner().invoke(main, [*command, str(tmp_path / "schemas")])
        assert result.exit_code == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        assert (
            f"error: {MODEL_ID}: /input_schema/properties/prompt/description: text holds a "
            "lone surrogate (U+D800)"
        ) in result.output
        pointer = "/input_schema/properties/k\\udfff"
        assert f"error: {MODEL_ID}: {pointer}: property name holds a lone surrogate" in (
            result.output
        )
        result.output.encode("utf-8")  # the report itself is printable text
    assert not out.exists()  # nothing half-written
    paired = json.loads(json.dumps(data).replace("DESC", "\\ud83d\\ude00"))
    assert "invalid-unicode" not in {f.code for f in findings_for(paired)}


def test_a_finding_is_always_one_line() -> None:
    name = "a\nerror: forged/model: /x: looks real [fake]\x1b[31m\u202e"
    findings = findings_for(document({name: {"type": "text"}}))
    for finding in findings:
        rendered = finding.render()
        assert rendered.isprintable(), rendered
        assert not {"\n", "\x1b", "\u202e"} & set(rendered)
    pointer = only(findings, "invalid-shape").render()
    assert "/input_schema/properties/a\\nerror: forged~1model: ~1x: looks real [fake]" in pointer
    assert "\\x1b[31m\\u202e" in pointer


@pytest.mark.parametrize("keyword", UNSUPPORTED_KEYWORDS)
def test_every_unsupported_keyword_is_refused_by_name(keyword: str) -> None:
    # A value that is valid JSON Schema for each keyword (a schema, a number, a list...),
    # so the refusal is about the keyword, not about its value.
    values: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    values |= dict.fromkeys(("$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor"), "#a")
    values |= dict.fromkeys(("maxContains", "minContains", "maxProperties", "minProperties"), 1)
    values |= dict.fromkeys(("deprecated", "readOnly", "writeOnly"), True)
    values |= {"$vocabulary": {}, "$defs": {}, "prefixItems": [{}], "allOf": [{}]}
    values |= {"anyOf": [{}], "oneOf": [{}], "dependentRequired": {}, "dependentSchemas": {}}
    values |= {"patternProperties": {}, "contentEncoding": "base64"}
    values |= {"contentMediaType": "text/plain"}
    node = {"type": "string", keyword: values.get(keyword, {})}
    finding = only(findings_for(document({"field": node})), "unsupported-keyword")
    assert finding.severity == "error"
    assert finding.pointer == f"/input_schema/properties/field/{keyword.replace('/', '~1')}"
    assert repr(keyword) in finding.message
