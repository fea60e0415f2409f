"""What is known about a model besides its schemas: its task, media and price.

One ``ModelInfo`` per model is written into the generated package twice over: in the
model's own module (``INFO``, also ``SPEC.info``) and in the package's index
(``runcomfy_models._catalog``), which ``find`` reads without importing any model module.
Every field says where it came from: what the catalog publishes is kept as published;
what had to be worked out (the task from the model id, the output media from the task)
is marked as derived.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..rules.grammar import MediaKind

__all__ = ["CostBasis", "ModelInfo", "OutputMediaOrigin", "Price", "TaskOrigin"]

TaskOrigin = Literal["published", "model id", "media", "unknown"]
"""Where a model's task came from: the catalog's ``categories``, or derived from the
model id's segments (``.../image-to-video``), or from its input and output media; or
nothing says (the task is then ``other``)."""

OutputMediaOrigin = Literal["output schema", "categories", "task", "unknown"]
"""Where a model's output media kinds came from: its published output schema names one
kind; or the catalog's categories name the kind (RunComfy's are ``video``, ``image``,
``audio``); or else the task's ``-to-<kind>``. ``unknown`` (no kinds): nothing says,
the output schema being the generic one, published or assumed."""


@dataclass(frozen=True)
class Price:
    """A model's published price: ``base_price_usd`` per ``price_unit``.

    RunComfy's units are ``second`` (of output) and ``output`` (per item made); another
    unit is kept as published, and no estimate is made from it.
    """

    base_price_usd: float
    price_unit: str
    pricing_note: str | None = None


@dataclass(frozen=True)
class CostBasis:
    """The input fields a price multiplies, found by name and type when generating.

    ``duration_field`` holds the output's length (in ``duration_unit``: seconds, or
    milliseconds for ``*_ms`` fields); ``count_field`` the number of outputs made, or
    with ``count_is_maximum`` (a ``max_images`` field) the most the model may make, so
    an estimate from it is an upper bound.
    """

    duration_field: str | None = None
    duration_unit: Literal["s", "ms"] = "s"
    count_field: str | None = None
    count_is_maximum: bool = False


@dataclass(frozen=True)
class ModelInfo:
    """One model as the index lists it; ``find`` filters these."""

    model_id: str
    module: str
    """The module under ``runcomfy_models.models`` that defines it."""
    display_name: str | None
    task: str
    task_origin: TaskOrigin
    categories: tuple[str, ...]
    """As the catalog publishes them (empty when it publishes none)."""
    kind: str | None
    """The catalog's ``kind`` of entry, as published."""
    input_media: tuple[MediaKind, ...]
    output_media: tuple[MediaKind, ...]
    output_media_origin: OutputMediaOrigin
    required_inputs: tuple[str, ...]
    price: Price | None
    cost_basis: CostBasis

    @property
    def name(self) -> str:
        """The display name, or the model id where the catalog publishes none."""
        return self.display_name or self.model_id

    @property
    def doc_page(self) -> str:
        """The model's reference page, relative to the generated project's root (the
        repository's ``generated/``; ``pip install`` installs the package, not its docs)."""
        return f"docs/models/{self.module}.md"
