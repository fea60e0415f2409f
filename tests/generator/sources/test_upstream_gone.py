"""pull --recorded / --check when a recorded source is gone, broken, slow or shrunk.

The scheduled CI refresh runs ``pull --recorded --prune`` every day. A page that is gone
(HTTP 404 or 410, or a local file deleted) means its model vanished: it is reported as
vanished, kept or (with --prune) removed, and the pull succeeds (exit 0). Anything that
does not prove the page is gone (a server error, a block, a timeout, an error page served
with 200, a catalog that answers with no models, every page gone at once) is an error
(exit 2) that writes and prunes nothing, so a bad morning upstream never deletes models.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.doc_site import NOT_FOUND_HTML, RUNWAY_PAGE, SERVED_PAGES, Site
from tests.support.https import Response, https_server
from tests.support.paths import PAGES, ROOT
from tests.support.pulling import DREAMINA_PRO, RUNWAY, pull


@pytest.fixture
def site() -> Iterator[Site]:
    pages = Site()
    with https_server(pages.route) as served:
        pages.served = served
        yield pages


def snapshot(schemas: Path) -> dict[str, bytes]:
    return {p.relative_to(schemas).as_posix(): p.read_bytes() for p in schemas.rglob("*.json")}


@pytest.fixture
def pulled(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose schemas were pulled from the site's five pages."""
    monkeypatch.chdir(tmp_path)
    code, output = pull(*map(site.url, SERVED_PAGES), fetcher=site.fetcher())
    assert code == 0, output
    assert "4 added" in output
    return tmp_path / "schemas"


@pytest.mark.parametrize("status", [404, 410])
def test_a_recorded_page_that_is_gone_is_vanished_not_an_error(
    site: Site, pulled: Path, status: int
) -> None:
    site.answers[RUNWAY_PAGE] = (status, {"Content-Type": "text/html"}, NOT_FOUND_HTML)
    before = snapshot(pulled)

    code, output = pull("--check", fetcher=site.fetcher())
    assert code == 1, output
    assert f" vanished  {RUNWAY}" in output
    assert "0 changed, 0 appeared, 1 vanished, 3 unchanged" in output

    code, output = pull("--recorded", fetcher=site.fetcher())
    assert code == 0, output
    assert f"vanished  {RUNWAY}  (its page is gone: {site.url(RUNWAY_PAGE)}: HTTP {status})" in (
        output
    )
    assert "3 unchanged, 1 vanished" in output
    assert snapshot(pulled) == before  # kept without --prune

    code, output = pull("--recorded", "--prune", fetcher=site.fetcher())
    assert code == 0, output
    assert f"removed  {RUNWAY}" in output
    assert "3 unchanged, 1 removed" in output
    assert not (pulled / f"{RUNWAY}.json").exists()
    assert pull("--check", fetcher=site.fetcher())[0] == 0


def test_a_redirect_to_a_missing_page_is_gone(site: Site, pulled: Path) -> None:
    site.answers[RUNWAY_PAGE] = (301, {"Location": "/models/moved-away"}, b"")
    code, output = pull("--recorded", "--prune", fetcher=site.fetcher())
    assert code == 0, output
    assert f"removed  {RUNWAY}" in output


def test_one_of_two_pages_of_a_model_gone_keeps_the_model(site: Site, pulled: Path) -> None:
    del site.answers["/pt/models/dreamina-pro/api"]
    code, output = pull("--recorded", "--prune", fetcher=site.fetcher())
    assert code == 0, output
    assert f"source-changed  {DREAMINA_PRO}" in output
    assert "removed" not in output
    source = json.loads((pulled / f"{DREAMINA_PRO}.json").read_text())["source"]
    assert source["locations"] == [site.url("/models/dreamina-pro/api")]


