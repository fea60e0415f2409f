"""Validate an input before a credit is spent: structure first, then media.

Two separate steps, each callable on its own. Structural validation is pydantic, no
I/O; each finding shows the value received and what was expected (the type first, so
``"5"`` for an integer enum is a type mistake, not a missing choice), and a misspelt
field name gets "did you mean". Media validation reads each media file's header (or
only its size) and checks every published rule against every value, arrays item by
item; one call reports every broken rule, not just the first.
"""

from __future__ import annotations

import asyncio
import difflib
import types
from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

import httpx
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..core.model import InputModel, InputObject
from ..core.spec import MediaField, ModelSpec
from ..errors import (
    MediaFinding,
    MediaValidationError,
    ProbeError,
    StructuralFinding,
    StructuralValidationError,
)
from ..media.local import LOCAL_MEDIA, local_label
from ..media.probe import ProbeLimits, ProbeResult, aprobe_media, probe_media
from ..rules.grammar import Fact, Metric

__all__ = [
    "amedia_findings",
    "avalidate_input",
    "avalidate_media",
    "media_findings",
    "validate_input",
    "validate_media",
]

InputT = TypeVar("InputT", bound=InputModel[Any])
DEFAULT_LIMITS = ProbeLimits()
_CONCURRENT_PROBES = 8


def _path(location: tuple[int | str, ...]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def validate_input(
    spec: ModelSpec[InputT, Any],
    payload: Mapping[str, Any] | InputT,
    *,
    local_paths: bool = True,
) -> InputT:
    """``payload`` as the model's ``Input``; every structural problem raised at once.

    A mapping is read as the API would read it: by published JSON names only, so a
    payload using Python names (``prompt_text`` for ``promptText``) is refused here, as
    RunComfy would refuse it, instead of being silently renamed. Local media in media
    fields is encoded as ``data:`` URIs (see ``media.local``); ``local_paths=False`` never
    reads a string as a file's path (for a payload that came from someone else).
    """
    if isinstance(payload, spec.input):
        return payload
    try:
        return spec.input.model_validate(
            payload, by_alias=True, by_name=False, context={LOCAL_MEDIA: local_paths}
        )
    except ValidationError as exc:
        findings = [
            StructuralFinding(_path(error["loc"]), _worded(spec.input, error))
            for error in exc.errors()
        ]
        raise StructuralValidationError(spec.model_id, findings) from None


_KINDS = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"))


def _kind(value: object) -> str:
    """The JSON type of ``value``, as a user would name it."""
    if value is None:
        return "null"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list | tuple):
        return "array"
    return next((name for cls, name in _KINDS if isinstance(value, cls)), type(value).__name__)


def _show(value: object) -> str:
    """``value`` for a message, short: long strings cut, containers only described."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else f"{value[:40]!r}... ({len(value)} characters)"
    if isinstance(value, list | tuple):
        return f"an array of {len(value)} item(s)"
    if isinstance(value, Mapping):
        return "an object"
    return repr(value)


def _typed(value: object) -> str:
    """``value`` with its JSON type, for type mistakes: ``the string '5'``, ``null``."""
    if value is None or isinstance(value, list | tuple | Mapping):
        return _show(value)
    return f"the {_kind(value)} {_show(value)}"


def _unwrap(annotation: Any) -> Any:
    """The annotation under ``Annotated`` and ``X | None | MISSING``, when one choice is left."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            choices = [a for a in get_args(annotation) if a is not type(None)]
            typed = [a for a in choices if get_origin(a) or isinstance(a, type)]
            if len(typed) != 1:
                return annotation
            annotation = typed[0]
        else:
            return annotation


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    """A model's fields by their published (JSON) name."""
    return {field.alias or name: field for name, field in model.model_fields.items()}


