# Generated from generator/runtime/core/model.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""Base classes of every generated ``Input`` and ``Output`` model.

Behaviour shared by all models lives here once, not in each generated module:
accepting both JSON names and Python names, validating as JSON Schema does, and
building the request body from only what the caller set.

Validation follows JSON Schema (draft 2020-12) for the keywords the generator supports:

- types are JSON types, never coerced: ``"5"`` is not an integer, ``true`` is not a
  number, ``1`` is not a boolean, but ``2.0`` is the integer ``2`` (JSON has one number
  type), so models are strict and integral floats are read as integers (and a tuple
  as an array, as ``json.dumps`` writes it);
- ``pattern`` is matched anywhere in the string (as ``re.search`` does, with ``re``'s
  syntax) by ``JsonSchema``, never by pydantic: each match is bounded in time (see
  ``patterns``), and a value whose match runs out of time is refused;
- a nested object accepts properties its schema does not name, as JSON Schema does; the
  model's whole input (``InputModel``) refuses them, since a typo there should fail
  before a paid job is submitted, not be ignored by the server;
- keywords that pydantic's types cannot express exactly (``uniqueItems``, a ``multipleOf``
  that is not an integer, an ``enum`` or ``const`` telling ``1`` from ``true``, keywords
  on a node of no single type) are checked by ``JsonSchema`` on the field's JSON value.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    ModelWrapValidatorHandler,
    model_validator,
)
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from .keywords import VALUE_KEYWORDS
from .patterns import PatternTimeout, compile_pattern, pattern_search, validation_budget

__all__ = ["InputModel", "InputObject", "JsonNumber", "JsonSchema", "OutputModel"]


def _json_numbers(value: Any) -> Any:
    """``value`` read as JSON: integral floats as integers, tuples as arrays.

    Goes through arrays only; an object is read by its own model (or is untyped).
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list | tuple):
        return [_json_numbers(item) for item in value]
    return value


class _ExactNumber:
    """A JSON number as given: an ``int`` stays an ``int`` (never rounded to a float).

    pydantic's ``float`` turns ``9007199254740993`` into ``9007199254740992.0`` and checks
    bounds in floating point; JSON Schema (and the ``jsonschema`` library) compares the
    exact value. Integers are kept, so bounds compare exactly (Python compares ``int`` with
    ``float`` exactly) and the request body carries the number the caller gave. Infinities
    and NaN are no JSON numbers and are refused; booleans and strings are not numbers.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.union_schema(
            [
                core_schema.int_schema(strict=True),
                core_schema.float_schema(strict=True, allow_inf_nan=False),
            ],
            custom_error_type="float_type",  # "Input should be a valid number", as before
        )


JsonNumber = Annotated[int | float, _ExactNumber()]
"""The type of a JSON Schema ``number`` in a generated ``Input``: exact, never rounded."""


_SHOWN_DATA_URI = 200  # characters; a longer data: URI is shown by its length in reprs


class _DataUri:
    """How a long ``data:`` URI reads in a repr: its header and its length."""

    def __init__(self, uri: str) -> None:
        self.header, self.length = uri.partition(",")[0], len(uri)

    def __repr__(self) -> str:
        return f"<{self.header}, {self.length:,} characters>"


