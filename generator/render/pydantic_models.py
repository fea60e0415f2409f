"""Pydantic models from JSON Schema, by datamodel-code-generator called in-process.

The schema handed over is the IR's: quirks already resolved, RunComfy extensions
removed. What comes back is split into its imports and its class definitions, so the
module template can merge imports from several sources into one sorted block.
"""

from __future__ import annotations

import ast
import copy
import inspect
import json
import keyword
import re
import unicodedata
import warnings
from dataclasses import dataclass
from typing import Any

from datamodel_code_generator import InputFileType, LiteralType, PythonVersion, generate
from datamodel_code_generator.enums import DataModelType, TargetPydanticVersion

from generator.errors import GenerationError
from generator.ir import EXACT_CHECK

__all__ = ["ModelCode", "input_model_code", "output_model_code"]

_RUNTIME = "runcomfy_models._runtime.model"
_MEDIA_FORMATS = ["uri", "image_uri", "video_uri", "audio_uri"]

_COMMON: dict[str, Any] = {
    "input_file_type": InputFileType.JsonSchema,
    "output_model_type": DataModelType.PydanticV2BaseModel,
    "target_python_version": PythonVersion.PY_311,
    "target_pydantic_version": TargetPydanticVersion.V2_14,
    "enum_field_as_literal": LiteralType.All,
    "field_constraints": True,
    "use_annotated": True,
    "use_standard_collections": True,
    "use_union_operator": True,
    "use_schema_description": True,
    "use_field_description": True,
    "snake_case_field": True,
    "parent_scoped_naming": True,
    "type_mappings": [f"{name}=string" for name in _MEDIA_FORMATS],
    "formatters": [],
    "disable_timestamp": True,
    "custom_file_header": " ",
}

# Input: an optional field without a default is MISSING (not sent), never a made-up
# None; "| None" appears only where the schema allows null.
_INPUT: dict[str, Any] = {
    **_COMMON,
    "base_class": f"{_RUNTIME}.InputObject",
    "use_missing_sentinel": True,
    "strict_nullable": True,
}
# Output: every key may be absent from a result; absent reads as None.
_OUTPUT: dict[str, Any] = {**_COMMON, "base_class": f"{_RUNTIME}.OutputModel"}


@dataclass(frozen=True)
class ModelCode:
    """Generated class definitions, their imports, and the names they define.

    ``field_names`` maps each published property name of the main class to its Python
    attribute name (``promptText`` to ``prompt_text``).
    """

    imports: frozenset[tuple[str, str]]
    body: str
    class_names: tuple[str, ...]
    field_names: dict[str, str]


def _alias(annotation: ast.expr) -> str | None:
    for node in ast.walk(annotation):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Field":
            for keyword in node.keywords:
                if keyword.arg == "alias" and isinstance(keyword.value, ast.Constant):
                    return str(keyword.value.value)
    return None


