"""Render the whole generated project, in memory, as ``{relative path: text}``.

Nothing here touches the disk: the writer decides what to do with the tree, and the
drift check compares it with what is committed. Every file is a pure function of the
schemas, the templates, the runtime sources and the generator version.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import GenerationError
from generator.ir import FieldDoc, ModelIR
from generator.parallel import map_in_order
from generator.render.environment import environment, python_literal
from generator.render.formatting import format_python
from generator.render.imports import name_key, render_imports
from generator.render.pydantic_models import ModelCode, input_model_code, output_model_code

__all__ = [
    "PACKAGE",
    "REQUIREMENTS",
    "RUNTIME_DIR",
    "ModelEntry",
    "RenderOptions",
    "render_model_files",
    "render_package",
]

PACKAGE = "runcomfy_models"
RUNTIME_DIR = Path(__file__).resolve().parent.parent / "runtime"


def runtime_dir() -> Path:
    """Where the runtime sources are read from (a module global, so tests can point it)."""
    return RUNTIME_DIR


# The emulator's server (starlette, uvicorn) is small and pure Python, so it ships with
# every install: downstream tests need no extra to run against it.
REQUIREMENTS = (
    "filelock>=3.20.1",
    "httpx>=0.28,<1",
    "pillow>=11",
    "pydantic>=2.14,<3",
    "rich>=13",
    "starlette>=0.40",
    "tinytag>=2.1",
    "uvicorn>=0.30",
)
EXTRAS = {"video": ["pymediainfo>=7"]}

# What ``runcomfy_models`` exports from its runtime, loaded on first use (by module).
LAZY_EXPORTS = {
    "aclient": ["AsyncClient", "AsyncJob"],
    "client": ["Client", "Job"],
    "download": ["DownloadError", "DownloadLimits", "adownload_outputs", "download_outputs"],
    "jobs": ["CancelOutcome", "JobResult", "JobState", "JobStatus"],
    "media": ["ProbeError", "ProbeLimits"],
    "polling": ["PollPolicy"],
    "transport": ["RetryPolicy"],
    "validation": [
        "amedia_findings",
        "avalidate_input",
        "avalidate_media",
        "media_findings",
        "validate_input",
        "validate_media",
    ],
}

_MODULE_IMPORTS = {
    ("typing", "Final"),
    (f"{PACKAGE}._runtime.spec", "MediaField"),
    (f"{PACKAGE}._runtime.spec", "ModelSpec"),
}
_RULES_IMPORT = (f"{PACKAGE}._runtime.spec", "RuleSpec")


@dataclass(frozen=True)
class RenderOptions:
    """Where the schemas were read from and where the output goes, as the user named them."""

    schemas_label: str = "schemas"
    out_label: str = "generated"
    version: str = "1.0.0"

    @property
    def command(self) -> str:
        command = "runcomfy-codegen generate"
        if self.schemas_label != "schemas":
            command += f" --schemas {self.schemas_label}"
        if self.out_label != "generated":
            command += f" --out {self.out_label}"
        return command


@dataclass(frozen=True)
class _Field:
    json_name: str
    python_name: str
    doc: FieldDoc


def _sample(field: FieldDoc) -> Any:
    """A plausible value for a required field, for the usage snippet."""
    if field.has_example:
        return field.example
    if field.enum:
        return field.enum[0]
    if field.media is not None:
        extension = {"video": "mp4", "audio": "mp3"}.get(field.media.kind or "", "jpg")
        url = f"https://example.com/input.{extension}"
        return [url] if field.media.is_array else url
    kind = field.type_text.split(" ")[0]
    return {"integer": 1, "number": 1.0, "boolean": True, "array": [], "object": {}}.get(
        kind, "..."
    )


def _render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


@dataclass(frozen=True)
class _Example:
    model_id: str
    module: str
    usage: list[tuple[str, str]]


def render_model_files(model: ModelIR, options: RenderOptions) -> dict[str, str]:
    """A model's module (black-formatted) and its reference page."""
    files, _ = _model_files(model, options)
    return files


def _model_files(model: ModelIR, options: RenderOptions) -> tuple[dict[str, str], _Example]:
    input_code: ModelCode = input_model_code(model.input_schema, model.model_id)
    output_code: ModelCode = output_model_code(model.output_schema, model.model_id)
    exports = sorted(
        {"MEDIA_FIELDS", "MODEL_ID", "SPEC", *input_code.class_names, *output_code.class_names},
        key=name_key,
    )
    submit_path = f"/v1/models/{model.model_id}"
    module_path = f"{PACKAGE}/models/{model.module}.py"
    module = _render(
        "model_module.py.jinja",
        model=model,
        command=options.command,
        submit_path=submit_path,
        imports=render_imports(
            {("__future__", "annotations")}
            | _MODULE_IMPORTS
            | ({_RULES_IMPORT} if any(f.rules for f in model.media_fields) else set())
            | input_code.imports
            | output_code.imports
        ),
        exports=exports,
        input_code=input_code.body.rstrip(),
        output_code=output_code.body.rstrip(),
    )
    fields = [
        _Field(doc.json_name, input_code.field_names.get(doc.json_name, doc.json_name), doc)
        for doc in model.fields
    ]
    usage = [
        (f.python_name, python_literal(_sample(f.doc)))
        for f in fields
        if f.doc.required and not f.doc.nested
    ]
    doc = _render(
        "model_doc.md.jinja",
        model=model,
        command=options.command,
        submit_path=submit_path,
        fields=fields,
        usage=usage,
    )
    files = {
        module_path: format_python(module, module_path),
        f"docs/models/{model.module}.md": doc,
    }
    return files, _Example(model.model_id, model.module, usage)


