"""Browser fixtures: Debian's Chromium driven by Playwright against the built site on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page, Playwright, expect, sync_playwright

from site_src.serve import serve_in_thread

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PYTHON_TIMEOUT_MS = 180_000
# Assertions wait as long as Python may take to boot on a loaded 2-core machine.
expect.set_options(timeout=PYTHON_TIMEOUT_MS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything in this folder drives a browser."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@dataclass
class Site:
    """A served copy of the built site and every request the browser made to anywhere."""

    url: str
    requests: list[str] = field(default_factory=list)

    def page_url(self, path: str) -> str:
        """Absolute URL of a site path such as ``linear-regression/``."""
        return self.url + path.lstrip("/")

    def foreign_requests(self) -> list[str]:
        """Requests that went to any host but the site's own."""
        own = urlsplit(self.url).netloc
        return [url for url in self.requests if urlsplit(url).scheme in {"http", "https"}
                and urlsplit(url).netloc != own]


def _serve(built_site: Path, *, isolated: bool) -> Iterator[Site]:
    server, url = serve_in_thread(built_site, isolated=isolated)
    try:
        yield Site(url)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site(built_site: Path) -> Iterator[Site]:
    """The site served cross-origin isolated, as `make serve` serves it."""
    yield from _serve(built_site, isolated=True)


@pytest.fixture(scope="session")
def plain_site(built_site: Path) -> Iterator[Site]:
    """The site served without isolation headers (like a plain static host)."""
    yield from _serve(built_site, isolated=False)


@pytest.fixture(scope="session")
def instant_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The course built with a site_url that is the address it is served at (isolated).

    Material's instant navigation follows only the links its sitemap lists, keeping site_url's
    port: served at any other address (the `site` fixture's random port), every click is a full
    page load, so only this site shows what the runner does on a page Material swapped in.
    """
    from tests.browser.test_offline import build_course, free_port  # it imports this module

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    built = build_course(tmp_path_factory.mktemp("instant"), site_url=url)
    server, served = serve_in_thread(built, isolated=True, port=port)
    assert served == url
    try:
        yield Site(served)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    """Playwright, once per session (tests that need their own browser profile launch from it)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    with sync_playwright() as playwright:
        yield playwright


def launch(
    playwright: Playwright, profile: Path, *, service_workers: str = "allow"
) -> BrowserContext:
    """Chromium on the on-disk profile `profile` (an empty folder is a first visit)."""
    context = playwright.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, accept_downloads=True,
        service_workers=service_workers,
    )
    context.set_default_timeout(PYTHON_TIMEOUT_MS)
    return context


@pytest.fixture(scope="session")
def browser_context(
    playwright_driver: Playwright, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BrowserContext]:
    """One Chromium with an on-disk profile for the session, so Pyodide's files are cached.

    Tests still start from empty saved state: the `page` fixture clears the site's storage.
    The site's service worker is blocked here, so these tests see the runner itself, served as
    the server serves it (and `page.route` can fail a download); the service worker's offline
    cache and isolation headers have their own tests, each in a fresh profile
    (test_offline.py, test_isolation_sw.py).
    """
    context = launch(
        playwright_driver, tmp_path_factory.mktemp("chromium-profile"), service_workers="block"
    )
    yield context
    context.close()


def open_page(context: BrowserContext, served: Site) -> Page:
    """A new tab with the site's saved state cleared, recording every request it makes."""
    page = context.new_page()
    page.on("request", lambda request: served.requests.append(request.url))
    page.goto(served.url + "404-for-storage-reset")
    page.evaluate("localStorage.clear()")
    return page


@pytest.fixture
def page(browser_context: BrowserContext, site: Site) -> Iterator[Page]:
    """A tab on the isolated site with empty saved state."""
    tab = open_page(browser_context, site)
    yield tab
    tab.close()
