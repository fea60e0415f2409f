"""Ids and pages: an id that does not fit the grammar is an error naming the page and
the id as found, never cut short; malformed schema JSON is reported with its position."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.schema.document import model_id_problem

EP = "https://model-api.runcomfy.net/v1/models/"
SCHEMA = json.dumps({"type": "object", "properties": {"prompt": {"type": "string"}}})
SPACED = "runwayml/Runway Gen3/turbo/image-to-video"


def _pull(tmp_path: Path, text: str, *args: str) -> tuple[int, str, Path]:
    page = tmp_path / "page.txt"
    page.write_text(text, "utf-8")
    out = tmp_path / "schemas"
    result = CliRunner().invoke(main, ["pull", str(page), "--schemas", str(out), *args])
    return result.exit_code, result.output, out


def _refused(tmp_path: Path, text: str, *expected: str) -> str:
    code, output, out = _pull(tmp_path, text)
    assert code == 2, output
    assert "page.txt" in output
    for part in expected:
        assert part in output, output
    assert "Traceback" not in output
    assert not out.exists()
    return output


@pytest.mark.parametrize(
    "sample",
    [
        f"curl --request POST \\\n--url {EP}{SPACED} \\\n--header 'x: y'\n",
        f'curl -X POST "{EP}{SPACED}" -d @body.json\n',
        f"requests.post('{EP}{SPACED}', json=body)\n",
        f"POST `{EP}{SPACED}`\n",
        f"POST {EP}{SPACED}\n",
        f"POST {EP}{SPACED.replace(' ', chr(0xA0))}\n",  # a no-break space (&nbsp;)
        f"POST {EP}{SPACED.replace(' ', chr(0x3000))}\n",  # an ideographic space
    ],
)
def test_an_id_with_a_space_is_refused_whole(tmp_path: Path, sample: str) -> None:
    found = SPACED.replace(" ", sample.split("Runway", 1)[1][0])
    output = _refused(tmp_path, sample + SCHEMA, repr(found), "segment ")
    assert "runwayml/Runway'" not in output
    assert "added" not in output


@pytest.mark.parametrize(
    ("url_tail", "found"),
    [
        ("owner/model%2Fx", "owner/model%2Fx"),
        ("owner/über", "owner/über"),
        ("a//b", "a//b"),
        ("solo", "solo"),
        ("a/b/c/d/e/f", "a/b/c/d/e/f"),
        ("acme/..hidden", "acme/..hidden"),
        ("acme/mod\u202eel", "acme/mod\\u202eel"),
        ('"acme/My Fancy Model/v2"', "acme/My Fancy Model/v2"),
    ],
)
def test_an_id_off_the_grammar_is_named_as_found(tmp_path: Path, url_tail: str, found: str) -> None:
    if url_tail.startswith('"'):
        text = f'curl "{EP}{url_tail[1:-1]}"\n{SCHEMA}'
    else:
        text = f"curl {EP}{url_tail}\n{SCHEMA}"
    _refused(tmp_path, text, f"'{found}'", "model id")


def test_a_long_bad_id_is_not_cut(tmp_path: Path) -> None:
    long = "acme/" + "x" * 300 + " y/z"
    _refused(tmp_path, f'curl "{EP}{long}"\n{SCHEMA}', repr(long))


@pytest.mark.parametrize(
    ("text", "model_id"),
    [
        (f"POST {EP}a/b to submit it\n{SCHEMA}", "a/b"),
        (f"curl {EP}a/b \\\n{SCHEMA}", "a/b"),
        (f"See {EP}a/b. Then poll.\n{SCHEMA}", "a/b"),
        (f'fetch("{EP}a/b?x=1 y")\n{SCHEMA}', "a/b"),
        (f"调用 {EP}a/b。然后轮询。\n{SCHEMA}", "a/b"),
        (f"Siehe „{EP}a/b“ oder «{EP}a/b».\n{SCHEMA}", "a/b"),
        (f"See “{EP}a/b” for details.\n{SCHEMA}", "a/b"),
    ],
)
def test_prose_after_a_good_id_is_not_read_as_part_of_it(
    tmp_path: Path, text: str, model_id: str
) -> None:
    code, output, out = _pull(tmp_path, text)
    assert code == 0, output
    assert (out / f"{model_id}.json").is_file()


def test_the_id_grammar_has_no_trailing_newline_loophole() -> None:
    assert model_id_problem("acme/x\n") is not None
    assert model_id_problem("acme/x") is None


@pytest.mark.parametrize("model_id", [SPACED, "acme/x\n", "acme/x y", " acme/x"])
def test_a_catalog_id_off_the_grammar_names_the_catalog_and_the_id(
    tmp_path: Path, model_id: str
) -> None:
    catalog = tmp_path / "catalog.json"
    entry = {"model_id": model_id, "input_schema": json.loads(SCHEMA)}
    catalog.write_text(json.dumps({"models": [entry], "total": 1}), "utf-8")
    out = tmp_path / "schemas"
    result = CliRunner().invoke(main, ["pull", "--catalog", str(catalog), "--schemas", str(out)])
    assert result.exit_code == 2, result.output
    assert "catalog.json: models[0]" in result.output
    assert repr(model_id) in result.output
    assert not out.exists()


# -- malformed JSON ------------------------------------------------------------------


def _position(text: str, marker: str) -> tuple[int, int]:
    offset = text.index(marker)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_a_trailing_comma_is_malformed_json_with_its_line_and_column(tmp_path: Path) -> None:
    bad = '{\n  "type": "object",\n  "properties": {\n    "prompt": {"type": "string",}\n  }\n}'
    text = f"curl {EP}acme/model\n\nInput schema:\n{bad}\n"
    line, column = _position(text, ",}")
    column += 1  # the parser stops at the brace after the comma
    start_line, _ = _position(text, '{\n  "type"')
    output = _refused(
        tmp_path,
        text,
        f"malformed JSON at line {line}, column {column}",
        "Expecting property name enclosed in double quotes",
        f"line {start_line}, column 1",
    )
    assert "no input schema found" not in output


def test_a_missing_comma_before_properties_is_malformed_json(tmp_path: Path) -> None:
    text = f'curl {EP}acme/model\n{{"type": "object" "properties": {{"p": {{"type": "string"}}}}}}'
    line, column = _position(text, ' "properties"')
    _refused(tmp_path, text, f"malformed JSON at line {line}, column {column + 1}")


def test_a_malformed_output_schema_next_to_a_good_input_is_not_silently_assumed(
    tmp_path: Path,
) -> None:
    output = '{"output": {"type": "object", "properties": {"image": {"type": "string"},}}}'
    text = f"curl {EP}acme/model\n{SCHEMA}\n{output}\n"
    _refused(tmp_path, text, "malformed JSON at line 3")


def test_code_samples_that_are_not_json_are_not_blamed(tmp_path: Path) -> None:
    sample = 'payload = {"type": "image", "strength": None, "loop": True}\n'
    code, output, out = _pull(tmp_path, f"curl {EP}acme/model\n{sample}{SCHEMA}\n")
    assert code == 0, output
    assert (out / "acme/model.json").is_file()


def test_html_page_positions_are_in_the_pages_text(tmp_path: Path) -> None:
    bad = '{"type": "object", "properties": {"p": {"type": "string",}}}'
    page = tmp_path / "page.html"
    page.write_text(f"<html><body><pre>curl {EP}acme/model</pre><pre>{bad}</pre></body></html>")
    out = tmp_path / "schemas"
    result = CliRunner().invoke(main, ["pull", str(page), "--schemas", str(out)])
    assert result.exit_code == 2, result.output
    assert "malformed JSON at line" in result.output
    assert "of the page's text" in result.output


HOSTILE = {
    "endpoint-urls-in-one-run": "https://a.b/v1/models/" * 200_000,
    "endpoint-urls-spaced": "https://a.b/v1/models/x/y a/" * 100_000,
    "endpoint-urls-unclosed-quotes": '"https://a.b/v1/models/x ' * 100_000,
    "schema-starts-that-break": '{"type": 1,} ' * 200_000,
    "schema-starts-nested": '{"properties": {"a": ' * 100_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_reading_ids_and_json_faults_stays_linear_on_hostile_pages(name: str) -> None:
    """A quadratic scan takes minutes on these (measured: 80,000 breaking starts took
    37 s before the fix); the deadline leaves a wide margin over a linear one."""
    script = (
        "import sys\n"
        "from generator.sources.endpoint import endpoint_ids\n"
        "from generator.sources.json_faults import malformed_json\n"
        "text = sys.stdin.read()\n"
        "endpoint_ids(text)\n"
        "malformed_json(text)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=HOSTILE[name],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr
