# Generated from generator/runtime/core/spec.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""What a generated model module declares about its model, as plain data.

Each generated module builds one ``ModelSpec``: the model id, its pydantic ``Input`` and
``Output`` classes, its media fields with the rules their files must meet, and what the
catalog says of it (``ModelInfo``: task, media kinds, price). The
validators, the client and the registry read these; nothing else about a model is
hidden in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..rules.grammar import MediaKind, Rule
from .info import ModelInfo

if TYPE_CHECKING:
    from .model import InputModel, OutputModel

__all__ = ["MediaField", "ModelSpec", "RuleSpec", "spec_for"]

InputT = TypeVar("InputT", bound="InputModel[Any]")
OutputT = TypeVar("OutputT", bound="OutputModel")


@dataclass(frozen=True)
class RuleSpec:
    """One published ``validations`` entry, exactly as published."""

    rule: str
    value: int | float
    error: str

    @cached_property
    def parsed(self) -> Rule:
        return Rule.parse(self.rule, self.value, self.error)


@dataclass(frozen=True)
class MediaField:
    """An input field holding media URLs (one, or a list), and the rules each must meet."""

    json_name: str
    kind: MediaKind | None
    is_array: bool
    rules: tuple[RuleSpec, ...]


@dataclass(frozen=True)
class ModelSpec(Generic[InputT, OutputT]):
    """A model as the runtime sees it: id, typed input and output, media rules, info."""

    model_id: str
    input: type[InputT]
    output: type[OutputT]
    media_fields: tuple[MediaField, ...]
    info: ModelInfo | None = None
    """What the package's index says of the model; every generated module sets it."""

    def __post_init__(self) -> None:
        _BY_INPUT[self.input] = self


_BY_INPUT: dict[type, ModelSpec[Any, Any]] = {}


def spec_for(input_type: type) -> ModelSpec[Any, Any] | None:
    """The spec whose ``Input`` is ``input_type``, once its module has been imported."""
    return _BY_INPUT.get(input_type)