def _elided(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("data:") and len(value) > _SHOWN_DATA_URI:
        return _DataUri(value)
    if isinstance(value, list):
        return [_elided(item) for item in value]
    return value


class InputObject(BaseModel):
    """Any object in a model's input: validated on construction, serialised by JSON name."""

    model_config = ConfigDict(
        validate_by_name=True,
        validate_by_alias=True,
        strict=True,
        extra="allow",
        regex_engine="python-re",
        use_attribute_docstrings=True,
        protected_namespaces=(),
    )

    @model_validator(mode="wrap")
    @classmethod
    def _bounded_patterns(cls, data: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
        """All pattern matches of one validation share one time budget (nested objects
        included): fifty hostile fields cost ``VALIDATION_BUDGET``, not fifty timeouts."""
        with validation_budget():
            return handler(data)

    @model_validator(mode="before")
    @classmethod
    def _read_json_numbers(cls, data: Any) -> Any:
        """JSON has one number type: ``2.0`` is the integer ``2`` wherever one is expected."""
        if isinstance(data, dict):
            return {key: _json_numbers(value) for key, value in data.items()}
        return data

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        """Long ``data:`` URIs (a local file, encoded) shown by their length, not in full."""
        for name, value in super().__repr_args__():
            yield name, _elided(value)

    def to_request(self) -> dict[str, Any]:
        """The JSON body to submit: only fields the caller set, by their published names.

        Published defaults are not sent: the server applies its own, so a default that
        changed upstream is never overridden by a stale copy.
        """
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


class OutputModel(BaseModel):
    """A model's output: every key optional, unknown keys kept."""

    model_config = ConfigDict(extra="allow", use_attribute_docstrings=True, protected_namespaces=())

    def urls(self) -> list[str]:
        """Every output URL (http, https or data), in field order, singles and lists alike.

        Other strings an output may carry (a caption, a seed) are not URLs and are left out.
        """
        found: list[str] = []
        for value in self.model_dump().values():
            items = value if isinstance(value, list) else [value]
            found.extend(item for item in items if isinstance(item, str) and _is_url(item))
        return found


def _is_url(text: str) -> bool:
    return text.startswith(("https://", "http://", "data:"))


OutputT = TypeVar("OutputT", bound=OutputModel)


class InputModel(InputObject, Generic[OutputT]):
    """A model's whole input, typed with the model's ``Output``.

    ``class Input(InputModel[Output])`` lets a client return ``Output`` from
    ``client.run(Input(...))`` without being told the model again. Unknown top-level
    fields are refused: a misspelt field name fails here instead of being ignored.
    """

    model_config = ConfigDict(extra="forbid")


# -- JSON Schema keywords checked on a field's JSON value ---------------------------------

# ``type`` and the keywords that judge a value; anything else is refused up front.
_KEYWORDS = frozenset({"type", *VALUE_KEYWORDS})


def _json_type(value: Any) -> str | None:
    """The JSON type of ``value`` (``integer`` for a number with no fractional part)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return None


def _is_type(value: Any, name: str) -> bool:
    kind = _json_type(value)
    return kind == name or (name == "number" and kind == "integer")


def _key(value: Any) -> Any:
    """A hashable stand-in for a JSON value: equal exactly when JSON Schema says equal.

    ``1`` and ``1.0`` are one number; ``true`` is not ``1``; objects ignore key order.
    """
    if isinstance(value, bool):
        return ("boolean", value)
    if isinstance(value, int | float):
        return ("number", int(value) if isinstance(value, float) and value.is_integer() else value)
    if isinstance(value, list):
        return ("array", tuple(_key(item) for item in value))
    if isinstance(value, dict):
        return ("object", frozenset((key, _key(item)) for key, item in value.items()))
    return (type(value).__name__, value)


def _is_multiple(value: int | float, divisor: int | float) -> bool:
    """Whether ``value / divisor`` is an integer, in exact decimal arithmetic.

    A float stands for the decimal it is written as (``0.0075`` is 75 times ``0.0001``);
    infinities and NaN are multiples of nothing.
    """
    if isinstance(value, float) and not math.isfinite(value):
        return False
    exact_value = Fraction(repr(value)) if isinstance(value, float) else Fraction(value)
    exact_divisor = Fraction(repr(divisor)) if isinstance(divisor, float) else Fraction(divisor)
    return (exact_value / exact_divisor).denominator == 1


def _short(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _plural(count: int | float, noun: str) -> str:
    return f"{int(count)} {noun}{'' if count == 1 else 's'}"


def _problems(schema: Mapping[str, Any], value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(error type, message) for each way ``value`` breaks ``schema``, outermost first.

    ``path`` locates ``value`` inside the field (``[0]['size']``); messages start with it.
    """
    at = f"{path}: " if path else ""
    types = schema.get("type")
    if types is not None:
        names = [types] if isinstance(types, str) else list(types)
        if not any(_is_type(value, name) for name in names):
            yield "json_type", f"{at}Input should be of JSON type {' or '.join(names)}"
            return
    if "enum" in schema and _key(value) not in {_key(item) for item in schema["enum"]}:
        choices = ", ".join(_short(item, 40) for item in schema["enum"][:10])
        more = ", ..." if len(schema["enum"]) > 10 else ""
        yield "literal_error", f"{at}Input should be one of {choices}{more}"
    if "const" in schema and _key(value) != _key(schema["const"]):
        yield "literal_error", f"{at}Input should be {_short(schema['const'])}"
    if _is_type(value, "number"):
        yield from ((error, at + message) for error, message in _number_problems(schema, value))
    elif isinstance(value, str):
        yield from ((error, at + message) for error, message in _string_problems(schema, value))
    elif isinstance(value, list):
        yield from _array_problems(schema, value, path, at)
    elif isinstance(value, dict):
        for name in schema.get("required", ()):
            if name not in value:
                yield "missing", f"{path}[{name!r}]: Field required"
        for name, subschema in schema.get("properties", {}).items():
            if name in value:
                yield from _problems(subschema, value[name], f"{path}[{name!r}]")


_BOUNDS: tuple[tuple[str, str, str, Callable[[Any, Any], bool]], ...] = (
    ("minimum", "greater_than_equal", "greater than or equal to", operator.ge),
    ("exclusiveMinimum", "greater_than", "greater than", operator.gt),
    ("maximum", "less_than_equal", "less than or equal to", operator.le),
    ("exclusiveMaximum", "less_than", "less than", operator.lt),
)


def _number_problems(schema: Mapping[str, Any], value: int | float) -> Iterator[tuple[str, str]]:
    for keyword, error, phrase, holds in _BOUNDS:
        if keyword in schema and not holds(value, schema[keyword]):
            yield error, f"Input should be {phrase} {schema[keyword]!r}"
    divisor = schema.get("multipleOf")
    if divisor is not None and not _is_multiple(value, divisor):
        yield "multiple_of", f"Input should be a multiple of {divisor!r}"


# The error type of a value whose pattern match ran out of time (it is refused).
_PATTERN_TIMEOUT = "string_pattern_timeout"


def _string_problems(schema: Mapping[str, Any], value: str) -> Iterator[tuple[str, str]]:
    length = len(value)  # code points, as JSON Schema counts
    if "minLength" in schema and length < schema["minLength"]:
        yield "string_too_short", (
            f"String should have at least {_plural(schema['minLength'], 'character')}"
        )
    if "maxLength" in schema and length > schema["maxLength"]:
        yield "string_too_long", (
            f"String should have at most {_plural(schema['maxLength'], 'character')}"
        )
    if "pattern" in schema:
        try:
            matched = pattern_search(schema["pattern"], value)
        except PatternTimeout as exc:
            yield _PATTERN_TIMEOUT, f"String could not be checked: {exc} (it backtracks too much)"
            return
        if not matched:
            yield "string_pattern_mismatch", f"String should match pattern {schema['pattern']!r}"


def _array_problems(
    schema: Mapping[str, Any], value: list[Any], path: str, at: str
) -> Iterator[tuple[str, str]]:
    if "minItems" in schema and len(value) < schema["minItems"]:
        yield "too_short", f"{at}Array should have at least {_plural(schema['minItems'], 'item')}"
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        yield "too_long", f"{at}Array should have at most {_plural(schema['maxItems'], 'item')}"
    if schema.get("uniqueItems") is True:
        seen: dict[Any, int] = {}
        for index, item in enumerate(value):
            first = seen.setdefault(_key(item), index)
            if first != index:
                equal = f"items {first} and {index} are equal"
                yield "unique_items", f"{at}Array items should be unique: {equal}"
                break
    items = schema.get("items")
    if items is not None:
        for index, item in enumerate(value):
            yield from _problems(items, item, f"{path}[{index}]")


def _as_json(value: Any) -> Any:
    """A value as it would be sent: models by their JSON names, integral floats as integers."""
    if isinstance(value, InputObject):
        return value.to_request()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, list | tuple):
        return [_as_json(item) for item in value]
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    return _json_numbers(value)


def _check_keywords(schema: Mapping[str, Any], where: str = "") -> None:
    unknown = set(schema) - _KEYWORDS
    if unknown:
        raise ValueError(f"JsonSchema{where}: unsupported keyword(s) {sorted(unknown)}")
    for pattern in [schema["pattern"]] if "pattern" in schema else []:
        compile_pattern(pattern)
    if "items" in schema:
        _check_keywords(schema["items"], f"{where}/items")
    for name, subschema in schema.get("properties", {}).items():
        _check_keywords(subschema, f"{where}/properties/{name}")


class JsonSchema:
    """A field's JSON Schema, checked on its JSON value before pydantic reads it.

    Used in ``Annotated`` for the fields whose schema pydantic's types cannot enforce
    exactly: ``value: Annotated[list[str], JsonSchema({"type": "array", "uniqueItems": True})]``.
    The first problem is raised as a pydantic error at the field, with the path inside it.
    """

    __slots__ = ("schema",)

    def __init__(self, schema: Mapping[str, Any]) -> None:
        _check_keywords(schema)
        self.schema = schema

    def __repr__(self) -> str:
        return f"JsonSchema({dict(self.schema)!r})"

    def errors(self, value: Any) -> list[tuple[str, str]]:
        """Every (error type, message) for ``value``; empty when it is valid.

        The list ends at the first pattern match that runs out of time, so one hostile
        array costs one timeout, not one per item.
        """
        found = []
        for problem in _problems(self.schema, _as_json(value), ""):
            found.append(problem)
            if problem[0] == _PATTERN_TIMEOUT:
                break
        return found

    def _validate(self, value: Any) -> Any:
        for error_type, message in _problems(self.schema, _as_json(value), ""):
            raise PydanticCustomError(error_type, "{message}", {"message": message})
        return value

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_before_validator_function(self._validate, handler(source))
