"""The render session: memos per generate, no module globals, pickled without its env."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from generator import config
from generator.config import RenderOptions
from generator.render import formatting, pydantic_models
from generator.render.formatting import source_hash
from generator.render.session import RenderSession

OUTPUT = {
    "type": "object",
    "properties": {"images": {"type": "array", "items": {"type": "string"}}},
    "description": "The model's output: the URLs of what it made.",
}


def test_the_renderer_keeps_no_state_in_module_globals() -> None:
    for module in (formatting, pydantic_models):
        caches = [name for name, value in vars(module).items() if isinstance(value, dict | list)]
        assert all(name.isupper() or name.startswith("__") for name in caches), caches
        assert not hasattr(module, "_OUTPUTS")
        assert not hasattr(module, "_FORMATTED")


def test_output_classes_are_made_once_per_session(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    real = pydantic_models.output_model_code

    def counting(schema: dict[str, object], model_id: str) -> pydantic_models.ModelCode:
        made.append(model_id)
        return real(schema, model_id)

    monkeypatch.setattr("generator.render.session.output_model_code", counting)
    first, second = RenderSession(RenderOptions()), RenderSession(RenderOptions())
    assert first.output_code(OUTPUT, "a/b") is first.output_code(dict(OUTPUT), "c/d")
    second.output_code(OUTPUT, "e/f")
    assert made == ["a/b", "e/f"]


def test_black_is_remembered_and_seeded(monkeypatch: pytest.MonkeyPatch) -> None:
    source = "x = ( 1 )\n"
    session = RenderSession(RenderOptions(), formatted={source_hash(source): "x = 'seeded'\n"})
    assert session.format_python(source, "a.py") == "x = 'seeded'\n"
    calls: list[str] = []

    def counting(text: str, where: str) -> str:
        calls.append(where)
        return formatting.format_python(text, where)

    monkeypatch.setattr("generator.render.session.format_python", counting)
    assert session.format_python("y = ( 2 )\n", "b.py") == "y = 2\n"
    assert session.format_python("y = ( 2 )\n", "c.py") == "y = 2\n"
    assert calls == ["b.py"]


def test_a_pickled_session_rebuilds_its_environment(tmp_path: Path) -> None:
    session = RenderSession(RenderOptions(out_label="out"))
    assert session.environment is session.environment
    session.output_code(OUTPUT, "a/b")
    copy = pickle.loads(pickle.dumps(session))
    assert copy.options == session.options
    assert copy.environment is not session.environment
    assert copy.output_code(OUTPUT, "a/b") == session.output_code(OUTPUT, "a/b")


def test_the_templates_are_read_from_config_when_the_session_is_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "hello.jinja").write_text("{{ provenance('x.json', 'cmd') }}|{{ 1 | pyrepr }}")
    monkeypatch.setattr(config, "TEMPLATES_DIR", tmp_path)
    rendered = RenderSession(RenderOptions()).render("hello.jinja")
    assert (
        rendered
        == "# Generated from x.json\n# by runcomfy-codegen; do not edit, run `cmd` instead.|1"
    )
