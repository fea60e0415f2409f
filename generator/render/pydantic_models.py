"""Pydantic models from JSON Schema, by datamodel-code-generator called in-process.

The schema handed over is the IR's: quirks already resolved, RunComfy extensions
removed. What comes back has its descriptions put back (``descriptions``), any field
names Python would misread forced (``field_names``), exact JSON Schema checks added, and
is split into its imports and its class definitions, so the module template can merge
imports from several sources into one sorted block.
"""

from __future__ import annotations

import ast
import copy
import warnings
from dataclasses import dataclass
from typing import Any

from datamodel_code_generator import InputFileType, LiteralType, PythonVersion, generate
from datamodel_code_generator.enums import DataModelType, TargetPydanticVersion

from generator.errors import GenerationError
from generator.render.codegen_schema import EXACT_CHECK
from generator.render.descriptions import drop_passes, place_descriptions, with_placeholders
from generator.render.field_names import (
    RESERVED,
    attribute_names,
    clashing_names,
    normalised_names,
    shadowing_names,
)
from generator.render.source_edits import (
    annotated,
    annotated_parts,
    apply_edits,
    class_defs,
    fields_of,
    span_of,
)
from generator.runtime import surface

__all__ = ["ModelCode", "input_model_code", "output_model_code"]

_RUNTIME = f"runcomfy_models._runtime.{surface.MODEL_BASES}"
_LOCAL_MEDIA = "runcomfy_models._runtime.media.local"
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


def _field_names(tree: ast.Module, class_name: str) -> dict[str, str]:
    return {
        field.json_name: field.attribute
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.name == class_name
        for field in fields_of(node)
    }


def _split(code: str, class_name: str, texts: dict[str, str]) -> ModelCode:
    code, uses_field = place_descriptions(code, texts)
    code = drop_passes(code)
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
    schema = with_placeholders(schema, texts)
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


# Each pass can free a name that another field then takes (``to_request`` renamed frees
# it for ``To_Request``); a few passes settle any schema seen so far.
_NAMING_PASSES = 6


def _generate_distinct(
    schema: dict[str, Any], class_name: str, options: dict[str, Any], model_id: str
) -> ModelCode:
    """Generate until no field's Python name shadows a type, method or other field."""
    forced = normalised_names(schema)
    if forced:  # see what the other fields are called, then name these around them
        placeholders = {name: f"runcomfy_nfkc_{index}_" for index, name in enumerate(forced)}
        probe = _generate(schema, class_name, {**options, "aliases": placeholders}, model_id)
        forced = normalised_names(schema, attribute_names(probe.body))
    reserved = RESERVED[class_name]
    for _ in range(_NAMING_PASSES):
        code = _generate(schema, class_name, {**options, "aliases": forced}, model_id)
        more = {
            **shadowing_names(code.body, code.class_names, reserved),
            **clashing_names(code.field_names, reserved),
        }
        if not more.keys() - forced.keys():
            return code
        forced = {**more, **forced}  # earlier choices stand
    raise GenerationError(
        f"{model_id}: could not give every field of {class_name} a Python name of its own "
        f"(still clashing: {', '.join(sorted(repr(name) for name in more))})"
    )


def _checked(annotation: ast.expr, schema: dict[str, Any]) -> str:
    """``annotation`` with ``JsonSchema(schema)`` as its last ``Annotated`` metadata."""
    check = ast.parse(f"JsonSchema({schema!r})", mode="eval").body
    return annotated([*annotated_parts(annotation), check])


def _add_checks(body: str, checks: dict[str, dict[str, Any]], model_id: str) -> str:
    """Each checked field of ``Input`` annotated with ``JsonSchema`` (its JSON name's schema)."""
    edits = [
        (field.annotation, checks[field.json_name])
        for node in ast.parse(body).body
        if isinstance(node, ast.ClassDef) and node.name == "Input"
        for field in fields_of(node)
        if field.json_name in checks
    ]
    if len(edits) != len(checks):
        raise GenerationError(f"{model_id}: could not find every checked field of Input")
    return apply_edits(
        body, [(*span_of(annotation), _checked(annotation, s)) for annotation, s in edits]
    )