def test_a_recorded_file_deleted_from_disk_is_vanished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(PAGES, tmp_path / "inputs/pages")
    monkeypatch.chdir(tmp_path)
    assert pull(*map(str, sorted(Path("inputs/pages").glob("*.txt"))))[0] == 0
    (tmp_path / "inputs/pages/002_e94da7c852a456dd.txt").unlink()
    code, output = pull("--recorded")
    assert code == 0, output
    assert f"vanished  {RUNWAY}  (its page is gone: " in output
    assert "002_e94da7c852a456dd.txt: no such file)" in output
    code, output = pull("--recorded", "--prune")
    assert code == 0, output
    assert f"removed  {RUNWAY}" in output
    assert not (tmp_path / f"schemas/{RUNWAY}.json").exists()


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ((503, {"Content-Type": "text/html"}, b"<html>Service Unavailable</html>"), "HTTP 503"),
        ((500, {"Content-Type": "text/html"}, b"<html>Oops</html>"), "HTTP 500"),
        ((403, {"Content-Type": "text/html"}, b"<html>Blocked by WAF</html>"), "HTTP 403"),
        ((429, {"Retry-After": "60"}, b"slow down"), "HTTP 429"),
        # A "soft 404": an error page answered with 200 is not proof the model is gone.
        ((200, {"Content-Type": "text/html"}, NOT_FOUND_HTML), "no model id found"),
    ],
    ids=["503", "500", "403", "429", "soft-404"],
)
def test_a_page_that_fails_otherwise_is_an_error_that_prunes_nothing(
    site: Site, pulled: Path, answer: Response, expected: str
) -> None:
    site.answers[RUNWAY_PAGE] = answer
    before = snapshot(pulled)
    for args in (["--recorded", "--prune"], ["--check"]):
        code, output = pull(*args, fetcher=site.fetcher())
        assert code == 2, output
        assert site.url(RUNWAY_PAGE) in output
        assert expected in output
        assert f"recorded in the schema of {RUNWAY}" in output
        assert "Traceback" not in output
    assert snapshot(pulled) == before


def test_a_page_that_times_out_is_an_error_that_prunes_nothing(site: Site, pulled: Path) -> None:
    site.delay[RUNWAY_PAGE] = 1.5
    before = snapshot(pulled)
    code, output = pull("--recorded", "--prune", fetcher=site.fetcher(timeout=0.3))
    assert code == 2, output
    assert "not read within the deadline of 0.3 s" in output
    assert site.url(RUNWAY_PAGE) in output
    assert snapshot(pulled) == before


def test_every_page_gone_at_once_is_an_error_not_a_mass_removal(site: Site, pulled: Path) -> None:
    site.answers.clear()  # a moved site or a broken CDN, not five withdrawn models
    before = snapshot(pulled)
    code, output = pull("--recorded", "--prune", fetcher=site.fetcher())
    assert code == 2, output
    assert "every recorded page is gone (5 pages" in output
    assert "nothing was written or removed" in output
    assert snapshot(pulled) == before


def test_a_catalog_that_shrank_reports_what_vanished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    catalog = json.loads((ROOT / "inputs/catalog-sample.json").read_text())
    (tmp_path / "catalog.json").write_text(json.dumps(catalog))
    assert pull("--catalog", "catalog.json")[0] == 0
    gone = catalog["models"].pop()["model_id"]
    (tmp_path / "catalog.json").write_text(json.dumps(catalog))
    code, output = pull("--recorded")
    assert code == 0, output
    assert f"vanished  {gone}  (no longer listed by {tmp_path / 'catalog.json'})" in output


def test_a_catalog_that_answers_no_models_is_an_error_not_a_mass_removal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(ROOT / "inputs/catalog-sample.json", tmp_path / "catalog.json")
    assert pull("--catalog", "catalog.json")[0] == 0
    before = snapshot(tmp_path / "schemas")
    (tmp_path / "catalog.json").write_text('{"models": [], "total": 0}')
    for args in (["--recorded", "--prune"], ["--check"]):
        code, output = pull(*args)
        assert code == 2, output
        assert "catalog.json: the catalog lists no models now, 4 were pulled from it" in output
    assert snapshot(tmp_path / "schemas") == before


def test_a_catalog_that_is_gone_is_an_error_not_a_mass_removal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(ROOT / "inputs/catalog-sample.json", tmp_path / "catalog.json")
    assert pull("--catalog", "catalog.json")[0] == 0
    before = snapshot(tmp_path / "schemas")
    (tmp_path / "catalog.json").unlink()
    code, output = pull("--recorded", "--prune")
    assert code == 2, output
    assert "catalog.json: no such file" in output
    assert snapshot(tmp_path / "schemas") == before
