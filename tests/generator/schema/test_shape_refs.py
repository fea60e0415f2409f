"""The shape check looks its ``$ref`` up in the meta-schema: the findings are jsonschema's."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.schema import metaschema
from generator.schema.document import dump_document
from tests.support.documents import document
from tests.support.paths import SCHEMAS
from tests.support.synthetic import synthetic_documents


def _broken(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """``raw`` broken in one way each, at the root, in a property, deeper down."""
    variants: list[dict[str, Any]] = []

    def with_change(change: Any) -> None:
        made = copy.deepcopy(raw)
        change(made)
        variants.append(made)

    node = {"type": "object", "properties": {"k": {"type": "integer"}}}
    with_change(lambda d: d["input_schema"]["properties"].update(x={"patternProperties": {}}))
    with_change(lambda d: d["input_schema"]["properties"].update(x=True))
    with_change(lambda d: d["input_schema"]["properties"].update(x={"minLength": -1}))
    with_change(lambda d: d["input_schema"]["properties"].update(x={"type": "strin"}))
    with_change(lambda d: d["input_schema"]["properties"].update(x={"items": [node]}))
    with_change(lambda d: d["input_schema"]["properties"].update(x={"validations": [{}]}))
    with_change(
        lambda d: d["input_schema"]["properties"].update(
            x={"type": "array", "items": {**node, "properties": {"k": {"if": {}}}}}
        )
    )
    with_change(lambda d: d["input_schema"].update(type="array"))
    with_change(lambda d: d["output_schema"].update(allOf=[]))
    with_change(lambda d: d.update(extra=1))
    with_change(lambda d: d.pop("input_schema"))
    with_change(lambda d: d.update(model_id=7))
    return variants


def _documents() -> list[Any]:
    published = [json.loads(path.read_text("utf-8")) for path in sorted(SCHEMAS.rglob("*.json"))]
    synthetic = [json.loads(dump_document(doc)) for doc in synthetic_documents(30, seed=3)]
    base = document({"p": {"type": "string"}, "n": {"type": "integer", "minimum": 1}})
    broken = [made for raw in [base, *published[:3], *synthetic[:3]] for made in _broken(raw)]
    return [*published, *synthetic, *broken, [], "x", {}]


def test_findings_are_those_of_jsonschemas_own_reference_lookup(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = _documents()
    fast = [metaschema.check_shape("m", raw) for raw in documents]
    assert sum(1 for findings in fast if findings) > 60
    plain = Draft202012Validator(metaschema.metaschema())
    monkeypatch.setattr(metaschema, "_validator", lambda: plain)
    assert fast == [metaschema.check_shape("m", raw) for raw in documents]
