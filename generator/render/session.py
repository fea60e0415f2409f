"""One generate's rendering state: the template environment and what it has memoised.

A session is made per generate and passed to every renderer, so no module keeps state
between runs: black's output by source hash (seeded with what the previous run's
package-level sources became) and the ``Output`` classes by schema (most models publish
the same generic output). Rendering across processes pickles the session: the
environment is rebuilt where it is next used, the ``Output`` classes travel along.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2

from generator import config
from generator.config import RenderOptions
from generator.render.environment import make_environment
from generator.render.formatting import format_python, laid_out_as_black, source_hash
from generator.render.pydantic_models import ModelCode, output_model_code

__all__ = ["RenderSession"]


class RenderSession:
    """The environment and the memos of one generate, with ``options`` for every file.

    ``formatted`` seeds black's memo: source hash -> formatted text, as the previous
    manifest vouches for it.
    """

    def __init__(
        self,
        options: RenderOptions,
        formatted: Mapping[str, str] | None = None,
        templates_dir: Path | None = None,
    ) -> None:
        self.options = options
        self.templates_dir = templates_dir or config.TEMPLATES_DIR
        self._environment: jinja2.Environment | None = None
        self._seeded: dict[str, str] = dict(formatted or {})
        self._formatted: dict[str, str] = {}
        self._outputs: dict[str, ModelCode] = {}

    def __getstate__(self) -> dict[str, Any]:
        """What a worker process gets: no environment (it does not pickle), and of black's
        memo only what this run formatted so far (the parent renders a first model before
        its workers start: its ``Output`` class), not the previous run's seed."""
        state = dict(self.__dict__)
        state["_environment"] = None
        state["_seeded"] = {}
        # copies, taken at once: tasks are pickled by a queue's thread while this process
        # goes on formatting (``parallel.map_in_order_while``)
        state["_formatted"] = dict(self._formatted)
        state["_outputs"] = dict(self._outputs)
        return state

    @property
    def environment(self) -> jinja2.Environment:
        if self._environment is None:
            self._environment = make_environment(self.templates_dir)
        return self._environment

    def render(self, template: str, **context: Any) -> str:
        """The template rendered with ``context``."""
        return self.environment.get_template(template).render(**context)

    def format_python(self, source: str, where: str, laid_out: bool = False) -> str:
        """``source`` formatted by black, or remembered from an earlier identical source;
        ``laid_out``: a part the template lays out as black would, returned as it is when
        :func:`laid_out_as_black` vouches for it."""
        if laid_out and laid_out_as_black(source):
            return source
        digest = source_hash(source)
        known = self._formatted.get(digest) or self._seeded.get(digest)
        if known is None:
            known = self._formatted[digest] = format_python(source, where)
        return known

    def output_code(self, schema: dict[str, Any], model_id: str) -> ModelCode:
        """The ``Output`` class for ``schema``, made once per distinct schema."""
        key = json.dumps(schema, sort_keys=True)
        code = self._outputs.get(key)
        if code is None:
            code = self._outputs[key] = output_model_code(schema, model_id)
        return code
