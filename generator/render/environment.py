"""The jinja2 environment every template renders in (one per render session).

Undefined names fail loudly, whitespace is controlled by the templates, and values
reach the generated text only through filters that make them safe where they land:
``pyrepr`` for Python literals, ``md`` for Markdown table cells and prose. The
provenance header comes from its one builder, as the global ``provenance``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jinja2

from generator.provenance import provenance_header

__all__ = ["make_environment", "markdown_text", "python_literal"]


def _string_literal(text: str) -> str:
    """``repr`` of a string, in double quotes as black would write it."""
    literal = repr(text)
    if literal.startswith("'") and '"' not in text:
        return '"' + literal[1:-1].replace("\\'", "'") + '"'
    return literal


def python_literal(value: Any) -> str:
    """A Python literal equal to the JSON ``value`` (strings, numbers, lists, ...)."""
    if isinstance(value, str):
        return _string_literal(value)
    if isinstance(value, bool | int | float) or value is None:
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(python_literal(item) for item in value) + "]"
    if isinstance(value, tuple):
        items = [python_literal(item) for item in value]
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{python_literal(k)}: {python_literal(v)}" for k, v in value.items())
            + "}"
        )
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def markdown_text(value: Any) -> str:
    """Text safe in a Markdown table cell: no raw HTML, pipes or line breaks."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("|", "\\|").replace("`", "\\`")
    return " ".join(text.split())


def markdown_code(value: Any, as_json: bool = True) -> str:
    """A value as inline code (JSON, or plain text), fenced to hold any backticks."""
    text = json.dumps(value, ensure_ascii=False) if as_json else str(value)
    text = " ".join(text.split()).replace("|", "\\|")
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def make_environment(templates_dir: Path) -> jinja2.Environment:
    """A fresh environment loading the templates in ``templates_dir``."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["pyrepr"] = python_literal
    env.filters["md"] = markdown_text
    env.filters["mdcode"] = markdown_code
    env.filters["mdname"] = lambda value: markdown_code(value, as_json=False)
    env.globals["provenance"] = provenance_header
    return env
