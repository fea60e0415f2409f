"""Property-based fuzzing of the whole pipeline: hostile schema documents in, code out.

Hypothesis draws schema documents with hostile strings wherever a string can go (model
ids, property names, titles, descriptions, defaults, enum values, ``validation_error``
texts, output keys, sources, endpoints): Python keywords and builtins, pydantic's own
names, names that differ only in case, punctuation or Unicode normalisation, quotes and
triple quotes, backslashes, control and bidi characters, line separators, Jinja
``{{ }}``/``{% %}``, shell and Python injections, very long strings, huge enums and
deep nesting; and random payloads for each document.

Each document must be either rejected by lint with well-formed findings (model id,
pointer, message; one printable line each; never a traceback; and through the ``lint``
command too, from a file), or be generated, with others, into one package
that compiles, imports, passes ``mypy --strict`` and ruff, keeps every string exactly as
published (field descriptions, ``Literal`` values, defaults, aliases, ``RuleSpec``
errors, output keys, the model id) and validates every payload exactly as the
``jsonschema`` library does (with ``additionalProperties: false`` on the root, where the
generated ``Input`` deliberately refuses unknown fields). No schema text may ever run:
the injections try to create a file, which must never appear. Documents that plant an
unsupported keyword, or that ``jsonschema`` cannot judge, must be refused; one holding a
lone surrogate is refused too (were it accepted, writing its schema file would fail the
run). The report counts, per hostile feature (huge enums, deep nesting, names that
clash after case folding, ...), the accepted documents that had it: a long run must
have generated every one.

Documents are drawn one per Hypothesis example (derandomized: the same documents on
every run) and generated in batches, so mypy runs once per batch. The size comes from
the environment: ``FUZZ_DOCUMENTS`` (default 100) and ``FUZZ_BATCH`` (default 250);
``scripts/fuzz`` runs 10,000. ``FUZZ_REPORT`` names a JSON file for the figures.
"""

from __future__ import annotations

import builtins
import copy
import functools
import json
import keyword
import operator
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from generator.cli import main
from generator.ir.build import _media_field
from generator.schema.document import model_id_problem, schema_relpath
from generator.schema.findings import Finding, one_line
from generator.schema.lint import lint_document
from generator.schema.model import _is_sample_prompt, parse_document
from generator.sources.canonical import GENERIC_OUTPUT_SCHEMA
from tests.support.documents import write

BIN = Path(sys.executable).parent
DOCUMENTS = int(os.environ.get("FUZZ_DOCUMENTS", "100"))
BATCH = int(os.environ.get("FUZZ_BATCH", "250"))
REPORT = os.environ.get("FUZZ_REPORT")

PWNED = Path(tempfile.gettempdir()) / f"PWNED_{secrets.token_hex(6)}"

# -- hostile strings ------------------------------------------------------------------

INJECTIONS = [
    f"__import__('os').system('touch {PWNED}')",
    f'"""; import os; os.system(\'touch {PWNED}\') #',
    f"'''; __import__('os').system('touch {PWNED}'); '''",
    f"'); __import__('os').system('touch {PWNED}'); ('",
    f"{{{{ cycler.__init__.__globals__.os.system('touch {PWNED}') }}}}",
    f"{{% set x = cycler.__init__.__globals__.os.system('touch {PWNED}') %}}",
    f"$(touch {PWNED})",
    f"`touch {PWNED}`",
    f"\\\n__import__('os').system('touch {PWNED}')",
    f"\n__import__('os').system('touch {PWNED}')\n",
]
TEXTS = [
    *INJECTIONS,
    '"""',
    "'''",
    '""""',
    '"',
    "'",
    'ends with a quote"',
    "ends with a backslash\\",
    "\\",
    "\\n",
    "\\x00",
    "\\N{BULLET}",
    "\\u202e",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\x00",
    "\x0b\x0c",
    "\x1b[31mred",
    "\x7f",
    "\u2028",
    "\u2029",
    "\x85",
    "\u202eevil\u202c",
    "\u200b",
    "\u200d",
    "\ufeff",
    "{{ config }}",
    "{{ self }}",
    "{% raw %}",
    "{% endraw %}",
    "{#",
    "#}",
    "{}",
    "{0}",
    "{message}",
    "%s %(x)s",
    "${HOME}",
    "<script>alert(1)</script>",
    "| --- |",
    "*_`~[x](javascript:alert(1))",
    "None",
    "True",
    "null",
    "NaN",
    "-0",
    "é",
    "e\u0301",
    "🏳️‍🌈",
    "\U0001f600",
    "\U0001d518\U0001d52b\U0001d526",
    "שלום עולם",
    "مرحبا",
    "名前",
    "Ⅻ",
    "ﬁ",
    "  leading spaces",
    "trailing spaces  ",
    "\n\nblank lines around\n\n",
    "    indented\n  less",
    "line\n    indented\nline",
    "Options:\n  - a\n  - b",
    "tab\there",
    "",
    " ",
]
NAMES = [
    *keyword.kwlist,
    *keyword.softkwlist,
    *("list", "dict", "str", "int", "float", "bool", "type", "id", "print", "object"),
    *("super", "self", "cls", "len", "input", "open", "exec", "eval", "__import__"),
    *("__builtins__", "__class__", "__dict__", "__init__", "__name__", "__doc__"),
    *("__slots__", "_", "__", "_private", "__dunder__"),
    *("model_config", "model_fields", "model_validate", "model_dump", "model_construct"),
    *("model_copy", "model_post_init", "model_extra", "model_fields_set", "json", "copy"),
    *("schema", "construct", "validate", "fields", "Config", "to_request", "urls"),
    *("MISSING", "Field", "Annotated", "Literal", "Any", "JsonSchema", "InputModel"),
    *("InputObject", "OutputModel", "Output", "Input", "MEDIA_FIELDS", "SPEC", "MODEL_ID"),
    *("Final", "annotations", "pydantic", "typing", "runcomfy_models"),
    *("prompt", "Prompt", "PROMPT", "promptText", "prompt_text", "prompt-text"),
    *("prompt.text", "prompt text", "prompt__text", "_prompt", "prompt_", "1st", "9"),
    *("0", "-", ".", " ", "", "$ref", "#", "a/b", "~0", "~1", "a\\b", 'a"b', "a'b"),
    *("a\nb", "a\tb", "a\x00b", "ünïcödé", "名前", "שלום", "e\u0301", "\u202eevil"),
    *(
        "\u200d",
        "\ufeff",
        "😀",
        "\U0001d518\U0001d52b\U0001d526",
        "ﬁeld",
        "field",
        "Ⅻ",
        "ß",
        "SS",
        "İ",
        "\u0131",
    ),
    *("x" * 300, "{{ config }}", "{%", INJECTIONS[0]),
]
SEGMENTS = [
    *("class", "import", "None", "True", "def", "lambda", "list", "print", "self"),
    *("a-b", "a_b", "a.b", "A-B", "A_B", "a--b", "a__b", "1", "0x1", "9lives", "x" * 128),
    *("model", "Model", "MODEL", "v1", "v1.0", "4k", "4K", "image-to-video"),
]
BAD_SEGMENTS = ["", "..", ".hidden", "-x", "x-", "a b", "a/b/../c", "é", "x" * 129, "a\nb"]
METRICS = ["file_size_mb", "width_pixels", "height_pixels", "width/height", "duration_seconds"]
OPERATORS = ["<", "<=", ">", ">=", "==", "!="]
PATTERNS = ["^a", "b$", "^[a-z]*$", "\\d", "^$", "x|y", "(?i)ab", "[", "\\p{L}", "^.{2,3}$"]
MULTIPLES = [1, 2, 3, 5, 0.5, 0.25, 1.5, 2.5, 0.125, 2.0]  # dyadic: float division is exact


