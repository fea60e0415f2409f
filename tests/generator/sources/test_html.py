"""pull on HTML pages: minified real-world structure, and telling HTML from plain text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.sources import Fetcher
from generator.sources.html_text import html_text, is_html
from tests.support.https import https_server
from tests.support.paths import SCHEMAS, TEST_FIXTURES
from tests.support.pulling import DREAMINA_PRO, RUNWAY, contract, pull

FIXTURES = TEST_FIXTURES / "pages"
# Page 003 as a site serves it: minified, Prism-highlighted JSON, an endpoint <code>
# straight before an <h2>, nav and footer lists, a __NEXT_DATA__ script, entities.
DREAMINA_HTML = FIXTURES / "dreamina-pro-pt-minified.html"
# Page 002 in English: a comment before the doctype, JSON as one <div> per line with
# &#34; quotes, the endpoint <a> in a <p> straight before the <pre>, a parameter table.
RUNWAY_HTML = FIXTURES / "runway-turbo-en-lines.html"


@pytest.mark.parametrize(
    ("page", "model_id"), [(DREAMINA_HTML, DREAMINA_PRO), (RUNWAY_HTML, RUNWAY)]
)
def test_minified_html_pages_give_the_committed_contract(
    tmp_path: Path, page: Path, model_id: str
) -> None:
    code, output = pull(str(page), "--schemas", str(tmp_path))
    assert code == 0, output
    assert f"added  {model_id}\n" in output
    assert contract(tmp_path / f"{model_id}.json") == contract(SCHEMAS / f"{model_id}.json")


def test_text_of_adjacent_elements_never_merges() -> None:
    text = html_text(
        "<!doctype html><html><body><ul><li>Home</li><li>Models</li></ul>"
        "<pre><code>curl https://h.test/v1/models/o/m</code></pre><h2>Input</h2>"
        '<p>POST <a href="#">https://h.test/v1/models/o/m</a></p><pre>{"a": 1}</pre>'
        "<table><tr><td>x</td><td>y</td></tr></table><p>one<br>two</p></body></html>"
    )
    lines = [line for line in text.splitlines() if line]
    assert lines == [
        "Home",
        "Models",
        "curl https://h.test/v1/models/o/m",
        "Input",
        "POST https://h.test/v1/models/o/m",
        '{"a": 1}',
        "x",
        "y",
        "one",
        "two",
    ]


def test_highlighted_json_joins_inside_its_block() -> None:
    text = html_text(
        '<html><pre><code><span class="p">{</span><span class="k">&quot;ty</span>'
        '<span class="k">pe&quot;</span><b>:</b> <i>&#34;object&#34;</i><span>}</span>'
        '</code></pre><!-- {"hidden": 1} --><script>{"x": 2}</script></html>'
    )
    assert text.strip() == '{"type": "object"}'


def test_page_without_an_extension_is_html_by_its_start(tmp_path: Path) -> None:
    page = tmp_path / "runway-page"
    shutil.copy(RUNWAY_HTML, page)
    code, output = pull(str(page), "--schemas", str(tmp_path / "s"))
    assert code == 0, output
    assert contract(tmp_path / "s" / f"{RUNWAY}.json") == contract(SCHEMAS / f"{RUNWAY}.json")


@pytest.mark.parametrize(
    ("raw", "location", "content_type", "expected"),
    [
        ("<!DOCTYPE html><p>x</p>", "page.txt", None, True),
        ("\ufeff\n  <!-- a --><!-- b -->\n<html lang=en>", "page", None, True),
        ('<?xml version="1.0"?><html xmlns="x">', "page", None, True),
        ("plain <p>text</p> with tags", "page.HTM", None, True),
        ("plain <p>text</p> with tags", "https://h.test/doc.html?x=1", None, True),
        ("plain <p>text</p> with tags", "https://h.test/doc", "text/html; charset=utf-8", True),
        ("plain <p>text</p> with tags", "page.txt", None, False),
        ("plain <div><pre>text</pre></div>", "https://h.test/doc", "text/plain", False),
        ("<htmlish> is not a tag we know", "page.txt", None, False),
    ],
)
def test_html_is_decided_by_start_extension_or_content_type(
    raw: str, location: str, content_type: str | None, expected: bool
) -> None:
    assert is_html(raw, location, content_type) is expected


PAGE_WITH_TAGS = (
    "curl https://model-api.runcomfy.net/v1/models/owner/model-tag\n"
    '{"type": "object", "properties": {"p": {"type": "string", '
    '"description": "Use <p> tags & &amp; entities; <div>x</div>"}}}\n'
)


def test_plain_text_mentioning_tags_is_kept_verbatim(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE_WITH_TAGS, "utf-8")
    assert pull(str(page), "--schemas", str(tmp_path / "s"))[0] == 0
    data = json.loads((tmp_path / "s/owner/model-tag.json").read_text("utf-8"))
    assert data["input_schema"]["properties"]["p"]["description"] == (
        "Use <p> tags & &amp; entities; <div>x</div>"
    )


def test_html_after_a_long_leading_comment_is_read_as_html(tmp_path: Path) -> None:
    page = tmp_path / "late"
    page.write_text(
        "<!--" + "x" * 6000 + "-->\n<html><body><pre>curl "
        "https://model-api.runcomfy.net/v1/models/owner/model-late</pre><pre>"
        "{&quot;type&quot;: &quot;object&quot;, &quot;properties&quot;: {}}</pre></body></html>",
        "utf-8",
    )
    code, output = pull(str(page), "--schemas", str(tmp_path / "s"))
    assert code == 0, output
    assert "owner/model-late" in output


def test_served_content_type_decides_for_urls(tmp_path: Path) -> None:
    html_body = DREAMINA_HTML.read_bytes()
    text_body = PAGE_WITH_TAGS.encode()

    def route(path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if path == "/docs/dreamina":
            # No doctype at the start, no extension: only the header says HTML.
            return 200, {"Content-Type": "text/html"}, html_body[html_body.index(b"<head>") :]
        return 200, {"Content-Type": "text/plain; charset=utf-8"}, text_body

    with https_server(route) as served:
        fetcher = Fetcher(verify=served.client_context)
        code, output = pull(
            f"{served.base_url}/docs/dreamina",
            f"{served.base_url}/docs/tagged",
            "--schemas",
            str(tmp_path),
            fetcher=fetcher,
        )
    assert code == 0, output
    assert contract(tmp_path / f"{DREAMINA_PRO}.json") == contract(SCHEMAS / f"{DREAMINA_PRO}.json")
    data = json.loads((tmp_path / "owner/model-tag.json").read_text("utf-8"))
    assert "<div>x</div>" in data["input_schema"]["properties"]["p"]["description"]
