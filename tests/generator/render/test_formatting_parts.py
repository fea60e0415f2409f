"""A model module is formatted in parts; the bytes are black's for the whole module."""

from __future__ import annotations

import json
from typing import Any

import black
import pytest

from generator.config import RenderOptions
from generator.ir.types import ModelIR
from generator.render import model_files
from generator.render.formatting import BLACK_MODE, format_python
from generator.render.session import RenderSession
from generator.render.source_edits import black_style
from generator.schema.document import dump_document
from tests.support.model_irs import model_irs
from tests.support.paths import SCHEMAS
from tests.support.synthetic import synthetic_documents
from tests.support.whole_module import formatted_whole


def _raws() -> list[Any]:
    published = [json.loads(path.read_text("utf-8")) for path in sorted(SCHEMAS.rglob("*.json"))]
    synthetic = [json.loads(dump_document(doc)) for doc in synthetic_documents(40, seed=17)]
    return published + synthetic


def _models() -> list[ModelIR]:
    return model_irs(_raws())


def test_each_module_is_what_black_makes_of_it_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    models = _models()
    assert len(models) > 40
    session = RenderSession(RenderOptions(out_label="out"))
    in_parts = [model_files.render_model(session, model).files for model in models]
    monkeypatch.setattr(model_files, "_formatted_module", formatted_whole)
    whole = RenderSession(RenderOptions(out_label="out"))
    assert in_parts == [model_files.render_model(whole, model).files for model in models]


def test_a_template_not_cut_as_expected_is_formatted_whole() -> None:
    session = RenderSession(RenderOptions())
    template = f"x = ( 1 )\n{model_files._OUTPUT_MARK}\n{model_files._INPUT_MARK}\n"
    made = model_files._formatted_module(session, template, "y = 'a'", "z = ( 2 )", "m.py")
    assert made == 'x = 1\ny = "a"\nz = 2\n'


_CLASS = 'class A(B):\n    """Doc."""\n'
SNIPPETS = [
    "class A(B):\n    '''Doc's.'''\n    x: Literal['a', 'b'] = 'a'\n",
    'class A(B):\n    """Doc."""\n\n    x: str = \'it"s\'\n',
    "class A(B):\n    \"\"\"Doc 'quoted'.\"\"\"\n    x: str = 'a\\\\b'\n    y: str = b'x'\n",
    _CLASS + "    # a comment\n    x: str = r'raw' 'joined'\n",
    _CLASS + "    @property\n    def p(self) -> str:\n        return f'{1}'\n",
    _CLASS + '\n\nclass C(B):\n    """Só \'ünï\'."""\n    x: str = \'ünï\'\n',
    _CLASS + "    x: Annotated[Literal['a' * 60, 'b' 'b'], Field(alias='xX')] = 'a'\n",
    _CLASS + "    x: Annotated[Literal['" + "a" * 40 + "', '" + "b" * 30 + "'], Field(le=1)]\n",
]


@pytest.mark.parametrize("code", SNIPPETS)
def test_black_style_changes_nothing_black_returns(code: str) -> None:
    styled = black_style(code)
    assert format_python(styled, "m.py") == format_python(code, "m.py")


def test_black_style_leaves_black_one_pass_where_it_can() -> None:
    code = "class A(B):\n    \"\"\"Doc.\"\"\"\n    x: Literal['a', 'b'] = 'a'\n"
    styled = black_style(code)
    assert styled != code
    assert black.format_str(styled, mode=BLACK_MODE) == styled


def test_the_parts_meet_at_two_blank_lines() -> None:
    """The parts of a module meet at two blank lines, as black leaves them."""
    session = RenderSession(RenderOptions(out_label="out"))
    module = model_files.render_model(session, _models()[0]).files
    text = next(text for path, text in module.items() if path.endswith(".py"))
    assert "\n\n\nclass Output(" in text
    assert "\n\n\nMEDIA_FIELDS" in text


@pytest.mark.parametrize("mark", [model_files._OUTPUT_MARK, model_files._INPUT_MARK])
def test_schema_text_that_reads_like_a_mark_is_only_text(mark: str) -> None:
    """The marks that hold the classes' place are unique in each module, whatever a
    schema's id, metadata or descriptions say."""
    raw = json.loads(dump_document(synthetic_documents(1, seed=3)[0]))
    raw["model_id"] = f"marks/{mark}"
    raw["endpoint"] = f"https://model-api.runcomfy.net/v1/models/marks/{mark}"
    raw.setdefault("metadata", {})["display_name"] = f"{mark} {mark}_1"
    (ir,) = model_irs([raw])
    files = model_files.render_model(RenderSession(RenderOptions(out_label="out")), ir).files
    module = files[f"runcomfy_models/models/{ir.module}.py"]
    assert format_python(module, "m.py") == module
    assert f'"""{raw["model_id"]}:' in module  # the id stays in the docstring, as text
    assert module.count("class Output(") == module.count("class Input(") == 1