def rare(draw: st.DrawFn, chance: float) -> bool:
    """True with about this chance (Hypothesis's own choices lean hard towards the simplest)."""
    return random.Random(draw(st.integers(0, 2**64))).random() < chance


@functools.cache
def texts() -> st.SearchStrategy[str]:
    plain = st.text(st.characters(blacklist_categories=["Cs"]), max_size=20)
    joined = st.lists(st.sampled_from(TEXTS), min_size=2, max_size=4).map("".join)
    long = st.tuples(st.sampled_from([*TEXTS[:20], "x", "ab "]), st.integers(200, 3000)).map(
        lambda pair: pair[0] * pair[1]
    )
    return st.one_of(st.sampled_from(TEXTS), plain, joined, long)


@functools.cache
def patterns() -> st.SearchStrategy[str]:
    """Tame patterns, hostile text matched literally, and hostile text as a pattern."""
    return st.one_of(st.sampled_from(PATTERNS), texts().map(re.escape), texts())


@functools.cache
def names() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(NAMES), st.sampled_from(NAMES), texts())


@st.composite
def model_ids(draw: st.DrawFn) -> str:
    if rare(draw, 1 / 10):
        segments = st.one_of(st.sampled_from(SEGMENTS), st.sampled_from(BAD_SEGMENTS), texts())
        return "/".join(draw(st.lists(segments, min_size=1, max_size=6)))
    plain = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_-]{0,20}[A-Za-z0-9]", fullmatch=True)
    segments = st.one_of(st.sampled_from(SEGMENTS), plain)
    return "/".join(draw(st.lists(segments, min_size=2, max_size=4)))


@functools.cache
def json_values(max_leaves: int = 5) -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**53), 2**53),
        st.floats(-1e15, 1e15, allow_nan=False, allow_infinity=False),
        st.sampled_from([0, 1, -1, 0.0, 1.0, 2.0, 0.5, -0.0]),
        texts(),
    )
    return st.recursive(scalars, _json_containers, max_leaves=max_leaves)


def _json_containers(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=3) | st.dictionaries(names(), inner, max_size=3)


# -- schema documents -----------------------------------------------------------------


