"""Render the whole generated project, in memory, as ``{relative path: text}``.

Nothing here touches the disk: the writer decides what to do with the tree, and the
drift check compares it with what is committed. Every file is a pure function of the
schemas, the templates, the runtime sources and the generator version.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from generator.ir.types import ModelIR
from generator.parallel import map_in_order_while
from generator.render.model_files import render_model
from generator.render.package_files import package_context, package_files
from generator.render.readme import readme_example, render_readme
from generator.render.runtime_copy import runtime_files
from generator.render.session import RenderSession
from generator.reuse import Usage
from generator.runtime.core.info import ModelInfo

__all__ = ["ModelEntry", "PackageRender", "render_package"]


@dataclass(frozen=True)
class ModelEntry:
    """A model as the package-wide files list it: id, module and index entry."""

    model_id: str
    module: str
    info: ModelInfo


@dataclass(frozen=True)
class PackageRender:
    """The tree; the usage example of each model rendered now; and the source hash of
    each package-level Python file (the next run's formatting memo)."""

    tree: dict[str, str]
    usages: dict[str, Usage]
    formatted: dict[str, str]


def render_package(
    session: RenderSession,
    entries: Sequence[ModelEntry],
    models: Sequence[ModelIR],
    reused: Mapping[str, Mapping[str, str]],
    reused_usages: Mapping[str, Usage],
) -> PackageRender:
    """Every file of the generated project.

    ``entries`` lists every model in the package; ``models`` are the ones to render and
    ``reused`` holds, by model id, the files of the others, taken from the previous tree
    because the manifest vouches they are what rendering would produce, with their usage
    examples in ``reused_usages`` (the README quotes the first model's).
    """
    ordered = sorted(entries, key=lambda entry: entry.model_id)
    context = package_context(ordered, session.options)
    # the package-level files (black's largest inputs) are made while workers render models
    rendered, (files, formatted) = map_in_order_while(
        partial(render_model, session), list(models), partial(package_files, session, context)
    )
    tree: dict[str, str] = {}
    for entry in ordered:
        tree.update(reused.get(entry.model_id, {}))
    for model in rendered:
        tree.update(model.files)
    tree.update(files)
    tree.update(runtime_files(session.options.command))
    usages = {model.model_id: model.usage for model in rendered}
    example = readme_example(ordered, usages, reused_usages)
    tree["README.md"] = render_readme(session, context, example)
    return PackageRender(dict(sorted(tree.items())), usages, formatted)
