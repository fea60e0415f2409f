"""The generated docs index: every model once, under its task, linked to its page."""

from __future__ import annotations

import re
from pathlib import Path

import runcomfy_models
from tests.support.documents import document, write
from tests.support.package import generated_tree
from tests.support.trees import generate

ROW = re.compile(r"^\| \[(?P<name>[^\]]+)\]\((?P<page>[a-z0-9_]+\.md)\)")


def _sections() -> dict[str, list[str]]:
    text = (generated_tree() / "docs/models/README.md").read_text("utf-8")
    sections: dict[str, list[str]] = {}
    task = ""
    for line in text.splitlines():
        if line.startswith("## "):
            task = line[3:]
            sections[task] = []
        elif ROW.match(line):
            sections[task].append(line)
    return sections


def test_every_model_is_listed_once_under_its_task_with_a_working_link() -> None:
    sections = _sections()
    listed: dict[str, str] = {}
    for task, rows in sections.items():
        for row in rows:
            match = ROW.match(row)
            assert match is not None
            assert (generated_tree() / "docs/models" / match["page"]).is_file(), row
            assert match["page"] not in listed, row
            listed[match["page"]] = task
    infos = runcomfy_models.find()
    assert len(infos) == len(runcomfy_models.model_ids()) == len(listed) == 95
    assert {f"{info.module}.md": info.task for info in infos} == listed
    assert list(sections) == sorted(sections)


def test_a_row_shows_media_required_inputs_and_price() -> None:
    rows = _sections()["image-to-video"]
    kling = next(r for r in rows if "kling/kling-3.0/standard/image-to-video" in r)
    cells = [cell.strip() for cell in kling.split("|")[1:-1]]
    assert cells[0].endswith("*derived*")  # the task was read from the model id
    assert cells[1:] == ["image -> video", "`prompt`, `start_image_url`", "—"]


def test_a_published_price_and_name_reach_the_index_the_page_and_the_module(
    tmp_path: Path,
) -> None:
    data = document({"prompt": {"type": "string"}}, ["prompt"], "owner/model/text-to-image")
    data["metadata"] = {
        "display_name": "Model <b>M</b>",
        "categories": ["text-to-image"],
        "base_price_usd": 0.04,
        "price_unit": "output",
        "pricing_note": "per image | any size",
    }
    write(tmp_path / "schemas", data)
    code, output = generate("--schemas", str(tmp_path / "schemas"), "--out", str(tmp_path / "g"))
    assert code == 0, output
    index = (tmp_path / "g/docs/models/README.md").read_text("utf-8")
    row = next(line for line in index.splitlines() if line.startswith("| [Model"))
    assert row == (
        "| [Model &lt;b&gt;M&lt;/b&gt;](owner_model_text_to_image.md) "
        "(`owner/model/text-to-image`) | text -> image | `prompt` | 0.04 USD/output |"
    )  # published task: not marked derived; markup in a name is escaped
    page = (tmp_path / "g/docs/models/owner_model_text_to_image.md").read_text("utf-8")
    assert page.splitlines()[2] == "# Model &lt;b&gt;M&lt;/b&gt;"
    assert (
        "| text-to-image | text → image (output from the task) "
        "| 0.04 USD per output (per image \\| any size) | text-to-image |"
    ) in page
    module = (tmp_path / "g/runcomfy_models/models/owner_model_text_to_image.py").read_text()
    assert "price=Price(" in module
    assert 'pricing_note="per image | any size"' in module
