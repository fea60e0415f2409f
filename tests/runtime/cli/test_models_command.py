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


def test_nothing_matching_exits_1_with_a_message() -> None:
    done = _models("--search", "no-such-model-anywhere")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip() == "no model matches"


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
