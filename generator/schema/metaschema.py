"""Check a schema document's shape against the meta-schema, with jsonschema.

The meta-schema (``metaschema.json`` beside this module) accepts exactly the JSON Schema
keywords the generator supports plus RunComfy's ``validations`` extension. Anything else
is an unsupported keyword: reported by name and pointer, never silently ignored.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from generator.schema.findings import Finding, json_pointer

__all__ = ["SUPPORTED_KEYWORDS", "check_shape", "metaschema"]


@cache
def metaschema() -> dict[str, Any]:
    """The meta-schema document, loaded once."""
    text = resources.files("generator.schema").joinpath("metaschema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(metaschema())


def supported_keywords() -> tuple[str, ...]:
    """The JSON Schema keywords (and extensions) a schema node may use."""
    return tuple(metaschema()["$defs"]["node"]["properties"])


SUPPORTED_KEYWORDS = supported_keywords()


def _leaf_errors(error: ValidationError) -> list[ValidationError]:
    """The most specific errors: ``anyOf`` failures are explained by their branches."""
    if error.context:
        deepest = max(len(sub.absolute_path) for sub in error.context)
        return [sub for sub in error.context if len(sub.absolute_path) == deepest][:1]
    return [error]


def _finding(model_id: str, error: ValidationError) -> list[Finding]:
    path = list(error.absolute_path)
    in_node = any(part in ("input_schema", "output_schema") for part in path[:1])
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        node_schema = error.schema if isinstance(error.schema, dict) else {}
        allowed = set(node_schema.get("properties", {}))
        extra = [key for key in error.instance if key not in allowed]
        if in_node and "validation_rule" not in error.instance:
            return [
                Finding(
                    model_id,
                    json_pointer(*path, key),
                    "error",
                    "unsupported-keyword",
                    f"unsupported JSON Schema keyword {key!r}; supported: "
                    f"{', '.join(SUPPORTED_KEYWORDS)}",
                )
                for key in extra
            ]
        return [
            Finding(
                model_id,
                json_pointer(*path, key),
                "error",
                "unexpected-key",
                f"unexpected key {key!r}; expected only {', '.join(sorted(allowed))}",
            )
            for key in extra
        ]
    message = error.message
    if len(message) > 300:
        message = message[:297] + "..."
    return [Finding(model_id, json_pointer(*path), "error", "invalid-shape", message)]


def check_shape(model_id: str, document: Any) -> list[Finding]:
    """Every way ``document`` departs from the meta-schema, as findings."""
    findings: list[Finding] = []
    for error in _validator().iter_errors(document):
        for leaf in _leaf_errors(error):
            findings.extend(_finding(model_id, leaf))
    return sorted(set(findings))
