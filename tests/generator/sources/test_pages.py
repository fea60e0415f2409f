"""pull PAGE...: doc pages in any locale and shape into canonical schema files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.sources import Fetcher, read_pages, record_location, resolve_location
from generator.sources.store import plan_pull
from tests.support.https import https_server
from tests.support.paths import PAGES, SCHEMAS
from tests.support.pulling import DREAMINA_PRO, RUNWAY, contract, pull


def files_of(directory: Path) -> dict[str, str]:
    return {
        p.relative_to(directory).as_posix(): p.read_text("utf-8")
        for p in sorted(directory.rglob("*.json"))
    }


def test_seed_pages_reproduce_the_committed_schemas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A copy of the project, pulled from elsewhere: paths are recorded from its root.
    project = tmp_path / "project"
    shutil.copytree(PAGES, project / "inputs/pages")
    monkeypatch.chdir(tmp_path)
    pages = [str(p) for p in sorted((project / "inputs/pages").glob("*.txt"))]
    code, output = pull(*pages, "--schemas", str(project / "schemas"))
    assert code == 0, output
    assert "4 added" in output
    pulled = files_of(project / "schemas")
    assert pulled == {path: text for path, text in files_of(SCHEMAS).items() if path in pulled}
    assert len(pulled) == 4


def _planned_statuses(pages: list[str], schemas_dir: Path) -> set[str]:
    """What a pull would do to the committed schemas, without writing anything."""
    return {outcome.status for outcome in plan_pull(read_pages(pages, Fetcher()), schemas_dir)}


def test_committed_schemas_are_unchanged_by_a_pull_from_the_repo_root(in_repo: Path) -> None:
    pages = [f"inputs/pages/{p.name}" for p in sorted(PAGES.glob("*.txt"))]
    assert _planned_statuses(pages, Path("schemas")) == {"unchanged"}


def test_where_pull_runs_from_does_not_change_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    pages = [str(p) for p in sorted(PAGES.glob("*.txt"))]
    assert _planned_statuses(pages, SCHEMAS) == {"unchanged"}
    monkeypatch.chdir(PAGES)
    pages = [p.name for p in sorted(PAGES.glob("*.txt"))]
    assert _planned_statuses(pages, Path("../../schemas")) == {"unchanged"}


def test_pages_outside_the_project_are_recorded_by_absolute_path(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere/page.txt"
    outside.parent.mkdir()
    shutil.copy(PAGES / "002_e94da7c852a456dd.txt", outside)
    schemas = tmp_path / "project/schemas"
    assert pull(str(outside), "--schemas", str(schemas))[0] == 0
    data = json.loads((schemas / f"{RUNWAY}.json").read_text("utf-8"))
    assert data["source"]["locations"] == [outside.as_posix()]


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("inputs/pages/a.txt", "/p/inputs/pages/a.txt"),
        ("/abs/a.txt", "/abs/a.txt"),
        ("https://x.test/a?b=1", "https://x.test/a?b=1"),
    ],
)
def test_recorded_locations_resolve_from_the_schemas_parent(location: str, expected: str) -> None:
    assert resolve_location(location, Path("/p/schemas")) == expected
    assert record_location(expected, Path("/p/schemas")) == location


def test_unwritable_schemas_directory_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", "utf-8")
    page = str(PAGES / "002_e94da7c852a456dd.txt")
    code, output = pull(page, "--schemas", str(blocker / "schemas"))
    assert code == 2
    assert f"{blocker / 'schemas'}: cannot use it as a folder: Not a directory" in output
    assert "Traceback" not in output


def test_second_pull_changes_no_byte(in_repo: Path, tmp_path: Path) -> None:
    pages = [str(p) for p in sorted(PAGES.glob("*.txt"))]
    pull(*pages, "--schemas", str(tmp_path))
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.json")}
    code, output = pull(*pages, "--schemas", str(tmp_path))
    assert code == 0
    assert "0 added, 0 changed, 0 source-changed, 4 unchanged" in output
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.json")} == before


def test_spanish_page_and_i18n_key_page_agree_on_the_contract(tmp_path: Path) -> None:
    spanish, keys = tmp_path / "es", tmp_path / "keys"
    assert pull(str(PAGES / "000_9acd2780c1637ad8.txt"), "--schemas", str(spanish))[0] == 0
    assert pull(str(PAGES / "003_a830d0a766eb0050.txt"), "--schemas", str(keys))[0] == 0
    es_file = spanish / f"{DREAMINA_PRO}.json"
    keys_file = keys / f"{DREAMINA_PRO}.json"
    assert contract(es_file) == contract(keys_file)
    es_text, keys_text = es_file.read_text("utf-8"), keys_file.read_text("utf-8")
    # Byte-identical but for the source record.
    strip = re.compile(r'  "source": \{.*\}\n\}\n$', re.S)
    assert strip.sub("", es_text) == strip.sub("", keys_text)
    assert json.loads(es_text)["source"] != json.loads(keys_text)["source"]


def test_page_chrome_is_removed_and_the_api_is_kept(in_repo: Path) -> None:
    data = json.loads((SCHEMAS / f"{DREAMINA_PRO}.json").read_text("utf-8"))
    schema = data["input_schema"]
    assert "title" not in schema
    assert "modelApiDoc" not in json.dumps(data)
    assert list(schema["properties"]) == ["prompt", "image_urls", "seed", "frames"]
    assert len(schema["properties"]["image_urls"]["validations"]) == 7
    assert data["output_schema"]["properties"]["image"] == {"type": "string", "format": "uri"}
    assert data["output_schema_origin"] == "published"
    assert data["endpoint"] == f"https://model-api.runcomfy.net/v1/models/{DREAMINA_PRO}"
    assert sorted(data["source"]["locations"]) == [
        "inputs/pages/000_9acd2780c1637ad8.txt",
        "inputs/pages/003_a830d0a766eb0050.txt",
    ]


def _as_html(text: str) -> str:
    """A page as a site might serve it: entities, highlighted JSON split over spans."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace('"', "&quot;").replace("{", "<span class='p'>{</span>")
    return (
        "<!DOCTYPE html><html><head><title>Modelo</title>"
        '<script>var x = {"type": "object", "properties": {}};</script></head>'
        f"<body><nav>Menú</nav><main><pre><code>{escaped}</code></pre></main></body></html>"
    )