def _runtime_all(module: str) -> list[str]:
    """The ``__all__`` of a runtime module, read without importing it."""
    tree = ast.parse((runtime_dir() / f"{module}.py").read_text("utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return [str(item) for item in ast.literal_eval(node.value)]
    raise GenerationError(f"generator/runtime/{module}.py has no __all__")


def _runtime_files(options: RenderOptions) -> dict[str, str]:
    files = {}
    for path in sorted(runtime_dir().glob("*.py")):
        source = f"generator/runtime/{path.name}"
        header = (
            f"# Generated by runcomfy-codegen from {source}; "
            f"do not edit, run `{options.command}` instead.\n"
        )
        files[f"{PACKAGE}/_runtime/{path.name}"] = header + path.read_text("utf-8")
    return files


def _render_one(job: tuple[ModelIR, RenderOptions]) -> tuple[dict[str, str], _Example]:
    return _model_files(*job)


@dataclass(frozen=True)
class ModelEntry:
    """A model as the package-wide files list it: id and module."""

    model_id: str
    module: str


def _readme_example(
    ordered: Sequence[ModelEntry],
    examples: Mapping[str, _Example],
    reused_usages: Mapping[str, list[tuple[str, str]]],
) -> _Example:
    """The README's example: the first model's usage, rendered now or recorded before."""
    if not ordered:
        return _Example("owner/model", "owner_model", [])
    first = ordered[0]
    if first.model_id in examples:
        return examples[first.model_id]
    if first.model_id not in reused_usages:
        raise GenerationError(f"{first.model_id}: neither rendered nor recorded for the README")
    return _Example(first.model_id, first.module, reused_usages[first.model_id])


def render_package(
    entries: Sequence[ModelEntry],
    models: Sequence[ModelIR],
    options: RenderOptions,
    reused: Mapping[str, dict[str, str]] | None = None,
    formatted: dict[str, str] | None = None,
    reused_usages: Mapping[str, list[tuple[str, str]]] | None = None,
) -> tuple[dict[str, str], dict[str, list[tuple[str, str]]]]:
    """Every file of the generated project, and the usage example rendered per model.

    ``entries`` lists every model in the package; ``models`` are the ones to render and
    ``reused`` holds, by model id, the files of the others, taken from the previous tree
    because the manifest vouches they are what rendering would produce, with their usage
    examples in ``reused_usages`` (the README quotes the first model's). ``formatted``
    receives the source hash of each package-level Python file, for the manifest.
    """
    ordered = sorted(entries, key=lambda entry: entry.model_id)
    reused = reused or {}
    errors = _runtime_all("errors")
    context: dict[str, Any] = {
        "models": ordered,
        "command": options.command,
        "schemas_dir": f"{options.schemas_label}/",
        "version": options.version,
        "errors": sorted(errors, key=name_key),
        "lazy": LAZY_EXPORTS,
        "exports": sorted(
            {
                *errors,
                *(name for names in LAZY_EXPORTS.values() for name in names),
                "MediaField",
                "ModelSpec",
                "RuleSpec",
                "__version__",
                "get_model",
                "model_ids",
            },
            key=name_key,
        ),
    }
    tree: dict[str, str] = {}
    rendered = map_in_order(_render_one, [(model, options) for model in models])
    for entry in ordered:
        tree.update(reused.get(entry.model_id, {}))
    examples = {example.model_id: example for _, example in rendered}
    for files, _ in rendered:
        tree.update(files)
    context["example"] = _readme_example(ordered, examples, reused_usages or {})
    context["out_name"] = options.out_label.rstrip("/").rsplit("/", 1)[-1]
    python_templates = {
        f"{PACKAGE}/__init__.py": "package_init.py.jinja",
        f"{PACKAGE}/__main__.py": "package_main.py.jinja",
        f"{PACKAGE}/_registry.py": "registry.py.jinja",
        f"{PACKAGE}/models/__init__.py": "models_init.py.jinja",
        f"{PACKAGE}/testing.py": "testing.py.jinja",
    }
    for path, template in python_templates.items():
        tree[path] = format_python(_render(template, **context), path, formatted)
    tree.update(_runtime_files(options))
    tree[f"{PACKAGE}/py.typed"] = ""
    tree["pyproject.toml"] = _render(
        "pyproject.toml.jinja",
        requirements=REQUIREMENTS,
        extras=EXTRAS,
        **context,
    )
    tree["README.md"] = _render("README.md.jinja", **context)
    usages = {model_id: example.usage for model_id, example in examples.items()}
    return dict(sorted(tree.items())), usages
