"""One model's files: its module (black-formatted) and its reference page.

A pure function of the model's IR and the session's options, so models can be rendered
in any order, in any process, and reused from the previous tree when nothing changed.

The module is formatted in parts, each part whole top-level statements: the template's
head (before its import block, the import block, after it), the ``Output`` classes, the
``Input`` classes and the template's tail (before ``SPEC``, and ``SPEC``). black formats
a top-level statement on its own, and the parts meet where black puts the same blank
lines (two around a class, one after the module docstring, the imports and between the
tail's statements), so joining the formatted parts gives black's output for the whole
module (tests/generator/render/test_formatting_parts.py compares them). It is cheaper:
the ``Output`` classes, the import blocks and ``SPEC`` recur across models and are
formatted once per process; the template's parts, already in black's style, take one
pass of black where the whole module (made untidy by datamodel-code-generator's part)
took two; datamodel-code-generator's parts are given black's quotes and blank lines
first (``black_style``), so most take one pass too. The template's header and docstring
(where ``_plain_head``) and its data (``__all__``, ``MODEL_ID``, ``MEDIA_FIELDS``,
``INFO``) are laid out as black lays them out and skip black where
``formatting.laid_out_as_black`` vouches for them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from generator.config import PACKAGE, RenderOptions
from generator.ir.types import ModelIR
from generator.render import codegen_schema
from generator.render.imports import name_key, render_imports
from generator.render.pydantic_models import input_model_code
from generator.render.samples import doc_fields, usage_of
from generator.render.session import RenderSession
from generator.render.source_edits import black_style
from generator.reuse import ModelFiles, Usage
from generator.runtime import surface

__all__ = ["RenderedModel", "render_model", "render_model_files"]

_SPECS = f"{PACKAGE}._runtime.{surface.MODEL_SPECS}"
_INFO = f"{PACKAGE}._runtime.{surface.MODEL_INFO}"
_MODULE_IMPORTS = {
    ("__future__", "annotations"),
    ("typing", "Final"),
    (_SPECS, "MediaField"),
    (_SPECS, "ModelSpec"),
    (_INFO, "CostBasis"),
    (_INFO, "ModelInfo"),
}
_RULES_IMPORT = (_SPECS, "RuleSpec")
# Where the template's head, the Output classes, the Input classes and its tail meet.
_OUTPUT_MARK = "RUNCOMFY_CODEGEN_OUTPUT_CLASSES_HERE"
_INPUT_MARK = "RUNCOMFY_CODEGEN_INPUT_CLASSES_HERE"
_SEPARATOR = "\n\n\n"  # two blank lines, as black puts them around a top-level class
_SPEC_LINE = "SPEC: ModelSpec[Input, Output] = ModelSpec(\n"  # the tail's last statement
_PRICE_IMPORT = (_INFO, "Price")


@dataclass(frozen=True)
class RenderedModel:
    """A model's files by path, and the usage example its page shows."""

    model_id: str
    module: str
    files: dict[str, str]
    usage: Usage


def render_model(session: RenderSession, model: ModelIR) -> RenderedModel:
    """Render one model's module and reference page in ``session``."""
    media = frozenset(field.json_name for field in model.media_fields)
    input_code = input_model_code(codegen_schema.input_schema(model), model.model_id, media)
    output_code = session.output_code(codegen_schema.output_schema(model), model.model_id)
    command = session.options.command
    submit_path = f"/v1/models/{model.model_id}"
    imports = _MODULE_IMPORTS | input_code.imports | output_code.imports
    if any(field.rules for field in model.media_fields):
        imports |= {_RULES_IMPORT}
    if model.info.price is not None:
        imports |= {_PRICE_IMPORT}
    names = {"INFO", "MEDIA_FIELDS", "MODEL_ID", "SPEC", *input_code.class_names}
    import_lines = render_imports(imports)
    exports = sorted(names | set(output_code.class_names), key=name_key)
    for attempt in itertools.count():  # marks no schema text repeats: each stands once
        marks = _marks(attempt)
        template = session.render(
            "model_module.py.jinja",
            model=model,
            command=command,
            submit_path=submit_path,
            imports=import_lines,
            exports=exports,
            output_code=marks[0],
            input_code=marks[1],
        )
        if template.count(marks[0]) == template.count(marks[1]) == 1:
            break
    fields = doc_fields(model.fields, input_code.field_names)
    usage = usage_of(fields)
    doc = session.render(
        "model_doc.md.jinja",
        model=model,
        command=command,
        submit_path=submit_path,
        fields=fields,
        usage=usage,
    )
    paths = ModelFiles.of(model.module)
    module = _formatted_module(
        session,
        template,
        output_code.body.rstrip(),
        input_code.body.rstrip(),
        paths.module,
        import_lines,
        marks,
    )
    files = {paths.module: module, paths.doc: doc}
    return RenderedModel(model.model_id, model.module, files, usage)