def _is_custom_type_config(item: ast.stmt) -> bool:
    """``model_config = ConfigDict(arbitrary_types_allowed=True)``, which
    datamodel-code-generator writes into a class using ``JsonNumber``: that type brings its
    own pydantic schema, so the config is noise (and would let arbitrary types through)."""
    if not (isinstance(item, ast.Assign) and len(item.targets) == 1):
        return False
    target, value = item.targets[0], item.value
    return (
        isinstance(target, ast.Name)
        and target.id == "model_config"
        and isinstance(value, ast.Call)
        and getattr(value.func, "id", None) == "ConfigDict"
        and not value.args
        and [(k.arg, getattr(k.value, "value", None)) for k in value.keywords]
        == [("arbitrary_types_allowed", True)]
    )


def _exact_numbers(body: str) -> tuple[str, bool]:
    """``body`` with every ``float`` annotation typed ``JsonNumber`` (a number given as an
    integer stays one) and the configs its custom type made dropped; and whether the body
    uses ``JsonNumber``. Single-type ``number`` nodes already are (``codegen_schema``);
    this catches the rest (``number`` among other types)."""
    edits = []
    for owner in class_defs(ast.parse(body)):
        for item in owner.body:
            if _is_custom_type_config(item):
                line, _, end_line, _ = span_of(item)
                edits.append((line, 0, end_line + 1, 0, ""))
            elif isinstance(item, ast.AnnAssign):
                floats = [
                    node
                    for node in ast.walk(item.annotation)
                    if isinstance(node, ast.Name) and node.id == "float"
                ]
                edits.extend((*span_of(node), "JsonNumber") for node in floats)
        for base in owner.bases:  # RootModel[float] (the items of an array)
            edits.extend(
                (*span_of(node), "JsonNumber")
                for node in ast.walk(base)
                if isinstance(node, ast.Name) and node.id == "float"
            )
    body = apply_edits(body, edits) if edits else body
    return body, "JsonNumber" in {
        node.id for node in ast.walk(ast.parse(body)) if isinstance(node, ast.Name)
    }


def _media_inputs(body: str, media: frozenset[str], model_id: str) -> str:
    """Each media field of ``Input`` typed ``MediaInput`` where it held ``str`` (a single
    value, or the items of a list): it then accepts local files as well as URLs."""
    edits = [
        (*span_of(node), "MediaInput")
        for owner in ast.parse(body).body
        if isinstance(owner, ast.ClassDef) and owner.name == "Input"
        for field in fields_of(owner)
        if field.json_name in media
        for node in ast.walk(field.annotation)
        if isinstance(node, ast.Name) and node.id == "str"
    ]
    return apply_edits(body, edits) if edits else body


def input_model_code(
    schema: dict[str, Any], model_id: str, media: frozenset[str] = frozenset()
) -> ModelCode:
    """The ``Input`` class (and any nested classes) for one model.

    The root class is typed with the model's ``Output`` (``InputModel[Output]``), so the
    module must define ``Output`` first; nested objects stay plain ``InputObject``. A
    property marked by the IR as one pydantic's types do not enforce exactly gets its JSON
    Schema checked as well: ``Annotated[..., JsonSchema({...})]``. The fields named in
    ``media`` (JSON names) are typed ``MediaInput``, so they take local files too.
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
    body, exact_numbers = _exact_numbers(code.body)
    body = body.replace(root, "class Input(InputModel[Output]):", 1)
    imports = code.imports | {(_RUNTIME, "InputModel")}
    if exact_numbers:
        imports |= {(_RUNTIME, "JsonNumber")}
    else:
        imports -= {(_RUNTIME, "JsonNumber")}
    if "ConfigDict" not in body:
        imports -= {("pydantic", "ConfigDict")}
    if checks:
        body = _add_checks(body, checks, model_id)
        imports |= {(_RUNTIME, "JsonSchema"), ("typing", "Annotated")}
    if media:
        body = _media_inputs(body, media, model_id)
        if "MediaInput" in body:
            imports |= {(_LOCAL_MEDIA, "MediaInput")}
    if "InputObject" not in body:
        imports -= {(_RUNTIME, "InputObject")}
    return ModelCode(imports, body, code.class_names, code.field_names)


def output_model_code(schema: dict[str, Any], model_id: str) -> ModelCode:
    """The ``Output`` class for one model (a render session remembers it by schema)."""
    return _generate_distinct(schema, "Output", _OUTPUT, model_id)
