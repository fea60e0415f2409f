"""The meta-schema and the runtime's keyword table name the same keywords."""

from __future__ import annotations

from generator.runtime.core.keywords import VALUE_KEYWORDS
from generator.schema.metaschema import SUPPORTED_KEYWORDS, UNSUPPORTED_KEYWORDS

# Keywords a node may carry that describe a value without judging it (and RunComfy's
# ``validations``, judged by the media rules rather than as JSON Schema).
DESCRIBING = {"title", "description", "default", "examples", "$comment", "format", "validations"}


def test_the_meta_schema_supports_exactly_the_judging_and_describing_keywords() -> None:
    assert set(SUPPORTED_KEYWORDS) == {"type", *VALUE_KEYWORDS, *DESCRIBING}


def test_no_keyword_is_both_supported_and_unsupported() -> None:
    assert not set(SUPPORTED_KEYWORDS) & set(UNSUPPORTED_KEYWORDS)
