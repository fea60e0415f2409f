"""Doc pages served over real HTTPS on 127.0.0.1, for the recorded-source tests.

The pull tests (tests/generator/sources/test_upstream_gone.py) and the example workflow's
end-to-end test (tests/e2e/test_ci_workflow_script.py) change what a path answers (gone,
broken, slow, edited) and re-read the recorded pages.
"""

from __future__ import annotations

import time

from generator.sources import Fetcher
from tests.support.https import Response, Served
from tests.support.paths import PAGES

# Page name on the server -> seed page. Dreamina Pro is published by two pages (locales).
SERVED_PAGES = {
    "/models/dreamina-pro/api": "000_9acd2780c1637ad8.txt",
    "/models/dreamina/api": "001_a2011f05749709b2.txt",
    "/models/runway-turbo/api": "002_e94da7c852a456dd.txt",
    "/pt/models/dreamina-pro/api": "003_a830d0a766eb0050.txt",
    "/models/seedance-pro/api": "004_ecb602ae115c454e.txt",
}
RUNWAY_PAGE = "/models/runway-turbo/api"
NOT_FOUND_HTML = (
    b"<!doctype html><html><head><title>404</title></head><body>Not found</body></html>"
)


class Site:
    """Doc pages on a real HTTPS server; tests change what a path answers."""

    def __init__(self) -> None:
        self.answers: dict[str, Response] = {
            path: (200, {"Content-Type": "text/plain; charset=utf-8"}, (PAGES / name).read_bytes())
            for path, name in SERVED_PAGES.items()
        }
        self.delay: dict[str, float] = {}
        self.served: Served | None = None

    def route(self, path: str, headers: dict[str, str]) -> Response:
        time.sleep(self.delay.get(path, 0.0))
        return self.answers.get(path, (404, {"Content-Type": "text/html"}, NOT_FOUND_HTML))

    def url(self, path: str) -> str:
        assert self.served is not None
        return self.served.base_url + path

    def fetcher(self, timeout: float = 10.0) -> Fetcher:
        assert self.served is not None
        return Fetcher(verify=self.served.client_context, timeout=timeout)