def _walk(model: type[BaseModel], loc: Sequence[int | str]) -> Any:
    """The annotation at ``loc`` in ``model`` (through lists and nested models), or ``None``."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            if get_origin(current) not in (list, tuple, set, frozenset):
                return None
            current = get_args(current)[0]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = _fields(current).get(part)
            if field is None:
                return None
            current = field.annotation
        else:
            return None
    return _unwrap(current)


def _unknown_field(name: str, holder: Any) -> str:
    if not (isinstance(holder, type) and issubclass(holder, BaseModel)):
        return "unknown field"
    fields = _fields(holder)
    by_python = {python: f.alias or python for python, f in holder.model_fields.items()}
    folded = {alias.lower(): alias for alias in fields}
    guess = by_python.get(name) or folded.get(name.lower())
    guess = guess or next(iter(difflib.get_close_matches(name, list(fields), 1, 0.7)), None)
    if guess is not None:
        return f"unknown field; did you mean {guess!r}?"
    return "unknown field; the fields are: " + ", ".join(repr(alias) for alias in fields)


def _not_a_choice(value: object, choices: tuple[Any, ...]) -> str:
    listed = ", ".join(repr(choice) for choice in choices)
    listed = listed if len(choices) == 1 else f"one of {listed}"
    kinds = {_kind(choice) for choice in choices}
    if len(kinds) == 1 and _kind(value) not in kinds:
        (kind,) = kinds
        text = f"got {_typed(value)}; expected {_article(kind)}, {listed}"
        number = value.strip() if isinstance(value, str) else ""
        if number.lstrip("-").isdigit() and len(number) < 20 and int(number) in choices:
            text += f"; send {int(number)} without quotes"
        return text
    text = f"got {_show(value)}; expected {listed}"
    if isinstance(value, str):
        texts = [choice for choice in choices if isinstance(choice, str)]
        folded = [choice for choice in texts if choice.lower() == value.lower()]
        guess = folded or difflib.get_close_matches(value, texts, 1, 0.75)
        if guess:
            text += f"; did you mean {guess[0]!r}?"
    return text


def _article(kind: str) -> str:
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


def _worded(model: type[BaseModel], error: ErrorDetails) -> str:
    """``_explain``, or pydantic's own words for a shape it does not foresee."""
    try:
        return _explain(model, error)
    except Exception:  # a finding must never become a crash
        return error["msg"]


def _explain(model: type[BaseModel], error: ErrorDetails) -> str:
    """One finding in words: the value received, then what was expected."""
    kind, loc, value = error["type"], error["loc"], error.get("input")
    if kind == "local_media":  # already names the file and what was expected
        return error["msg"]
    if kind == "missing":
        return "required, but not given"
    if kind == "extra_forbidden":
        return _unknown_field(str(loc[-1]), _walk(model, loc[:-1]) if loc[:-1] else model)
    annotation = _walk(model, loc)
    if kind == "literal_error" and get_origin(annotation) is Literal:
        return _not_a_choice(value, get_args(annotation))
    message = error["msg"]
    if message.startswith("Input should be "):
        message = "expected " + message.removeprefix("Input should be ")
    return f"got {_typed(value) if kind.endswith('_type') else _show(value)}; {message}"


async def avalidate_input(
    spec: ModelSpec[InputT, Any],
    payload: Mapping[str, Any] | InputT,
    *,
    local_paths: bool = True,
) -> InputT:
    """The async form of ``validate_input`` (no network I/O; local media is read as there)."""
    return validate_input(spec, payload, local_paths=local_paths)


def _media_values(
    spec: ModelSpec[Any, Any], payload: Mapping[str, Any] | InputObject
) -> Iterator[tuple[str, str, MediaField]]:
    """Each media value to check: all of a field with rules; of a field without, only the
    ``data:`` URIs (a local file, encoded): their kind is checked without any network."""
    data = payload.to_request() if isinstance(payload, InputObject) else payload
    for field in spec.media_fields:
        value = data.get(field.json_name)
        items = enumerate(value) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            if not isinstance(item, str) or not (field.rules or item.startswith("data:")):
                continue
            where = field.json_name if index is None else f"{field.json_name}[{index}]"
            yield where, item, field


def _needs(field: MediaField) -> frozenset[Fact]:
    needs: set[Fact] = set()
    for rule in field.rules:
        needs |= rule.parsed.metric.needs
    return frozenset(needs)


