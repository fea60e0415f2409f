"""Check a schema document's shape against the meta-schema, with jsonschema.

The meta-schema (``metaschema.json`` beside this module) accepts exactly the JSON Schema
keywords the generator supports plus RunComfy's ``validations`` extension. Anything else
is an unsupported keyword: reported by name and pointer, never silently ignored.

This module is where the supported subset is stated, once: ``SUPPORTED_KEYWORDS`` (read
from the meta-schema), ``UNSUPPORTED_KEYWORDS`` (the rest of JSON Schema 2020-12) and
``LIMITS`` (what lint refuses even within supported keywords, by finding code). Generated
models validate every supported keyword as JSON Schema does; the conformance test
(``tests/e2e/test_conformance.py``) runs the official test suite to hold them to it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from generator.schema.findings import Finding, json_pointer

__all__ = [
    "LIMITS",
    "SUPPORTED_KEYWORDS",
    "UNSUPPORTED_KEYWORDS",
    "check_shape",
    "lone_surrogates",
    "metaschema",
]


@cache
def metaschema() -> dict[str, Any]:
    """The meta-schema document, loaded once."""
    text = resources.files("generator.schema").joinpath("metaschema.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def _validator() -> Any:
    """A draft 2020-12 validator of the meta-schema whose ``$ref`` to the meta-schema's
    own ``#/$defs/<name>`` is a dict look-up: jsonschema resolves each reference anew
    (a third of a shape check's time), to the same subschema, with the same errors."""
    schema = metaschema()
    local = {f"#/$defs/{name}": node for name, node in schema.get("$defs", {}).items()}
    resolve = Draft202012Validator.VALIDATORS["$ref"]

    def ref(validator: Any, ref: str, instance: Any, node: Any) -> Iterator[ValidationError]:
        target = local.get(ref)
        if target is None:
            yield from resolve(validator, ref, instance, node)
        else:
            yield from validator.descend(instance, target)

    fast: Any = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, {"$ref": ref}
    )
    return fast(schema)


def supported_keywords() -> tuple[str, ...]:
    """The JSON Schema keywords (and extensions) a schema node may use."""
    return tuple(metaschema()["$defs"]["node"]["properties"])


SUPPORTED_KEYWORDS = supported_keywords()

# Every keyword of JSON Schema draft 2020-12 (core, applicator, unevaluated, validation,
# meta-data, format-annotation and content vocabularies).
DRAFT_2020_12_KEYWORDS = (
    *("$schema", "$id", "$ref", "$anchor", "$dynamicRef", "$dynamicAnchor", "$vocabulary"),
    *("$comment", "$defs"),
    *("prefixItems", "items", "contains", "additionalProperties", "properties"),
    *("patternProperties", "dependentSchemas", "propertyNames", "if", "then", "else"),
    *("allOf", "anyOf", "oneOf", "not", "unevaluatedItems", "unevaluatedProperties"),
    *("type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum"),
    *("exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems"),
    *("uniqueItems", "maxContains", "minContains", "maxProperties", "minProperties"),
    *("required", "dependentRequired"),
    *("title", "description", "default", "deprecated", "readOnly", "writeOnly", "examples"),
    *("format", "contentEncoding", "contentMediaType", "contentSchema"),
)

# JSON Schema keywords lint rejects as ``unsupported-keyword``.
UNSUPPORTED_KEYWORDS = tuple(k for k in DRAFT_2020_12_KEYWORDS if k not in SUPPORTED_KEYWORDS)

# What lint rejects (each an error, by its code) although only supported keywords are
# used: schemas that the generated models could not enforce exactly, or that no value
# satisfies. Everything else in a supported keyword is validated as JSON Schema says.
LIMITS: dict[str, str] = {
    "boolean-schema": "`true` or `false` as a schema (`items: false`); write an object",
    "unsupported-enum": "an `enum` of non-integer numbers (Python's `Literal` holds no floats)",
    "ambiguous-enum": "an `enum` mixing booleans and numbers",
    "enum-type": "an `enum` value not of the node's `type`",
    "empty-enum": "an empty `enum`, which no value satisfies",
    "default-type": "a `default` not of the node's `type`",
    "required-missing": "a `required` name that the root's `properties` does not define",
    "root-keyword": "value keywords on the input schema's root besides `type`, "
    "`properties` and `required`",
    "invalid-pattern": "a `pattern` Python's `re` or the `regex` module cannot compile "
    "(ECMA-262 only syntax such as `\\p{Letter}`); patterns are matched as `re.search` "
    "does, each match bounded in time",
    "non-finite-number": "a number no double holds (`1e309`) or `NaN`/`Infinity`, "
    "anywhere in the file",
    "number-underflow": "a non-zero number that reads as 0 as a double (`1e-400`), anywhere "
    "in the file: a bound of it would silently become 0",
    "contradictory-bounds": "bounds that leave no valid value",
    "bound-too-large": "a length or count bound (`maxLength`, `minItems`, ...) over "
    "2**63 - 1, which no validator can hold",
    "invalid-unicode": "text (a value or a property name) holding a lone surrogate, "
    '`"\\ud800"` in JSON: no UTF-8 file or Python module can hold it',
}


def _leaf_errors(error: ValidationError) -> list[ValidationError]:
    """The most specific errors: ``anyOf`` failures are explained by their branches."""
    if error.context:
        deepest = max(len(sub.absolute_path) for sub in error.context)
        return [sub for sub in error.context if len(sub.absolute_path) == deepest][:1]
    return [error]


def _finding(model_id: str, error: ValidationError) -> list[Finding]:
    path = list(error.absolute_path)
    in_node = any(part in ("input_schema", "output_schema") for part in path[:1])
    if in_node and isinstance(error.instance, bool) and error.validator_value == "object":
        return [
            Finding(
                model_id,
                json_pointer(*path),
                "error",
                "boolean-schema",
                f"a boolean schema ({str(error.instance).lower()}) is not supported; write "
                "a schema object ({} takes any value)",
            )
        ]
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


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogates(model_id: str, value: Any, path: tuple[str | int, ...] = ()) -> list[Finding]:
    """Strings (keys or values) holding a lone surrogate: ``"\\ud800"`` in JSON text.

    JSON escapes can spell half of a UTF-16 pair on its own; Python reads it, but no
    UTF-8 file, source module or terminal can hold it.
    """
    found: list[Finding] = []
    if isinstance(value, str):
        found.extend(_surrogate(model_id, value, path, "text"))
    elif isinstance(value, dict):
        for key, child in value.items():
            found.extend(_surrogate(model_id, key, (*path, key), "property name"))
            found.extend(lone_surrogates(model_id, child, (*path, key)))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found.extend(lone_surrogates(model_id, child, (*path, index)))
    return found


def _surrogate(model_id: str, text: str, path: tuple[str | int, ...], what: str) -> list[Finding]:
    match = _SURROGATE.search(text)
    if match is None:
        return []
    message = (
        f"{what} holds a lone surrogate (U+{ord(match.group()):04X}), which is not Unicode "
        "text; expected characters only (a pair such as \\ud83d\\ude00 is fine)"
    )
    return [Finding(model_id, json_pointer(*path), "error", "invalid-unicode", message)]


def check_shape(model_id: str, document: Any) -> list[Finding]:
    """Every way ``document`` departs from the meta-schema, as findings."""
    findings = lone_surrogates(model_id, document)
    for error in _validator().iter_errors(document):
        for leaf in _leaf_errors(error):
            findings.extend(_finding(model_id, leaf))
    return sorted(set(findings))