def _field_names(tree: ast.Module, class_name: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    attribute = item.target.id
                    alias = _alias(item.annotation)
                    names[attribute if alias is None else alias] = attribute
    return names


# -- descriptions ------------------------------------------------------------------------
#
# Descriptions are published prose and may hold anything: quotes, backslashes, blank
# lines, indentation, control characters. dmcg is handed a placeholder for each, and
# the text is put back here: as a docstring when the docstring reads back as exactly the
# published text (pydantic reads attribute docstrings through ``inspect.cleandoc``),
# otherwise as ``Field(description=...)``.

_PLACEHOLDER = "RUNCOMFYDESCRIPTION{}X"


def _with_placeholders(schema: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """``schema`` with every description replaced by a placeholder recorded in ``texts``."""
    node = dict(schema)
    description = node.get("description")
    if isinstance(description, str):
        placeholder = _PLACEHOLDER.format(len(texts))
        texts[placeholder] = description
        node["description"] = placeholder
    if isinstance(node.get("items"), dict):
        node["items"] = _with_placeholders(node["items"], texts)
    if isinstance(node.get("properties"), dict):
        node["properties"] = {
            key: _with_placeholders(child, texts) if isinstance(child, dict) else child
            for key, child in node["properties"].items()
        }
    return node


def _escape(text: str) -> str:
    """``text`` for the inside of a triple-quoted literal: escapes, but real newlines."""
    out = []
    for char in text.replace("\\", "\\\\"):
        if char == "\n" or char.isprintable():
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    escaped = "".join(out)
    if '"""' in escaped:
        escaped = escaped.replace('"', '\\"')
    # A space ending a line would be trailing whitespace in the source: write it escaped.
    return "\n".join(
        line[:-1] + "\\x20" if line.endswith(" ") else line for line in escaped.split("\n")
    )


def _docstring(text: str, indent: str) -> str:
    """A docstring that ``inspect.cleandoc`` reads as ``text``; its first line unindented."""
    body = _escape(text)
    lines = body.split("\n")
    if len(lines) == 1 and not body.endswith(('"', "\\")):
        return f'"""{body}"""'
    inner = [f"{indent}{line}" if line else "" for line in lines]
    return "\n".join(['"""', *inner, f'{indent}"""'])


def _docstring_exact(text: str) -> bool:
    return bool(text) and inspect.cleandoc(text) == text


def _described(annotation: ast.expr, text: str) -> str:
    """``annotation`` carrying ``text`` as ``Field(description=...)``."""
    description = ast.keyword("description", ast.Constant(text))
    if (
        isinstance(annotation, ast.Subscript)
        and isinstance(annotation.value, ast.Name)
        and annotation.value.id == "Annotated"
        and isinstance(annotation.slice, ast.Tuple)
    ):
        parts = list(annotation.slice.elts)
        for index, part in enumerate(parts):
            if isinstance(part, ast.Call) and getattr(part.func, "id", None) == "Field":
                parts[index] = ast.Call(part.func, part.args, [*part.keywords, description])
                break
        else:
            parts.append(ast.Call(ast.Name("Field", ast.Load()), [], [description]))
    else:
        parts = [annotation, ast.Call(ast.Name("Field", ast.Load()), [], [description])]
    subscript = ast.Subscript(
        ast.Name("Annotated", ast.Load()), ast.Tuple(parts, ast.Load()), ast.Load()
    )
    return ast.unparse(subscript)


_Edit = tuple[int, int, int, int, str]  # line, byte column, end line, end byte column, text


def _apply(code: str, edits: list[_Edit]) -> str:
    """``code`` with each span replaced (spans must not overlap; ast line/byte positions)."""
    lines = code.split("\n")
    for line, column, end_line, end_column, text in sorted(edits, reverse=True):
        before = lines[line - 1].encode()[:column].decode()
        after = lines[end_line - 1].encode()[end_column:].decode()
        lines[line - 1 : end_line] = (before + text + after).split("\n")
    return "\n".join(lines)


def _span(node: ast.stmt | ast.expr) -> tuple[int, int, int, int]:
    end_line = node.end_lineno if node.end_lineno is not None else node.lineno
    end_column = node.end_col_offset if node.end_col_offset is not None else node.col_offset
    return node.lineno, node.col_offset, end_line, end_column


def _place_descriptions(code: str, texts: dict[str, str]) -> tuple[str, bool]:
    """``code`` with each placeholder docstring replaced by its text; True if ``Field`` is used."""
    edits: list[_Edit] = []
    uses_field = False
    for owner in ast.walk(ast.parse(code)):
        if not isinstance(owner, ast.ClassDef):
            continue
        previous: ast.stmt | None = None
        for statement in owner.body:
            value = getattr(statement, "value", None)
            if (
                isinstance(statement, ast.Expr)
                and isinstance(value, ast.Constant)
                and isinstance(value.value, str)
                and value.value.strip() in texts
            ):
                text = texts[value.value.strip()]
                indent = " " * statement.col_offset
                if _docstring_exact(text):
                    edits.append((*_span(statement), _docstring(text, indent)))
                elif isinstance(previous, ast.AnnAssign):
                    edits.append((*_span(statement), "pass"))
                    edits.append(
                        (*_span(previous.annotation), _described(previous.annotation, text))
                    )
                    uses_field = True
                else:  # a class docstring: the text as near as a docstring can hold it
                    cleaned = inspect.cleandoc(text)
                    edits.append(
                        (*_span(statement), _docstring(cleaned, indent) if cleaned else "pass")
                    )
            previous = statement
    return _apply(code, edits), uses_field


def _drop_passes(code: str) -> str:
    """Remove ``pass`` statements from classes that have other statements."""
    tree = ast.parse(code)
    drop = {
        statement.lineno
        for owner in ast.walk(tree)
        if isinstance(owner, ast.ClassDef)
        and not all(isinstance(statement, ast.Pass) for statement in owner.body)
        for statement in owner.body
        if isinstance(statement, ast.Pass)
    }
    return "\n".join(line for number, line in enumerate(code.split("\n"), 1) if number not in drop)


def _split(code: str, class_name: str, texts: dict[str, str]) -> ModelCode:
    code, uses_field = _place_descriptions(code, texts)
    code = _drop_passes(code)
    tree = ast.parse(code)
    imports: set[tuple[str, str]] = (
        {("pydantic", "Field"), ("typing", "Annotated")} if uses_field else set()
    )
    first_line = None
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module != "__future__":
                imports.update(
                    (node.module, f"{a.name} as {a.asname}" if a.asname else a.name)
                    for a in node.names
                )
        elif isinstance(node, ast.Import):
            imports.update(("", alias.name) for alias in node.names)
        elif first_line is None:
            first_line = node.lineno
            if isinstance(node, ast.ClassDef | ast.FunctionDef) and node.decorator_list:
                first_line = node.decorator_list[0].lineno
    lines = code.splitlines()
    body = "\n".join(lines[(first_line or len(lines) + 1) - 1 :]).strip() + "\n"
    names = tuple(node.name for node in tree.body if isinstance(node, ast.ClassDef))
    return ModelCode(frozenset(imports), body, names, _field_names(tree, class_name))


def _generate(
    schema: dict[str, Any], class_name: str, options: dict[str, Any], model_id: str
) -> ModelCode:
    texts: dict[str, str] = {}
    schema = _with_placeholders(schema, texts)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            code = generate(schema, class_name=class_name, **options)
    except Exception as exc:  # dmcg raises many kinds; all mean the same to our user
        raise GenerationError(
            f"{model_id}: datamodel-code-generator could not build {class_name}: "
            f"{type(exc).__name__}: {exc}"
        ) from None
    if not isinstance(code, str):
        raise GenerationError(
            f"{model_id}: datamodel-code-generator returned no code for {class_name}"
        )
    return _split(code, class_name, texts)


# Attributes of our base classes that a field must never shadow.
_RESERVED = {"Input": {"to_request"}, "Output": {"urls"}}


def _clashes(code: ModelCode, class_name: str) -> dict[str, str]:
    """Python names to force: ones that shadow a method or equal another field's JSON name.

    ``Prompt`` and ``prompt`` would otherwise become ``prompt`` (alias ``Prompt``) and
    ``prompt_1`` (alias ``prompt``), and a payload's ``prompt`` would set both.
    """
    json_names = set(code.field_names)
    taken = set(code.field_names.values()) | json_names
    forced: dict[str, str] = {}
    for json_name, python_name in code.field_names.items():
        shadows = python_name in _RESERVED[class_name]
        if shadows or (python_name != json_name and python_name in json_names):
            candidate = f"{python_name}_"
            while candidate in taken:
                candidate += "_"
            taken.add(candidate)
            forced[json_name] = candidate
    return forced


def _property_names(schema: dict[str, Any]) -> set[str]:
    """Every property name anywhere in ``schema``."""
    names: set[str] = set()
    properties = schema.get("properties")
    if isinstance(properties, dict):
        names.update(properties)
        for child in properties.values():
            if isinstance(child, dict):
                names |= _property_names(child)
    if isinstance(schema.get("items"), dict):
        names |= _property_names(schema["items"])
    return names


def _normalised_names(schema: dict[str, Any]) -> dict[str, str]:
    """Python names to force for JSON names that Python would read as another name.

    Python reads identifiers in NFKC form: a property ``ﬁ`` (a ligature) written as an
    attribute would be the attribute ``fi``, and its JSON name would be lost. Such names
    get a plain name and keep theirs as the alias.
    """
    names = _property_names(schema)
    forced: dict[str, str] = {}
    for name in sorted(names):
        plain = unicodedata.normalize("NFKC", name)
        if name.isidentifier() and plain != name:
            candidate = re.sub(r"\W", "_", plain).lower()
            if not candidate.isidentifier() or keyword.iskeyword(candidate):
                candidate = f"field_{candidate}"
            candidate += "_"
            while candidate in names or candidate in forced.values():
                candidate += "_"
            forced[name] = candidate
    return forced


# Names a field in a class body must not take: they would hide the type of the same name
# from the annotations after it (``float: int`` then ``x: float``).
_TYPE_NAMES = frozenset(
    {"bool", "bytes", "dict", "float", "frozenset", "int", "list", "object", "set", "str"}
    | {"tuple", "type", "Annotated", "Any", "Final", "Literal", "Field", "MISSING"}
    | {"JsonSchema", "BaseModel", "InputModel", "InputObject", "OutputModel", "RootModel"}
    | {"ConfigDict", "MediaField", "ModelSpec", "RuleSpec", "MODEL_ID", "MEDIA_FIELDS", "SPEC"}
    | {"annotations", "l", "O", "I"}  # (l, O and I hide nothing, but ruff's E741 refuses them)
)


def _shadowing(code: ModelCode, class_name: str) -> dict[str, str]:
    """Python names to force for fields (in any class) named like a type, a class or a method."""
    hidden = _TYPE_NAMES | set(code.class_names) | _RESERVED[class_name]
    fields: list[tuple[str, str]] = []
    for owner in ast.walk(ast.parse(code.body)):
        if isinstance(owner, ast.ClassDef):
            for item in owner.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    alias = _alias(item.annotation)
                    attribute = item.target.id
                    fields.append((attribute if alias is None else alias, attribute))
    taken = {name for pair in fields for name in pair} | hidden
    forced: dict[str, str] = {}
    for json_name, attribute in fields:
        if attribute in hidden and json_name not in forced:
            candidate = f"{attribute}_"
            while candidate in taken:
                candidate += "_"
            taken.add(candidate)
            forced[json_name] = candidate
    return forced


def _generate_distinct(
    schema: dict[str, Any], class_name: str, options: dict[str, Any], model_id: str
) -> ModelCode:
    aliases = _normalised_names(schema)
    if aliases:
        options = {**options, "aliases": aliases}
    code = _generate(schema, class_name, options, model_id)
    forced = {**_shadowing(code, class_name), **_clashes(code, class_name)}
    if forced:
        options = {**options, "aliases": {**aliases, **forced}}
        code = _generate(schema, class_name, options, model_id)
    return code


def _checked(annotation: ast.expr, schema: dict[str, Any]) -> str:
    """``annotation`` with ``JsonSchema(schema)`` as its last ``Annotated`` metadata."""
    check = ast.parse(f"JsonSchema({schema!r})", mode="eval").body
    if (
        isinstance(annotation, ast.Subscript)
        and isinstance(annotation.value, ast.Name)
        and annotation.value.id == "Annotated"
        and isinstance(annotation.slice, ast.Tuple)
    ):
        parts = [*annotation.slice.elts, check]
    else:
        parts = [annotation, check]
    return ast.unparse(
        ast.Subscript(ast.Name("Annotated", ast.Load()), ast.Tuple(parts, ast.Load()), ast.Load())
    )


def _add_checks(body: str, checks: dict[str, dict[str, Any]], model_id: str) -> str:
    """Each checked field of ``Input`` annotated with ``JsonSchema`` (its JSON name's schema)."""
    edits: list[tuple[ast.expr, dict[str, Any]]] = []
    for node in ast.parse(body).body:
        if isinstance(node, ast.ClassDef) and node.name == "Input":
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    alias = _alias(item.annotation)
                    json_name = item.target.id if alias is None else alias
                    if json_name in checks:
                        edits.append((item.annotation, checks[json_name]))
    if len(edits) != len(checks):
        raise GenerationError(f"{model_id}: could not find every checked field of Input")
    return _apply(body, [(*_span(annotation), _checked(annotation, s)) for annotation, s in edits])


def input_model_code(schema: dict[str, Any], model_id: str) -> ModelCode:
    """The ``Input`` class (and any nested classes) for one model.

    The root class is typed with the model's ``Output`` (``InputModel[Output]``), so the
    module must define ``Output`` first; nested objects stay plain ``InputObject``. A
    property marked by the IR as one pydantic's types do not enforce exactly gets its JSON
    Schema checked as well: ``Annotated[..., JsonSchema({...})]``.
    """
    schema = copy.deepcopy(schema)
    checks = {
        name: child.pop(EXACT_CHECK)
        for name, child in schema.get("properties", {}).items()
        if EXACT_CHECK in child
    }
    code = _generate_distinct(schema, "Input", _INPUT, model_id)
    root = "class Input(InputObject):"
    if root not in code.body:
        raise GenerationError(f"{model_id}: datamodel-code-generator produced no {root!r}")
    body = code.body.replace(root, "class Input(InputModel[Output]):", 1)
    imports = code.imports | {(_RUNTIME, "InputModel")}
    if checks:
        body = _add_checks(body, checks, model_id)
        imports |= {(_RUNTIME, "JsonSchema"), ("typing", "Annotated")}
    if "InputObject" not in body:
        imports -= {(_RUNTIME, "InputObject")}
    return ModelCode(imports, body, code.class_names, code.field_names)


# Most models publish the same generic output schema: its class is made once per run.
_OUTPUTS: dict[str, ModelCode] = {}


def output_model_code(schema: dict[str, Any], model_id: str) -> ModelCode:
    """The ``Output`` class for one model."""
    key = json.dumps(schema, sort_keys=True)
    code = _OUTPUTS.get(key)
    if code is None:
        code = _OUTPUTS[key] = _generate_distinct(schema, "Output", _OUTPUT, model_id)
    return code