def test_html_and_flat_json_pages_give_the_same_contract(tmp_path: Path) -> None:
    source = (PAGES / "002_e94da7c852a456dd.txt").read_text("utf-8")
    html_page = tmp_path / "page.html"
    html_page.write_text(_as_html(source), "utf-8")
    # The same page with every JSON object flattened onto one line.
    flat_page = tmp_path / "flat.txt"
    flat_page.write_text(re.sub(r"\n(?=\s*[\"}\]\d-])", " ", source), "utf-8")
    results = []
    for page in (PAGES / "002_e94da7c852a456dd.txt", html_page, flat_page):
        out = tmp_path / page.stem
        code, output = pull(str(page), "--schemas", str(out))
        assert code == 0, output
        results.append(contract(out / "runwayml/runway-gen-3-alpha/turbo/image-to-video.json"))
    assert results[0] == results[1] == results[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('no endpoint here {"type": "object", "properties": {}}', "no model id found"),
        (
            "curl --url https://model-api.runcomfy.net/v1/models/a/b --data '{\"x\": 1}'",
            "no input schema found for a/b",
        ),
        (
            "https://model-api.runcomfy.net/v1/models/a/b and "
            "https://model-api.runcomfy.net/v1/models/c/d",
            "more than one model endpoint",
        ),
        (
            'https://model-api.runcomfy.net/v1/models/single {"type": "object", '
            '"properties": {}}',
            "2 to 5",
        ),
    ],
)
def test_unusable_page_names_page_and_what_is_missing_and_writes_nothing(
    tmp_path: Path, text: str, expected: str
) -> None:
    good = PAGES / "002_e94da7c852a456dd.txt"
    bad = tmp_path / "bad-page.txt"
    bad.write_text(text, "utf-8")
    out = tmp_path / "schemas"
    code, output = pull(str(good), str(bad), "--schemas", str(out))
    assert code == 2
    assert "bad-page.txt" in output
    assert expected in output
    assert "Traceback" not in output
    assert not out.exists()


def test_pages_that_disagree_on_one_model_are_refused(tmp_path: Path) -> None:
    page = (PAGES / "002_e94da7c852a456dd.txt").read_text("utf-8")
    changed = tmp_path / "changed.txt"
    changed.write_text(page.replace('"maxLength": 512', '"maxLength": 1024'), "utf-8")
    code, output = pull(
        str(PAGES / "002_e94da7c852a456dd.txt"), str(changed), "--schemas", str(tmp_path / "s")
    )
    assert code == 2
    assert "publish different schemas" in output
    assert "first at /input_schema/properties/promptText/maxLength: 512 vs 1024" in output
    assert not (tmp_path / "s").exists()


def test_changed_page_is_reported_as_changed(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    text = (PAGES / "002_e94da7c852a456dd.txt").read_text("utf-8")
    page.write_text(text, "utf-8")
    pull(str(page), "--schemas", str(tmp_path / "s"))
    page.write_text(text.replace('"maxLength": 512', '"maxLength": 1024'), "utf-8")
    code, output = pull(str(page), "--schemas", str(tmp_path / "s"))
    assert code == 0
    assert re.search(r"changed\s+runwayml/runway-gen-3-alpha/turbo/image-to-video", output)
    assert "1 changed" in output


def test_page_fetched_over_https(tmp_path: Path) -> None:
    body = (PAGES / "004_ecb602ae115c454e.txt").read_bytes()
    with https_server(
        lambda path, headers: (200, {"Content-Type": "text/plain; charset=utf-8"}, body)
    ) as served:
        url = f"{served.base_url}/it/models/seedance"
        code, output = pull(
            url, "--schemas", str(tmp_path), fetcher=Fetcher(verify=served.client_context)
        )
    assert code == 0, output
    data = json.loads(
        (tmp_path / "bytedance/seedance-1-0/pro/image-to-video.json").read_text("utf-8")
    )
    assert data["source"] == {"kind": "page", "locations": [url]}
    assert "authorization" not in served.requests[0][1]


def test_http_error_and_plain_http_are_clear_errors(tmp_path: Path) -> None:
    with https_server(lambda path, headers: (404, {}, b"<html>gone</html>")) as served:
        code, output = pull(
            f"{served.base_url}/x",
            "--schemas",
            str(tmp_path),
            fetcher=Fetcher(verify=served.client_context),
        )
    assert code == 2
    assert "HTTP 404" in output
    code, output = pull("http://127.0.0.1:9/page", "--schemas", str(tmp_path))
    assert code == 2
    assert "only https URLs are fetched" in output


def test_missing_file_and_no_arguments(tmp_path: Path) -> None:
    code, output = pull(str(tmp_path / "nope.txt"), "--schemas", str(tmp_path))
    assert code == 2
    assert "nope.txt: no such file" in output
    code, output = pull("--schemas", str(tmp_path))
    assert code == 2
    assert "give doc PAGES, --catalog FILE_OR_URL or --recorded" in output
