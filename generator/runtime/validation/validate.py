"""Validate an input before a credit is spent: structure first, then media.

Two separate steps, each callable on its own. Structural validation is pydantic, no
I/O. Media validation reads each media file's header (or only its size) and checks
every published rule against every value, arrays item by item; one call reports every
broken rule, not just the first.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from fractions import Fraction
from typing import Any, TypeVar

import httpx
from pydantic import ValidationError

from ..core.model import InputModel, InputObject
from ..core.spec import MediaField, ModelSpec
from ..errors import (
    MediaFinding,
    MediaValidationError,
    ProbeError,
    StructuralFinding,
    StructuralValidationError,
)
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


def validate_input(spec: ModelSpec[InputT, Any], payload: Mapping[str, Any] | InputT) -> InputT:
    """``payload`` as the model's ``Input``; every structural problem raised at once.

    A mapping is read as the API would read it: by published JSON names only, so a
    payload using Python names (``prompt_text`` for ``promptText``) is refused here, as
    RunComfy would refuse it, instead of being silently renamed.
    """
    if isinstance(payload, spec.input):
        return payload
    try:
        return spec.input.model_validate(payload, by_alias=True, by_name=False)
    except ValidationError as exc:
        findings = [StructuralFinding(_path(error["loc"]), error["msg"]) for error in exc.errors()]
        raise StructuralValidationError(spec.model_id, findings) from None


async def avalidate_input(
    spec: ModelSpec[InputT, Any], payload: Mapping[str, Any] | InputT
) -> InputT:
    """The async form of ``validate_input`` (no I/O; offered so both steps read alike)."""
    return validate_input(spec, payload)


def _media_values(
    spec: ModelSpec[Any, Any], payload: Mapping[str, Any] | InputObject
) -> Iterator[tuple[str, str, MediaField]]:
    data = payload.to_request() if isinstance(payload, InputObject) else payload
    for field in spec.media_fields:
        value = data.get(field.json_name)
        if not field.rules or value is None:
            continue
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, str):
                    yield f"{field.json_name}[{index}]", item, field
        elif isinstance(value, str):
            yield field.json_name, value, field


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


def _judge(path: str, field: MediaField, outcome: ProbeResult | ProbeError) -> list[MediaFinding]:
    kind = field.kind or "media"
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
            findings += _judge(path, field, outcome)
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
    for (path, _, field), outcome in zip(values, outcomes, strict=True):
        findings += _judge(path, field, outcome)
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
