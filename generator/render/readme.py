"""The generated project's README: every model listed, the first one as the example.

The first model (by id) may have been reused from the previous tree rather than
rendered now; its usage example then comes from the manifest's record of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.errors import GenerationError
from generator.render.package_files import Listed
from generator.render.session import RenderSession
from generator.reuse import Usage
from generator.runtime import surface

__all__ = ["ReadmeExample", "readme_example", "render_readme"]


@dataclass(frozen=True)
class ReadmeExample:
    """The model the README shows, and its usage example."""

    model_id: str
    module: str
    usage: Usage


def readme_example(
    ordered: Sequence[Listed],
    rendered: Mapping[str, Usage],
    reused: Mapping[str, Usage],
) -> ReadmeExample:
    """The README's example: the first model's usage, rendered now or recorded before."""
    if not ordered:
        return ReadmeExample("owner/model", "owner_model", ())
    first = ordered[0]
    usage = rendered.get(first.model_id, reused.get(first.model_id))
    if usage is None:
        raise GenerationError(f"{first.model_id}: neither rendered nor recorded for the README")
    return ReadmeExample(first.model_id, first.module, usage)


def render_readme(session: RenderSession, context: dict[str, Any], example: ReadmeExample) -> str:
    return session.render(
        "README.md.jinja",
        example=example,
        requirements=surface.REQUIREMENTS,
        extras=surface.EXTRAS,
        extra_purposes=surface.EXTRA_PURPOSES,
        **context,
    )
