"""Python attribute names for published property names that Python would misread.

datamodel-code-generator turns ``promptText`` into ``prompt_text`` with an alias. These
are the names it would get wrong: ones that clash with another field's JSON name, hide a
type or method of the generated module, or that Python reads as another name. Each is
given a name ending in ``_`` and keeps its published name as the alias.
"""

from __future__ import annotations

import ast
import keyword
import re
import unicodedata
from typing import Any

from generator.render.source_edits import class_defs, fields_of

__all__ = [
    "PYDANTIC_NAMES",
    "RESERVED",
    "attribute_names",
    "clashing_names",
    "normalised_names",
    "shadowing_names",
]

# Every public attribute of pydantic's ``BaseModel`` (a test keeps this list a superset of
# the installed pydantic's): a field of that name would hide a method the runtime calls,
# or make pydantic warn at import, which ``python -W error`` turns into a failure.
PYDANTIC_NAMES = frozenset(
    {"construct", "copy", "dict", "from_orm", "json", "parse_file", "parse_obj", "parse_raw"}
    | {"schema", "schema_json", "update_forward_refs", "validate"}
    | {"model_computed_fields", "model_config", "model_construct", "model_copy", "model_dump"}
    | {"model_dump_json", "model_extra", "model_fields", "model_fields_set", "model_json_schema"}
    | {"model_parametrized_name", "model_post_init", "model_rebuild", "model_validate"}
    | {"model_validate_json", "model_validate_strings"}
)
# pydantic keeps the ``model_`` namespace for its own (future) methods: a field named in
# it is renamed too, whether or not today's pydantic has such a method.
PYDANTIC_PREFIX = "model_"

# Attributes of our base classes that a field must never shadow.
RESERVED = {
    "Input": frozenset({"to_request"}) | PYDANTIC_NAMES,
    "Output": frozenset({"urls"}) | PYDANTIC_NAMES,
}


def _reserved(name: str, reserved: frozenset[str]) -> bool:
    """Whether attribute ``name`` is one a field must not take (an alias keeps it in JSON)."""
    return name in reserved or (name.startswith(PYDANTIC_PREFIX) and not name.endswith("_"))


# Names a field in a class body must not take: they would hide the type of the same name
# from the annotations after it (``float: int`` then ``x: float``).
_TYPE_NAMES = frozenset(
    {"bool", "bytes", "dict", "float", "frozenset", "int", "list", "object", "set", "str"}
    | {"tuple", "type", "Annotated", "Any", "Final", "Literal", "Field", "MISSING"}
    | {
        "JsonSchema",
        "JsonNumber",
        "BaseModel",
        "InputModel",
        "InputObject",
        "OutputModel",
        "RootModel",
    }
    | {"ConfigDict", "MediaField", "ModelSpec", "RuleSpec", "MODEL_ID", "MEDIA_FIELDS", "SPEC"}
    | {"annotations", "l"}  # (``l`` hides nothing, but ruff's E741 refuses it; O and I
    # never reach here: snake_case_field makes them o and i)
)


def _free(name: str, taken: set[str]) -> str:
    candidate = f"{name}_"
    while candidate in taken:
        candidate += "_"
    taken.add(candidate)
    return candidate


def clashing_names(field_names: dict[str, str], reserved: frozenset[str]) -> dict[str, str]:
    """Python names to force: ones that shadow a method or equal another field's JSON name.

    ``Prompt`` and ``prompt`` would otherwise become ``prompt`` (alias ``Prompt``) and
    ``prompt_1`` (alias ``prompt``), and a payload's ``prompt`` would set both.
    """
    json_names = set(field_names)
    taken = set(field_names.values()) | json_names
    forced: dict[str, str] = {}
    for json_name, python_name in field_names.items():
        clashes = python_name != json_name and python_name in json_names
        if _reserved(python_name, reserved) or clashes:
            forced[json_name] = _free(python_name, taken)
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


def normalised_names(schema: dict[str, Any], taken: frozenset[str] = frozenset()) -> dict[str, str]:
    """Python names to force for JSON names that Python would read as another name.

    Python reads identifiers in NFKC form: a property ``ﬁ`` (a ligature) written as an
    attribute would be the attribute ``fi``, and its JSON name would be lost. Such names
    get a plain name and keep theirs as the alias; ``taken`` are attribute names
    datamodel-code-generator gives other fields (``field_`` for a property ``.``).
    """
    names = _property_names(schema)
    forced: dict[str, str] = {}
    for name in sorted(names):
        plain = unicodedata.normalize("NFKC", name)
        if name.isidentifier() and plain != name:
            candidate = re.sub(r"\W", "_", plain).lower()
            if not candidate.isidentifier() or keyword.iskeyword(candidate):
                candidate = f"field_{candidate}"
            forced[name] = _free(candidate, names | taken | set(forced.values()))
    return forced


def attribute_names(body: str) -> frozenset[str]:
    """The attribute name of every field, in every class of ``body``."""
    return frozenset(
        field.attribute for owner in class_defs(ast.parse(body)) for field in fields_of(owner)
    )


def shadowing_names(
    body: str, class_names: tuple[str, ...], reserved: frozenset[str]
) -> dict[str, str]:
    """Python names to force for fields (in any class) named like a type, a class or a method."""
    hidden = _TYPE_NAMES | set(class_names)
    fields = [
        (field.json_name, field.attribute)
        for owner in class_defs(ast.parse(body))
        for field in fields_of(owner)
    ]
    taken = {name for pair in fields for name in pair} | hidden | reserved
    forced: dict[str, str] = {}
    for json_name, attribute in fields:
        if (attribute in hidden or _reserved(attribute, reserved)) and json_name not in forced:
            forced[json_name] = _free(attribute, taken)
    return forced