def _measured(metric: Metric, value: Fraction, result: ProbeResult) -> str:
    if metric.name == "file_size_mb":
        return f"{float(value):g} MB ({result.facts.size_bytes:,} bytes)"
    if metric.name == "width/height":
        return f"{float(value):.4g} ({result.facts.width}x{result.facts.height})"
    return f"{float(value):g} {metric.unit}".rstrip()


def _judge(
    path: str, field: MediaField, outcome: ProbeResult | ProbeError, source: str = ""
) -> list[MediaFinding]:
    kind = field.kind or "media"
    label = local_label(source)
    if label is not None:  # a local file encoded here: name it, not its data: URI
        path = f"{path} ({label})"
    if isinstance(outcome, ProbeError):
        return [MediaFinding(path, "", None, None, f"cannot check this {kind} file: {outcome}")]
    findings = []
    for spec in field.rules:
        rule = spec.parsed
        measured = rule.metric.measure(outcome.facts)
        if measured is None:
            findings.append(
                MediaFinding(
                    path,
                    rule.text,
                    rule.value,
                    None,
                    f"cannot measure the {rule.metric.description} of this {kind} file, "
                    f"so rule {rule.text} {rule.value} cannot be checked",
                )
            )
        elif not rule.holds(measured):
            message = rule.error or f"must meet {rule.text} {rule.value}"
            measurement = _measured(rule.metric, measured, outcome)
            findings.append(MediaFinding(path, rule.text, rule.value, measurement, message))
    return findings


def media_findings(
    spec: ModelSpec[Any, Any],
    payload: Mapping[str, Any] | InputObject,
    *,
    client: httpx.Client | None = None,
    limits: ProbeLimits = DEFAULT_LIMITS,
) -> list[MediaFinding]:
    """Every broken media rule in ``payload``; an empty list when all hold."""
    findings: list[MediaFinding] = []
    owned = client is None
    http = client or httpx.Client()
    try:
        for path, source, field in _media_values(spec, payload):
            outcome: ProbeResult | ProbeError
            try:
                outcome = probe_media(source, field.kind, _needs(field), client=http, limits=limits)
            except ProbeError as exc:
                outcome = exc
            findings += _judge(path, field, outcome, source)
    finally:
        if owned:
            http.close()
    return findings


async def amedia_findings(
    spec: ModelSpec[Any, Any],
    payload: Mapping[str, Any] | InputObject,
    *,
    client: httpx.AsyncClient | None = None,
    limits: ProbeLimits = DEFAULT_LIMITS,
) -> list[MediaFinding]:
    """The async form of ``media_findings``; files are probed concurrently."""
    values = list(_media_values(spec, payload))
    gate = asyncio.Semaphore(_CONCURRENT_PROBES)

    async def probe(source: str, field: MediaField) -> ProbeResult | ProbeError:
        async with gate:
            try:
                return await aprobe_media(
                    source, field.kind, _needs(field), client=client, limits=limits
                )
            except ProbeError as exc:
                return exc

    outcomes = await asyncio.gather(*(probe(source, field) for _, source, field in values))
    findings: list[MediaFinding] = []
    for (path, source, field), outcome in zip(values, outcomes, strict=True):
        findings += _judge(path, field, outcome, source)
    return findings


def validate_media(
    spec: ModelSpec[Any, Any],
    payload: Mapping[str, Any] | InputObject,
    *,
    client: httpx.Client | None = None,
    limits: ProbeLimits = DEFAULT_LIMITS,
) -> None:
    """Raise ``MediaValidationError`` listing every broken media rule."""
    findings = media_findings(spec, payload, client=client, limits=limits)
    if findings:
        raise MediaValidationError(spec.model_id, findings)


async def avalidate_media(
    spec: ModelSpec[Any, Any],
    payload: Mapping[str, Any] | InputObject,
    *,
    client: httpx.AsyncClient | None = None,
    limits: ProbeLimits = DEFAULT_LIMITS,
) -> None:
    """The async form of ``validate_media``."""
    findings = await amedia_findings(spec, payload, client=client, limits=limits)
    if findings:
        raise MediaValidationError(spec.model_id, findings)