@st.composite
def annotated(draw: st.DrawFn, node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with hostile annotations: title, description, examples, $comment, default."""
    node = dict(node)
    if draw(st.booleans()):
        node["title"] = draw(texts())
    if draw(st.booleans()):
        node["description"] = draw(texts())
    if rare(draw, 1 / 10):
        node["examples"] = draw(st.lists(json_values(), max_size=2))
    if rare(draw, 1 / 10):
        node["$comment"] = draw(texts())
    if rare(draw, 1 / 4):
        node["default"] = draw(json_values(3) if rare(draw, 1 / 20) else defaults_for(node))
    return node


@st.composite
def enums(draw: st.DrawFn, values: st.SearchStrategy[Any], kind: str = "string") -> list[Any]:
    if rare(draw, 1 / 8):  # a huge enum, cheaply
        size = draw(st.integers(100, 1200))
        if kind == "integer":
            return list(range(2, size + 2))
        seed = draw(st.sampled_from(TEXTS))
        return [f"{seed}{index}" for index in range(size)]
    return draw(st.lists(values, min_size=1, max_size=6))


@st.composite
def bounds(draw: st.DrawFn, node: dict[str, Any]) -> dict[str, Any]:
    """Numeric bounds, mostly leaving some valid value."""
    low = draw(st.one_of(st.integers(-5, 10), st.sampled_from([0.5, 1.1, 3.0, -2.5])))
    high = low + draw(st.one_of(st.integers(1, 20), st.sampled_from([0.5, 2.5])))
    if rare(draw, 1 / 20):
        low, high = high, low
    for key, value in (("minimum", low), ("exclusiveMinimum", low), ("maximum", high)):
        if rare(draw, 1 / 4):
            node[key] = value
    if rare(draw, 1 / 4):
        node["exclusiveMaximum"] = high
    return node


@st.composite
def leaves(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["string", "integer", "number", "boolean", "null", "none", "many"]))
    node: dict[str, Any] = {}
    if kind == "string":
        node["type"] = "string"
        if draw(st.booleans()):
            node["minLength"] = draw(st.integers(0, 4))
        if draw(st.booleans()):
            node["maxLength"] = draw(st.integers(0, 8))
        if rare(draw, 1 / 4):
            node["pattern"] = draw(patterns())
        if rare(draw, 1 / 3):
            node["enum"] = draw(enums(texts()))
        if rare(draw, 1 / 5):
            formats = st.sampled_from(["image_uri", "uri", "date", "email"])
            node["format"] = draw(texts() if rare(draw, 1 / 5) else formats)
    elif kind in ("integer", "number"):
        node["type"] = kind if draw(st.integers(0, 5)) else "float"
        bound = st.one_of(st.integers(-5, 20), st.sampled_from([0.5, 1.1, 3.0, -2.5]))
        for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            if rare(draw, 1 / 3):
                node[key] = draw(bound)
        if rare(draw, 1 / 4):
            node["multipleOf"] = draw(st.sampled_from(MULTIPLES))
        if rare(draw, 1 / 4):
            node["enum"] = draw(
                enums(st.integers(-3, 300) | st.sampled_from([1.0, 2.0]), kind="integer")
            )
    elif kind == "boolean":
        node["type"] = "boolean"
        if draw(st.booleans()):
            node["enum"] = draw(st.lists(st.booleans(), min_size=1, max_size=2))
        elif draw(st.booleans()):
            node["const"] = draw(st.booleans())
    elif kind == "null":
        node["type"] = "null"
    elif kind == "many":
        node["type"] = draw(
            st.lists(
                st.sampled_from(["string", "integer", "number", "boolean", "null", "array"]),
                min_size=2,
                max_size=3,
                unique=True,
            )
        )
    if kind in ("none", "many"):  # keywords whose type may not apply
        for key, values in (
            ("minimum", st.integers(-3, 3)),
            ("maxLength", st.integers(0, 4)),
            ("minItems", st.integers(0, 2)),
            ("uniqueItems", st.booleans()),
            ("multipleOf", st.sampled_from(MULTIPLES)),
            ("pattern", st.sampled_from(PATTERNS[:6])),
        ):
            if rare(draw, 1 / 4):
                node[key] = draw(values)
        if rare(draw, 1 / 4):
            node["enum"] = draw(enums(values_for(node)))
        if rare(draw, 1 / 6):
            node["const"] = draw(values_for(node))
    if rare(draw, 1 / 150):  # something lint must refuse
        node[draw(st.sampled_from(["oneOf", "$ref", "additionalProperties", "if", "x"]))] = {}
    return draw(annotated(node))


def defaults_for(node: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Plausible defaults: of the node's type, often in its enum (bounds may still break)."""
    if node.get("enum"):
        return st.sampled_from(node["enum"])
    simple = {
        "string": texts(),
        "integer": st.integers(-3, 30),
        "number": st.integers(-3, 30) | st.sampled_from([0.5, 2.25]),
        "float": st.sampled_from([0.5, 2.25, 3]),
        "boolean": st.booleans(),
        "null": st.none(),
        "array": st.lists(st.integers(0, 3) | texts(), max_size=2),
    }
    kinds = _types(node) if "type" in node else list(simple)
    return st.one_of([simple[kind] for kind in kinds if kind in simple] or [st.none()])


def _annotated(node: Any) -> st.SearchStrategy[dict[str, Any]]:
    return annotated(node)


@st.composite
def arrays(draw: st.DrawFn, children: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    node: dict[str, Any] = {"type": "array"}
    if draw(st.integers(0, 4)):
        node["items"] = draw(children)
    for key, values in (
        ("minItems", st.integers(0, 2)),
        ("maxItems", st.integers(0, 4)),
        ("uniqueItems", st.booleans()),
    ):
        if rare(draw, 1 / 3):
            node[key] = draw(values)
    return draw(annotated(node))


@st.composite
def objects(draw: st.DrawFn, children: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    properties = draw(st.dictionaries(names(), children, min_size=0, max_size=4))
    node: dict[str, Any] = {"type": "object", "properties": properties}
    wants_required: bool = draw(st.booleans())
    if properties and wants_required:
        node["required"] = draw(
            st.lists(st.sampled_from(sorted(properties)), unique=True, max_size=3)
        )
        if rare(draw, 1 / 10):
            node["required"].append(draw(names()))
    return draw(annotated(node))


def containers(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(arrays(children), objects(children))


@functools.cache
def nodes() -> st.SearchStrategy[dict[str, Any]]:
    return st.recursive(leaves(), containers, max_leaves=6)


@st.composite
def deep(draw: st.DrawFn) -> dict[str, Any]:
    """A chain of objects and arrays nested 10 to 30 deep."""
    node = draw(leaves())
    for _ in range(draw(st.integers(10, 30))):
        if draw(st.booleans()):
            node = {"type": "array", "items": node}
        else:
            node = {"type": "object", "properties": {draw(names()): node}}
    return node


KIND_METRICS = {
    "image": ["file_size_mb", "width_pixels", "height_pixels", "width/height"],
    "video": METRICS,
    "audio": ["file_size_mb", "duration_seconds"],
}


@st.composite
def media_rules(draw: st.DrawFn, metrics: list[str]) -> dict[str, Any]:
    """One rule: mostly well formed, now and then hostile text as the rule or its value."""
    rule = draw(st.sampled_from(metrics)) + draw(st.sampled_from(OPERATORS))
    value = draw(st.one_of(st.integers(1, 9000), st.sampled_from([0.5, 4.7])))
    return {
        "validation_rule": draw(texts()) if rare(draw, 1 / 40) else rule,
        "validation_value": draw(json_values(2)) if rare(draw, 1 / 40) else value,
        "validation_error": draw(texts()),
    }


@st.composite
def media_fields(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["image", "video", "audio"]))
    metrics = METRICS if rare(draw, 1 / 10) else KIND_METRICS[kind]
    rules = draw(st.lists(media_rules(metrics), min_size=1, max_size=4))
    single = {"type": "string", "format": f"{kind}_uri", "validations": rules}
    if draw(st.booleans()):
        return draw(annotated(single))
    return draw(annotated({"type": "array", "items": single, "maxItems": 3}))


def _punctuated(name: str) -> str:
    return name.replace("_", "-") if "_" in name else f"{name}_"


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    model_id = draw(model_ids())
    property_nodes = st.one_of(nodes(), nodes(), nodes(), media_fields(), deep())
    properties = draw(st.dictionaries(names(), property_nodes, min_size=1, max_size=7))
    if rare(draw, 1 / 5):  # a twin differing only in case or punctuation
        name = draw(st.sampled_from(sorted(properties)))
        twin = draw(st.sampled_from([str.upper, str.swapcase, str.title, _punctuated]))(name)
        properties.setdefault(twin, draw(property_nodes))
    root: dict[str, Any] = {"type": "object", "properties": properties}
    if draw(st.booleans()):
        root["required"] = draw(
            st.lists(st.sampled_from(sorted(properties)), unique=True, max_size=4)
        )
    if rare(draw, 1 / 6):
        root["description"] = draw(texts())
    if rare(draw, 1 / 15):  # half a UTF-16 pair, as JSON can spell it: lint must refuse it
        surrogate = draw(st.sampled_from(["\ud83d", "x\udfff", "\udc00\ud800"]))
        if draw(st.booleans()):
            root["description"] = surrogate
        else:
            properties[surrogate] = {"type": "string", "title": surrogate}
    if rare(draw, 1 / 60):
        root[draw(st.sampled_from(["minimum", "enum", "oneOf", "additionalProperties"]))] = [1]
    if rare(draw, 1 / 4):
        outputs = draw(
            st.dictionaries(
                names(),
                st.sampled_from(
                    [
                        {"type": "string", "format": "uri"},
                        {"type": "array", "items": {"type": "string"}},
                        {"type": "string"},
                    ]
                ).flatmap(_annotated),
                min_size=1,
                max_size=4,
            )
        )
        output, origin = {"type": "object", "properties": outputs}, "published"
    else:
        output, origin = copy.deepcopy(GENERIC_OUTPUT_SCHEMA), "assumed"
    host = draw(st.one_of(st.just("model-api.runcomfy.net"), texts()))
    return {
        "model_id": model_id,
        "endpoint": f"https://{host}/v1/models/{model_id}",
        "input_schema": root,
        "output_schema": output,
        "output_schema_origin": origin,
        "source": {
            "kind": draw(st.sampled_from(["page", "catalog"])),
            "locations": draw(st.lists(texts(), min_size=1, max_size=2)),
        },
    }


# -- what a document holds ------------------------------------------------------------

# Keywords the strategies plant for lint to refuse (anywhere, or on the input's root).
PLANTED = frozenset({"oneOf", "$ref", "additionalProperties", "if", "x"})
PLANTED_ON_ROOT = frozenset({"minimum", "enum", "oneOf", "additionalProperties"})


def _schema_nodes(node: Any, depth: int = 0) -> Iterator[tuple[dict[str, Any], int]]:
    """``(node, depth)`` for every schema node under ``node`` (not inside values)."""
    if not isinstance(node, dict):
        return
    yield node, depth
    properties = node.get("properties")
    if isinstance(properties, dict):
        for child in properties.values():
            yield from _schema_nodes(child, depth + 1)
    yield from _schema_nodes(node.get("items"), depth + 1)


def _refusable_keywords(document: dict[str, Any]) -> list[str]:
    """Planted keywords in ``document``: each must make lint refuse it."""
    found = sorted(set(document["input_schema"]) & PLANTED_ON_ROOT)
    for top in ("input_schema", "output_schema"):
        for node, _ in _schema_nodes(document[top]):
            found += sorted(set(node) & PLANTED)
    return found


def _strings(value: Any) -> Iterator[str]:
    """Every string in ``value``: keys and values, at any depth."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield key
            yield from _strings(child)
    elif isinstance(value, list):
        for child in value:
            yield from _strings(child)


@dataclass(frozen=True)
class Holdings:
    """What a document holds: its strings, input property names, and schema nodes."""

    texts: list[str]
    names: list[str]
    nodes: list[tuple[dict[str, Any], int]]


BUILTIN_NAMES = frozenset(dir(builtins))
FEATURES: dict[str, Callable[[Holdings], bool]] = {
    "injection": lambda d: any(str(PWNED) in t for t in d.texts),
    "triple quotes": lambda d: any('"""' in t or "'''" in t for t in d.texts),
    "backslash": lambda d: any("\\" in t for t in d.texts),
    "newline": lambda d: any("\n" in t or "\r" in t for t in d.texts),
    "jinja braces": lambda d: any("{{" in t or "{%" in t for t in d.texts),
    "non-ASCII": lambda d: any(not t.isascii() for t in d.texts),
    "control or bidi": lambda d: any(
        not c.isprintable() and c not in "\n\r\t" for t in d.texts for c in t
    ),
    "string over 1,000 characters": lambda d: any(len(t) > 1000 for t in d.texts),
    "keyword property name": lambda d: any(keyword.iskeyword(n) for n in d.names),
    "builtin property name": lambda d: any(n in BUILTIN_NAMES for n in d.names),
    "non-identifier property name": lambda d: any(not n.isidentifier() for n in d.names),
    "names clashing after case folding": lambda d: any(
        len({n.casefold() for n in group}) < len(group)
        for group in (list(node.get("properties") or {}) for node, _ in d.nodes)
    ),
    "enum of 100+ values": lambda d: any(len(node.get("enum") or ()) >= 100 for node, _ in d.nodes),
    "integer enum of 100+ values": lambda d: any(
        len(node.get("enum") or ()) >= 100 and isinstance(node["enum"][0], int)
        for node, _ in d.nodes
    ),
    "nesting 10+ deep": lambda d: any(depth >= 10 for _, depth in d.nodes),
    "pattern": lambda d: any("pattern" in node for node, _ in d.nodes),
    "media rules": lambda d: any("validations" in node for node, _ in d.nodes),
}


def features(document: dict[str, Any]) -> list[str]:
    """The hostile features an (accepted) document has, by name in ``FEATURES``."""
    nodes = list(_schema_nodes(document["input_schema"]))
    names = [name for node, _ in nodes for name in node.get("properties") or {}]
    holdings = Holdings(list(_strings(document)), names, nodes)
    return [feature for feature, has in FEATURES.items() if has(holdings)]


# -- payloads -------------------------------------------------------------------------


def _types(schema: dict[str, Any]) -> list[str]:
    published = schema.get("type")
    names = [published] if isinstance(published, str) else list(published or [])
    return ["number" if name == "float" else name for name in names]


def values_for(schema: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    """Values near ``schema``'s edges, valid and not, and any JSON at all."""
    if not isinstance(schema, dict) or depth > 8:
        return json_values(3)
    options: list[st.SearchStrategy[Any]] = [json_values(3)]
    if schema.get("enum"):
        values = schema["enum"]
        options += [st.sampled_from(values), st.sampled_from(values).map(_twin)]
    if "const" in schema:
        options += [st.just(schema["const"]), st.just(_twin(schema["const"]))]
    for kind in _types(schema) or ["string", "integer", "number", "array", "object"]:
        if kind == "string":
            top = int(schema.get("maxLength", 6)) + 2
            options.append(st.text(st.characters(blacklist_categories=["Cs"]), max_size=top))
            options.append(st.sampled_from(["a", "ab", "b", "abc", "1", "", "é" * 3]))
        elif kind in ("integer", "number"):
            numbers = [v for k, v in schema.items() if k in _BOUNDS and _is_number(v)]
            low = int(min(numbers, default=-3)) - 3
            high = int(max(numbers, default=10)) + 3
            options += [st.integers(low, high), st.integers(low, high).map(float)]
            options.append(st.floats(low, high, allow_nan=False, allow_infinity=False))
            step = schema.get("multipleOf")
            if _is_number(step):
                options.append(st.integers(-6, 6).map(functools.partial(operator.mul, step)))
            options.append(st.sampled_from([True, False, "1", None]))
        elif kind == "boolean":
            options.append(st.sampled_from([True, False, 0, 1, 0.0, "true"]))
        elif kind == "null":
            options.append(st.sampled_from([None, 0, "", False]))
        elif kind == "array":
            items = values_for(schema.get("items"), depth + 1)
            top = int(schema.get("maxItems", 3)) + 1
            options.append(st.lists(items, max_size=top))
            options.append(st.lists(items, min_size=1, max_size=3).map(lambda v: v + v[:1]))
        elif kind == "object":
            options.append(objects_for(schema, depth + 1))
    return st.one_of(options)


_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _twin(value: Any) -> Any:
    """A value JSON tells apart from ``value`` but Python may not (1 and True), or equal."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if _is_number(value):
        return float(value)
    return value


@st.composite
def objects_for(draw: st.DrawFn, schema: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    properties = schema.get("properties") or {}
    required = set(schema.get("required") or ())
    payload: dict[str, Any] = {}
    for name, child in properties.items():
        wanted = draw(st.integers(0, 9)) > (0 if name in required else 4)
        if wanted:
            payload[name] = draw(values_for(child, depth))
    if rare(draw, 1 / 8):
        payload[draw(names())] = draw(json_values(2))
    return payload


def comparison_schema(document: dict[str, Any]) -> dict[str, Any]:
    """The published input schema as the generated ``Input`` reads it, for jsonschema."""

    def normalise(node: Any) -> Any:
        """``float`` read as ``number``, in schema nodes only (a property may be named type)."""
        if not isinstance(node, dict):
            return node
        node = dict(node)
        if "type" in node:
            types = _types(node)
            node["type"] = types[0] if isinstance(node["type"], str) else types
        if isinstance(node.get("properties"), dict):
            node["properties"] = {
                key: normalise(child) for key, child in node["properties"].items()
            }
        if "items" in node:
            node["items"] = normalise(node["items"])
        return node

    schema = copy.deepcopy(document["input_schema"])
    properties = {key: normalise(value) for key, value in schema["properties"].items()}
    return {**schema, "properties": properties, "additionalProperties": False}


# -- expectations ---------------------------------------------------------------------


# The rules below are the generator's documented choices for defaults and ``Literal``s,
# written out again here (not imported), so a generator that drops one cannot agree with
# itself. Two classifications are still the generator's own: which defaults look like
# sample prompts (a text heuristic) and which fields are media fields.


def _integral(value: Any) -> Any:
    """JSON does not tell ``1.0`` from ``1``: the generated code writes it as ``1``."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_integral(item) for item in value]
    return value


ITEM_CONSTRAINTS = {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}
ITEM_CONSTRAINTS |= {"minLength", "maxLength", "pattern"}


def _default_kept(node: dict[str, Any], name: str, required: bool) -> bool:
    """A published default is the Python default unless the field is required or the
    default looks like a sample prompt (both kept as examples), is a null the type does not
    allow, is (or holds) an object or an array, is a non-empty array of constrained items,
    or breaks its own schema (as ``jsonschema`` judges it)."""
    if "default" not in node or "object" in _types(node) or required:
        return False
    default = node["default"]
    if default is None and "null" not in _types(node):
        return False
    if _is_sample_prompt(name, node, tuple(_types(node))):
        return False
    if isinstance(default, dict):
        return False
    if isinstance(default, list) and any(isinstance(v, dict | list) for v in default):
        return False
    items = node.get("items")
    if not isinstance(items, dict):
        items = {}
    if isinstance(default, list) and default and items.keys() & ITEM_CONSTRAINTS:
        return False  # constrained items are a class of their own: [2] is not one
    schema = comparison_schema({"input_schema": {"properties": {"x": node}}})["properties"]["x"]
    return bool(Draft202012Validator(schema).is_valid(default))


def _expected_node(node: dict[str, Any], name: str = "", required: bool = False) -> dict[str, Any]:
    """What the generated field must keep from ``node``: description, enum, default."""
    described = node.get("description") or node.get("title") or None  # "" reads as none
    expected: dict[str, Any] = {"description": described}
    if "enum" in node or "const" in node:
        values = _integral(copy.deepcopy(node["enum"] if "enum" in node else [node["const"]]))
        if values and all(isinstance(value, str | int | None) for value in values):
            expected["literal"] = [[type(v).__name__, v] for v in values if v is not None]
    if _default_kept(node, name, required):
        expected["default"] = _integral(copy.deepcopy(node["default"]))
    types = _types(node)
    properties = node.get("properties")
    if properties and "object" in types and len(types) <= 2:
        inner = set(node.get("required") or ())
        expected["properties"] = {
            key: _expected_node(child, key, key in inner) for key, child in properties.items()
        }
    if isinstance(node.get("items"), dict):
        expected["items"] = _expected_node(node["items"])
    return expected


def expectations(document: dict[str, Any]) -> dict[str, Any]:
    model = parse_document(document)
    properties = document["input_schema"]["properties"]
    required = set(document["input_schema"].get("required") or ())
    outputs = document["output_schema"]["properties"]
    return {
        "fields": {
            name: _expected_node(node, name, name in required) for name, node in properties.items()
        },
        "media": [
            {"json_name": name, "rules": [[r.rule, r.value, r.error] for r in spec.rules]}
            for name, node in model.input.properties.items()
            if (spec := _media_field(name, node)) is not None
        ],
        "outputs": {name: "array" in _types(node) for name, node in outputs.items()},
    }


# Runs in the generated project, in a fresh interpreter: every check that needs the
# generated modules. Prints a JSON list of problems.
CHECK = r"""
import json, sys, typing
import pydantic
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticUndefined
import runcomfy_models

def literal_args(annotation):
    found = []
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return [[type(a).__name__, a] for a in typing.get_args(annotation)]
    for arg in typing.get_args(annotation):
        found += literal_args(arg)
    return found

def model_classes(annotation):
    found = []
    if isinstance(annotation, type) and issubclass(annotation, pydantic.RootModel):
        return model_classes(annotation.model_fields["root"].annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    for arg in typing.get_args(annotation):
        found += model_classes(arg)
    return found

def key(value):
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, (int, float)):
        return ("n", int(value) if isinstance(value, float) and value.is_integer() else value)
    if isinstance(value, list):
        return ("a", tuple(key(v) for v in value))
    if isinstance(value, dict):
        return ("o", frozenset((k, key(v)) for k, v in value.items()))
    return (type(value).__name__, value)

def check_fields(where, cls, expected, problems):
    fields = {
        (f.alias if f.alias is not None else name): (name, f)
        for name, f in cls.model_fields.items()
    }
    for json_name, want in expected.items():
        if json_name not in fields:
            problems.append(f"{where}: no field for {json_name!r}")
            continue
        name, info = fields[json_name]
        if info.description != want["description"]:
            problems.append(
                f"{where}.{json_name!r}: description {info.description!r}"
                f" != {want['description']!r}"
            )
        if "literal" in want:
            got = literal_args(info.annotation)
            if set(map(repr, got)) != set(map(repr, want["literal"])):
                problems.append(f"{where}.{json_name!r}: Literal {got!r} != {want['literal']!r}")
        if "default" in want:
            if key(info.default) != key(want["default"]):
                problems.append(
                    f"{where}.{json_name!r}: default {info.default!r} != {want['default']!r}"
                )
        nested = want.get("properties")
        node = want
        while nested is None and "items" in node:
            node = node["items"]
            nested = node.get("properties")
        classes = model_classes(info.annotation)
        if nested is not None and len(classes) == 1:
            check_fields(f"{where}.{json_name!r}", classes[0], nested, problems)

problems = []
for model_id, case in json.load(sys.stdin).items():
    try:
        spec = runcomfy_models.get_model(model_id)
        module = sys.modules[spec.input.__module__]
        if module.MODEL_ID != model_id or spec.model_id != model_id:
            problems.append(f"{model_id}: MODEL_ID {module.MODEL_ID!r}")
        Input, Output = spec.input, spec.output
        check_fields(model_id, Input, case["fields"], problems)
        media = [
            {"json_name": m.json_name, "rules": [[r.rule, r.value, r.error] for r in m.rules]}
            for m in spec.media_fields
        ]
        if media != case["media"]:
            problems.append(f"{model_id}: MEDIA_FIELDS {media!r} != {case['media']!r}")
        outputs = sorted(
            (f.alias if f.alias is not None else n) for n, f in Output.model_fields.items()
        )
        if outputs != sorted(case["outputs"]):
            problems.append(f"{model_id}: Output keys {outputs!r} != {sorted(case['outputs'])!r}")
        url = "https://example.com/x"
        sample = {name: [url] if is_array else url for name, is_array in case["outputs"].items()}
        if Output.model_validate(sample).urls() != [url] * len(sample):
            problems.append(f"{model_id}: Output.urls() lost a key")
        for payload, valid in case["payloads"]:
            try:
                made = Input.model_validate(
                    payload, by_alias=True, by_name=False, context={"runcomfy_local_media": False}
                )
                verdict = True
            except ValidationError as exc:
                verdict = False
                # Media fields take only URLs and data: URIs here (never a path): stricter
                # than the schema's "string", by design.
                if valid and {error["type"] for error in exc.errors()} == {"local_media"}:
                    continue
            if verdict != valid:
                problems.append(
                    f"{model_id}: payload {json.dumps(payload)[:300]} valid={verdict},"
                    f" jsonschema says {valid}"
                )
            elif verdict and key(made.to_request()) != key(payload):
                problems.append(
                    f"{model_id}: payload {json.dumps(payload)[:300]}"
                    f" sent as {json.dumps(made.to_request())[:300]}"
                )
    except Exception as exc:
        problems.append(f"{model_id}: {type(exc).__name__}: {exc}")
json.dump(problems, sys.stdout)
"""


# -- the run --------------------------------------------------------------------------


# RUF012 takes a published list default (``= []``) for a mutable class attribute, but
# pydantic copies defaults; RUF022 sorts a non-ASCII ``__all__`` unlike the generator.
_RUFF_IGNORE = ("--extend-ignore", "RUF012,RUF022")


@dataclass
class Case:
    document: dict[str, Any]
    payloads: list[tuple[Any, bool]]
    unjudged: str | None = None  # why jsonschema cannot judge the schema: lint must refuse it


def _well_formed(finding: Finding, rendered: str, label: str) -> bool:
    """A finding names its model and pointer, says something, and prints as one line."""
    pointer = one_line(finding.pointer or "/")
    return (
        finding.model_id == label
        and (finding.pointer == "" or finding.pointer.startswith("/"))
        and bool(finding.message.strip())
        and "Traceback" not in rendered
        and rendered.isprintable()  # one line, no escapes for the terminal
        and rendered.startswith(f"{finding.severity}: {one_line(label)}: {pointer}: ")
    )


@dataclass
class Fuzz:
    """Documents drawn so far: linted one by one, generated and checked in batches."""

    workdir: Path
    batch_size: int
    cache: Path
    pending: list[Case] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    coverage: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("documents", "accepted", "rejected", "payloads", "valid payloads", "batches"), 0
        )
    )
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, case: Case) -> None:
        self.counts["documents"] += 1
        document = case.document
        _, findings = lint_document(document)
        errors = [f for f in findings if f.is_error]
        label = document["model_id"]
        problems = [
            f"malformed finding: {rendered!r}"
            for finding in findings
            if not _well_formed(finding, rendered := finding.render(), label)
        ]
        if not errors and _refusable_keywords(document):
            problems.append(f"lint accepted {_refusable_keywords(document)}")
        if not errors and case.unjudged is not None:
            problems.append(f"lint accepted what jsonschema cannot judge: {case.unjudged}")
        if problems:
            self._fail_document(document, problems)
            return
        if errors:
            self.counts["rejected"] += 1
            self.rejected.append(document)
            return
        for feature in features(document):
            self.coverage[feature] = self.coverage.get(feature, 0) + 1
        assert model_id_problem(label) is None
        self.counts["accepted"] += 1
        self.counts["payloads"] += len(case.payloads)
        self.counts["valid payloads"] += sum(valid for _, valid in case.payloads)
        if self._conflicts(label):  # same file as a pending document: rename it, or flush
            if label.count("/") < 4:
                renamed = f"{label}/n{self.counts['documents']}"
                endpoint = document["endpoint"].removesuffix(label) + renamed
                case = Case({**document, "model_id": renamed, "endpoint": endpoint}, case.payloads)
            else:
                self.flush()
        self.pending.append(case)
        if len(self.pending) >= self.batch_size:
            self.flush()

    def _conflicts(self, model_id: str) -> bool:
        """Whether the id's schema file is one already pending (ignoring case)."""
        path = str(schema_relpath(model_id)).casefold()
        return any(
            str(schema_relpath(case.document["model_id"])).casefold() == path
            for case in self.pending
        )

    def _fail_document(self, document: dict[str, Any], problems: list[str]) -> None:
        saved = self.workdir / f"failed-document-{len(self.failures) + 1}.json"
        saved.write_text(json.dumps(document), "ascii")
        self.failures.append("\n".join([*problems, f"(document saved in {saved})"]))
        with (self.workdir / "failures.txt").open("a", encoding="utf-8") as log:
            log.write(f"{self.failures[-1]}\n\n")

    def lint_rejected(self) -> None:
        """Each rejected document, as a file, through ``lint``: exit 1 and printable findings.

        Files are written with JSON escapes (``ensure_ascii``), as a page's JSON may
        spell lone surrogates or controls; each in its own directory, as ids may repeat.
        """
        documents, self.rejected = self.rejected, []
        root = self.workdir / "rejected"
        for index, document in enumerate(documents):
            schemas = root / str(index)
            schemas.mkdir(parents=True)
            (schemas / "schema.json").write_text(json.dumps(document), "ascii")
            result = CliRunner().invoke(main, ["lint", "--schemas", str(schemas)])
            lines = result.output.splitlines()
            if (
                result.exit_code != 1
                or not isinstance(result.exception, SystemExit | None)
                or "Traceback" in result.output
                or not all(line.isprintable() for line in lines)
                or not any(line.startswith("error: ") for line in lines)
            ):
                failure = f"lint exit {result.exit_code} ({result.exception!r})"
                self._fail_document(document, [f"{failure}: {result.output[-2000:]!r}"])
        shutil.rmtree(root, ignore_errors=True)

    def flush(self) -> None:
        self.lint_rejected()
        if not self.pending:
            return
        cases, self.pending = self.pending, []
        failed = len(self.failures)
        self.counts["batches"] += 1
        batch = self.workdir / f"batch{self.counts['batches']}"
        schemas, out = batch / "schemas", batch / "out"
        for case in cases:
            write(schemas, case.document)
        started = time.monotonic()
        result = CliRunner().invoke(
            main, ["generate", "--schemas", str(schemas), "--out", str(out)], catch_exceptions=True
        )
        self._time("generate", started)
        if result.exit_code != 0 or result.exception is not None:
            self._fail(cases, f"generate exit {result.exit_code}: {result.output[-3000:]}")
            return
        for name, tool in (
            ("mypy", [BIN / "mypy", "--config-file", "pyproject.toml", "--cache-dir", self.cache]),
            (
                "ruff",
                [BIN / "ruff", "check", "--no-cache", "--config", "pyproject.toml", *_RUFF_IGNORE],
            ),
        ):
            started = time.monotonic()
            done = _run([*tool, "runcomfy_models"], out)
            self._time(name, started)
            if done.returncode != 0:
                lines = "\n".join(line[:300] for line in done.stdout.splitlines()[:40])
                self._fail(cases, f"{name}: {lines}")
        started = time.monotonic()
        checks = {
            case.document["model_id"]: {
                **expectations(case.document),
                "payloads": case.payloads,
            }
            for case in cases
        }
        done = _run([sys.executable, "-c", CHECK], out, json.dumps(checks))
        if done.returncode != 0:
            self._fail(cases, f"checks crashed: {done.stderr[-3000:]}")
        else:
            problems = json.loads(done.stdout)
            if problems:
                self._fail(cases, "\n".join(problems))
        self._time("import and validate", started)
        if PWNED.exists():
            self._fail(cases, f"schema text ran: {PWNED} exists")
        if failed == len(self.failures):  # a passing batch is not kept: long runs fill disks
            shutil.rmtree(batch)

    def _time(self, step: str, started: float) -> None:
        self.seconds[step] = round(self.seconds.get(step, 0.0) + time.monotonic() - started, 1)

    def _fail(self, cases: list[Case], message: str) -> None:
        saved = self.workdir / f"failed-batch{self.counts['batches']}.json"
        saved.write_text(json.dumps([c.document for c in cases], ensure_ascii=True), "utf-8")
        self.failures.append(f"{message}\n(documents saved in {saved})")
        with (self.workdir / "failures.txt").open("a", encoding="utf-8") as log:
            log.write(f"{self.failures[-1]}\n\n")

    def summary(self, seconds: float) -> dict[str, Any]:
        figures = {**self.counts, "failures": len(self.failures), "seconds": round(seconds, 1)}
        coverage = {feature: self.coverage.get(feature, 0) for feature in FEATURES}
        return {**figures, "seconds by step": self.seconds, "accepted documents with": coverage}


