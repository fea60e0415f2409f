"""Finding models in the package's index, without importing the model modules."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import runcomfy_models
from runcomfy_models import UnknownModelError, find, model_info
from tests.support.package import generated_tree


def test_find_by_category_lists_every_image_to_video_model_sorted() -> None:
    found = find(category="image-to-video")
    ids = [info.model_id for info in found]
    assert ids == sorted(ids)
    assert "kling/kling-3.0/pro/image-to-video" in ids
    assert "bytedance/seedance-1-0/pro/image-to-video" in ids  # a seed page's model too
    assert all(info.task == "image-to-video" for info in found)
    assert len(ids) == len(set(ids)) >= 10


def test_search_words_all_match_in_any_case() -> None:
    found = find(search="KLING image", category="image-to-video")
    assert found
    assert all("kling" in info.model_id for info in found)
    assert find(search="kling no-such-word") == []


def test_a_published_category_finds_by_output_media() -> None:
    videos = {info.model_id for info in find(category="video")}
    assert "wan-ai/wan-2.7/text-to-video" in videos  # its catalog entry says "video"
    audio = find(output="audio")
    assert audio
    assert all("audio" in info.output_media for info in audio)


def test_an_entry_says_its_task_media_and_required_inputs() -> None:
    info = model_info("kling/kling-3.0/standard/image-to-video")
    assert (info.task, info.task_origin) == ("image-to-video", "model id")
    assert info.input_media == ("image",)
    assert info.output_media == ("video",)
    assert "start_image_url" in info.required_inputs
    assert info.doc_page == f"docs/models/{info.module}.md"
    assert (generated_tree() / info.doc_page).is_file()


def test_the_index_agrees_with_every_model_module() -> None:
    for model_id in runcomfy_models.model_ids():
        assert runcomfy_models.get_model(model_id).info == model_info(model_id)


def test_an_unknown_id_names_close_matches() -> None:
    with pytest.raises(UnknownModelError) as raised:
        model_info("kling/kling-3.0/pro/image-to-vide")
    assert "did you mean kling/kling-3.0/pro/image-to-video" in str(raised.value)


def test_find_imports_no_model_module_nor_pydantic_or_httpx() -> None:
    script = (
        "import json, sys, runcomfy_models\n"
        "found = runcomfy_models.find(search='kling', category='image-to-video')\n"
        "print(json.dumps([len(found), sorted(m for m in sys.modules if m.startswith("
        "('runcomfy_models.models.', 'pydantic', 'httpx')))]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=generated_tree(),
        capture_output=True,
        text=True,
        check=True,
    )
    count, loaded = json.loads(done.stdout)
    assert count > 0
    assert loaded == []


def test_a_media_kind_as_category_lists_every_model_making_it() -> None:
    every = find()
    for kind in ("video", "image", "audio"):
        expected = {
            info.model_id
            for info in every
            if kind in info.output_media or kind in info.categories or info.task == kind
        }
        found = {info.model_id for info in find(category=kind)}
        assert found == expected
        assert {info.model_id for info in find(output=kind)} <= found
    # a model that makes video with no published category says so only by its media
    assert "kling/kling-3.0/standard/image-to-video" in {i.model_id for i in find(category="video")}


def test_category_and_kind_match_in_any_case() -> None:
    assert find(category="VIDEO") == find(category="video")
    assert find(category="Image-To-Video") == find(category="image-to-video")
    assert find(kind="MODEL") == find(kind="model") != []
    assert find(kind="Model", category="AUDIO") == find(kind="model", category="audio")
