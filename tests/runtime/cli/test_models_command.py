"""python -m runcomfy_models models: the package's index as a table or JSON."""

from __future__ import annotations

import json
import subprocess
import sys

import runcomfy_models
from tests.support.package import generated_tree


def _models(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "runcomfy_models", "models", *args],
        cwd=generated_tree(),
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_search_prints_a_table_of_matching_models() -> None:
    done = _models("--search", "kling", "--category", "image-to-video")
    assert done.returncode == 0, done.stderr
    header, *rows = done.stdout.splitlines()
    assert header.split() == ["MODEL", "TASK", "MEDIA", "REQUIRED", "INPUTS", "PRICE"]
    expected = runcomfy_models.find(search="kling", category="image-to-video")
    assert [row.split()[0] for row in rows] == [info.model_id for info in expected]
    standard = next(r for r in rows if r.startswith("kling/kling-3.0/standard/image-to-video "))
    assert standard.split()[1:5] == ["image-to-video", "image", "->", "video"]
    assert "prompt, start_image_url" in standard


def test_json_lists_the_same_entries_as_find() -> None:
    done = _models("--category", "edit", "--json")
    assert done.returncode == 0, done.stderr
    entries = json.loads(done.stdout)
    assert [e["model_id"] for e in entries] == [
        info.model_id for info in runcomfy_models.find(category="edit")
    ]
    first = entries[0]
    assert first["task"] == "edit"
    assert first["doc_page"] == f"docs/models/{first['module']}.md"
    assert set(first) >= {"input_media", "output_media", "required_inputs", "price", "name"}


def _names() -> list[str]:
    every = runcomfy_models.find()
    return sorted({n for i in every for n in (i.task, *i.categories, *i.output_media)})


def test_nothing_matching_exits_1_and_lists_the_tasks_and_categories() -> None:
    done = _models("--search", "no-such-model-anywhere")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip() == (
        f"no model matches; the tasks, categories and media kinds are: {', '.join(_names())}"
    )


def test_a_misspelt_category_names_the_close_ones() -> None:
    done = _models("--category", "imge-to-video")
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("no model matches; close tasks and categories: image-to-video")


def test_a_known_category_is_not_offered_back_when_the_search_missed() -> None:
    done = _models("--category", "image-to-video", "--search", "vidoe-no-such")
    assert done.returncode == 1
    assert "close tasks and categories: image-to-video" not in done.stderr
    lone = _models("--search", "vidoe")
    assert lone.stderr.strip() == "no model matches; close tasks and categories: video"


def test_an_unknown_kind_names_the_kinds() -> None:
    done = _models("--kind", "workflow")
    assert done.returncode == 1
    assert done.stderr.strip() == "no model matches; the kinds are: model"


def test_prices_are_shown_in_plain_digits() -> None:
    from runcomfy_models._runtime.cli.models import price_text
    from runcomfy_models._runtime.core.info import Price

    assert price_text(Price(1e-7, "second")) == "0.0000001 USD/second"
    assert price_text(Price(1234567.25, "output")) == "1234567.25 USD/output"
    assert price_text(Price(0.07, "second")) == "0.07 USD/second"
    assert price_text(Price(2.0, "output")) == "2 USD/output"
    assert price_text(None) == "-"


def test_the_command_imports_no_model_module_nor_the_client() -> None:
    script = (
        "import sys, runcomfy_models\n"
        "from runcomfy_models._runtime.cli.main import main\n"
        "code = main(runcomfy_models.get_model, ['models', '--category', 'image-to-video'],"
        " find=runcomfy_models.find)\n"
        "heavy = ('runcomfy_models.models.', 'runcomfy_models._runtime.client', "
        "'runcomfy_models._runtime.testing', 'pydantic', 'httpx', 'PIL')\n"
        "loaded = [m for m in sys.modules if m.startswith(heavy)]\n"
        "print('LOADED', code, loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=generated_tree(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines()[-1] == "LOADED 0 []"