def _formatted_module(
    session: RenderSession,
    template: str,
    output_code: str,
    input_code: str,
    where: str,
    import_lines: str = "",
    marks: tuple[str, str] = (_OUTPUT_MARK, _INPUT_MARK),
) -> str:
    """The module black would make of ``template`` with the classes in place of ``marks``
    (each there once), formatted in parts (see the module's docstring); as a whole if the
    template is not cut as expected."""
    output_mark, input_mark = marks
    cut = f"{_SEPARATOR}{output_mark}{_SEPARATOR}{input_mark}{_SEPARATOR}"
    if template.count(cut) == 1:
        head, tail = template.split(cut)
        classes = [black_style(code) + "\n" for code in (output_code, input_code)]
        formatted = [session.format_python(piece, where) for piece in classes]
        formatted.append(_formatted_tail(session, tail, where))
        return "\n\n".join([_formatted_head(session, head + "\n", import_lines, where), *formatted])
    module = template.replace(output_mark, output_code, 1).replace(input_mark, input_code, 1)
    return session.format_python(module, where)


def _marks(attempt: int) -> tuple[str, str]:
    """The names that hold the classes' place in the template: ``attempt`` makes new ones
    when a schema's text already holds these (deterministic, so output stays so)."""
    suffix = f"_{attempt}" if attempt else ""
    return _OUTPUT_MARK + suffix, _INPUT_MARK + suffix


def _formatted_head(session: RenderSession, head: str, import_lines: str, where: str) -> str:
    """The head formatted in three parts: before its import block, the import block, and
    after it, joined by the one blank line black keeps on each side (after the module
    docstring, after the imports). The same few import blocks recur across models and are
    formatted once; a head not cut as expected is formatted whole."""
    around = f"\n\n{import_lines}\n"
    if import_lines.endswith("\n") and head.count(around) == 1:
        before, after = head.split(around)
        formatted = [
            session.format_python(before + "\n", where, laid_out=_plain_head(before)),
            session.format_python(import_lines, where),
            session.format_python(after, where, laid_out=True),
        ]
        return "\n".join(formatted)
    return session.format_python(head, where)


def _plain_head(before: str) -> bool:
    """Whether the head before its imports (the provenance header, the module docstring)
    holds nothing black would touch in a comment or a docstring: two comment lines, then
    the docstring, opened by a word, with no quote but its own and no line starting with
    a space. Then it is laid out as black lays it out (``formatting.laid_out_as_black``
    checks the rest)."""
    lines = before.split("\n")
    return (
        len(lines) > 3
        and before.count('"') == 6
        and "'" not in before
        and lines[0].startswith("# ")
        and lines[1].startswith("# ")
        and lines[2].startswith('"""')
        and not lines[2][3:4].isspace()
        and lines[-1] == '"""'
        and not any(line[:1].isspace() for line in lines)
    )


def _formatted_tail(session: RenderSession, tail: str, where: str) -> str:
    """The tail formatted in two parts, before ``SPEC`` and ``SPEC`` (the same in every
    module, formatted once), joined by the one blank line black keeps between them."""
    cut = f"\n\n{_SPEC_LINE}"
    if tail.count(cut) == 1:
        before, spec = tail.split(cut)
        formatted = [
            session.format_python(before + "\n", where, laid_out=True),
            session.format_python(_SPEC_LINE + spec, where),
        ]
        return "\n".join(formatted)
    return session.format_python(tail, where)


def render_model_files(model: ModelIR, options: RenderOptions) -> dict[str, str]:
    """A model's module and reference page, in a session of their own (nothing memoised)."""
    return render_model(RenderSession(options), model).files
