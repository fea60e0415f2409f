"""Parts the templates lay out as black would skip black: black would change none of them.

``formatting.laid_out_as_black`` vouches for a module's ``__all__`` and ``MODEL_ID``, its
``MEDIA_FIELDS`` and ``INFO``, and the package's index; here black runs over every part it
vouched for (published schemas, a synthetic catalog, the zoo of awkward schemas), and
over modules and indexes made of awkward values, which must come out as black makes them.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import black
import pytest

from generator.config import PACKAGE, RenderOptions
from generator.errors import GenerationError
from generator.ir.types import MediaField, ModelIR, RuleSpec
from generator.render import formatting, model_files, package_files, session
from generator.render.formatting import BLACK_MODE, laid_out_as_black
from generator.render.session import RenderSession
from generator.runtime.core.info import Price
from generator.schema.document import dump_document
from tests.e2e.test_generator_zoo import ZOO
from tests.support.documents import document
from tests.support.model_irs import model_irs
from tests.support.paths import SCHEMAS
from tests.support.synthetic import synthetic_documents
from tests.support.whole_module import formatted_whole

CATALOG = f"{PACKAGE}/_catalog.py"


def _raws() -> list[dict[str, Any]]:
    published = [json.loads(path.read_text("utf-8")) for path in sorted(SCHEMAS.rglob("*.json"))]
    synthetic = [json.loads(dump_document(doc)) for doc in synthetic_documents(120, seed=17)]
    zoo = [document(properties, model_id=model_id) for model_id, properties in ZOO.items()]
    return published + synthetic + zoo


def _render(models: list[ModelIR]) -> tuple[list[dict[str, str]], dict[str, str]]:
    options = RenderOptions(out_label="out")
    made = RenderSession(options)
    modules = [model_files.render_model(made, model).files for model in models]
    index, _ = package_files.package_files(made, package_files.package_context(models, options))
    return modules, index


def _vouched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The parts ``laid_out_as_black`` vouches for from now on, as they are asked about."""
    vouched: list[str] = []

    def recording(source: str) -> bool:
        if laid_out_as_black(source):
            vouched.append(source)
            return True
        return False

    monkeypatch.setattr(session, "laid_out_as_black", recording)
    return vouched


def test_black_changes_no_part_vouched_for(monkeypatch: pytest.MonkeyPatch) -> None:
    models = model_irs(_raws())
    assert len(models) > 120 + len(ZOO) - 1
    vouched = _vouched(monkeypatch)
    _render(models)
    starts = [part.split(" ", 1)[0] for part in vouched]
    assert starts.count("__all__") == len(models)
    # each module's header and docstring, and the catalog, which starts with its header
    assert starts.count("#") == len(models) + 1
    # a few published rules run past 100 columns: black lays those out
    assert len(models) > starts.count("MEDIA_FIELDS:") > 0.9 * len(models)
    changed = [part for part in vouched if black.format_str(part, mode=BLACK_MODE) != part]
    assert changed == []


def _awkward(models: list[ModelIR]) -> list[ModelIR]:
    """Models whose data the layout does not cover: each must reach black."""
    wide = "図" * 30  # 30 characters, 60 columns, 90 bytes
    values: list[dict[str, Any]] = [
        {"display_name": "back\\slash"},
        {"display_name": "both 'quotes' \"here\""},
        {"display_name": "it's"},
        {"display_name": 'say "hi"'},
        {"display_name": "tab\there"},
        {"display_name": wide},
        {"display_name": wide + "x" * 20},
        {"display_name": "x" * 120},
        {"categories": tuple(f"category-{n}" for n in range(12))},
        {"price": Price(1e20, "second", "n" * 150)},
        {"price": Price(1e-05, "output", None)},
        {"price": Price(0.5, "output", "x" * 70)},
    ]
    with_media = next(model for model in models if model.media_fields)
    made = [
        dataclasses.replace(model, info=dataclasses.replace(model.info, **value))
        for model, value in zip(models, values, strict=False)
    ]
    field = with_media.media_fields[0]
    rules = [
        (RuleSpec("max_size_mb", 10, "Files can't be over 10 MB"),),
        (RuleSpec("max_size_mb", 1e30, "y" * 60),),
        (RuleSpec("max_size_mb", 10, "z" * 100),),
        (RuleSpec("max_size_mb", 10, 'a "quoted\\" error'),),
        (RuleSpec("min_width", 1, "a"), RuleSpec("max_width", 2, "b" * 90)),
    ]
    heads: list[dict[str, Any]] = [
        {"model_id": 'say "x"/y'},
        {"model_id": "it's/y"},
        {"model_id": "a/b  "},
        {"model_id": " a/b"},
        {"model_id": "a\tb/c"},
        {"schema_path": "sch\\emas/x.json"},
        {"schema_path": "schemas/x.json "},
        {"module": "m" * 120},
    ]
    made.extend(
        dataclasses.replace(model, **value)
        for model, value in zip(models[len(values) :], heads, strict=False)
    )
    for spec in rules:
        media = (MediaField(field.json_name, field.kind, field.is_array, spec),)
        made.append(dataclasses.replace(with_media, media_fields=media))
    assert len(made) == len(values) + len(heads) + len(rules)
    return made


def test_awkward_values_come_out_as_black_makes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    models = _awkward(model_irs(_raws()[:40]))
    modules, index = _render(models)
    monkeypatch.setattr(session, "laid_out_as_black", lambda source: False)
    monkeypatch.setattr(model_files, "_formatted_module", formatted_whole)
    assert (modules, index) == _render(models)
    assert index[CATALOG] == formatting.format_python(index[CATALOG], CATALOG)


@pytest.mark.parametrize(
    "source",
    [
        "x = 1",  # no final newline
        "x = 1\n\n",
        'x = "a\\\\b"\n',
        "x = (\n\t1,\n)\n",
        "x = 1\r\ny = 2\n",
        "x = 1e+20\n",
        "x = 1.5e+20\n",
        "x = 1 \n",
        "x = " + "1" * 97 + "\n",
        'x = "' + "図" * 33 + '"\n',
        "x = (\n",  # does not parse: black's error, not a broken file
        "x = '\0'\n",
    ],
)
def test_what_the_layout_does_not_cover_goes_to_black(source: str) -> None:
    assert not laid_out_as_black(source)


def test_a_part_that_does_not_parse_gets_blacks_error() -> None:
    with pytest.raises(GenerationError, match=r"m\.py: generated code does not parse"):
        RenderSession(RenderOptions()).format_python("x = (\n", "m.py", laid_out=True)


def test_a_laid_out_part_is_returned_as_it_is() -> None:
    source = 'x = (\n    "a",\n    1e-05,\n    "' + "a" * 89 + '",\n)\n'
    assert laid_out_as_black(source)
    assert RenderSession(RenderOptions()).format_python(source, "m.py", laid_out=True) is source
