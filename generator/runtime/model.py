"""Base classes of every generated ``Input`` and ``Output`` model.

Behaviour shared by all models lives here once, not in each generated module:
accepting both JSON names and Python names, refusing unknown fields (a typo should
fail before a paid job is submitted), matching ``pattern`` with Python's ``re`` as JSON
Schema validators do, and building the request body from only what the caller set.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

__all__ = ["InputModel", "InputObject", "OutputModel"]


class InputObject(BaseModel):
    """Any object in a model's input: validated on construction, serialised by JSON name."""

    model_config = ConfigDict(
        validate_by_name=True,
        validate_by_alias=True,
        extra="forbid",
        regex_engine="python-re",
        use_attribute_docstrings=True,
    )

    def to_request(self) -> dict[str, Any]:
        """The JSON body to submit: only fields the caller set, by their published names.

        Published defaults are not sent: the server applies its own, so a default that
        changed upstream is never overridden by a stale copy.
        """
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


class OutputModel(BaseModel):
    """A model's output: every key optional, unknown keys kept."""

    model_config = ConfigDict(extra="allow", use_attribute_docstrings=True)

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
    ``client.run(Input(...))`` without being told the model again.
    """
