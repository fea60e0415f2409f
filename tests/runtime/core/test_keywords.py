"""The JSON Schema keyword table: consistent rows, and the one ``JsonSchema`` accepts."""

from __future__ import annotations

import pytest

from generator.runtime.core.keywords import KEYWORDS, VALUE_KEYWORDS
from generator.runtime.core.model import JsonSchema


def test_rows_are_consistent() -> None:
    for name, keyword in KEYWORDS.items():
        assert keyword.name == name
        assert set(keyword.exact_in_pydantic) <= set(keyword.applies_to), name
        if keyword.bound is not None:
            assert keyword.label is not None, f"{name} is a bound without a label"
    assert tuple(KEYWORDS) == VALUE_KEYWORDS


@pytest.mark.parametrize("name", ["type", *VALUE_KEYWORDS])
def test_json_schema_accepts_every_keyword_of_the_table(name: str) -> None:
    values = {"type": "array", "pattern": "x", "items": {}, "properties": {}, "required": []}
    JsonSchema({name: values.get(name, 1)})


def test_json_schema_refuses_keywords_outside_the_table() -> None:
    with pytest.raises(ValueError, match="unsupported keyword"):
        JsonSchema({"format": "uri"})