def _run(
    command: list[Any], cwd: Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


@st.composite
def cases(draw: st.DrawFn) -> Case:
    document = draw(documents())
    payloads: list[tuple[Any, bool]] = []
    try:
        validator = Draft202012Validator(comparison_schema(document))
        validator.check_schema(validator.schema)
    except Exception as exc:  # not a schema jsonschema can judge: lint must refuse it
        return Case(document, payloads, unjudged=f"{type(exc).__name__}: {exc}"[:500])
    for _ in range(draw(st.sampled_from(range(2, 10)))):
        payload = draw(objects_for(document["input_schema"]))
        try:
            payloads.append((payload, bool(validator.is_valid(payload))))
        except Exception as exc:  # e.g. a pattern Python cannot compile: lint must refuse it
            return Case(document, [], unjudged=f"{type(exc).__name__}: {exc}"[:500])
    return Case(document, payloads)


@pytest.mark.slow
def test_fuzzed_documents_are_refused_clearly_or_generate_exact_models(tmp_path: Path) -> None:
    started = time.monotonic()
    PWNED.unlink(missing_ok=True)
    fuzz = Fuzz(tmp_path, BATCH, tmp_path / "mypy-cache")

    @settings(
        max_examples=DOCUMENTS,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(cases())
    def one(case: Case) -> None:
        fuzz.add(case)

    one()
    fuzz.flush()
    summary = fuzz.summary(time.monotonic() - started)
    print(f"\nfuzz: {json.dumps(summary)}")
    if REPORT:
        Path(REPORT).write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
    assert not PWNED.exists()
    assert not fuzz.failures, "\n\n".join(fuzz.failures[:20])
    assert fuzz.counts["documents"] == DOCUMENTS
    assert fuzz.counts["accepted"] > 0
    assert fuzz.counts["rejected"] > 0
    if DOCUMENTS >= 1000:  # a long run must have generated every hostile feature
        missing = [name for name, count in summary["accepted documents with"].items() if not count]
        assert not missing, f"no accepted document had: {missing}"
