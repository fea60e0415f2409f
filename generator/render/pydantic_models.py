"""Pydantic models from JSON Schema, by datamodel-code-generator called in-process.

The schema handed over is the IR's: quirks already resolved, RunComfy extensions
removed. What comes back is split into its imports and its class definitions, so the
module template can merge imports from several sources into one sorted block.
"""

from __future__ import annotations

import ast
import json
import warnings
from dataclasses import dataclass
from typing import Any

from datamodel_code_generator import InputFileType, LiteralType, PythonVersion, generate
from datamodel_code_generator.enums import DataModelType, TargetPydanticVersion

from generator.errors import GenerationError

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
                    names[_alias(item.annotation) or attribute] = attribute
    return names


def _tidy_docstrings(code: str, tree: ast.Module) -> str:
    """Put one-line docstrings on one line; dmcg spreads every docstring over three."""
    lines = code.splitlines()
    starts = sorted(
        (
            node.lineno
            for owner in ast.walk(tree)
            if isinstance(owner, ast.Module | ast.ClassDef)
            for node in owner.body
            if isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and node.end_lineno == node.lineno + 2
        ),
        reverse=True,
    )
    for start in starts:
        opening, middle, closing = lines[start - 1 : start + 2]
        text = middle.strip()
        if opening.strip() == closing.strip() == '"""' and not text.endswith(('"', "\\")):
            indent = opening[: len(opening) - len(opening.lstrip())]
            lines[start - 1 : start + 2] = [f'{indent}"""{text}"""']
    return "\n".join(lines) + "\n"


def _split(code: str, class_name: str) -> ModelCode:
    code = _tidy_docstrings(code, ast.parse(code))
    tree = ast.parse(code)
    imports: set[tuple[str, str]] = set()
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
    return _split(code, class_name)


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


def _generate_distinct(
    schema: dict[str, Any], class_name: str, options: dict[str, Any], model_id: str
) -> ModelCode:
    code = _generate(schema, class_name, options, model_id)
    forced = _clashes(code, class_name)
    if forced:
        code = _generate(schema, class_name, {**options, "aliases": forced}, model_id)
    return code


def input_model_code(schema: dict[str, Any], model_id: str) -> ModelCode:
    """The ``Input`` class (and any nested classes) for one model.

    The root class is typed with the model's ``Output`` (``InputModel[Output]``), so the
    module must define ``Output`` first; nested objects stay plain ``InputObject``.
    """
    code = _generate_distinct(schema, "Input", _INPUT, model_id)
    root = "class Input(InputObject):"
    if root not in code.body:
        raise GenerationError(f"{model_id}: datamodel-code-generator produced no {root!r}")
    body = code.body.replace(root, "class Input(InputModel[Output]):", 1)
    imports = code.imports | {(_RUNTIME, "InputModel")}
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
